// Errors name the op and the shapes involved, in numpy's tuple form, so a student can find the line.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";

const X = np.zeros([300, 3]);
const W = np.zeros([2, 16]);

describe("error messages", () => {
  it("matmul with misaligned inner sizes: exactly `matmul: shapes (300, 3) and (2, 16) are not aligned: 3 != 2`", () => {
    expect(() => np.matmul(X, W)).toThrow(new Error("matmul: shapes (300, 3) and (2, 16) are not aligned: 3 != 2"));
    expect(() => X.matmul(W)).toThrow(new Error("matmul: shapes (300, 3) and (2, 16) are not aligned: 3 != 2"));
    expect(() => X.dot(W)).toThrow(new Error("matmul: shapes (300, 3) and (2, 16) are not aligned: 3 != 2"));
  });

  it("matmul with a 1-D operand names the shapes the student passed, not the reshaped ones", () => {
    expect(() => np.matmul(np.zeros([3]), W)).toThrow(new Error("matmul: shapes (3,) and (2, 16) are not aligned: 3 != 2"));
    expect(() => np.matmul(W, np.zeros([3]))).toThrow(new Error("matmul: shapes (2, 16) and (3,) are not aligned: 16 != 3"));
  });

  it("batched matmul whose batch axes do not broadcast names both operands' shapes", () => {
    expect(() => np.matmul(np.zeros([2, 3, 4]), np.zeros([3, 4, 5]))).toThrow(/^matmul: .*\(2, 3, 4\).*\(3, 4, 5\)/);
  });

  it("matmul of a scalar is refused with a pointer to mul", () => {
    expect(() => np.matmul(X, 2)).toThrow(/^matmul: .*use mul/);
  });

  const cases: [string, () => unknown, string][] = [
    ["reshape", () => np.reshape(np.zeros([3, 4]), [5, 2]), "reshape: cannot reshape array of size 12 (shape (3, 4)) into shape (5, 2)"],
    ["reshape", () => np.zeros([3, 4]).reshape(-1, -1), "reshape: can only specify one unknown dimension (-1)"],
    ["transpose", () => np.transpose(np.zeros([2, 3]), [0, 0]), "transpose: axes [0,0] don't match array of shape (2, 3)"],
    ["concatenate", () => np.concatenate([np.zeros([2, 3]), np.zeros([2, 2])]), "concatenate: all shapes must match except on axis 0, got (2, 3) and (2, 2)"],
    ["concatenate", () => np.concatenate([np.zeros([2, 3]), np.zeros([2, 3])], { axis: 2 }), "concatenate: axis 2 is out of bounds for array of dimension 2"],
    ["stack", () => np.stack([np.zeros([2, 3]), np.zeros([3, 2])]), "stack: all input arrays must have the same shape, got (2, 3) and (3, 2)"],
    ["squeeze", () => np.squeeze(np.zeros([2, 3]), 0), "squeeze: cannot select an axis to squeeze out which has size not equal to one (axis 0, shape (2, 3))"],
    ["expandDims", () => np.expandDims(np.zeros([2, 3]), 3), "expandDims: axis 3 is out of bounds for array of dimension 3"],
    ["item", () => np.zeros([2]).item(), "item: can only convert an array of size 1, got shape (2,)"],
    ["get", () => np.zeros([2, 2]).get(1), "get: expected 2 indices for shape (2, 2), got 1"],
    ["assign", () => np.zeros([2, 2]).assign(np.zeros([3])), "assign: shape (3,) does not match the target's shape (2, 2)"],
    ["max", () => np.max(np.zeros([0])), "max: zero-size array to reduction operation maximum which has no identity"],
    ["zeros", () => np.zeros([2, -1]), "zeros: invalid shape (2, -1): sizes must be non-negative integers"],
    ["softmax", () => np.softmax(np.zeros([2, 3]), { axis: 2 }), "softmax: axis 2 is out of bounds for array of dimension 2"],
    ["logsumexp", () => np.logsumexp(np.zeros([2, 3]), { axis: -3 }), "logsumexp: axis -3 is out of bounds for array of dimension 2"],
  ];
  for (const [op, call, message] of cases) {
    it(`${op}: "${message}"`, () => {
      expect(call).toThrow(new Error(message));
    });
  }
});
