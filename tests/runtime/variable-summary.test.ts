// The variable inspector's and the equation popover's one-line summaries: a one-number tensor (a loss)
// reads as its value; a bigger tensor as min, max and mean.
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { summarize } from "../../kernel/runtime/variables.ts";
import { newHost, run } from "./helpers.ts";

describe("summarize", () => {
  it("a scalar tensor shows its value, not min/max/mean", () => {
    expect(summarize("L", np.array(0.8125), null).summary).toBe("0.8125");
    expect(summarize("b", np.array([2.5]), null).summary).toBe("2.5");
  });

  it("a tensor of several numbers shows min, max and mean", () => {
    expect(summarize("W", np.array([[1, 2], [3, 6]]), null).summary).toBe("min 1, max 6, mean 3");
  });

  it("a mask (dtype bool) shows how many are True, and one element as True or False, as numpy prints them", () => {
    expect(summarize("m", np.array([[1, -2], [3, 0]]).greater(0), null).summary).toBe("2 of 4 True");
    expect(summarize("one", np.array([5]).less(0), null).summary).toBe("False");
  });
});

describe("inspecting a variable (Variables, expanded)", () => {
  it("a non-tensor value comes whole, deeper than its one-line summary, not cut to three lines", async () => {
    const host = newHost();
    await run(host, "a", "const config = {layers: [{units: 16, activation: 'tanh', init: {kind: 'he', seed: 1}}, {units: 1}], lr: 0.05, names: Array.from({length: 8}, (_, i) => `n${i}`)};");
    const reply = await host.inspect({ kind: "variable", name: "config" });
    const value = reply.status === "ok" ? reply.value : undefined;
    expect(value?.type).toBe("other");
    const text = value?.type === "other" ? value.repr : "";
    expect(text).toContain("kind: 'he'"); // three levels down: the summary writes [Object] there
    expect(text).toContain("'n7'");
    expect(text.split("\n").length).toBeGreaterThan(3);
    expect(value?.type === "other" && value.cut).toBeUndefined();
    const row = (await host.variables()).find((v) => v.name === "config")!;
    expect(row.summary).not.toContain("kind: 'he'");
  });

  it("a value past the output limit is cut like an output, and Show more fetches the rest from the kernel", async () => {
    const host = newHost({ limits: { maxChars: 200 } });
    await run(host, "a", "const words = Array.from({length: 300}, (_, i) => `word${i}`);");
    const reply = await host.inspect({ kind: "variable", name: "words" });
    const value = reply.status === "ok" && reply.value?.type === "other" ? reply.value : null;
    expect(value?.cut).toMatchObject({ shown: 200 });
    expect(value!.repr).toContain("output truncated");
    expect(value!.repr).not.toContain("'word299'");
    const more = await host.fetchOutput(value!.cut!.id, value!.cut!.total);
    expect(more.status).toBe("ok");
    expect(more.status === "ok" && more.text).toContain("'word299'");
  });

  it("a number comes as itself", async () => {
    const host = newHost();
    await run(host, "a", "const lr = 0.05;");
    const reply = await host.inspect({ kind: "variable", name: "lr" });
    expect(reply.status === "ok" && reply.value).toEqual({ type: "number", value: 0.05 });
  });
});
