// What a numpy user types by habit, and what np must do with it: numpy's result, or an error that says
// what to write instead; never a different answer without a word. Expected values are numpy 2's
// (checked with /usr/bin/python3 when these were written).
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";

const x = np.arange(12).reshape(3, 4);
const a = np.array([[1.5, -2, 3], [4, 0.5, -6]]);

describe("an axis numpy takes by position or by keyword (axis=...), written as np writes keywords", () => {
  it("expandDims(v, {axis: 1}) is numpy's expand_dims(v, axis=1): shape (3, 1), not (1, 3)", () => {
    const v = np.array([3, 1, 2]);
    expect(np.expandDims(v, { axis: 1 }).shape).toEqual([3, 1]);
    expect(v.expandDims({ axis: 1 }).shape).toEqual([3, 1]);
    expect(v.expandDims({ axis: -1 }).shape).toEqual([3, 1]);
    expect(np.expandDims(v, 1).shape).toEqual([3, 1]);
    expect(() => np.expandDims(v, 1.5)).toThrow("expandDims: axis 1.5 is out of bounds for array of dimension 2");
    expect(() => np.expandDims(v, { axis: 1, keepdims: true } as never)).toThrow('expandDims: unsupported option "keepdims" (supported: axis)');
  });

  it("squeeze(x, {axis}) as squeeze(x, axis=...)", () => {
    const t = x.reshape(1, 3, 1, 4);
    expect(np.squeeze(t, { axis: 2 }).shape).toEqual([1, 3, 4]);
    expect(t.squeeze({ axis: [0, 2] }).shape).toEqual([3, 4]);
    expect(t.squeeze({ axis: 0 }).shape).toEqual([3, 1, 4]);
    expect(t.squeeze({}).shape).toEqual([3, 4]);
    expect(() => t.squeeze({ axis: 1 })).toThrow("squeeze: cannot select an axis to squeeze out which has size not equal to one (axis 1, shape (1, 3, 1, 4))");
  });

  it("takeAlongAxis(a, idx, {axis: 1}) as take_along_axis(a, idx, axis=1)", () => {
    const idx = a.argmax({ axis: 1, keepdims: true });
    expect(np.takeAlongAxis(a, idx, { axis: 1 }).toArray()).toEqual([[3], [4]]);
    expect(np.takeAlongAxis(a, idx, 1).toArray()).toEqual([[3], [4]]);
  });

  it("transpose takes numpy's axes as a list, one by one (a.transpose(2, 0, 1)) or as {axes}", () => {
    const t = x.reshape(2, 3, 2);
    const expected = [[[0, 2, 4], [6, 8, 10]], [[1, 3, 5], [7, 9, 11]]];
    expect(t.transpose(2, 0, 1).toArray()).toEqual(expected);
    expect(t.transpose([2, 0, 1]).toArray()).toEqual(expected);
    expect(np.transpose(t, { axes: [2, 0, 1] }).toArray()).toEqual(expected);
    expect(t.transpose().shape).toEqual([2, 3, 2]);
    expect(x.transpose(1, 0).toArray()).toEqual(x.T.toArray());
    expect(() => t.transpose(0, 1)).toThrow("transpose: axes [0,1] don't match array of shape (2, 3, 2)");
  });

  it("an axis that is neither a number nor a list is named, not 'axis is not iterable'", () => {
    expect(() => np.swapaxes(x, { axis1: 0, axis2: 1 } as never, 1)).toThrow("swapaxes: axis must be an integer or a list of integers, got an object {axis1, axis2}");
  });

  it("a positional axis where np wants an option (x.sum(0), or Python's x.sum(axis=0)) says what to write", () => {
    expect(() => x.sum(0 as never)).toThrow("sum: expected an options object like {axis, keepdims}, got 0 (numpy's axis is an option here: write {axis: 0})");
    expect(() => a.argmax(1 as never)).toThrow("write {axis: 1}");
    expect(() => np.concatenate([x, x], 1 as never)).toThrow("write {axis: 1}");
    // no axis among the options: no such hint
    expect(() => np.ones(2, 3 as never)).toThrow(/^ones: expected an options object like \{requiresGrad, name, dtype\}, got 3$/);
  });
});

describe("a slice string is a slice", () => {
  it('x.slice("1") is refused (it read as "1:", all rows from 1, where numpy\'s x[1] is one row)', () => {
    expect(() => x.slice("1")).toThrow('index: "1" is a string without ":" (axis 0); write the number 1 for numpy\'s X[1], or "1:" for X[1:]');
    expect(() => x.slice(null, "-1")).toThrow('index: "-1" is a string without ":" (axis 1)');
    expect(x.slice(1).toArray()).toEqual([4, 5, 6, 7]);
    expect(x.slice("1:").shape).toEqual([2, 4]);
    expect(x.slice(":").shape).toEqual([3, 4]);
  });
});

describe("numpy's operators on a tensor (JavaScript has none for arrays)", () => {
  const ADVICE = "a tensor is not a number: JavaScript's operators (* / - ** < > <= >= & | ~) do not work on arrays as numpy's do; write x.mul(2), x.sub(y), x.div(n), x.pow(2), x.greater(0), np.logicalAnd(a, b) for numpy's a & b (logicalOr for |, logicalNot for ~), and x.item() for the number in a one-element array";
  const t = np.array([1, 2, 3]) as unknown as number;

  it("x * 2, x - y, x / n, x ** 2, x > 0 are refused with what to write (they gave NaN and false)", () => {
    expect(() => t * 2).toThrow(ADVICE);
    expect(() => t - t).toThrow(ADVICE);
    expect(() => t / 3).toThrow(ADVICE);
    expect(() => t ** 2).toThrow(ADVICE);
    expect(() => t > 0).toThrow(ADVICE);
    // numpy's mask & mask, mask | mask, ~mask: JavaScript's bitwise operators gave 0 and -1
    expect(() => t & t).toThrow(ADVICE);
    expect(() => t | 1).toThrow(ADVICE);
    expect(() => ~t).toThrow(ADVICE);
    expect(np.array(2.5).item() * 2).toBe(5);
  });

  it("Math.exp(x), Math.max(x, 1), Number(x), isNaN(x) say Math's and Number's words: np.exp(x), x.max(), x.item() (the caller is read from the stack only when refusing)", () => {
    expect(() => Math.exp(t)).toThrow("Math.exp(x) on a tensor: Math's functions take numbers, and a tensor is not one; write np.exp(x) for numpy's elementwise exp, x.item() for the number in a one-element array");
    expect(() => Math.max(t, 1)).toThrow("Math.max(x) on a tensor: Math's functions take numbers, and a tensor is not one; write x.max() for its largest value, np.maximum(x, y) elementwise, x.item() for the number in a one-element array");
    expect(() => Math.pow(t, 2)).toThrow("write np.power(x, y) elementwise, x.item()");
    expect(() => Math.atan2(t, 1)).toThrow("Math.atan2(x) on a tensor: Math's functions take numbers, and a tensor is not one; write x.item() for the number in a one-element array");
    expect(() => Number(np.array(2.5))).toThrow("Number(x) on a tensor: a tensor is not a number; write x.item() for the number in a one-element array");
    expect(() => isNaN(t)).toThrow("isNaN(x) on a tensor: a tensor is not a number; write x.item() for the number in a one-element array, np.isnan(x) for numpy's elementwise test");
    // a function of the cell's own that does arithmetic is an operator's place
    const double = (v: number) => v * 2;
    expect(() => double(t)).toThrow(ADVICE);
    expect(Math.exp(np.array(0).item())).toBe(1);
  });

  it("as text it is numpy's repr: \"loss \" + L and template strings still read as before", () => {
    expect("loss " + (np.array(0.5) as unknown as string)).toBe("loss array(0.5)");
    expect(`${np.array([1, 2])}`).toBe("array([1., 2.])");
    expect(String(np.array([1, 2]))).toBe("array([1., 2.])");
  });
});
