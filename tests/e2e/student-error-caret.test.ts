// A student's typo on a long line (lesson 13's exercise, `.divide(` for `.div(`): the traceback's caret
// must stand under the column it names. The traceback wrapped its lines (pre-wrap), so a caret past the
// box's width wrapped onto a line of its own at the left edge, pointing at nothing. Now the lines never
// wrap and the box scrolls sideways; the page itself does not, on a desktop or a phone, light or dark
// (nor for the message, one long word here: "np.array(...).mul(...)....divide is not a function").
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { violations } from "./axe.ts";
import { hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock } from "./served.ts";

const LONG = "const far = np.array([1, 2, 3]).mul(2).add(1).mul(3).sub(4).add(np.array([1, 1, 1])).mul(0.5).add(0.25).sub(1).divide(3);";

/** Edit the data cell of the fixture lesson to the long line, run it, and measure its traceback. */
async function caretUnderColumn(page: Page, url: string) {
  await page.goto(`${url}#/lesson/01-one-layer`);
  const cell = await replaceCellSource(page, "data", LONG);
  await page.keyboard.press("Control+Enter");
  const trace = cell.locator("sb-error-output .error-trace");
  await trace.waitFor({ timeout: 30_000 });
  return trace.evaluate((pre) => {
    const text = pre.textContent ?? "";
    const lines = text.split("\n");
    const caretLine = lines.findIndex((l) => /^\s*\^\s*$/.test(l));
    const column = lines[caretLine]!.indexOf("^");
    const source = lines[caretLine - 1]!;
    // the text node's offsets of the caret and of the source character at the caret's column
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const at = (n: number): [Text, number] => {
      for (const t of nodes) { if (n < t.length) return [t, n]; n -= t.length; }
      throw new Error("offset past the traceback");
    };
    const offset = (line: number, col: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
    const rect = (n: number) => { const [t, k] = at(n); const r = document.createRange(); r.setStart(t, k); r.setEnd(t, k + 1); return r.getBoundingClientRect(); };
    const caret = rect(offset(caretLine, column));
    const under = rect(offset(caretLine - 1, column));
    return { caretX: caret.left, sourceX: under.left, sourceWord: source.slice(column, column + 6), caretTop: caret.top, sourceTop: under.top,
      scrolls: pre.scrollWidth > pre.clientWidth, sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}

describe.skipIf(!hasBrowser())("the traceback's caret stands under its column", () => {
  const served = servedForBlock();

  for (const [name, options] of [["desktop", {}], ["phone, dark", { viewport: { width: 390, height: 844 }, colorScheme: "dark" as const }]] as const) {
    it(`${name}: the caret is under "divide", the box scrolls, the page does not`, async () => {
      const b = await launch(options);
      try {
        const page = await b.context.newPage();
        const m = await caretUnderColumn(page, served().url);
        expect(m.sourceWord).toBe("divide");
        expect(Math.abs(m.caretX - m.sourceX)).toBeLessThan(2);
        expect(m.caretTop).toBeGreaterThan(m.sourceTop);
        expect(m.scrolls).toBe(true);
        expect(m.sideways).toBeLessThanOrEqual(0);
        // the scrolling traceback can be reached and scrolled by keyboard; its colours read in both schemes
        expect(await violations(page, ["sb-error-output"])).toEqual([]);
      } finally {
        await b.close();
      }
    }, 120_000);
  }
});
