// A name reassigned from itself. Within one iteration (y = y + x[k:k+m] w[k] in a loop) the earlier values
// are y^{(0)}, y^{(1)}, ..., the last one plain y, so that ∂L/∂y^{(1)} = ∂L/∂y^{(2)} does not read
// ∂L/∂y = ∂L/∂y. Once an iteration (a parameter or an optimiser's state: w = w - g, v = v β + g) it is not
// w^{(57)}: it reads w ← w - g, an assignment, as the update does.
import type { Tensor } from "../tensor/tensor.ts";
import { byAutograd, type RawStep } from "./raw.ts";

export interface Reassigned {
  /** the version of each tensor of a name reassigned within its iteration */
  version: Map<Tensor, number>;
  /** the versions that a later one replaced (the last one is written plainly) */
  overwritten: Set<Tensor>;
  /** steps that rebind a name from the iteration before, or in the update: v ← v β + g */
  rebound: Set<RawStep>;
  /**
   * The name an overwritten version is shown by when its last version was renamed by the caller: conv1d's
   * y⁽¹⁾ of `const yOut = conv1d(x, w)` is yOut⁽¹⁾, a partial sum of yOut, not of dwByHand's y.
   */
  shownAs: Map<Tensor, string>;
}

export function reassignedNames(raw: readonly RawStep[], producer: ReadonlyMap<Tensor, RawStep>,
  formerNames: WeakMap<Tensor, string> = new WeakMap()): Reassigned {
  const out: Reassigned = { version: new Map(), overwritten: new Set(), rebound: new Set(), shownAs: new Map() };
  const previous = new Map<Tensor, Tensor>();
  for (const s of raw) {
    if (s.def === null || byAutograd(s) || s.output.name === null) continue;
    const prev = sameNameIn(s, producer, formerNames.get(s.output));
    if (prev === undefined) continue;
    if (s.phase === "update" || (producer.get(prev) !== undefined && producer.get(prev)!.bucket !== s.bucket)) {
      out.rebound.add(s);
      continue;
    }
    if (!out.version.has(prev)) out.version.set(prev, 0);
    out.version.set(s.output, out.version.get(prev)! + 1);
    out.overwritten.add(prev);
    previous.set(s.output, prev);
    if (prev.name !== s.output.name) for (let t: Tensor | undefined = prev; t !== undefined; t = previous.get(t)) out.shownAs.set(t, s.output.name);
  }
  return out;
}

/**
 * The tensor of the step's own name that its expression reads (v in v = v ⊙ β + g): the inputs, and
 * the inputs of the unnamed steps of that expression, as far as the formula writes them out. A function's
 * last y = y + ... that its caller renamed yOut reads its former name: that y was overwritten too.
 */
function sameNameIn(s: RawStep, producer: ReadonlyMap<Tensor, RawStep>, former: string | undefined): Tensor | undefined {
  const name = s.output.name;
  const stack = [...s.inputs];
  for (let seen = 0; stack.length > 0 && seen < 64; seen++) {
    const t = stack.pop()!;
    if (t === s.output) continue;
    if (t.name !== null) {
      if (t.name === name || t.name === former) return t;
      continue;
    }
    const p = producer.get(t);
    if (p !== undefined && p.bucket === s.bucket && p.def !== null) stack.push(...p.inputs);
  }
  return undefined;
}
