// From raw steps (tensors by reference) to the plain StepRecords every consumer reads, with each
// rule written out in LaTeX using the names the student gave (Z_1 = X W_1 + b_1). The formulas say
// what the derivation says: a broadcast's backward pass is a visible sum (∂L/∂b_1 = Σ_i ∂L/∂Z_1[i, :]),
// a tensor that fed several ops gets one labelled part per path and a total, gradients are written
// ∂L/∂W rather than as values, and an unnamed intermediate is the expression that made it.
import type { Tensor } from "../tensor/tensor.ts";
import { exprTex, namesOf, nameTex as constantTex, type NumExpr } from "./constant-expr.ts";
import { sameShape, shapeTuple } from "../tensor/shape.ts";
import type { TexNames } from "../autograd/op.ts";
import type { Trace, RawStep } from "./trace.ts";
import type { StepRecord, BroadcastSum } from "./record.ts";
import { texName, gradName, partial, formatNumberTex, numberExpr, operand, precedenceOf, slotMin, broadcastSumTex, visibleLength, PREC, type Expr } from "./tex.ts";
import { originOf } from "./origin.ts";
import { sourceOf } from "./step-tensors.ts";
import { reassignedNames } from "./versions.ts";
import { byAutograd } from "./raw.ts";
import { ATOM, MAX_LABEL, constantText, numExprText, textOfOp, type TextExpr } from "./text-expr.ts";

const UPDATE_TEX: Record<string, (w: string, v: string) => string> = {
  assign: (w, v) => `${w} \\leftarrow ${v}`,
  assignAdd: (w, v) => `${w} \\leftarrow ${w} + ${v}`,
  assignSub: (w, v) => `${w} \\leftarrow ${w} - ${v}`,
};

/** Ops whose backward pass sums the upstream gradient over the axes the forward pass broadcast. */
const BROADCASTING = new Set(["add", "sub", "mul", "div", "pow", "maximum", "minimum", "where", "mod"]);

/**
 * Widest unnamed intermediate, in glyphs on screen (visibleLength), before its deeper parts are
 * elided: as an operand of a formula, and as what a gradient is of (∂L/∂(…), often written two or
 * three times in one step, and in a fraction).
 */
const MAX_GLYPHS = 20;
const MAX_GRAD_GLYPHS = 14;
/** Deepest nesting of unnamed ops written out in one expression. */
const MAX_DEPTH = 10;

/** An unnamed part of an expression that may be elided: its width, and whether its operands are all names. */
interface Part {
  t: Tensor;
  glyphs: number;
  ofNames: boolean;
}

/** The axes of `from` that broadcasting stretched to reach it from `to` (numpy's rules, as unbroadcast). */
const SUPERSCRIPT: Record<string, string> = { "(": "⁽", ")": "⁾", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
const superscript = (text: string) => [...text].map((c) => SUPERSCRIPT[c] ?? c).join("");

export function broadcastAxes(from: readonly number[], to: readonly number[]): number[] {
  const lead = from.length - to.length;
  const axes: number[] = [];
  for (let i = 0; i < from.length; i++) if (i < lead || (to[i - lead] === 1 && from[i] !== 1)) axes.push(i);
  return axes;
}

export function stepRecords(trace: Trace): StepRecord[] {
  const raw = trace.rawSteps();
  const producer = new Map<Tensor, RawStep>();
  /** forward consumers of each tensor, to say which path a gradient came by ("via N_3") */
  const consumers = new Map<Tensor, Tensor[]>();
  for (const s of raw) {
    if (byAutograd(s) || s.def === null) continue;
    producer.set(s.output, s);
    if (s.phase === "backward") continue;
    for (const x of s.inputs) {
      const list = consumers.get(x);
      if (list === undefined) consumers.set(x, [s.output]);
      else if (!list.includes(s.output)) list.push(s.output);
    }
  }
  // dy for ∂L/∂y, unless the code has a tensor of its own called dy (lesson 18's upstream gradient): then dL/dy
  const tensorNames = new Set<string>();
  for (const s of raw) if (!byAutograd(s)) for (const t of [...s.inputs, s.output]) if (t.name !== null) tensorNames.add(t.name);
  // which tensor each gradient is the gradient of: the one part of a single path, or the total of several
  const totalled = new Set<Tensor>();
  for (const s of raw) if (s.total !== undefined) totalled.add(s.total.of);
  const gradOf = new Map<Tensor, { into: Tensor; bucket: number }>();
  for (const s of raw) {
    if (s.total !== undefined) gradOf.set(s.output, { into: s.total.of, bucket: s.bucket });
    else if (s.grad !== undefined && !totalled.has(s.grad.into)) gradOf.set(s.output, { into: s.grad.into, bucket: s.bucket });
  }
  const { version, overwritten, rebound, shownAs } = reassignedNames(raw, producer, trace.formerNames);
  /** the variable the step's line calls t by, when the line does not write t's own name (W2 for dense_2/kernel) */
  const aliasOf = (t: Tensor): string | null => (at.line === null ? null : trace.aliasName?.(trace.copiedFrom.get(t) ?? t, at.cell, at.line) ?? null);
  const nameTex = (t: Tensor): string => {
    const alias = aliasOf(t);
    if (alias !== null) return texName(alias);
    const tex = texName(shownAs.get(t) ?? t.name!);
    const k = version.get(t);
    return k === undefined || !overwritten.has(t) ? tex : `{${tex}}^{(${k})}`;
  };
  /** the same on screen: y⁽²⁾ */
  const nameText = (t: Tensor): string => {
    const alias = aliasOf(t);
    if (alias !== null) return alias;
    const k = version.get(t);
    return k === undefined || !overwritten.has(t) ? t.name! : `${shownAs.get(t) ?? t.name}${superscript(`(${k})`)}`;
  };
  const lossTexOf = (bucket: number) => {
    const loss = trace.losses.get(bucket);
    return loss?.name ? texName(loss.name) : "L";
  };

  // scalar constants named in the code (alpha = 0.05) found while writing one step, shown beside it
  let constants = new Map<string, number>();
  const constantNames = new Map<Tensor, NumExpr>();
  let at: { cell: string | null; line: number | null } = { cell: null, line: null };

  /**
   * An unnamed intermediate as the expression that made it while that stays readable (MAX_GLYPHS);
   * past that, unnamed parts inside it are elided one at a time (the smallest part whose elision
   * is enough, else the largest), keeping the op and the named operands around them:
   * tanh(X W_1 + b_1) W_2 + b_2 - Y reads tanh(…) W_2 + b_2 - Y.
   */
  const exprOf = (t: Tensor, max = MAX_GLYPHS): Expr => {
    const outer = constants;
    const elided = new Set<Tensor>();
    let parts: Part[] = [];
    const attempt = () => {
      constants = new Map();
      parts = [];
      return { e: render(t, 0, elided, parts), found: constants };
    };
    let best = attempt();
    for (let glyphs = visibleLength(best.e.tex); glyphs > max && parts.length > 0; glyphs = visibleLength(best.e.tex)) {
      // an op of named operands (X W_1) is already short: elide deeper parts first
      const over = glyphs - max;
      const inner = parts.filter((p) => !p.ofNames);
      const pool = inner.length > 0 ? inner : parts;
      const enough = pool.filter((p) => p.glyphs - 1 >= over).sort((x, y) => x.glyphs - y.glyphs)[0];
      elided.add((enough ?? pool.reduce((x, y) => (y.glyphs > x.glyphs ? y : x))).t);
      best = attempt();
    }
    constants = outer;
    for (const [n, v] of best.found) constants.set(n, v);
    return best.e;
  };
  /** `t` written out, `elided` parts as …; the unnamed parts it wrote go into `parts` with their lengths. */
  const render = (t: Tensor, depth: number, elided: Set<Tensor>, parts: Part[]): Expr => {
    // (a name written as a function, \log P, binds as one: {(\log P)}^{2}, not \log P^{2})
    if (t.name !== null) {
      const tex = nameTex(t);
      return { tex, prec: tex.startsWith("\\log ") ? PREC.apply : PREC.atom };
    }
    const grad = gradOf.get(t) ?? trace.gradAliases.get(t);
    if (grad !== undefined) return { tex: partial(lossTexOf(grad.bucket), exprOf(grad.into, MAX_GRAD_GLYPHS)), prec: PREC.atom };
    if (t.detachedFrom !== null) return render(t.detachedFrom, depth, elided, parts);
    const s = producer.get(t);
    const made = s !== undefined && s.def !== null ? s : t.node !== null ? { def: t.node.def, inputs: t.node.inputs, attrs: t.node.attrs } : null;
    if (made !== null) {
      if (depth > 0 && (elided.has(t) || depth >= MAX_DEPTH)) return { tex: "\\ldots", prec: PREC.atom };
      const { name: op, tex } = made.def!;
      const prec = precedenceOf(op).out;
      const inner = made.inputs.map((x) => render(x, depth + 1, elided, parts));
      const text = tex({ in: inner.map((p, k) => operand(p, slotMin(op, k), op)), out: "", g: "" }, made.attrs);
      if (depth > 0) parts.push({ t, glyphs: visibleLength(text), ofNames: inner.every((p) => p.op === undefined && !p.tex.includes("\\ldots")) });
      return { tex: text, prec: prec === "same" ? inner[0]?.prec ?? PREC.atom : prec, op };
    }
    if (t.size === 1) {
      // by the name found where it was first used (λ in J = L + λ Σ W² is still λ in J's backward steps)
      const named = constantNames.get(t) ?? trace.constantName?.(t.data[0], at.cell, at.line) ?? null;
      if (named !== null) {
        constantNames.set(t, named);
        for (const [n, v] of namesOf(named)) constants.set(n, v);
        return exprTex(named);
      }
      return numberExpr(t.data[0]);
    }
    // an unnamed leaf: where it came from, never its values or an internal id
    const shape = t.shape.join(", ");
    const origin = originOf(t);
    return { tex: origin !== null ? `\\operatorname{${origin}}(${shape})` : `\\text{array}_{(${shape})}`, prec: PREC.atom };
  };
  /**
   * A plain-text label for a tensor on screen (the formula has the LaTeX): its name, dW1 for a gradient,
   * the code that made an unnamed one (X @ W1, with deeper unnamed parts as … past MAX_LABEL), a constant's name.
   */
  const labelOf = (t: Tensor): string => {
    for (let depth = 6; depth >= 1; depth--) {
      const e = textOf(t, depth);
      if (e.text.length <= MAX_LABEL) return e.text;
    }
    const names = textOf(t, 1).text;
    if (names.length <= 2 * MAX_LABEL) return names;
    const made = producer.get(t)?.def ?? t.node?.def;
    return made ? `${made.name} result` : textOf(t, 0).text;
  };
  /** `t` as text, unnamed ops written out `depth` levels deep and as … below that */
  const textOf = (t: Tensor, depth: number): TextExpr => {
    if (t.name !== null) return { text: nameText(t), prec: ATOM };
    const grad = gradOf.get(t) ?? trace.gradAliases.get(t);
    if (grad !== undefined) return { text: gradLabel(grad.into, grad.bucket), prec: ATOM };
    if (t.detachedFrom !== null) return textOf(t.detachedFrom, depth);
    const s = producer.get(t);
    const made = s !== undefined && s.def !== null ? s : t.node !== null ? { def: t.node.def, inputs: t.node.inputs, attrs: t.node.attrs } : null;
    if (made !== null) {
      if (depth <= 0) return { text: "…", prec: ATOM };
      const e = textOfOp(made.def!.name, made.attrs, made.inputs.map((x) => textOf(x, depth - 1)));
      return e ?? { text: `${made.def!.name} result`, prec: 0 };
    }
    if (s !== undefined) return { text: `${s.op} result`, prec: 0 };
    if (t.size === 1) {
      const named = constantNames.get(t) ?? trace.constantName?.(t.data[0], at.cell, at.line) ?? null;
      return named !== null ? numExprText(named) : constantText(String(t.data[0]));
    }
    // randn(8, 3) as np.random.randn wrote it; an array from data by its shape (numpy's array(5) would be the number 5)
    const origin = originOf(t);
    return { text: origin !== null ? `${origin}(${t.shape.join(", ")})` : `array of shape ${shapeTuple(t.shape)}`, prec: ATOM };
  };
  /**
   * What the gradient of `t` (in iteration `bucket`) is called on screen: dW1 for a named tensor,
   * dL/d(X @ W1) for an unnamed one, with the loss's own name where it has one (dcost/d(X @ W1)).
   */
  const gradLabel = (t: Tensor, bucket: number): string => {
    const d = `d${trace.losses.get(bucket)?.name ?? "L"}/d`;
    if (t.name === null) return `${d}(${labelOf(t)})`;
    return tensorNames.has(gradName(t.name)) ? `${d}${nameText(t)}` : gradName(nameText(t));
  };
  /** The path a gradient part came by: the first named tensor downstream of `of` on a single path. */
  const pathOf = (of: Tensor): { tex: string; label: string } => {
    let t = of;
    for (let hops = 0; hops < 12 && t.name === null; hops++) {
      const next = consumers.get(t);
      if (next === undefined || next.length !== 1) break;
      t = next[0];
    }
    return t.name !== null ? { tex: nameTex(t), label: nameText(t) } : { tex: exprOf(of, MAX_GRAD_GLYPHS).tex, label: labelOf(of) };
  };
  // each part of a total, by its step: "via N_3"; when two paths meet the same named tensor
  // (e, both numerator and denominator of softmax's P), the op each part came through instead
  const viaByStep = new Map<RawStep, { tex: string; label: string }>();
  for (const s of raw) {
    if (s.total === undefined) continue;
    const parts = s.inputs.map((p) => raw.find((r) => r.output === p && r.grad !== undefined));
    const vias = parts.map((p) => (p ? pathOf(p.grad!.of) : { tex: "?", label: "?" }));
    const distinct = new Set(vias.map((v) => v.tex)).size === vias.length;
    parts.forEach((p, i) => {
      if (p) viaByStep.set(p, distinct ? vias[i] : { tex: exprOf(p.grad!.of, MAX_GRAD_GLYPHS).tex, label: labelOf(p.grad!.of) });
    });
  }
  const viaTex = (lossTex: string, into: Expr, via: string) => `\\left.${partial(lossTex, into)}\\right|_{\\text{via } ${via}}`;
  /**
   * `, \quad \alpha = 0.05` for the constants `tex` uses by name: only those it shows (a backward step
   * names every operand of its op, but ∂J/∂(mse) = 1 of J = mse + λ Σ W² has no λ in it).
   */
  const where = (tex: string) => [...constants].filter(([n]) => tex.includes(constantTex(n)))
    .map(([n, v]) => `,\\quad ${constantTex(n)} = ${formatNumberTex(v)}`).join("");

  // a scaled gradient folded into its update (α ∂L/∂W inside W ← W - α ∂L/∂W) is not a step of its
  // own, unless something besides that update reads it
  const readers = new Map<Tensor, number>();
  for (const s of raw) for (const x of s.inputs) readers.set(x, (readers.get(x) ?? 0) + 1);
  const shown = raw.filter((s) => s.foldedInto === undefined || (readers.get(s.output) ?? 0) > 0);

  return shown.map((s): StepRecord => {
    constants = new Map();
    at = { cell: s.cell, line: s.line };
    const base = {
      step: s.step,
      group: s.group,
      iteration: s.iteration,
      epoch: s.epoch,
      batch: s.batch,
      phase: s.phase,
      op: s.op,
      shapes: { inputs: s.inputs.map((t) => [...t.shape]), output: [...s.output.shape] },
      // a detached copy (logsumexp's max, a parameter read before its update) is the tensor it copies:
      // the graph joins it to the step that made it
      inputs: s.inputs.map((t) => sourceOf(t).id),
      output: s.output.id,
      inputNames: s.inputs.map((t) => t.name),
      inputLabels: s.inputs.map(labelOf),
      outputLabel: labelOf(s.output),
      cell: s.cell,
      line: s.line,
    };
    const lossTex = lossTexOf(s.bucket);

    if (s.total !== undefined) {
      // ∂L/∂N_1 = (via N_3) + (via N_4): the chain rule's sum over paths, the value later steps use
      const of = s.total.of;
      const ofE = exprOf(of, MAX_GRAD_GLYPHS);
      const parts = s.inputs.map((p) => {
        const part = raw.find((r) => r.output === p && r.grad !== undefined);
        return (part && viaByStep.get(part)) || { tex: "?", label: "?" };
      });
      const total = gradLabel(of, s.bucket);
      return {
        ...base,
        inputLabels: parts.map((p) => `${total} via ${p.label}`),
        outputLabel: total,
        latex: `${partial(lossTex, ofE)} = ${parts.map((p) => viaTex(lossTex, ofE, p.tex)).join(" + ")}`,
        rule: `G = ${parts.map((_, i) => `G_{${i + 1}}`).join(" + ")}`,
        name: of.name !== null ? gradLabel(of, s.bucket) : null,
        totalOf: sourceOf(of).id,
      };
    }

    if (s.grad !== undefined && s.def !== null) {
      const { of, k, into } = s.grad;
      const loss = trace.losses.get(s.bucket);
      const ofE = exprOf(of, MAX_GRAD_GLYPHS);
      const upstream = of === loss ? "1" : partial(lossTex, ofE);
      const n: TexNames = {
        in: of.node!.inputs.map((x) => operand(exprOf(x), PREC.apply)),
        bare: of.node!.inputs.map((x) => exprOf(x).tex),
        out: operand(ofE, PREC.apply),
        g: upstream,
      };
      const intoE = exprOf(into, MAX_GRAD_GLYPHS);
      const factor = s.def.factorTex?.[k]?.(n, s.attrs) ?? "";
      let rhs = s.def.vjpTex?.[k]?.(n, s.attrs) ?? "?";
      if (upstream === "1") rhs = rhs.replace(/\\mathbf\{1\}\\, 1$/, "\\mathbf{1}"); // ∂L/∂Z = 𝟏 for L = Σ Z, not "𝟏 1"
      let rule = s.def.vjpTex?.[k]?.(ruleNames(of.node!.inputs.length), s.attrs) ?? "";
      let reduce: BroadcastSum | undefined;
      if (BROADCASTING.has(s.def.name) && !sameShape(of.shape, into.shape)) {
        const axes = broadcastAxes(of.shape, into.shape);
        reduce = { axes, from: [...of.shape], to: [...into.shape] };
        const bare = (tex: string) => ({ tex, prec: tex === upstream || tex === "G" ? PREC.atom : PREC.sum });
        rhs = broadcastSumTex(bare(rhs), of.ndim, axes);
        rule = broadcastSumTex(bare(rule), of.ndim, axes);
      }
      const via = viaByStep.get(s) ?? null;
      const lhs = via !== null ? viaTex(lossTex, intoE, via.tex) : partial(lossTex, intoE);
      return {
        ...base,
        inputLabels: [gradLabel(of, s.bucket), ...base.inputLabels.slice(1)],
        outputLabel: via !== null ? `${gradLabel(into, s.bucket)} via ${via.label}` : gradLabel(into, s.bucket),
        latex: `${lhs} = ${rhs}${where(`${lhs} = ${rhs}`)}`,
        rule,
        name: into.name !== null && via === null ? gradLabel(into, s.bucket) : null,
        ...(via !== null ? { via: via.label } : {}),
        ...(reduce !== undefined ? { reduce } : {}),
        grads: [{
          into: into.id, intoName: into.name, factor, fromName: of.name,
          // "=": one path's part (∂L/∂p|via log p when p fed several ops; a total step sums the parts)
          chain: `${lhs} = ${chainProduct(upstream, `\\underbrace{${factor}}_{\\partial ${operand(ofE, PREC.atom)} / \\partial ${operand(intoE, PREC.atom)}}`, s.def.factorFirst?.[k] === true)}`
            + (reduce !== undefined ? `\\ \\text{summed over axis ${reduce.axes.join(", ")}}` : ""),
        }],
      };
    }

    if (s.def === null) {
      // an in-place update: w ← w - α ∂L/∂w, the learning rate by the name the code gave it
      const [before, value] = s.inputs;
      const w = exprOf(before).tex;
      const rule = UPDATE_TEX[s.op] ?? UPDATE_TEX.assign;
      const v = s.scaled ? scaledTex(s.scaled.rate, s.scaled.grad) : updateValue(value);
      return { ...base, latex: rule(w, v) + where(rule(w, v)), rule: rule("W", "V"), name: before.name };
    }

    const rhs = s.def.tex({ in: s.inputs.map((x, k) => operand(exprOf(x), slotMin(s.def!.name, k), s.def!.name)), out: "", g: "" }, s.attrs);
    const lhs = s.output.name !== null ? nameTex(s.output) : null;
    const formula = lhs !== null ? `${lhs} ${rebound.has(s) ? "\\leftarrow" : "="} ${rhs}` : rhs;
    return {
      ...base,
      latex: formula + where(formula),
      rule: `C = ${s.def.tex(ruleNames(s.inputs.length), s.attrs)}`,
      name: s.output.name,
    };
  });

  /** A gradient times a step size: α ∂L/∂w. */
  function scaledTex(rate: Tensor, grad: Tensor): string {
    return `${operand(exprOf(rate), PREC.power)}\\, ${exprOf(grad).tex}`;
  }

  /** The value of an update: a gradient times a step size reads α ∂L/∂w (never "- -1.49"). */
  function updateValue(value: Tensor): string {
    const s = producer.get(value);
    if (s !== undefined && s.def?.name === "mul") {
      const [a, b] = s.inputs;
      const [grad, rate] = gradOf.has(a) && b.size === 1 ? [a, b] : gradOf.has(b) && a.size === 1 ? [b, a] : [null, null];
      if (grad !== null && rate !== null) return scaledTex(rate, grad);
    }
    return operand(exprOf(value), PREC.reduce);
  }
}

/** The general form of a rule: inputs A, B, C; upstream gradient G. */
/** The chain rule's product: upstream · factor, or the factor first where it multiplies from the left (dL/dW = Xᵀ dL/d(X W)). */
const chainProduct = (upstream: string, factor: string, first: boolean) => (first ? `${factor}\\, ${upstream}` : `${upstream} \\cdot ${factor}`);

function ruleNames(count: number): TexNames {
  return { in: ["A", "B", "C", "D"].slice(0, Math.max(count, 1)).concat(Array(Math.max(0, count - 4)).fill("X")), out: "C", g: "G" };
}
