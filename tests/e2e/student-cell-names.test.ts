// One name per cell: its place among the lesson's code cells, as its Run button says ("Run cell 1"). The
// prompt [3] is the kernel's run counter (Jupyter's execution count) and names no cell. An error inside a
// function another cell defines said "cell 3, line 4" (the defining cell's prompt after three runs) where
// that cell's Run button said "Run cell 1"; the step-through said the same. The exported page, which has
// no prompts, named the cell by its id: it now says "cell 1" too.
import { describe, expect, it } from "vitest";
import { hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock } from "./served.ts";
import { stepHtml } from "../../ui/export/trace-html.ts";
import type { StepSummary } from "../../kernel/protocol/values.ts";

const DATA = `np.random.seed(0);
const X = np.random.randn(6, 2);
const Y = X.matmul(np.array([[2], [-1]])).add(0.5);
function checked(v: number) {
  if (v > 1) throw new Error("too big: " + v);
  return v;
}
X`;

describe.skipIf(!hasBrowser())("a cell has one number, the one its Run button says", () => {
  const served = servedForBlock();

  it("an error in a function of another cell names that cell as its Run button does, not by its prompt", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/01-one-layer`);
      const data = await replaceCellSource(page, "data", DATA);
      // run it three times: its prompt becomes [3] while it stays the lesson's first code cell
      for (let i = 1; i <= 3; i++) {
        await data.getByRole("button", { name: "Run cell 1" }).click();
        await expect.poll(() => data.locator(".cell-prompt").textContent(), { timeout: 30_000 }).toBe(`[${i}]`);
      }
      const third = page.locator("sb-code-cell").nth(2);
      const id = (await third.getAttribute("data-cell"))!;
      await replaceCellSource(page, id, "checked(5)");
      await third.getByRole("button", { name: "Run cell 3" }).click();
      const trace = third.locator("sb-error-output .error-trace");
      await trace.waitFor({ timeout: 30_000 });
      const text = (await trace.textContent())!;
      expect(text).toMatch(/at cell 1, line 5\b/);
      expect(text).toMatch(/called from cell 3, line 1\b/);
      expect(await data.locator(".cell-prompt").getAttribute("title")).toMatch(/^cell 1: \[3\]/);
    } finally {
      await b.close();
    }
  }, 120_000);

  it("exported: a step in a function of another cell says its number and links to it", () => {
    const step = { step: 0, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "forward", op: "mul", latex: "x", rule: "",
      shapes: { inputs: [[4], []], output: [4] }, inputs: [1, 2], output: 3, name: null, inputNames: ["x", "w"], inputLabels: ["x", "w"],
      cell: "conv1d", line: 4, preview: { values: [1], truncated: true, min: 0, max: 1, mean: 0.5 } } as unknown as StepSummary;
    expect(stepHtml(step, "conv-backward", (c) => (c === "conv1d" ? 3 : null))).toContain('<span class="step-line">line 4 of <a href="#cell-conv1d">cell 3</a></span>');
  });
});
