// Display math on a phone (390 x 844). Lesson 6's chain-rule derivations were one line each, up to 823 px
// wide in a 311 px column: a student saw each cut off mid-term ("(y_i -") with nothing saying it went on.
// They now break where the derivation does (each "=", each definition), so every formula of lesson 6
// fits; so do the lists of definitions of lessons 3-16 (a network, a backward pass, Adam's updates).
// A formula still wider than the column (30 of them, most under 400 px) scrolls in a box that is
// focusable, labelled, and shows a shadow at the edge it is cut at, in the app and the exported page.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasBrowser, launch, ROOT } from "./harness.ts";
import { servedForBlock } from "./served.ts";
import { paletteOf, SITE_CSS } from "../../ui/export/assets.ts";

const PHONE = { width: 390, height: 844 };

const displays = (page: Page) => page.evaluate(() => [...document.querySelectorAll<HTMLElement>("sb-markdown-cell .math-display, main.lesson .math-display")].map((d) => {
  const style = getComputedStyle(d);
  return { id: d.closest(".equation")?.id ?? "", wide: d.scrollWidth > d.clientWidth + 1, width: d.scrollWidth, tabIndex: d.tabIndex,
    label: d.getAttribute("aria-label"), cue: /radial-gradient/.test(style.backgroundImage) && /local/.test(style.backgroundAttachment) };
}));

describe.skipIf(!hasBrowser())("long display math on a phone", () => {
  const served = servedForBlock({ notebooks: path.join(ROOT, "notebooks"), mode: "dev" });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`lesson 6 (${colorScheme}): every formula fits the column; the page does not scroll sideways`, async () => {
      const b = await launch({ viewport: PHONE, colorScheme });
      try {
        const page = await b.context.newPage();
        await page.goto(`${served().url}#/lesson/06-backpropagation`);
        await page.locator("#eq-links .katex").waitFor({ timeout: 60_000 });
        const all = await displays(page);
        expect(all.length).toBeGreaterThanOrEqual(8);
        expect(all.filter((d) => d.wide).map((d) => `${d.id}: ${d.width} px`)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      } finally {
        await b.close();
      }
    }, 120_000);
  }

  it("lessons 11 and 15 (their networks and backward passes were one line of 5 definitions): every formula fits", async () => {
    const b = await launch({ viewport: PHONE });
    try {
      const page = await b.context.newPage();
      for (const [lesson, label] of [["11-dropout", "eq-net"], ["15-networks-in-nn", "eq-cost-back"]]) {
        await page.goto(`${served().url}#/lesson/${lesson}`);
        await page.locator(`#${label} .katex`).waitFor({ timeout: 60_000 });
        expect((await displays(page)).filter((d) => d.wide).map((d) => `${lesson} ${d.id}: ${d.width} px`)).toEqual([]);
      }
    } finally {
      await b.close();
    }
  }, 120_000);

  it("a formula wider than the column (lesson 16's power iteration) scrolls in a focusable, labelled box with a cue", async () => {
    const b = await launch({ viewport: PHONE, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/16-autoencoders`);
      await page.locator("#eq-power .katex").waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => document.querySelector<HTMLElement>("#eq-power .math-display")?.tabIndex === 0);
      const wide = (await displays(page)).find((d) => d.id === "eq-power")!;
      expect(wide).toMatchObject({ wide: true, tabIndex: 0, label: "equation, scrolls sideways", cue: true });
    } finally {
      await b.close();
    }
  }, 120_000);

  it("exported: the page's own rules give a wide formula the same cue", async () => {
    const b = await launch({ viewport: PHONE });
    try {
      const page = await b.context.newPage();
      const css = paletteOf(readFileSync(path.join(ROOT, "ui/styles/app.css"), "utf8")) + SITE_CSS;
      await page.setContent(`<!doctype html><style>${css}</style><main class="lesson"><div class="cell markdown"><div class="equation" id="eq-wide">`
        + `<div class="math-display" tabindex="0"><span style="display: inline-block; width: 800px">a wide formula</span></div><span class="eq-number">(1)</span></div></div></main>`);
      expect((await displays(page))[0]).toMatchObject({ id: "eq-wide", wide: true, cue: true });
    } finally {
      await b.close();
    }
  }, 60_000);
});
