// Names as the lessons write them (kernel/trace/tex.ts texName): the step list must read like the
// lesson's equations, so each case is a name a lesson of the course binds, and how that lesson writes it.
import { describe, expect, it } from "vitest";
import katex from "katex";
import { texName } from "../../../kernel/trace/tex.ts";

const CASES: [string, string, string][] = [
  ["Z1", "Z_{1}", "04"], ["Yhat", "\\hat{Y}", "04"], ["dW1", "dW_{1}", "07"], ["dYhat", "d\\hat{Y}", "08"],
  ["N1lin", "N_{1}^{\\text{lin}}", "06: N_1 of the linear network"], ["yhatLin", "\\hat{y}^{\\text{lin}}", "06"],
  ["Llin", "L^{\\text{lin}}", "06"], ["dyhatLin", "d\\hat{y}^{\\text{lin}}", "06"], ["dw1Deep", "dw_{1}^{\\text{deep}}", "06"],
  ["Yt", "Y_{t}", "a subscripted symbol"], ["Xb", "X_{b}", "15: a batch"], ["Lb", "L_{b}", "15"],
  ["Xtrain", "X^{\\text{train}}", "10"], ["dW2penalty", "dW_{2}^{\\text{penalty}}", "10"], ["dW2data", "dW_{2}^{\\text{data}}", "10"],
  ["A1dropped", "A_{1}^{\\text{dropped}}", "11: Ã"], ["sigma2", "\\sigma^{2}", "12: σ_B²"], ["mu", "\\mu", "12"], ["eps", "\\varepsilon", "12 and 14: ε"],
  ["xhat", "\\hat{x}", "12"], ["ybn", "y^{\\text{bn}}", "12: y_i = γ x̂ + β"], ["gMSE", "g_{\\text{MSE}}", "13: ∂L_MSE/∂ŷ"],
  ["gHuber", "g_{\\text{Huber}}", "13"], ["mhat1", "\\hat{m}_{1}", "14: m̂_t"], ["vhat1", "\\hat{v}_{1}", "14"],
  ["dW1byhand", "dW_{1}^{\\text{byhand}}", "15"], ["Lstep", "L^{\\text{step}}", "16"],
  ["dense_1/Z", "Z^{[\\text{dense\\_1}]}", "15"], ["dydx", "\\frac{dy}{dx}", "17: ∂ŷ/∂x"], ["dydxByHand", "\\frac{dy}{dx}^{\\text{byhand}}", "17"],
  // names that are words stay words; gradients stay gradients
  ["loss", "\\text{loss}", ""], ["batch", "\\text{batch}", ""], ["firstStep", "\\text{firstStep}", ""], ["out", "\\text{out}", ""],
  ["db", "db", ""], ["dz", "dz", ""], ["nr", "\\mathit{nr}", "13: one name, not n times r"], ["lr", "\\mathit{lr}", ""],
  ["w", "w", ""], ["Yh", "Y_{h}", ""], ["logits", "\\text{logits}", ""], ["logLoss", "\\text{logLoss}", ""],
  // a log of a symbol: log P and log(1 - P), as lesson 13's derivation writes log σ(z) and log(1 - σ(z))
  ["logP", "\\log P", "13"], ["log1mP", "\\log (1 - P)", "13"], ["logY1", "\\log Y_{1}", ""],
];

describe("texName writes a name as the lesson does", () => {
  for (const [name, tex, where] of CASES) {
    it(`${name} -> ${tex}${where ? ` (lesson ${where})` : ""}`, () => {
      expect(texName(name)).toBe(tex);
      expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
    });
  }
});
