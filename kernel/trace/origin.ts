// Where an unnamed leaf tensor came from ("randn" with its shape), so a formula can say
// W_1 = randn(3, 4) ⊙ 0.5 instead of showing an internal id or a list of numbers. Creation helpers
// note it; nothing else reads it. A WeakMap: noting an origin never keeps a tensor alive.
import type { Tensor } from "../tensor/tensor.ts";

const origins = new WeakMap<Tensor, string>();

export function noteOrigin<T extends Tensor>(t: T, origin: string): T {
  origins.set(t, origin);
  return t;
}

export function originOf(t: Tensor): string | null {
  return origins.get(t) ?? null;
}
