// The groups of a trace graph that can close behind one node: the layers of an nn model, nested as the
// model nests them (a Sequential "encoder" holding dense_1 and dense_2: encoder/ contains
// encoder/dense_1/ and encoder/dense_2/), and long composites (the unnamed ops that make one named
// tensor, N1 = tanh(w1 x1 + w2 x2 + b1)). Each step belongs to a path of groups, outermost first.
import type { StepSummary } from "../../kernel/protocol/values.ts";

export interface GraphGroup {
  /** "encoder/", "encoder/dense_1/" for layers (a name's prefix); the tensor's name for a composite */
  key: string;
  /** what the group is called on screen: its last part ("dense_1"), or the composite's tensor */
  label: string;
  layer: boolean;
  /** the group it sits in (null at the top) */
  parent: string | null;
  /** ops inside it, nested groups' included */
  ops: number;
  /** the first step inside it, and that step's index in the records */
  first: number;
  firstIndex: number;
  steps: number[];
}

/** The layer groups a name sits in: "encoder/dense_1/Z" -> ["encoder/", "encoder/dense_1/"]. */
export function layerPath(name: string): string[] {
  const parts = name.split("/").slice(0, -1);
  return parts.map((_, k) => `${parts.slice(0, k + 1).join("/")}/`);
}

/**
 * The groups of the forward steps, and each step's path of groups (by step number). A step is in the
 * layers its name says (dense_1/Z) or whose weights it reads (`const code = encoder.apply(x)` renames
 * the last layer's output, which still reads encoder/dense_2/b); another named step is its own
 * composite (N1); an unnamed one is where all its readers are (softmax's exp feeds both the sum and the
 * division: both are in the layer), as deep as they agree.
 */
export function graphGroups(forward: readonly { r: StepSummary; i: number }[]): { groups: Map<string, GraphGroup>; pathOf: Map<number, string[]> } {
  const compositeKey = new Map<number, string>(); // step -> key of the composite its named output ends
  const seenNames = new Map<string, number>();
  for (const { r } of forward) {
    if (r.name === null || r.name.includes("/")) continue;
    const k = seenNames.get(r.name) ?? 0;
    seenNames.set(r.name, k + 1);
    compositeKey.set(r.step, k === 0 ? r.name : `${r.name}#${k + 1}`);
  }
  const readers = new Map<number, StepSummary[]>();
  for (const { r } of forward) for (const id of r.inputs) readers.set(id, [...(readers.get(id) ?? []), r]);
  const pathOf = new Map<number, string[]>();
  const groups = new Map<string, GraphGroup>();
  const labels = new Map<string, { label: string; layer: boolean }>();
  const made = new Set(forward.map(({ r }) => r.output));
  /**
   * The layer a step is in whatever it was named: the one whose weights it reads (dense_1/W), or the
   * one all its named inputs are in (rebuilt = sigmoid(decoder/dense_2/Z), the layer's activation).
   */
  const weightPath = (r: StepSummary) => {
    const w = r.inputNames.find((n, k) => n !== null && n.includes("/") && !made.has(r.inputs[k]!));
    if (w !== undefined) return layerPath(w!);
    const named = r.inputNames.filter((n, k) => n !== null || r.shapes.inputs[k]!.length > 0);
    const paths = named.map((n) => (n?.includes("/") ? layerPath(n).join("|") : null));
    return paths.length > 0 && paths[0] !== null && paths.every((p) => p === paths[0]) ? layerPath(named[0]!) : null;
  };
  for (const { r } of [...forward].reverse()) {
    const inLayer = r.name?.includes("/") ? layerPath(r.name) : weightPath(r);
    if (inLayer !== null) {
      pathOf.set(r.step, inLayer);
      continue;
    }
    if (r.name !== null) {
      const path = [compositeKey.get(r.step)!];
      labels.set(path[0]!, { label: r.name, layer: false });
      pathOf.set(r.step, path);
      continue;
    }
    const paths = (readers.get(r.output) ?? []).map((c) => pathOf.get(c.step) ?? []);
    let common = paths[0] ?? [];
    for (const p of paths.slice(1)) {
      let n = 0;
      while (n < common.length && n < p.length && common[n] === p[n]) n++;
      common = common.slice(0, n);
    }
    pathOf.set(r.step, common);
  }
  for (const { r, i } of forward) {
    const path = pathOf.get(r.step) ?? [];
    path.forEach((key, depth) => {
      const named = labels.get(key);
      const grp = groups.get(key) ?? {
        key, label: named?.label ?? key.slice(0, -1).split("/").at(-1)!, layer: named === undefined, parent: depth > 0 ? path[depth - 1]! : null,
        ops: 0, first: r.step, firstIndex: i, steps: [],
      };
      grp.ops++;
      grp.steps.push(r.step);
      groups.set(key, grp);
    });
  }
  return { groups, pathOf };
}
