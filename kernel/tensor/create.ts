// Making arrays: np.array from nested lists, and numpy's creation helpers.
import { Tensor, type NestedArray } from "./tensor.ts";
import { checkShape, sizeOf } from "./shape.ts";

export interface ArrayOptions {
  requiresGrad?: boolean;
  name?: string;
}

function finish(t: Tensor, options?: ArrayOptions): Tensor {
  if (options?.requiresGrad) t.requiresGrad();
  if (options?.name) t.named(options.name);
  return t;
}

/** np.array([[1, 2], [3, 4]]): nested arrays (or a typed array) to a tensor; ragged input is an error. */
export function array(value: NestedArray | ArrayLike<number> | Tensor, options?: ArrayOptions): Tensor {
  if (value instanceof Tensor) return finish(new Tensor(value.data.slice(), value.shape), options);
  if (ArrayBuffer.isView(value)) {
    const flat = Float64Array.from(value as ArrayLike<number>);
    return finish(new Tensor(flat, [flat.length]), options);
  }
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const data = new Float64Array(sizeOf(shape));
  let at = 0;
  const fill = (v: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (Array.isArray(v)) throw new Error(`array: inhomogeneous shape: element ${path} is a list, expected a number`);
      if (typeof v === "boolean") v = v ? 1 : 0;
      if (typeof v !== "number") throw new Error(`array: element ${path} is ${JSON.stringify(v) ?? typeof v}, expected a number`);
      data[at++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`array: inhomogeneous shape after ${depth} dimensions: element ${path || "[]"} has ${Array.isArray(v) ? `length ${v.length}` : "no length"}, expected ${shape[depth]}`);
    }
    for (let i = 0; i < v.length; i++) fill(v[i], depth + 1, `${path}[${i}]`);
  };
  fill(value, 0, "");
  return finish(new Tensor(data, shape), options);
}

export function full(shape: readonly number[], value: number, options?: ArrayOptions): Tensor {
  const s = checkShape("full", shape);
  return finish(new Tensor(new Float64Array(sizeOf(s)).fill(value), s), options);
}
export const zeros = (shape: readonly number[], options?: ArrayOptions) => full(shape, 0, options);
export const ones = (shape: readonly number[], options?: ArrayOptions) => full(shape, 1, options);
export const zerosLike = (t: Tensor, options?: ArrayOptions) => full(t.shape, 0, options);
export const onesLike = (t: Tensor, options?: ArrayOptions) => full(t.shape, 1, options);
export const fullLike = (t: Tensor, value: number, options?: ArrayOptions) => full(t.shape, value, options);

/** The identity matrix: np.eye(3). */
export function eye(n: number, m = n, options?: ArrayOptions): Tensor {
  const t = full([n, m], 0, options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

/** np.arange(stop) / np.arange(start, stop, step): values in [start, stop). */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new Error("arange: step must not be zero");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** np.linspace(start, stop, num=50): num evenly spaced values, both ends included. */
export function linspace(start: number, stop: number, num = 50, options?: { endpoint?: boolean }): Tensor {
  const endpoint = options?.endpoint ?? true;
  const data = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (endpoint && num > 1) data[num - 1] = stop;
  return new Tensor(data, [num]);
}
