// A tensor's min / max / mean at phone width (lesson 16's step-through, an input column of a 390 px phone):
// the line wrapped inside a number at its '-', so "mean 8.688e-05" read "mean 8.688e-" over "05". Each of
// min, max and mean is one piece now: the line wraps between them, never inside a number.
import { describe, expect, it } from "vitest";
import { hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock } from "./served.ts";

describe.skipIf(!hasBrowser())("a tensor's statistics never break inside a number", () => {
  const served = servedForBlock();

  it("on a phone, dark: min, max and mean of small numbers each stay on one line", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/01-one-layer`);
      const cell = await replaceCellSource(page, "data", "np.random.seed(1);\nnp.random.randn(4, 10).mul(1e-5)");
      await page.keyboard.press("Control+Enter");
      const stats = cell.locator("sb-output-area .tensor-stats");
      await stats.waitFor({ timeout: 30_000 });
      const m = await stats.evaluate((s) => {
        const fig = s.closest<HTMLElement>("figure")!;
        // the line each character is on: a number whose characters sit on two lines is broken
        const brokenAt = () => {
          const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
          const words: { text: string; lines: Set<number> }[] = [];
          let cur: { text: string; lines: Set<number> } | null = null;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < (n.textContent ?? "").length; i++) {
              const ch = n.textContent![i]!;
              const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
              const rect = r.getClientRects()[0];
              if (/\s|·/.test(ch) || !rect) { cur = null; continue; }
              if (!cur) { cur = { text: "", lines: new Set() }; words.push(cur); }
              cur.text += ch; cur.lines.add(Math.round(rect.top));
            }
          }
          return words.filter((w) => w.lines.size > 1).map((w) => w.text);
        };
        // every width of a phone's columns, from the step card's half column to the whole screen
        const broken: string[] = [];
        for (let w = 120; w <= 360; w += 2) {
          fig.style.width = `${w}px`;
          broken.push(...brokenAt().map((t) => `${w}px: ${t}`));
        }
        return { text: s.textContent, broken };
      });
      expect(m.text).toMatch(/e-0\d/); // the numbers are written with exponents
      expect(m.broken).toEqual([]);
    } finally {
      await b.close();
    }
  }, 120_000);
});
