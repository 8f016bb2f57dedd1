// Where nn's randomness comes from: a layer or fit given a `seed` gets its own generator; otherwise
// it draws from np.random, so `np.random.seed(0)` at the top of a lesson makes a whole model (its
// initial weights, dropout masks and shuffles) the same on every run, in Node and in every browser.
import { np } from "../np.ts";
import { RandomState } from "../tensor/random.ts";

export function generator(seed: number | undefined): RandomState {
  return seed === undefined ? np.random : new RandomState(seed);
}
