// model.fit: epochs of shuffled mini-batches, each a train step (./train-step.ts), then the epoch's
// mean loss and metrics, validation, callbacks, and a progress bar in the cell.
//
// It is async: every ~50 ms it gives the kernel a moment (so a Stop gets through, and the page stays
// responsive); Stop ends it between two batches with the weights trained so far, and
// model.history keeps the epochs that finished. The cell awaits it: `await model.fit(...)`.
import type { TensorLike } from "../tensor/tensor.ts";
import { checkOptions } from "../tensor/options.ts";
import { progressBundle } from "../display/progress.ts";
import { MIME } from "../protocol/mime.ts";
import type { Callback, Logs } from "./callbacks.ts";
import type { Compiled } from "./compile.ts";
import { asData, checkRows, range, rows } from "./data-batches.ts";
import { evaluate } from "./evaluate.ts";
import { fmt, History } from "./history.ts";
import type { NNHost } from "./host.ts";
import { generator } from "./random.ts";
import type { Sequential } from "./sequential.ts";
import { trainStep } from "./train-step.ts";
import { waiting, type FitState } from "./fit-guard.ts";
import { markBatch, markEpoch } from "../trace/active.ts";

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  /** shuffle the rows before each epoch (seeded: `seed`, or np.random) */
  shuffle?: boolean;
  /** hold out this fraction of the rows, taken from the end before shuffling (as Keras) */
  validationSplit?: number;
  validationData?: [TensorLike, TensorLike];
  callbacks?: Callback[];
  /** 1 or "auto": a progress bar (default); 2: one line per epoch, as Keras prints; 0: nothing */
  verbose?: 0 | 1 | 2 | "auto";
  seed?: number;
}

const YIELD_MS = 50;
const PROGRESS_MS = 100;

function positiveInt(where: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new Error(`${where}: ${name} must be a positive integer, got ${String(v)}`);
  return v;
}

export async function fit(model: Sequential & FitState & { stopTraining: boolean; history: History | null }, compiled: Compiled, host: NNHost, x: TensorLike, y: TensorLike, options: FitOptions = {}): Promise<History> {
  checkOptions("fit", options, ["epochs", "batchSize", "shuffle", "validationSplit", "validationData", "callbacks", "verbose", "seed"]);
  let X = asData("fit", "x", x), Y = asData("fit", "y", y);
  checkRows("fit", X, Y);
  const epochs = positiveInt("fit", "epochs", options.epochs ?? 1);
  const batchSize = positiveInt("fit", "batchSize", options.batchSize ?? 32);
  let validation: [TensorLike, TensorLike] | null = options.validationData ?? null;
  if (options.validationSplit !== undefined && options.validationSplit > 0) {
    const split = options.validationSplit;
    if (!(split < 1)) throw new Error(`fit: validationSplit must be in [0, 1), got ${split}`);
    if (validation !== null) throw new Error("fit: give validationData or validationSplit, not both");
    const nTrain = Math.floor(X.shape[0] * (1 - split));
    const all = range(X.shape[0]);
    validation = [rows(X, all, nTrain), rows(Y, all, nTrain)];
    X = rows(X, all, 0, nTrain);
    Y = rows(Y, all, 0, nTrain);
  }
  if (validation !== null && (!Array.isArray(validation) || validation.length !== 2)) throw new Error("fit: validationData must be [xVal, yVal]");
  const n = X.shape[0];
  if (n === 0) throw new Error("fit: no training rows");
  const steps = Math.ceil(n / batchSize);
  const rng = generator(options.seed);
  const cbs = options.callbacks ?? [];
  cbs.forEach((cb, i) => {
    if (typeof cb !== "object" || cb === null) throw new Error(`fit: callbacks[${i}] is not a callback; make one with nn.callbacks.EarlyStopping(...) or nn.callbacks.LambdaCallback({...})`);
    cb.model = model;
  });
  const history = new History();
  history.params = { epochs, steps, samples: n };
  model.history = history;
  model.stopTraining = false;

  const verbose = options.verbose ?? "auto";
  if (![0, 1, 2, "auto"].includes(verbose)) throw new Error(`fit: verbose must be 0 (silent), 1 or "auto" (a progress bar) or 2 (one line per epoch), got ${JSON.stringify(verbose)}`);
  const bar = verbose === 1 || verbose === "auto" ? new FitProgress(host, epochs * steps) : null;
  const lines = verbose === 2 ? new EpochLines(host, epochs, steps) : null;
  let lastYield = performance.now();
  model.fitting = true;
  model.fitActive = true;
  try {
    for (const cb of cbs) await waiting(model, cb.onTrainBegin?.({}));
    for (let epoch = 0; epoch < epochs && !model.stopTraining; epoch++) {
      for (const cb of cbs) await waiting(model, cb.onEpochBegin?.(epoch, {}));
      markEpoch(epoch); // a traced cell's step-through says "epoch e, batch k"
      const order = options.shuffle === false ? range(n) : rng.permutation(n).data;
      let lossSum = 0, seen = 0;
      const metricSums = compiled.metrics.map(() => 0);
      const running = (): Logs => {
        const logs: Logs = { loss: lossSum / seen };
        compiled.metrics.forEach((m, i) => (logs[m.name] = metricSums[i] / seen));
        return logs;
      };
      for (let b = 0; b < steps; b++) {
        host.checkInterrupt();
        for (const cb of cbs) await waiting(model, cb.onBatchBegin?.(b, {}));
        markBatch(b);
        const start = b * batchSize, end = Math.min(n, start + batchSize);
        const r = trainStep(model, compiled, rows(X, order, start, end), rows(Y, order, start, end));
        lossSum += r.loss * (end - start);
        r.metricSums.forEach((s, i) => (metricSums[i] += s));
        seen += end - start;
        for (const cb of cbs) await waiting(model, cb.onBatchEnd?.(b, running()));
        bar?.report(epoch * steps + b + 1, `Epoch ${epoch + 1}/${epochs}`, running(), false);
        if (performance.now() - lastYield > YIELD_MS) {
          await waiting(model, host.yieldToKernel());
          lastYield = performance.now();
        }
        if (model.stopTraining) break;
      }
      const logs = running();
      if (validation !== null) {
        const v = evaluate(model, compiled, validation[0], validation[1]);
        for (const [k, val] of Object.entries(v)) logs[`val_${k}`] = val;
      }
      history.append(epoch, logs);
      lines?.epochEnd(epoch, logs);
      for (const cb of cbs) await waiting(model, cb.onEpochEnd?.(epoch, logs));
      bar?.report((epoch + 1) * steps, `Epoch ${epoch + 1}/${epochs}`, logs, false);
    }
    for (const cb of cbs) await waiting(model, cb.onTrainEnd?.(history.epoch.length ? lastLogs(history) : {}));
  } finally {
    model.fitting = false;
    model.fitActive = false;
    bar?.finish();
  }
  return history;
}

function lastLogs(h: History): Logs {
  const out: Logs = {};
  for (const [k, v] of Object.entries(h.history)) out[k] = v[v.length - 1];
  return out;
}

/**
 * verbose: 2, Keras's one line per epoch, in one text output that grows:
 *   Epoch 1/10
 *   4/4 - 0s - 3ms/step - loss: 0.6931 - accuracy: 0.5000 - val_loss: 0.6920
 */
class EpochLines {
  private readonly id: string;
  private readonly text: string[] = [];
  private epochStart = performance.now();

  constructor(private readonly host: NNHost, private readonly epochs: number, private readonly steps: number) {
    this.id = host.newDisplayId();
  }

  epochEnd(epoch: number, logs: Logs): void {
    const ms = performance.now() - this.epochStart;
    const values = Object.entries(logs).map(([k, v]) => ` - ${k}: ${fmt(v)}`).join("");
    this.text.push(`Epoch ${epoch + 1}/${this.epochs}`, `${this.steps}/${this.steps} - ${Math.round(ms / 1000)}s - ${Math.round(ms / this.steps)}ms/step${values}`);
    const bundle = { [MIME.text]: this.text.join("\n") };
    if (epoch === 0) this.host.display(bundle, this.id);
    else this.host.update(this.id, bundle);
    this.epochStart = performance.now();
  }
}

/** One progress bar for the whole fit, updated in place (at most every 100 ms), as Keras's progbar. */
class FitProgress {
  private readonly id: string;
  private readonly start = performance.now();
  private lastEmit = 0;
  private state: { value: number; label: string } = { value: 0, label: "" };

  constructor(private readonly host: NNHost, private readonly total: number) {
    this.id = host.newDisplayId();
    host.display(this.bundle(false), this.id);
  }

  report(value: number, epoch: string, logs: Logs, force: boolean): void {
    this.state = { value, label: `${epoch} - ${Object.entries(logs).map(([k, v]) => `${k}: ${fmt(v)}`).join(" - ")}` };
    const now = performance.now();
    if (force || now - this.lastEmit >= PROGRESS_MS) {
      this.lastEmit = now;
      this.host.update(this.id, this.bundle(false));
    }
  }

  finish(): void {
    this.host.update(this.id, this.bundle(this.state.value >= this.total));
  }

  private bundle(done: boolean) {
    return progressBundle({ value: this.state.value, total: this.total, start: this.start, label: this.state.label || "Epoch 1" }, done);
  }
}
