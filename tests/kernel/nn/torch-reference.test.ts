// nn against PyTorch float64 (tests/fixtures/nn/*.json, written by tools/nn-fixtures.py):
// every layer's forward pass and gradients, every loss and its gradient, and optimiser steps.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nn } from "../../../kernel/nn/index.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";
import { decodeNumber } from "../../../kernel/trace/serialize.ts";
import type { Dense } from "../../../kernel/nn/layers/dense.ts";
import type { BatchNormalization } from "../../../kernel/nn/layers/batch-normalization.ts";
import type { Optimizer } from "../../../kernel/nn/optimizers/optimizer.ts";
import { compileOptions } from "../../../kernel/nn/compile.ts";
import { computeLoss } from "../../../kernel/nn/train-step.ts";

interface Arr { shape: number[]; data: (number | string)[] }
const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/nn/${name}`, import.meta.url), "utf8")).cases as Record<string, any>[];
const tensor = (a: Arr) => new Tensor(Float64Array.from(a.data, (v) => decodeNumber(v as number)), a.shape);

function close(actual: Tensor | null, expected: Arr, what: string, tol = 1e-12) {
  expect(actual, what).not.toBeNull();
  expect(actual!.shape, `${what} shape`).toEqual(expected.shape);
  const want = tensor(expected).data;
  actual!.data.forEach((v, i) => {
    const err = Math.abs(v - want[i]) / Math.max(1, Math.abs(want[i]));
    if (!(err <= tol)) expect.fail(`${what}[${i}] = ${v}, PyTorch ${want[i]} (relative error ${err})`);
  });
}

describe("nn layers match PyTorch float64", () => {
  for (const c of load("layers.json")) {
    it(`${c.name}: forward and gradients`, () => {
      const X = tensor(c.X).requiresGrad();
      let layer: Dense | BatchNormalization;
      if (c.layer === "Dense") {
        layer = nn.Dense(c.kernel.shape[1], { activation: c.activation, inputShape: [c.X.shape[1]] });
        nn.Sequential([layer]); // builds it
        layer.setWeights([tensor(c.kernel), tensor(c.bias)]);
      } else {
        layer = nn.BatchNormalization({ inputShape: [c.X.shape[1]] });
        nn.Sequential([layer]);
        layer.setWeights([tensor(c.gamma), tensor(c.beta), tensor(c.movingMean), tensor(c.movingVariance)]);
      }
      const out = layer.apply(X, { training: c.training ?? true });
      close(out, c.out, "out");
      out.mul(tensor(c.weight)).sum().backward();
      close(X.grad, c.dX, "dX");
      if (c.layer === "Dense") {
        const d = layer as Dense;
        close(d.kernel!.grad, c.dkernel, "dkernel");
        close(d.bias!.grad, c.dbias, "dbias");
      } else {
        const b = layer as BatchNormalization;
        close(b.gamma!.grad, c.dgamma, "dgamma");
        close(b.beta!.grad, c.dbeta, "dbeta");
        close(b.movingMean, c.newMovingMean, "moving_mean (Keras's rule)");
        close(b.movingVariance, c.newMovingVariance, "moving_variance (Keras's rule)");
      }
    });
  }
});

describe("nn losses match PyTorch float64", () => {
  for (const c of load("losses.json")) {
    it(`${c.name}: value and dL/dyPred`, () => {
      const p = tensor(c.yPred).requiresGrad();
      const loss = (nn.losses as any)[c.loss](c.options);
      const value = loss(tensor(c.yTrue), p);
      expect(value.shape).toEqual([]);
      expect(Math.abs(value.item() - c.value) / Math.max(1, Math.abs(c.value))).toBeLessThan(1e-12);
      value.backward();
      close(p.grad, c.grad, "grad");
    });
  }
});

// A softmax/sigmoid last layer with a cross-entropy loss: nn computes the loss from the layer's logits
// with the fused ops. Against Keras's clipped-probability form where that form is unclipped, and
// against the exact cross-entropy of the logits at ±1e4 (where Keras's clip would give "kerasValue").
describe("a softmax/sigmoid output with a cross-entropy loss matches Keras's probability form (PyTorch float64)", () => {
  for (const c of load("outputs.json")) {
    it(`${c.name}: value and dL/dZ through the model's output layer`, () => {
      const model = nn.Sequential([nn.Activation(c.activation, { inputShape: [c.logits.shape[1]] })]);
      const compiled = compileOptions({ optimizer: "sgd", loss: c.loss });
      const Z = tensor(c.logits).requiresGrad();
      const out = model.apply(Z, { training: true });
      const { total } = computeLoss(model, compiled, tensor(c.yTrue), out);
      expect(total.node?.def.name, "the fused op").toBe(c.activation === "softmax" ? "softmaxCrossEntropy" : "sigmoidBinaryCrossEntropy");
      expect(Math.abs(total.item() - c.value) / Math.max(1, Math.abs(c.value))).toBeLessThan(1e-12);
      total.backward();
      close(Z.grad, c.grad, "dL/dZ");
      if (c.kerasValue !== undefined) {
        // Keras's clipped form saturates near -log(1e-7); the exact loss keeps growing: finite and larger
        expect(Number.isFinite(total.item())).toBe(true);
        expect(total.item()).toBeGreaterThan(c.kerasValue);
      }
    });
  }
});

describe("nn optimisers match PyTorch float64 step by step (Keras's formulas; see tools/nn-fixtures.py)", () => {
  for (const c of load("optimizers.json")) {
    it(`${c.name}: ${c.after.length} step${c.after.length > 1 ? "s" : ""}`, () => {
      // a schedule is written {"ExponentialDecay": {...}} in the fixture: nn.optimizers.schedules.ExponentialDecay({...})
      const lr = c.options.learningRate;
      const options = typeof lr === "object" ? { ...c.options, learningRate: (nn.optimizers.schedules as any)[Object.keys(lr)[0]](Object.values(lr)[0]) } : c.options;
      const opt = (nn.optimizers as any)[c.optimizer](options) as Optimizer;
      const w = tensor(c.w).requiresGrad();
      c.grads.forEach((g: Arr, k: number) => {
        w.grad = tensor(g);
        opt.apply([w]);
        close(w, c.after[k], `w after step ${k + 1}`, 1e-12);
      });
      expect(opt.iterations).toBe(c.after.length);
    });
  }
});
