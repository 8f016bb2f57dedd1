// Callbacks fit calls at the start and end of training, of each epoch and of each batch (Keras's
// keras.callbacks). Each may be async; fit awaits it. `logs` holds loss, metrics and val_*.
import type { Tensor } from "../tensor/tensor.ts";
import { checkOptions } from "../tensor/options.ts";

export type Logs = Record<string, number>;

/** What a callback sees of the model. */
export interface CallbackModel {
  stopTraining: boolean;
  getWeights(): Tensor[];
  setWeights(ws: readonly Tensor[]): void;
}

export interface Callback {
  model?: CallbackModel;
  onTrainBegin?(logs: Logs): void | Promise<void>;
  onTrainEnd?(logs: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
}

export interface EarlyStoppingOptions {
  /** Keras's default "val_loss" */
  monitor?: string;
  /** smaller changes do not count as an improvement */
  minDelta?: number;
  /** epochs without improvement before stopping */
  patience?: number;
  /** "min" for losses, "max" for accuracies; "auto" decides from the name */
  mode?: "auto" | "min" | "max";
  baseline?: number | null;
  /** when stopping, put back the weights of the best epoch */
  restoreBestWeights?: boolean;
  /** epochs to wait before watching at all */
  startFromEpoch?: number;
}

/** Stop fit when `monitor` has stopped improving for `patience` epochs (Keras's EarlyStopping). */
export class EarlyStopping implements Callback {
  model?: CallbackModel;
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: "min" | "max";
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  wait = 0;
  /** the epoch training stopped at (0 if it did not stop early) */
  stoppedEpoch = 0;
  best = Infinity;
  bestEpoch = 0;
  private bestWeights: Tensor[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    checkOptions("nn.callbacks.EarlyStopping", options, ["monitor", "minDelta", "patience", "mode", "baseline", "restoreBestWeights", "startFromEpoch"]);
    this.monitor = options.monitor ?? "val_loss";
    const mode = options.mode ?? "auto";
    this.mode = mode === "auto" ? (/acc|auc/.test(this.monitor) ? "max" : "min") : mode;
    this.minDelta = Math.abs(options.minDelta ?? 0) * (this.mode === "min" ? -1 : 1);
    this.patience = options.patience ?? 0;
    this.baseline = options.baseline ?? null;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
  }

  private improved(value: number, reference: number): boolean {
    return this.mode === "min" ? value - this.minDelta < reference : value - this.minDelta > reference;
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.mode === "min" ? Infinity : -Infinity;
    this.bestWeights = null;
    this.bestEpoch = 0;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const value = logs[this.monitor];
    if (value === undefined) {
      throw new Error(`EarlyStopping: monitor "${this.monitor}" is not in the logs (have: ${Object.keys(logs).join(", ")}); give fit validationData or validationSplit, or monitor "loss"`);
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.model!.getWeights();
    this.wait++;
    if (this.improved(value, this.best)) {
      this.best = value;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.model!.getWeights();
      if (this.baseline === null || this.improved(value, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model!.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights !== null) this.model!.setWeights(this.bestWeights);
    }
  }
}

/** A callback from functions (Keras's LambdaCallback). */
export class LambdaCallback implements Callback {
  model?: CallbackModel;
  constructor(functions: Omit<Callback, "model">) {
    checkOptions("nn.callbacks.LambdaCallback", functions, ["onTrainBegin", "onTrainEnd", "onEpochBegin", "onEpochEnd", "onBatchBegin", "onBatchEnd"]);
    Object.assign(this, functions);
  }
}

export const callbacks = {
  EarlyStopping: (options?: EarlyStoppingOptions) => new EarlyStopping(options),
  LambdaCallback: (functions: Omit<Callback, "model">) => new LambdaCallback(functions),
};
