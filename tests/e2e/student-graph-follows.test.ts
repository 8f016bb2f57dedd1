// Stepping through a traced cell, the computation graph shows where the step is: the current node is in
// sight in the graph's scrolling box at every step. The box is drawn anew with each step, so it went
// back to its left edge and the node lit further right (the loss, at the end of the forward pass) was
// out of sight: on a phone from the second step on, on a desktop in lesson 4's wider graph. A scroll
// of the reader's own is kept while the current node stays in it.
import { describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { hasBrowser, launch } from "./harness.ts";
import { servedForBlock } from "./served.ts";

/** where the current node is, against the graph's box (px), and the step the player shows. */
function measure(view: Locator) {
  return view.evaluate((el) => {
    const box = el.querySelector(".trace-graph-scroll")!;
    const node = box.querySelector(".graph-node.current");
    const b = box.getBoundingClientRect(), r = node?.getBoundingClientRect();
    return {
      step: el.querySelector(".trace-position")?.textContent ?? "",
      lit: node !== null,
      inSight: !!r && r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1,
      scrolls: box.scrollWidth > box.clientWidth,
      scrollLeft: box.scrollLeft,
    };
  });
}

describe.skipIf(!hasBrowser())("the step-through's graph follows the step", () => {
  const served = servedForBlock();

  it("phone, dark: the lit node is in sight at every forward and loss step, stepped with Next", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/01-one-layer`);
      await page.locator(".tb-run-all").click();
      const button = page.locator('sb-code-cell[data-cell="forward"] .btn-trace');
      await button.waitFor({ timeout: 60_000 });
      await button.click();
      const view = page.locator("sb-trace-view");
      await view.locator(".trace-graph-scroll svg").waitFor();
      const first = await measure(view);
      expect(first.scrolls).toBe(true); // the graph is wider than a phone
      const seen: Awaited<ReturnType<typeof measure>>[] = [first];
      const next = view.locator('button[aria-label="next step"]');
      // forward and loss: the graph is of those steps (matmul, add, sub, pow, mean)
      while (seen.length < 5) {
        await next.click();
        await expect.poll(async () => (await measure(view)).step).toBe(`step ${seen.length + 1} / ${(first.step.match(/\/ (\d+)/) ?? [])[1]}`);
        seen.push(await measure(view));
      }
      expect(seen.filter((m) => !m.lit || !m.inSight).map((m) => m.step)).toEqual([]);
      expect(seen.at(-1)!.scrollLeft).toBeGreaterThan(0);
      // the reader scrolls back to the start; a click on a node in sight there keeps that scroll
      await view.locator(".trace-graph-scroll").evaluate((box) => { box.scrollLeft = 0; });
      await view.locator('.graph-node.op[data-index="0"]').click();
      await expect.poll(async () => (await measure(view)).step).toMatch(/^step 1 \//);
      const back = await measure(view);
      expect([back.inSight, back.scrollLeft]).toEqual([true, 0]);
    } finally {
      await b.close();
    }
  }, 120_000);
});
