// Every exercise's check can fail and can pass for the right reasons: run the lesson in order in one
// kernel; at each exercise cell run the starter (its check must fail), then each plausible wrong answer
// below (must fail), then each alternative correct form (must pass); then the lesson goes on with the
// solution cell (whose checks run.test.ts requires to pass).
//
// A variant is the student's code only: the exercise cell's own `check(...)` lines are appended to it,
// so a variant is judged by exactly the check the student sees.
import { afterAll, describe, expect, it } from "vitest";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { MIME, type CheckPayload } from "../../kernel/protocol/mime.ts";
import { COURSE, loadLesson } from "./lessons.ts";
import { referenceOf } from "../../ui/document/index.ts";

interface Variants {
  /** plausible wrong answers: each must fail the check. */
  wrong: Record<string, string>;
  /** correct answers written differently from the hidden solution: each must pass. */
  right: Record<string, string>;
}

const W2NEXT = "const W2next = np.noGrad(() => decayStep(q1.W2, dW2data, alphaEx, lambda));";

/** lesson file -> exercise name -> variants. Every exercise of the course must be listed. */
export const VARIANTS: Record<string, Record<string, Variants>> = {
  "01-what-is-deep-learning.md": {
    neuron3: {
      wrong: {
        constant: "const N1 = 0.1;",
        "sign error": "const N1 = Math.tanh(-(0.2 * 1 + 0.4 * -1 + -0.1 * 2 + 0.3));",
        "bias forgotten": "const N1 = Math.tanh(0.2 * 1 + 0.4 * -1 + -0.1 * 2);",
        "no activation": "const N1 = 0.2 * 1 + 0.4 * -1 + -0.1 * 2 + 0.3;",
      },
      right: {
        "by hand, rounded as the prose rounds": "const N1 = -0.0997;",
        "plain numbers": "const N1 = Math.tanh(0.2 * 1 + 0.4 * -1 + -0.1 * 2 + 0.3);",
      },
    },
  },
  "02-linear-collapse.md": {
    collapse: {
      wrong: {
        constant: "const Weff = np.ones([2, 1]); const beff = np.ones([1, 1]);",
        "b2 forgotten": "const Weff = W1.matmul(W2); const beff = b1.matmul(W2);",
        "wrong order": "const Weff = W2.T.matmul(W1.T).T.mul(-1); const beff = b1.matmul(W2).add(b2);",
      },
      right: {
        "A, B, C of the algebra": "const Weff = np.array([[A], [B]]); const beff = np.array([[C]]);",
        "transpose of a transpose": "const Weff = W2.T.matmul(W1.T).T; const beff = np.add(np.matmul(b1, W2), b2);",
      },
    },
  },
  "03-activation-functions.md": {
    dsigmoid: {
      wrong: {
        constant: "const mySigmoidPrime = np.full([81], 0.25);",
        "tanh's derivative": "const mySigmoidPrime = np.sub(1, z.tanh().square());",
        "sigma itself": "const mySigmoidPrime = np.div(1, np.add(1, z.neg().exp()));",
      },
      right: {
        "e^-z / (1 + e^-z)^2": "const mySigmoidPrime = z.neg().exp().div(np.add(1, z.neg().exp()).square());",
        "with np.sigmoid": "const mySigmoidPrime = np.sigmoid(z).mul(np.sigmoid(z.neg()));",
      },
    },
  },
  "04-forward-propagation.md": {
    n3: {
      wrong: {
        constant: "const N3second = 0.5;",
        "the first example's N3": "const N3second = N3;",
        "no tanh on N3": "const n1 = Math.tanh(p.w2 + p.b1), n2 = Math.tanh(p.w4 + p.b2); const N3second = p.w5 * n1 + p.w6 * n2 + p.b3;",
      },
      right: {
        "from the matrices": "const N3second = np.array([[0, 1]]).matmul(W1).add(b1).tanh().matmul(W2).add(b2).tanh().get(0, 0);",
        "x1 = 0 dropped": "const N3second = Math.tanh(p.w5 * Math.tanh(p.w2 + p.b1) + p.w6 * Math.tanh(p.w4 + p.b2) + p.b3);",
      },
    },
  },
  "05-gradient-descent.md": {
    slope: {
      wrong: {
        constant: "function dLdw(w: number): number { return -14.85; }\nconst mySlope = dLdw(0.5);",
        "sign error": "function dLdw(w: number): number { return x.mul(y.sub(x.mul(w))).sum().item() * (2 / n); }\nconst mySlope = dLdw(0.5);",
        "missing 1/n": "function dLdw(w: number): number { return x.mul(y.sub(x.mul(w))).sum().item() * -2; }\nconst mySlope = dLdw(0.5);",
      },
      right: {
        "15 w - 29.85": "function dLdw(w: number): number { return 15 * w - 29.85; }\nconst mySlope = dLdw(0.5);",
        "mean of 2x(wx - y)": "function dLdw(w: number): number { return x.mul(x.mul(w).sub(y)).mul(2).mean().item(); }\nconst mySlope = dLdw(0.5);",
      },
    },
  },
  "06-backpropagation.md": {
    dw3: {
      wrong: {
        constant: "const dw3 = np.array(0.1);",
        "one path only": "const dw3 = dLdyhat.mul(w9.mul(one.sub(N3.square())).mul(w6)).mul(one.sub(N2.square()).mul(x1)).sum();",
        "w1's links": "const dw3 = dLdyhat.mul(viaN3.add(viaN4)).mul(one.sub(N2.square()).mul(x1)).sum();",
      },
      right: {
        "summed path by path": [
          "const dN2dw3 = one.sub(N2.square()).mul(x1);",
          "const p3 = dLdyhat.mul(w9).mul(one.sub(N3.square())).mul(w6).mul(dN2dw3).sum();",
          "const p4 = dLdyhat.mul(w10).mul(one.sub(N4.square())).mul(w8).mul(dN2dw3).sum();",
          "const dw3 = p3.add(p4);",
        ].join("\n"),
        "a number": "const dw3 = w3.grad!.item();",
      },
    },
  },
  "07-training-an-ann.md": {
    patience: {
      wrong: {
        constant: "const stops = [5, -1, 2, 1, 5];",
        "previous epoch instead of the best": [
          "function earlyStop(curve: number[], patience: number, minDelta: number): number {",
          "  let since = 0;",
          "  for (let t = 1; t < curve.length; t++) { since = curve[t] < curve[t - 1] - minDelta ? 0 : since + 1; if (since >= patience) return t; }",
          "  return -1;",
          "}",
          "const stops = [earlyStop([1, 0.5, 0.4, 0.45, 0.42, 0.41, 0.3], 3, 0), earlyStop([4, 3, 2, 1], 2, 0), earlyStop([1, 0.99, 0.98, 0.97], 2, 0.05), earlyStop([2, 2, 2, 2], 1, 0), earlyStop(losses, 20, 0)];",
        ].join("\n"),
        "off by one (waits patience + 1)": [
          "function earlyStop(curve: number[], patience: number, minDelta: number): number {",
          "  let best = curve[0], bestAt = 0;",
          "  for (let t = 1; t < curve.length; t++) { if (curve[t] < best - minDelta) { best = curve[t]; bestAt = t; } else if (t - bestAt > patience) return t; }",
          "  return -1;",
          "}",
          "const stops = [earlyStop([1, 0.5, 0.4, 0.45, 0.42, 0.41, 0.3], 3, 0), earlyStop([4, 3, 2, 1], 2, 0), earlyStop([1, 0.99, 0.98, 0.97], 2, 0.05), earlyStop([2, 2, 2, 2], 1, 0), earlyStop(losses, 20, 0)];",
        ].join("\n"),
        "minDelta ignored": [
          "function earlyStop(curve: number[], patience: number, minDelta: number): number {",
          "  let best = curve[0], bestAt = 0;",
          "  for (let t = 1; t < curve.length; t++) { if (curve[t] < best) { best = curve[t]; bestAt = t; } else if (t - bestAt >= patience) return t; }",
          "  return -1;",
          "}",
          "const stops = [earlyStop([1, 0.5, 0.4, 0.45, 0.42, 0.41, 0.3], 3, 0), earlyStop([4, 3, 2, 1], 2, 0), earlyStop([1, 0.99, 0.98, 0.97], 2, 0.05), earlyStop([2, 2, 2, 2], 1, 0), earlyStop(losses, 20, 0)];",
        ].join("\n"),
      },
      right: {
        "counting epochs without improvement": [
          "function earlyStop(curve: number[], patience: number, minDelta: number): number {",
          "  let best = curve[0], wait = 0, t = 0;",
          "  while (++t < curve.length) {",
          "    if (best - curve[t] > minDelta) { best = curve[t]; wait = 0; continue; }",
          "    if (++wait === patience) return t;",
          "  }",
          "  return -1;",
          "}",
          "const stops = [earlyStop([1, 0.5, 0.4, 0.45, 0.42, 0.41, 0.3], 3, 0), earlyStop([4, 3, 2, 1], 2, 0), earlyStop([1, 0.99, 0.98, 0.97], 2, 0.05), earlyStop([2, 2, 2, 2], 1, 0), earlyStop(losses, 20, 0)];",
        ].join("\n"),
      },
    },
  },
  "08-vectorised-backprop.md": {
    dw1: {
      wrong: {
        constant: "const dW1 = np.ones([2, 4]); const db1 = np.ones([1, 4]);",
        "sign error": "const dW1 = X.T.matmul(dZ1).neg(); const db1 = np.sum(dZ1, { axis: 0, keepdims: true });",
        "mean instead of sum (an extra 1/n)": "const dW1 = X.T.matmul(dZ1); const db1 = np.mean(dZ1, { axis: 0, keepdims: true });",
        "dA1 instead of dZ1 (tanh' forgotten)": "const dW1 = X.T.matmul(dA1); const db1 = np.sum(dA1, { axis: 0, keepdims: true });",
      },
      right: {
        "transposes the other way, ones row": "const dW1 = dZ1.T.matmul(X).T; const db1 = np.ones([1, n]).matmul(dZ1);",
        einsum: "const dW1 = np.einsum(\"ik,ij->kj\", X, dZ1); const db1 = dZ1.sum({ axis: 0 }).reshape(1, 4);",
      },
    },
  },
  "09-softmax-and-cross-entropy.md": {
    pminusy: {
      wrong: {
        constant: "const myDZ2 = np.fullLike(Z2, 0.01);",
        "sign error": "const myDZ2 = Y.sub(Z2.softmax({ axis: 1 })).div(X.shape[0]);",
        "missing 1/n": "const myDZ2 = Z2.softmax({ axis: 1 }).sub(Y);",
      },
      right: {
        "exp(logSoftmax)": "const myDZ2 = Z2.logSoftmax({ axis: 1 }).exp().sub(Y).mul(1 / Y.shape[0]);",
        "softmax by hand": "const e = Z2.exp(); const myDZ2 = e.div(e.sum({ axis: 1, keepdims: true })).sub(Y).div(180);",
      },
    },
  },
  "10-generalisation-and-l2.md": {
    decay: {
      wrong: {
        constant: "function decayStep(W: Tensor, g: Tensor, alpha: number, lambda: number): Tensor { return np.zerosLike(W); }\n" + W2NEXT,
        "λW instead of 2λW": "function decayStep(W: Tensor, g: Tensor, alpha: number, lambda: number): Tensor { return W.mul(1 - alpha * lambda).sub(g.mul(alpha)); }\n" + W2NEXT,
        "sign error (growth, not decay)": "function decayStep(W: Tensor, g: Tensor, alpha: number, lambda: number): Tensor { return W.mul(1 + 2 * alpha * lambda).sub(g.mul(alpha)); }\n" + W2NEXT,
        "penalty forgotten": "function decayStep(W: Tensor, g: Tensor, alpha: number, lambda: number): Tensor { return W.sub(g.mul(alpha)); }\n" + W2NEXT,
      },
      right: {
        "gradient of J, then the step": "function decayStep(W: Tensor, g: Tensor, alpha: number, lambda: number): Tensor { return W.sub(g.add(W.mul(2 * lambda)).mul(alpha)); }\n" + W2NEXT,
      },
    },
  },
  "11-dropout.md": {
    dropback: {
      wrong: {
        constant: "const myDA = np.onesLike(G);",
        "1/p forgotten": "const myDA = G.mul(maskEx);",
        "a new mask": "np.random.seed(9); const myDA = G.mul(np.random.rand(3, 4).less(keep)).div(keep);",
        "multiplied by p": "const myDA = G.mul(maskEx).mul(keep);",
      },
      right: {
        "np.where": "const myDA = np.where(maskEx.greater(0), G.div(keep), 0);",
      },
    },
  },
  "12-batch-normalisation.md": {
    "bn-dx": {
      wrong: {
        constant: "const dxByMeans = np.onesLike(x);",
        "mean and variance paths forgotten": "const dxByMeans = dy.mul(gamma).div(s);",
        "variance path forgotten": "const dxByMeans = gamma.div(s).mul(dy.sub(dy.mean({ axis: 0, keepdims: true })));",
        "sums where the form needs means": "const dxByMeans = gamma.div(s).mul(dy.sub(dy.sum({ axis: 0, keepdims: true })).sub(xhat.mul(dy.mul(xhat).sum({ axis: 0, keepdims: true }))));",
      },
      right: {
        "the sums of the lesson's formula": "const dxByMeans = dx;",
        "centred x instead of x̂": [
          "const xc = x.sub(mu);",
          "const dxByMeans = gamma.div(s).mul(dy.sub(dy.mean({ axis: 0, keepdims: true })).sub(xc.mul(dy.mul(xc).mean({ axis: 0, keepdims: true })).div(s.square())));",
        ].join("\n"),
      },
    },
  },
  "13-losses.md": {
    huber: {
      wrong: {
        constant: "function huberGrad(rr: Tensor, d: number): Tensor { return np.fullLike(rr, 0.1); }\nconst myHuberGrad = np.noGrad(() => huberGrad(res, 0.5));",
        "MSE's gradient": "function huberGrad(rr: Tensor, d: number): Tensor { return rr.mul(2 / rr.shape[0]); }\nconst myHuberGrad = np.noGrad(() => huberGrad(res, 0.5));",
        "missing 1/n": "function huberGrad(rr: Tensor, d: number): Tensor { return np.clip(rr, -d, d); }\nconst myHuberGrad = np.noGrad(() => huberGrad(res, 0.5));",
        "sign error": "function huberGrad(rr: Tensor, d: number): Tensor { return np.clip(rr, -d, d).neg().div(rr.shape[0]); }\nconst myHuberGrad = np.noGrad(() => huberGrad(res, 0.5));",
      },
      right: {
        "clip": "function huberGrad(rr: Tensor, d: number): Tensor { return np.clip(rr, -d, d).div(rr.shape[0]); }\nconst myHuberGrad = np.noGrad(() => huberGrad(res, 0.5));",
        "minimum and maximum": "function huberGrad(rr: Tensor, d: number): Tensor { return np.maximum(np.minimum(rr, d), -d).mul(1 / 7); }\nconst myHuberGrad = np.noGrad(() => huberGrad(res, 0.5));",
      },
    },
  },
  "14-optimisers.md": {
    adam: {
      wrong: {
        constant: "const myW = np.array([0.1, 0.1, 0.1]);",
        "no bias correction": [
          "function adamSteps(w0: Tensor, gs: Tensor[], lr: number): Tensor {",
          "  let w = w0, m = np.zerosLike(w0), v = np.zerosLike(w0);",
          "  gs.forEach((g, k) => {",
          "    const t = k + 1;",
          "    m = m.mul(0.9).add(g.mul(0.1));",
          "    v = v.mul(0.999).add(g.square().mul(0.001));",
          "    w = w.sub(m.div(v.sqrt().add(1e-8)).mul(lr));",
          "  });",
          "  return w;",
          "}",
          "const myW = adamSteps(w0, grads, 0.1);",
        ].join("\n"),
        "sign error": [
          "function adamSteps(w0: Tensor, gs: Tensor[], lr: number): Tensor {",
          "  let w = w0, m = np.zerosLike(w0), v = np.zerosLike(w0);",
          "  gs.forEach((g, k) => {",
          "    const t = k + 1;",
          "    m = m.mul(0.9).add(g.mul(0.1));",
          "    v = v.mul(0.999).add(g.square().mul(0.001));",
          "    w = w.add(m.div(1 - 0.9 ** t).div(v.div(1 - 0.999 ** t).sqrt().add(1e-8)).mul(lr));",
          "  });",
          "  return w;",
          "}",
          "const myW = adamSteps(w0, grads, 0.1);",
        ].join("\n"),
        "momentum only (no second moment)": [
          "function adamSteps(w0: Tensor, gs: Tensor[], lr: number): Tensor {",
          "  let w = w0, m = np.zerosLike(w0), v = np.zerosLike(w0);",
          "  gs.forEach((g, k) => {",
          "    const t = k + 1;",
          "    m = m.mul(0.9).add(g.mul(0.1));",
          "    v = v.mul(0.999).add(g.square().mul(0.001));",
          "    w = w.sub(m.div(1 - 0.9 ** t).mul(lr));",
          "  });",
          "  return w;",
          "}",
          "const myW = adamSteps(w0, grads, 0.1);",
        ].join("\n"),
      },
      right: {
        "Keras's form: in place, corrected step size, ε scaled": [
          "function adamSteps(w0: Tensor, gs: Tensor[], lr: number): Tensor {",
          "  const w = w0.copy(), m = np.zerosLike(w0), v = np.zerosLike(w0);",
          "  let p1 = 1, p2 = 1;",
          "  for (const g of gs) {",
          "    p1 *= 0.9; p2 *= 0.999;",
          "    m.assignAdd(g.sub(m).mul(0.1));",
          "    v.assignAdd(g.square().sub(v).mul(0.001));",
          "    w.assignSub(m.mul(lr * Math.sqrt(1 - p2) / (1 - p1)).div(v.sqrt().add(1e-8 * Math.sqrt(1 - p2))));",
          "  }",
          "  return w;",
          "}",
          "const myW = adamSteps(w0, grads, 0.1);",
        ].join("\n"),
      },
    },
  },
  "15-networks-in-nn.md": {
    deeper: {
      wrong: {
        constant: "const deeperAtLeast95 = true;\nconst deeperLayers = [\"10 softmax\"];",
        "relu instead of tanh": [
          "const deeper = nn.Sequential([nn.Dense(32, { activation: \"relu\", inputShape: [64], seed: 4 }), nn.Dense(16, { activation: \"relu\", seed: 5 }), nn.Dense(10, { activation: \"softmax\", seed: 6 })]);",
          "deeper.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: \"sparseCategoricalCrossentropy\", metrics: [\"accuracy\"] });",
          "await deeper.fit(Xtrain, ytrain, { epochs: 15, batchSize: 32, seed: 3, verbose: 0 });",
          "const deeperAccuracy = deeper.evaluate(Xtest, ytest).accuracy;",
          "const deeperLayers = deeper.layers.map((l) => `${(l as ReturnType<typeof nn.Dense>).units} ${(l as ReturnType<typeof nn.Dense>).activation.name}`);",
          "const deeperAtLeast95 = deeperAccuracy >= 0.95;",
        ].join("\n"),
        "no hidden layers (logistic regression)": [
          "const deeper = nn.Sequential([nn.Dense(10, { activation: \"softmax\", inputShape: [64], seed: 4 })]);",
          "deeper.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: \"sparseCategoricalCrossentropy\", metrics: [\"accuracy\"] });",
          "await deeper.fit(Xtrain, ytrain, { epochs: 15, batchSize: 32, seed: 3, verbose: 0 });",
          "const deeperAccuracy = deeper.evaluate(Xtest, ytest).accuracy;",
          "const deeperLayers = deeper.layers.map((l) => `${(l as ReturnType<typeof nn.Dense>).units} ${(l as ReturnType<typeof nn.Dense>).activation.name}`);",
          "const deeperAtLeast95 = deeperAccuracy >= 0.95;",
        ].join("\n"),
      },
      right: {
        "built with add() and other seeds": [
          "const deeper = nn.Sequential();",
          "deeper.add(nn.Dense(32, { activation: \"tanh\", inputShape: [64], seed: 11 }));",
          "deeper.add(nn.Dense(16, { activation: \"tanh\", seed: 12 }));",
          "deeper.add(nn.Dense(10, { activation: \"softmax\", seed: 13 }));",
          "deeper.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: \"sparseCategoricalCrossentropy\", metrics: [\"accuracy\"] });",
          "await deeper.fit(Xtrain, ytrain, { epochs: 15, batchSize: 32, seed: 7, verbose: 0 });",
          "const deeperAccuracy = deeper.evaluate(Xtest, ytest).accuracy;",
          "const deeperLayers = deeper.layers.map((l) => `${(l as ReturnType<typeof nn.Dense>).units} ${(l as ReturnType<typeof nn.Dense>).activation.name}`);",
          "const deeperAtLeast95 = deeperAccuracy >= 0.95;",
        ].join("\n"),
      },
    },
  },
  "16-autoencoders.md": {
    encode: {
      wrong: {
        constant: "const myCodes = np.ones([5, 2]);",
        "tanh forgotten": "const myCodes = firstFive.matmul(enc1.kernel!).add(enc1.bias!).matmul(enc2.kernel!).add(enc2.bias!);",
        "tanh on the code too": "const myCodes = firstFive.matmul(enc1.kernel!).add(enc1.bias!).tanh().matmul(enc2.kernel!).add(enc2.bias!).tanh();",
      },
      right: {
        "np functions, weights from getWeights()": [
          "const [k1, c1, k2, c2] = encoder.getWeights();",
          "const myCodes = np.add(np.matmul(np.tanh(np.add(np.matmul(firstFive, k1), c1)), k2), c2);",
        ].join("\n"),
      },
    },
  },
  "17-optimisation-with-anns.md": {
    box: {
      wrong: {
        constant: "const stepped = [[0, 0], [0, 0], [0, 0]];",
        "no clipping": "function stepInBox(xs: Tensor, grads: Tensor, alpha: number): Tensor { return xs.sub(grads.mul(alpha)); }\nconst stepped = stepInBox(np.array([[0.5, -1.9], [1.95, 0], [0, 0]]), np.array([[1, 2], [-1, 0], [0.5, -0.5]]), 0.1);",
        "sign error (ascent)": "function stepInBox(xs: Tensor, grads: Tensor, alpha: number): Tensor { return np.clip(xs.add(grads.mul(alpha)), -2, 2); }\nconst stepped = stepInBox(np.array([[0.5, -1.9], [1.95, 0], [0, 0]]), np.array([[1, 2], [-1, 0], [0.5, -0.5]]), 0.1);",
        "clipped before the step": "function stepInBox(xs: Tensor, grads: Tensor, alpha: number): Tensor { return np.clip(xs, -2, 2).sub(grads.mul(alpha)); }\nconst stepped = stepInBox(np.array([[0.5, -1.9], [1.95, 0], [0, 0]]), np.array([[1, 2], [-1, 0], [0.5, -0.5]]), 0.1);",
      },
      right: {
        "minimum and maximum": "function stepInBox(xs: Tensor, grads: Tensor, alpha: number): Tensor { return np.minimum(np.maximum(np.subtract(xs, np.multiply(grads, alpha)), -2), 2); }\nconst stepped = stepInBox(np.array([[0.5, -1.9], [1.95, 0], [0, 0]]), np.array([[1, 2], [-1, 0], [0.5, -0.5]]), 0.1);",
      },
    },
  },
  "18-beyond-the-mlp.md": {
    windows: {
      wrong: {
        constant: "const byWindows = np.full([8], 0.5);",
        "kernel flipped (the mathematicians' convolution)": "function convByWindows(x: Tensor, w: Tensor): Tensor { return conv1d(x, w.slice(\"::-1\")); }\nconst byWindows = convByWindows(xLong, wSmooth);",
        "one window too few": "function convByWindows(x: Tensor, w: Tensor): Tensor { const K = w.shape[0], m = x.shape[0] - K; return np.stack(Array.from({ length: m }, (_, i) => x.slice(`${i}:${i + K}`))).matmul(w); }\nconst byWindows = convByWindows(xLong, wSmooth);",
      },
      right: {
        "windows by an index matrix": [
          "function convByWindows(x: Tensor, w: Tensor): Tensor {",
          "  const K = w.shape[0], m = x.shape[0] - K + 1;",
          "  const idx = np.arange(m).reshape(m, 1).add(np.arange(K).reshape(1, K));",
          "  return x.take(idx).matmul(w.reshape(K, 1)).reshape(m);",
          "}",
          "const byWindows = convByWindows(xLong, wSmooth);",
        ].join("\n"),
      },
    },
  },
};

function checksOf(messages: KernelMessage[]): CheckPayload[] {
  const out: CheckPayload[] = [];
  for (const m of messages) {
    if (m.type !== "display_data" && m.type !== "execute_result") continue;
    const payload = m.data[MIME.check];
    if (payload) out.push(payload as unknown as CheckPayload);
  }
  return out;
}

interface Verdict { exercise: string; variant: string; expect: "pass" | "fail"; status: string; checks: CheckPayload[] }

async function judge(file: string): Promise<{ verdicts: Verdict[]; exercises: string[] }> {
  const lesson = loadLesson(file);
  const host = new NodeKernelHost();
  const verdicts: Verdict[] = [];
  const exercises: string[] = [];
  // the page sends the exercise's hidden solution with it: check("x") with no expected value compares with it
  const run = async (source: string, id: string) => {
    const cell = lesson.code.find((c) => c.cell.id === id)?.cell;
    const reference = cell ? referenceOf(lesson.doc, cell) : undefined;
    const { reply, messages } = await host.execute(source, { cellId: id, timeoutMs: 60_000, reference });
    const errors = messages.flatMap((m) => (m.type === "error" ? [`${m.ename}: ${m.evalue}`] : []));
    return { status: reply.status, checks: checksOf(messages), errors };
  };
  try {
    for (const { cell } of lesson.code) {
      const name = cell.options.exercise;
      if (name === undefined) {
        const r = await run(cell.source, cell.id);
        if (r.status !== "ok") throw new Error(`${file}: cell #${cell.id} failed: ${r.errors.join("; ")}`);
        continue;
      }
      const exercise = String(name);
      exercises.push(exercise);
      const checkLines = cell.source.split("\n").filter((l) => /^\s*check\(/.test(l)).join("\n");
      const { status, checks } = await run(cell.source, cell.id);
      verdicts.push({ exercise, variant: "the starter", expect: "fail", status, checks });
      const variants = VARIANTS[file]?.[exercise];
      for (const [label, code] of Object.entries(variants?.wrong ?? {})) {
        const r = await run(`${code}\n${checkLines}`, cell.id);
        verdicts.push({ exercise, variant: label, expect: "fail", status: r.status, checks: r.checks });
      }
      for (const [label, code] of Object.entries(variants?.right ?? {})) {
        const r = await run(`${code}\n${checkLines}`, cell.id);
        verdicts.push({ exercise, variant: label, expect: "pass", status: r.status, checks: r.checks });
      }
    }
  } finally {
    host.dispose();
  }
  return { verdicts, exercises };
}

const results = new Map<string, Awaited<ReturnType<typeof judge>>>();
afterAll(() => results.clear());

describe.each(COURSE)("%s: the exercise checks", (file) => {
  const get = async () => {
    if (!results.has(file)) results.set(file, await judge(file));
    return results.get(file)!;
  };

  it("lists a wrong answer and an alternative right answer for every exercise", async () => {
    const { exercises } = await get();
    for (const ex of exercises) {
      expect(Object.keys(VARIANTS[file]?.[ex]?.wrong ?? {}).length, `${file} ${ex}: wrong answers`).toBeGreaterThan(0);
      expect(Object.keys(VARIANTS[file]?.[ex]?.right ?? {}).length, `${file} ${ex}: right answers`).toBeGreaterThan(0);
    }
    expect(Object.keys(VARIANTS[file] ?? {}).sort()).toEqual([...exercises].sort());
  }, 300_000);

  it("reject the starter and the wrong answers, accept the alternative right answers", async () => {
    const { verdicts } = await get();
    // a wrong answer must reach its check and fail it (a variant that throws proves nothing)
    const bad = verdicts.filter((v) => {
      if (v.status !== "ok" || v.checks.length === 0) return true;
      const passed = v.checks.every((c) => c.pass);
      return v.expect === "pass" ? !passed : passed;
    });
    const report = bad.map((v) => `${v.exercise} / ${v.variant}: expected to ${v.expect}, got status ${v.status}, checks: ${v.checks.map((c) => c.message).join("; ") || "none"}`);
    expect(report).toEqual([]);
  }, 300_000);
});
