// Sequential: layers applied one after the other (keras.Sequential). It is itself a layer, so an
// encoder and a decoder can be two Sequentials inside a third (an autoencoder).
//   forward   A⁽ˡ⁾ = layer_l(A⁽ˡ⁻¹⁾),  A⁽⁰⁾ = X
//   backward  through each layer's ops, last layer first (autograd's reversed topological order)
// Its training methods (compile, fit, evaluate, predict, summary) are thin: the work is in
// ./compile.ts, ./fit.ts, ./train-step.ts, ./evaluate.ts and ./summary.ts.
import type { Tensor, TensorLike } from "../tensor/tensor.ts";
import { Layer, type CallContext, type LayerOptions, type Weight } from "./layer.ts";
import { snakeCase } from "./names.ts";
import { compileOptions, type CompileOptions, type Compiled } from "./compile.ts";
import { fit, type FitOptions } from "./fit.ts";
import { evaluate, predict } from "./evaluate.ts";
import type { History } from "./history.ts";
import { CONSOLE_HOST, type NNHost } from "./host.ts";
import { summaryText } from "./summary.ts";
import { modelToJSON, type ModelJSON } from "./save.ts";
import { traceStep, type TrainingStepTrace } from "./inspect.ts";
import { asData, checkRows } from "./data-batches.ts";
import { awaitable, notWhileFitting } from "./fit-guard.ts";
import type { Optimizer } from "./optimizers/optimizer.ts";

export class Sequential extends Layer {
  readonly className: string = "Sequential";
  readonly layers: Layer[] = [];
  /** where summary() and fit's progress go (the running cell's output, in a notebook) */
  host: NNHost = CONSOLE_HOST;
  compiled: Compiled | null = null;
  /** the History of the last fit (also while it runs, and after a Stop) */
  history: History | null = null;
  /** set by a callback (EarlyStopping) to end fit after the current batch */
  stopTraining = false;
  /** a fit is under way / its own code is running (./fit-guard.ts) */
  fitting = false;
  fitActive = false;

  constructor(layers: readonly Layer[] = [], options: LayerOptions = {}) {
    super(options);
    if (!Array.isArray(layers)) throw new Error("nn.Sequential: expected a list of layers, e.g. nn.Sequential([nn.Dense(16, {inputShape: [2]}), nn.Dense(1)])");
    for (const layer of layers) this.add(layer);
  }

  /** Append a layer (Keras's model.add). */
  add(layer: Layer): this {
    if (!(layer instanceof Layer)) throw new Error(`nn.Sequential: item ${this.layers.length} is not a layer (got ${typeof layer}); make layers with nn.Dense(...), nn.Dropout(...)`);
    if (this.layers.includes(layer)) throw new Error(`nn.Sequential: ${layer.label()} is in the model twice`);
    if (layer.name === null) {
      const base = snakeCase(layer.className);
      let k = 1;
      while (this.layers.some((l) => l.name === `${base}_${k}`)) k++;
      layer.name = `${base}_${k}`;
    } else if (this.layers.some((l) => l.name === layer.name)) {
      throw new Error(`nn.Sequential: two layers are named "${layer.name}"; names must be unique in a model`);
    }
    this.layers.push(layer);
    this.assignScopes(this.scope);
    // the first layer says the input shape: build now, so summary() knows every shape
    const first = this.layers[0];
    if (first.inputShape !== null && !this.built) this.ensureBuilt(first.inputShape);
    else if (this.built) this.buildFrom(this.layers.length - 1, this.outputShapeOf(this.layers.length - 1));
    return this;
  }

  /** Prefix the names of nested layers' intermediates ("encoder/dense_1/Z"). */
  assignScopes(prefix: string): void {
    for (const l of this.layers) {
      l.scope = prefix ? `${prefix}/${l.name}` : l.name!;
      if (l instanceof Sequential) l.assignScopes(l.scope);
      else l.nameWeights();
    }
  }

  private outputShapeOf(index: number): number[] {
    let shape = this.inputShape!;
    for (let i = 0; i < index; i++) shape = this.layers[i].computeOutputShape(shape);
    return shape;
  }

  private buildFrom(start: number, shape: number[]): void {
    for (let i = start; i < this.layers.length; i++) {
      this.layers[i].ensureBuilt(shape);
      shape = this.layers[i].computeOutputShape(shape);
    }
  }

  /** Once built, the first layer checks the input's shape (its error names it). */
  override ensureBuilt(inputShape: number[]): void {
    if (this.built && this.layers.length > 0) this.layers[0].ensureBuilt(inputShape);
    super.ensureBuilt(inputShape);
  }

  protected override build(inputShape: number[]): void {
    if (this.layers.length === 0) throw new Error("nn.Sequential: the model has no layers");
    this.buildFrom(0, inputShape);
  }

  protected call(x: Tensor, ctx: CallContext): Tensor {
    let a = x;
    for (const layer of this.layers) a = layer.apply(a, ctx);
    return a;
  }

  computeOutputShape(inputShape: number[]): number[] {
    return this.layers.reduce((shape, l) => l.computeOutputShape(shape), inputShape);
  }

  override weightEntries(): Weight[] {
    return this.layers.flatMap((l) => l.weightEntries());
  }
  override get trainableWeights(): Tensor[] {
    return this.trainable ? this.layers.flatMap((l) => l.trainableWeights) : [];
  }
  override regularizationLosses(): { name: string; value: Tensor }[] {
    return this.trainable ? this.layers.flatMap((l) => l.regularizationLosses()) : [];
  }

  /** The innermost last layer (its activation decides whether losses can use the logits). */
  lastLeaf(): Layer | null {
    const last = this.layers[this.layers.length - 1];
    if (last === undefined) return null;
    return last instanceof Sequential ? last.lastLeaf() : last;
  }

  /** A layer by name or index (Keras's model.get_layer). */
  getLayer(nameOrIndex: string | number): Layer {
    const layer = typeof nameOrIndex === "number" ? this.layers[nameOrIndex] : this.layers.find((l) => l.name === nameOrIndex);
    if (layer === undefined) throw new Error(`getLayer: no layer ${typeof nameOrIndex === "number" ? `at index ${nameOrIndex}` : `named "${nameOrIndex}"`} (layers: ${this.layers.map((l) => l.name).join(", ")})`);
    return layer;
  }

  getConfig(): Record<string, unknown> {
    return { layers: this.layers.map((l) => ({ className: l.className, name: l.name, config: l.getConfig() })) };
  }

  // ---- training (Keras's Model methods) ----------------------------------------------------------
  /** Choose the optimiser, the loss and the metrics fit and evaluate report. */
  compile(options: CompileOptions): void {
    this.compiled = compileOptions(options);
  }

  get optimizer(): Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  private needCompiled(where: string): Compiled {
    if (this.compiled === null) throw new Error(`${where}: compile the model first, e.g. model.compile({optimizer: "adam", loss: "mse"})`);
    return this.compiled;
  }

  /** Train on (x, y); resolves to the History. `await model.fit(X, y, {epochs: 100, batchSize: 32})`. */
  fit(x: TensorLike, y: TensorLike, options?: FitOptions): Promise<History> {
    notWhileFitting(this, "fit");
    return awaitable(fit(this, this.needCompiled("fit"), this.host, x, y, options));
  }

  /** The loss and metrics on (x, y), training off: {loss, accuracy}. */
  evaluate(x: TensorLike, y: TensorLike): Record<string, number> {
    notWhileFitting(this, "evaluate");
    return evaluate(this, this.needCompiled("evaluate"), x, y);
  }

  /**
   * Record one training step on (x, y), every intermediate named after its layer (dense_1/Z,
   * dense_1/dW, dropout_1/mask, ...), and list the steps by layer. The step is real: the weights change.
   */
  trace(x: TensorLike, y: TensorLike): TrainingStepTrace {
    notWhileFitting(this, "trace");
    const compiled = this.needCompiled("trace");
    const X = asData("trace", "x", x), Y = asData("trace", "y", y);
    checkRows("trace", X, Y);
    return traceStep(this, compiled, X, Y);
  }

  /** The model's outputs for x, training off (no dropout; BatchNormalization's moving averages). */
  predict(x: TensorLike): Tensor {
    notWhileFitting(this, "predict");
    return predict(this, x);
  }

  /** Print the layers, their output shapes and parameter counts, as Keras. */
  summary(options: { printFn?: (text: string) => void } = {}): void {
    const text = summaryText(this);
    if (options.printFn) options.printFn(text);
    else this.host.display({ "text/plain": text });
  }

  /** The model as JSON text (architecture, weights, compile settings): nn.loadModel(text) rebuilds it. */
  save(): string {
    return JSON.stringify(modelToJSON(this));
  }

  toJSON(): ModelJSON {
    return modelToJSON(this);
  }
}
