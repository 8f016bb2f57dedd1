// A lecturer sees "requires 14-optimisers, which is no lesson of this course" above a lesson and writes
// that lesson: the new file joins the course without a reload and "Builds on" links it at once, but the
// warning stayed (the list was found once per rendering of the lesson, whatever the course), so the page
// said both that the lesson builds on Optimisers and that there is no such lesson, until a reload.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasBrowser, launch, serve, type Served } from "./harness.ts";

const lesson = (title: string, order: number, requires: string) =>
  `---\ntitle: ${title}\norder: ${order}\nrequires: ${requires}\n---\n\n# ${title}\n\nSome prose.\n`;

describe.skipIf(!hasBrowser())("a required lesson written while the page is open", () => {
  let dir: string;
  let app: Served;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "stepbook-author-requires-"));
    writeFileSync(path.join(dir, "19-weight-decay.md"), lesson("Weight decay", 19, "[]"));
    writeFileSync(path.join(dir, "20-decoupled-decay.md"), lesson("Decoupled weight decay", 20, "[19-weight-decay, 14-optimisers]"));
    app = await serve({ notebooks: dir, mode: "dev" });
  }, 600_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is linked, and no longer said to be missing", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${app.url}#/lesson/20-decoupled-decay`);
      const problems = page.locator(".banner.problems li");
      await expect.poll(() => problems.allTextContents(), { timeout: 120_000 })
        .toEqual([`${path.join(dir, "20-decoupled-decay.md")}:4: requires 14-optimisers, which is no lesson of this course`]);
      expect(await page.locator(".lesson-requires").textContent()).toBe("Builds on Weight decay.");
      writeFileSync(path.join(dir, "14-optimisers.md"), lesson("Optimisers", 14, "[]"));
      await expect.poll(() => page.locator(".lesson-requires").textContent(), { timeout: 20_000 }).toBe("Builds on Weight decay and Optimisers.");
      await expect.poll(() => problems.count(), { timeout: 5_000 }).toBe(0);
    } finally {
      await b.close();
    }
  }, 300_000);
});
