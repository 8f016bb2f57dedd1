#!/usr/bin/python3
"""PyTorch float64 reference values for nn: layers, losses and optimiser steps.

Run from the repository root with Debian's Python (python3-torch, python3-numpy):

    /usr/bin/python3 tools/nn-fixtures.py

It rewrites tests/fixtures/nn/layers.json, losses.json, outputs.json and optimizers.json, which
tests/kernel/nn/torch-reference.test.ts reads. Deterministic: inputs from numpy's RandomState
seeded by the case name, rounded to 3 decimals.

Where Keras's documented formulas (which nn follows) and PyTorch's conventions differ, the case
says how PyTorch is set up to compute Keras's value:
- Adam: Keras adds epsilon to sqrt(v) before the bias correction ("epsilon hat"): for one step that
  is PyTorch's eps divided by sqrt(1 - beta2); for several steps the cases use eps = 0.
- Adagrad: Keras has sqrt(acc + eps), PyTorch sqrt(acc) + eps: the cases use eps = 0.
- RMSprop: Keras's rho is PyTorch's alpha.
- SGD momentum: Keras's velocity is -lr times PyTorch's momentum buffer; the weights agree.
- BatchNormalization: Keras's momentum m is PyTorch's 1 - m, and Keras's moving variance uses the
  biased batch variance (PyTorch's running_var the unbiased): moving averages are computed here
  with Keras's rule in numpy.
"""
import json
import math
import os
import zlib

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "nn")
torch.set_num_threads(1)


def rng_for(name):
    return np.random.RandomState(zlib.crc32(name.encode()))


def t(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def enc(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def arr(x):
    a = x.detach().numpy() if isinstance(x, torch.Tensor) else np.asarray(x, dtype=np.float64)
    return {"shape": list(a.shape), "data": [enc(float(v)) for v in a.reshape(-1)]}


def r3(a):
    return np.round(a, 3)


# ---- layers: Dense with each activation, BatchNormalization in train and eval mode ----------------
ACTS = {
    "linear": lambda z: z,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "leakyRelu": lambda z: F.leaky_relu(z, 0.2),
    "elu": lambda z: F.elu(z, 1.0),
    "softmax": lambda z: torch.softmax(z, dim=-1),
}


def layer_cases():
    cases = []
    for act, fn in ACTS.items():
        name = f"dense_{act}"
        rng = rng_for(name)
        X, W, b = r3(rng.randn(4, 3)), r3(rng.randn(3, 5) * 0.7), r3(rng.randn(5) * 0.3)
        if act in ("relu", "leakyRelu", "elu"):
            # keep Z away from 0, where these are not differentiable
            W = np.where(np.abs(W) < 0.05, 0.1, W)
        weight = r3(rng.uniform(0.5, 1.5, (4, 5)))
        Xt, Wt, bt = t(X, True), t(W, True), t(b, True)
        out = fn(Xt @ Wt + bt)
        (out * t(weight)).sum().backward()
        cases.append({"name": name, "layer": "Dense", "activation": act, "X": arr(X), "kernel": arr(W), "bias": arr(b),
                      "weight": arr(weight), "out": arr(out), "dX": arr(Xt.grad), "dkernel": arr(Wt.grad), "dbias": arr(bt.grad)})
    for mode in ("train", "eval"):
        name = f"batchnorm_{mode}"
        rng = rng_for(name)
        X = r3(rng.randn(6, 4) * 2 + 1)
        gamma, beta = r3(rng.uniform(0.5, 1.5, 4)), r3(rng.randn(4) * 0.3)
        mm, mv = r3(rng.randn(4) * 0.5), r3(rng.uniform(0.5, 2, 4))
        weight = r3(rng.uniform(0.5, 1.5, (6, 4)))
        bn = torch.nn.BatchNorm1d(4, eps=1e-3, momentum=1 - 0.99).double()
        with torch.no_grad():
            bn.weight.copy_(t(gamma)); bn.bias.copy_(t(beta))
            bn.running_mean.copy_(t(mm)); bn.running_var.copy_(t(mv))
        bn.train(mode == "train")
        Xt = t(X, True)
        out = bn(Xt)
        (out * t(weight)).sum().backward()
        mean, var = X.mean(axis=0), X.var(axis=0)  # biased, as Keras
        newmm = mm * 0.99 + mean * 0.01 if mode == "train" else mm
        newmv = mv * 0.99 + var * 0.01 if mode == "train" else mv
        cases.append({"name": name, "layer": "BatchNormalization", "training": mode == "train", "X": arr(X), "gamma": arr(gamma),
                      "beta": arr(beta), "movingMean": arr(mm), "movingVariance": arr(mv), "weight": arr(weight), "out": arr(out),
                      "dX": arr(Xt.grad), "dgamma": arr(bn.weight.grad), "dbeta": arr(bn.bias.grad),
                      "newMovingMean": arr(newmm), "newMovingVariance": arr(newmv)})
    return cases


# ---- losses ---------------------------------------------------------------------------------------
def probs(rng, shape):
    p = rng.uniform(0.05, 1.0, shape)
    return r3(p / p.sum(axis=-1, keepdims=True))


def loss_cases():
    cases = []

    def add(name, loss, options, y, p, fn):
        pt = t(p, True)
        out = fn(t(y), pt)
        out.backward()
        cases.append({"name": name, "loss": loss, "options": options, "yTrue": arr(y), "yPred": arr(p), "value": enc(float(out)), "grad": arr(pt.grad)})

    rng = rng_for("regression")
    y, p = r3(rng.randn(5, 3)), r3(rng.randn(5, 3))
    add("mse", "meanSquaredError", {}, y, p, F.mse_loss)
    add("mae", "meanAbsoluteError", {}, y, p, F.l1_loss)
    add("huber", "huber", {}, y, p, lambda a, b: F.huber_loss(b, a, delta=1.0))
    add("huber_delta_0.5", "huber", {"delta": 0.5}, y, p, lambda a, b: F.huber_loss(b, a, delta=0.5))
    rng = rng_for("binary")
    yb, pb, zb = rng.randint(0, 2, (6, 2)).astype(np.float64), r3(rng.uniform(0.05, 0.95, (6, 2))), r3(rng.randn(6, 2) * 2)
    add("bce", "binaryCrossentropy", {}, yb, pb, lambda a, b: F.binary_cross_entropy(b, a))
    add("bce_logits", "binaryCrossentropy", {"fromLogits": True}, yb, zb, lambda a, b: F.binary_cross_entropy_with_logits(b, a))
    zb2 = np.array([[30.0, -30.0], [-40.0, 0.5], [2.0, -2.0]])
    add("bce_logits_large", "binaryCrossentropy", {"fromLogits": True}, yb[:3], zb2, lambda a, b: F.binary_cross_entropy_with_logits(b, a))
    rng = rng_for("categorical")
    labels = rng.randint(0, 4, 5)
    onehot = np.eye(4)[labels]
    pc, zc = probs(rng, (5, 4)), r3(rng.randn(5, 4) * 2)
    add("cce", "categoricalCrossentropy", {}, onehot, pc, lambda a, b: -(a * torch.log(b / b.sum(-1, keepdim=True))).sum(-1).mean())
    add("cce_logits", "categoricalCrossentropy", {"fromLogits": True}, onehot, zc, lambda a, b: F.cross_entropy(b, a))
    soft = probs(rng, (5, 4))
    add("cce_logits_soft_targets", "categoricalCrossentropy", {"fromLogits": True}, soft, zc, lambda a, b: F.cross_entropy(b, a))
    add("scce", "sparseCategoricalCrossentropy", {}, labels.astype(np.float64), pc, lambda a, b: F.nll_loss(torch.log(b), a.long()))
    add("scce_logits", "sparseCategoricalCrossentropy", {"fromLogits": True}, labels.astype(np.float64), zc, lambda a, b: F.cross_entropy(b, a.long()))
    return cases


# ---- a softmax/sigmoid last layer with a cross-entropy loss -----------------------------------------
# Keras's probability form, written out: p = activation(z); categorical rows rescaled to sum to 1;
# p clipped to [1e-7, 1 - 1e-7]; then the cross-entropy of p. nn computes these losses from the
# logits z with its fused ops instead (kernel/nn/losses.ts). Where no probability reaches the clip,
# the two agree ("value" and "grad" are Keras's); where one does (logits of +-1e4), "value"/"grad"
# are the exact cross-entropy of the logits (what nn gives) and "kerasValue" records the clipped one.
KERAS_EPS = 1e-7


def keras_probability_loss(loss, act, y, z):
    if act == "softmax":
        p = torch.softmax(z, dim=-1)
        if loss == "categoricalCrossentropy":
            p = p / p.sum(-1, keepdim=True)
        p = p.clamp(KERAS_EPS, 1 - KERAS_EPS)
        if loss == "sparseCategoricalCrossentropy":
            return -torch.log(p.gather(-1, y.long().reshape(-1, 1))).mean()
        return -(y * torch.log(p)).sum(-1).mean()
    p = torch.sigmoid(z).clamp(KERAS_EPS, 1 - KERAS_EPS)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


def exact_logit_loss(loss, act, y, z):
    if act == "softmax":
        return F.cross_entropy(z, y.long() if loss == "sparseCategoricalCrossentropy" else y)
    return F.binary_cross_entropy_with_logits(z, y)


def output_cases():
    cases = []

    def add(name, loss, act, y, z, large=False):
        zt = t(z, True)
        keras = keras_probability_loss(loss, act, t(y), t(z))
        out = (exact_logit_loss if large else keras_probability_loss)(loss, act, t(y), zt)
        out.backward()
        case = {"name": name, "loss": loss, "activation": act, "yTrue": arr(y), "logits": arr(z), "value": enc(float(out)), "grad": arr(zt.grad)}
        if large:
            case["kerasValue"] = enc(float(keras))
        cases.append(case)

    rng = rng_for("outputs")
    labels = rng.randint(0, 3, 6)
    z = r3(rng.randn(6, 3) * 2)
    add("keras_output_softmax_scce", "sparseCategoricalCrossentropy", "softmax", labels.astype(np.float64), z)
    add("keras_output_softmax_cce", "categoricalCrossentropy", "softmax", np.eye(3)[labels], z)
    yb, zb = rng.randint(0, 2, (6, 1)).astype(np.float64), r3(rng.randn(6, 1) * 2)
    add("keras_output_sigmoid_bce", "binaryCrossentropy", "sigmoid", yb, zb)
    big = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 1e4]])
    add("large_logits_softmax_scce", "sparseCategoricalCrossentropy", "softmax", np.array([1.0, 0.0, 2.0]), big, True)
    add("large_logits_softmax_cce", "categoricalCrossentropy", "softmax", np.eye(3)[[1, 0, 2]], big, True)
    add("large_logits_sigmoid_bce", "binaryCrossentropy", "sigmoid", np.array([[1.0], [0.0], [1.0]]), np.array([[-1e4], [1e4], [1e4]]), True)
    return cases


# ---- optimisers: steps from given weights and gradients -------------------------------------------
def optimizer_cases():
    cases = []

    def add(name, optimizer, options, make, steps=2):
        rng = rng_for(name)
        w0 = r3(rng.randn(3, 2))
        grads = [r3(rng.randn(3, 2)) for _ in range(steps)]
        p = torch.nn.Parameter(t(w0))
        opt = make([p])
        after = []
        for g in grads:
            p.grad = t(g)
            opt.step()
            after.append(arr(p))
        cases.append({"name": name, "optimizer": optimizer, "options": options, "w": arr(w0), "grads": [arr(g) for g in grads], "after": after})

    add("sgd", "SGD", {"learningRate": 0.1}, lambda ps: torch.optim.SGD(ps, lr=0.1))
    add("sgd_momentum", "SGD", {"learningRate": 0.1, "momentum": 0.9}, lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9), 3)
    add("sgd_nesterov", "SGD", {"learningRate": 0.1, "momentum": 0.9, "nesterov": True}, lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True), 3)
    add("rmsprop", "RMSprop", {"learningRate": 0.01, "rho": 0.9, "epsilon": 1e-7}, lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, eps=1e-7), 3)
    add("rmsprop_momentum_centered", "RMSprop", {"learningRate": 0.01, "rho": 0.8, "momentum": 0.5, "centered": True, "epsilon": 1e-7},
        lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.8, eps=1e-7, momentum=0.5, centered=True), 3)
    add("adagrad", "Adagrad", {"learningRate": 0.1, "initialAccumulatorValue": 0.1, "epsilon": 0},
        lambda ps: torch.optim.Adagrad(ps, lr=0.1, initial_accumulator_value=0.1, eps=0), 3)
    add("adam_one_step", "Adam", {"learningRate": 0.01, "epsilon": 1e-3},
        lambda ps: torch.optim.Adam(ps, lr=0.01, eps=1e-3 / math.sqrt(1 - 0.999)), 1)
    add("adam", "Adam", {"learningRate": 0.01, "beta1": 0.8, "beta2": 0.99, "epsilon": 0},
        lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=0), 3)
    # learning-rate schedules, read at the step count from 0 as Keras's optimizer.iterations:
    # ExponentialDecay is lr0 * rate ** (step / decaySteps), the exponent floored with staircase
    # (keras.optimizers.schedules.ExponentialDecay); PyTorch's LambdaLR(step -> factor) steps the same.
    for stair in (False, True):
        sched = {"initialLearningRate": 0.1, "decaySteps": 2, "decayRate": 0.5, "staircase": stair}
        factor = (lambda k: 0.5 ** (k // 2)) if stair else (lambda k: 0.5 ** (k / 2))

        class Scheduled:
            def __init__(self, ps, factor=factor):
                self.opt = torch.optim.SGD(ps, lr=0.1)
                self.sch = torch.optim.lr_scheduler.LambdaLR(self.opt, factor)

            def step(self):
                self.opt.step()
                self.sch.step()
        make = Scheduled
        add("sgd_exponential_decay" + ("_staircase" if stair else ""), "SGD", {"learningRate": {"ExponentialDecay": sched}}, make, 5)
    add("adamw", "AdamW", {"learningRate": 0.01, "weightDecay": 0.1, "epsilon": 0},
        lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1, eps=0), 3)
    return cases


def write(name, cases):
    path = os.path.join(OUT, name)
    body = ",\n".join(json.dumps(c, allow_nan=False, separators=(",", ":")) for c in cases)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"generator":"tools/nn-fixtures.py","torch":"%s","cases":[\n%s\n]}\n' % (torch.__version__, body))


if __name__ == "__main__":
    write("layers.json", layer_cases())
    write("losses.json", loss_cases())
    write("outputs.json", output_cases())
    write("optimizers.json", optimizer_cases())
