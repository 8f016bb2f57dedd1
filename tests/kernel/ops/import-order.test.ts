// The op registry is documented as the list tests (and tools) walk, so importing it first, before
// np or Tensor, must give a working kernel. Each test loads a fresh copy of the modules.
import { describe, it, expect, vi, beforeEach } from "vitest";

beforeEach(() => {
  vi.resetModules();
});

describe("module load order", () => {
  it("importing kernel/ops/registry.ts before np still gives a working np.add", async () => {
    const { OPS } = await import("../../../kernel/ops/registry.ts");
    const { np } = await import("../../../kernel/np.ts");
    expect(OPS.map((op) => op.name)).toContain("add");
    expect(np.add(np.array([1, 2]), 3).toArray()).toEqual([4, 5]);
  });

  it("importing an op file first still gives a working np function for that op (np.maximum and its gradient)", async () => {
    await import("../../../kernel/ops/maximum.ts");
    const { np } = await import("../../../kernel/np.ts");
    const a = np.array([1, 5], { requiresGrad: true });
    np.maximum(a, 2).sum().backward();
    expect(a.grad?.toArray()).toEqual([0, 1]);
  });

  it("importing np first gives a working np.add (the order kernel/index.ts uses)", async () => {
    const { np } = await import("../../../kernel/np.ts");
    await import("../../../kernel/ops/registry.ts");
    expect(np.add(np.array([1, 2]), 3).toArray()).toEqual([4, 5]);
  });
});
