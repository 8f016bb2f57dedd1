// A student edits a cell of an exported lesson (Edit, type, run), then reloads the page: the page shows
// the lesson as published, and nothing said that their edits were kept; the work looked lost until they
// pressed Edit again. The page now says so before the app loads, and says nothing to a student who
// has not edited the lesson (nor creates a database to find out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import { COURSE, serveSite } from "../export/helpers.ts";
import { exportedSite, hasBrowser, launch, replaceCellSource, type Opened } from "./harness.ts";

describe.skipIf(!hasBrowser())("an exported lesson says when the student's edits are kept", () => {
  let stat: { server: Server; origin: string };
  let b: Opened;

  beforeAll(async () => {
    stat = await serveSite(await exportedSite({ input: COURSE, title: "Fixture course", app: true }));
    b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  }, 300_000);

  afterAll(async () => {
    await b?.close();
    await new Promise((r) => stat?.server.close(r));
  });

  it("no edits: no word of them, and no database made to look; after an edit and a reload: the note, and Edit shows the work", async () => {
    const page = await b.context.newPage();
    const url = `${stat.origin}/course/01-neuron.html`;
    await page.goto(url);
    await page.locator('button[data-stepbook-action="edit"]').waitFor({ state: "visible" });
    await page.waitForTimeout(500);
    expect(await page.locator(".live-status").textContent()).toBe("");
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);

    await page.locator('button[data-stepbook-action="edit"]').click();
    const cell = await replaceCellSource(page, "setup", "const mine = 40 + 2;\nmine", 60_000, { editorOpen: true });
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => cell.locator(".text-output").textContent(), { timeout: 30_000 }).toBe("42");
    await page.waitForTimeout(1500); // the edit is saved as typed (debounced)

    await page.reload();
    await page.locator('button[data-stepbook-action="edit"]').waitFor({ state: "visible" });
    await expect.poll(() => page.locator(".live-status").textContent(), { timeout: 10_000 }).toMatch(/^Your edits to this lesson are kept in this browser/);
    await page.locator('button[data-stepbook-action="edit"]').click();
    await expect.poll(() => page.locator('sb-code-cell[data-cell="setup"] .code-view, sb-code-cell[data-cell="setup"] .monaco-editor').first().textContent(), { timeout: 60_000 }).toMatch(/const\s+mine\s+=\s+40\s+\+\s+2;/); // (Monaco draws spaces as no-break spaces)
    await page.close();
  }, 180_000);
});
