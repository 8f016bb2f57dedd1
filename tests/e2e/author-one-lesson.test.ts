// A lecturer's draft served alone (STEPBOOK_NOTEBOOKS=~/drafts/19-x.md npm start) names in `requires:` the
// course lessons it builds on, which the one-lesson course does not have. `stepbook export FILE` and
// `stepbook run FILE` say nothing of them; the dev page listed each as "requires 08-..., which is no lesson
// of this course", a false alarm above every draft. It still lists the draft's real mistakes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasBrowser, launch, serve, type Served } from "./harness.ts";

const LESSON = [
  "---", "title: Weight decay", "order: 19", "requires: [08-vectorised-backprop, 10-generalisation-and-l2]", "---", "",
  "# Weight decay", "", "As @eq-nowhere says.", "",
  "```ts {#a}", "const x = 1;", "```", "",
].join("\n");

describe.skipIf(!hasBrowser())("one lesson file served alone", () => {
  let dir: string;
  let app: Served;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "stepbook-author-one-"));
    writeFileSync(path.join(dir, "19-weight-decay.md"), LESSON);
    app = await serve({ notebooks: path.join(dir, "19-weight-decay.md"), mode: "dev" });
  }, 600_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists its mistakes, not the course lessons it requires", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${app.url}#/lesson/19-weight-decay`);
      const problems = page.locator(".banner.problems li");
      await expect.poll(() => problems.allTextContents(), { timeout: 120_000 }).toEqual([
        `${path.join(dir, "19-weight-decay.md")}:9: @eq-nowhere refers to no equation (label one with $$ ... $$ {#eq-nowhere})`,
      ]);
    } finally {
      await b.close();
    }
  }, 300_000);
});
