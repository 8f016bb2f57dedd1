// From raw steps (tensors by reference) to the plain StepRecords every consumer reads, with each
// rule written out in LaTeX using the names the student gave (Z_1 = X W_1 + b_1).
import type { Tensor } from "../tensor/tensor.ts";
import type { TexNames } from "../autograd/op.ts";
import type { Trace, RawStep } from "./trace.ts";
import type { StepRecord } from "./record.ts";
import { texName, partial, needsBrackets, formatNumberTex } from "./tex.ts";

const UPDATE_TEX: Record<string, (w: string, v: string) => string> = {
  assign: (w, v) => `${w} \\leftarrow ${v}`,
  assignAdd: (w, v) => `${w} \\leftarrow ${w} + ${v}`,
  assignSub: (w, v) => `${w} \\leftarrow ${w} - ${v}`,
};

/** Longest inline expression (characters of LaTeX) before an unnamed intermediate is abbreviated. */
const MAX_EXPR = 240;

export function stepRecords(trace: Trace): StepRecord[] {
  const raw = trace.rawSteps();
  const producer = new Map<Tensor, RawStep>();
  for (const s of raw) if (s.phase !== "backward") producer.set(s.output, s);

  // gradients are named after what they are the gradient of: W1.grad is dW_1
  const gradNames = new Map<Tensor, string>();
  for (const s of raw) if (s.grad !== undefined && s.grad.into.name !== null) gradNames.set(s.output, `d${s.grad.into.name}`);

  const texOf = (t: Tensor, depth: number): string => {
    if (t.name !== null) return texName(t.name);
    const gradName = gradNames.get(t);
    if (gradName !== undefined) return texName(gradName);
    if (t.detachedFrom !== null) return texOf(t.detachedFrom, depth);
    if (t.size === 1 && t.isLeaf) return formatNumberTex(t.data[0]);
    if (t.isLeaf && t.size <= 4) return `[${Array.from(t.data, formatNumberTex).join(",\\ ")}]`;
    const s = producer.get(t);
    if (s !== undefined && s.def !== null) {
      // write it out while that stays readable; past that, name the op that made it
      const expr = depth < 6 ? s.def.tex(names(s.inputs, depth + 1, "", ""), s.attrs) : "";
      if (expr === "" || expr.length > MAX_EXPR) return `\\operatorname{${s.def.name}}(\\ldots)`;
      return needsBrackets(s.def.name) ? `\\left(${expr}\\right)` : expr;
    }
    return `t_{${t.id}}`;
  };
  /** A plain-text label for a tensor on screen (the formula has the LaTeX). */
  const labelOf = (t: Tensor): string => {
    if (t.name !== null) return t.name;
    const gradName = gradNames.get(t);
    if (gradName !== undefined) return gradName;
    if (t.detachedFrom !== null) return labelOf(t.detachedFrom);
    if (t.size === 1 && t.isLeaf) return String(t.data[0]);
    const s = producer.get(t);
    return s !== undefined ? `${s.op} result` : `tensor #${t.id}`;
  };
  const names = (inputs: Tensor[], depth: number, out: string, g: string): TexNames => ({
    in: inputs.map((t) => texOf(t, depth)),
    out,
    g,
  });

  return raw.map((s): StepRecord => {
    const base = {
      step: s.step,
      epoch: s.epoch,
      phase: s.phase,
      op: s.op,
      shapes: { inputs: s.inputs.map((t) => [...t.shape]), output: [...s.output.shape] },
      inputs: s.inputs.map((t) => t.id),
      output: s.output.id,
      inputNames: s.inputs.map((t) => t.name),
      inputLabels: s.inputs.map(labelOf),
      cell: s.cell,
      line: s.line,
    };
    if (s.grad !== undefined && s.def !== null) {
      const { of, k, into } = s.grad;
      const loss = trace.losses.get(s.epoch);
      const lossTex = loss?.name ? texName(loss.name) : "L";
      const ofTex = texOf(of, 1);
      const upstream = of === loss ? "1" : partial(lossTex, ofTex);
      const n = names(of.node!.inputs, 1, ofTex, upstream);
      const intoTex = texOf(into, 1);
      const factor = s.def.factorTex?.[k]?.(n, s.attrs) ?? "";
      const upstreamLabel = of.name !== null ? `d${of.name}` : `dL/d(${labelOf(of)})`;
      return {
        ...base,
        inputLabels: [upstreamLabel, ...base.inputLabels.slice(1)],
        latex: `${partial(lossTex, intoTex)} = ${s.def.vjpTex?.[k]?.(n, s.attrs) ?? "?"}`,
        rule: s.def.vjpTex?.[k]?.(ruleNames(of.node!.inputs.length), s.attrs) ?? "",
        name: into.name !== null ? `d${into.name}` : null,
        grads: [{
          into: into.id, intoName: into.name, factor, fromName: of.name,
          chain: `${partial(lossTex, intoTex)} \\mathrel{+}= ${upstream} \\cdot \\underbrace{${factor}}_{\\partial ${ofTex} / \\partial ${intoTex}}`,
        }],
      };
    }
    if (s.def === null) {
      const [before, value] = s.inputs;
      const w = before.name !== null ? texName(before.name) : `t_{${s.output.id}}`;
      const rule = UPDATE_TEX[s.op] ?? UPDATE_TEX.assign;
      return { ...base, latex: rule(w, texOf(value, 0)), rule: rule("W", "V"), name: before.name };
    }
    const rhs = s.def.tex(names(s.inputs, 1, "", ""), s.attrs);
    const lhs = s.output.name !== null ? texName(s.output.name) : null;
    return {
      ...base,
      latex: lhs !== null ? `${lhs} = ${rhs}` : rhs,
      rule: `C = ${s.def.tex(ruleNames(s.inputs.length), s.attrs)}`,
      name: s.output.name,
    };
  });
}

/** The general form of a rule: inputs A, B, C; upstream gradient G. */
function ruleNames(count: number): TexNames {
  return { in: ["A", "B", "C", "D"].slice(0, Math.max(count, 1)).concat(Array(Math.max(0, count - 4)).fill("X")), out: "C", g: "G" };
}

/** The tensors a trace's steps refer to, by id (the values the UI asks for when it shows a step). */
export function stepTensors(trace: Trace): Map<number, Tensor> {
  const out = new Map<number, Tensor>();
  for (const s of trace.rawSteps()) {
    for (const t of s.inputs) out.set(t.id, t);
    out.set(s.output.id, s.output);
  }
  return out;
}
