// A lecturer's mistakes, said with the file and line before students see them. Bad TeX and a reference
// to an equation no one labelled were exported without a word (the page showed red source and
// "@eq-grad"); a cell whose closing fence is missing failed with a SyntaxError in the prose it swallowed;
// a solution naming no exercise was silently never used as the exercise's reference; a lesson that does
// not parse (a cell id used twice) printed the whole usage text after the one line that mattered; an
// export's Run and Edit failed with "Failed to fetch dynamically imported module" and nothing said why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stepbookInProcess } from "../cli/cli.ts";
import { hasBrowser, launch } from "./harness.ts";
import { violations } from "./axe.ts";
import { servedForBlock } from "./served.ts";

const dir = mkdtempSync(join(tmpdir(), "stepbook-lecturer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LESSON = [
  "---", "title: Mistakes", "---", "",                                   // 1-4
  "$$ p = \\frac{1}{1 + e^{-z} $$ {#eq-p}", "",                         // 5: a brace never closed
  "As @eq-p and @eq-grads say.", "",                                    // 7: eq-grads is labelled nowhere
  "```ts {#data}", "const x = 1;", "x", "",                             // 9: its closing fence is missing
  "Then more prose.", "",
  "```ts {#next}", "const y = 2;", "```", "",                           // 15: opens a cell inside #data
  "```ts {#exercise-a exercise=a}", "const a = 0;", "```", "",
  "```ts {#solution-a solution=A hidden}", "const a = 1;", "```", "",   // 23: names exercise "A"
].join("\n");

describe("a lecturer's mistakes are said with their file and line", () => {
  const file = join(dir, "course", "01-mistakes.md");

  it("stepbook run warns of each, naming its line", async () => {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "course"), { recursive: true });
    writeFileSync(file, LESSON);
    const r = await stepbookInProcess(["run", file]);
    const warnings = r.stderr.split("\n").filter((l) => l.startsWith("warning: "));
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^warning: ${file}:5: math that cannot be shown: .*expected '\\}'.* \\(in "p = \\\\frac`)),
      `warning: ${file}:7: @eq-grads refers to no equation (label one with $$ ... $$ {#eq-grads})`,
      `warning: ${file}:15: code cell #data (from line 10) holds a line that opens a cell ("\`\`\`ts {#next}"): is the fence that closes #data missing?`,
      `warning: ${file}:23: cell #solution-a is the solution of "A", but no cell is {exercise=A} (exercises: a)`,
    ]);
  }, 60_000);

  it("an equation label used twice, or written without its #", async () => {
    const labels = join(dir, "labels.md");
    writeFileSync(labels, ["---", "title: Labels", "---", "", "$$ a = 1 $$ {#eq-a}", "", "$$ b = 2 $$ {#eq-a}", "", "$$ c = 3 $$ {eq-c binds=c}", ""].join("\n"));
    const r = await stepbookInProcess(["run", labels]);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("warning: "))).toEqual([
      `warning: ${labels}:7: the equation label eq-a is used twice (this one is numbered "(?)"); rename one`,
      `warning: ${labels}:9: {eq-c binds=c} after an equation has no label: write {#eq-name ...} (with #) to number it and refer to it`,
    ]);
  }, 60_000);

  it("stepbook export says the same before it runs the lesson (which then fails in the swallowed prose)", async () => {
    const r = await stepbookInProcess(["export", join(dir, "course"), "--out", join(dir, "site")]);
    expect(r.stderr).toContain(`warning: ${file}:7: @eq-grads refers to no equation`);
    expect(r.stderr).toContain(`warning: ${file}:15: code cell #data`);
    expect(r.stderr.match(/^warning: /gm)).toHaveLength(4);
    expect(r.stderr).toMatch(/warning: [^\n]*\nstepbook export: [^\n]*01-mistakes\.md:13: cell #data failed/);
  }, 120_000);

  it("an export says that Run and Edit need the live app, which it does not build (and how to build it)", async () => {
    const good = join(dir, "good");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(good, { recursive: true });
    writeFileSync(join(good, "01-good.md"), "---\ntitle: Good\n---\n\n```ts {#a}\n1 + 1\n```\n");
    const out = join(dir, "good-site");
    const r = await stepbookInProcess(["export", good, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: Run and Edit on these pages load the live app from ${out}/app/, which this command does not build`);
    expect(r.stderr).toContain(`npx vite build --config vite.export.config.ts --outDir ${out}/app --emptyOutDir false`);
    expect((await stepbookInProcess(["export", good, "--out", join(dir, "single"), "--single-file"])).stderr).not.toContain("note:");
  }, 120_000);

  it("a lesson that does not parse: one line that says where, no usage text after it", async () => {
    const dup = join(dir, "dup.md");
    writeFileSync(dup, "---\ntitle: Dup\n---\n\n```ts {#a}\n1\n```\n\n```ts {#a}\n2\n```\n");
    const r = await stepbookInProcess(["run", dup]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stepbook run: ${dup}:9: the cell id "a" is used twice\n`);
  }, 60_000);
});

describe.skipIf(!hasBrowser())("the dev server's page lists them for the lecturer", () => {
  const course = join(dir, "live-course");
  mkdirSync(course, { recursive: true });
  writeFileSync(join(course, "01-mistakes.md"), LESSON.replace("```ts {#data}\nconst x = 1;\nx\n", "```ts {#data}\nconst x = 1;\nx\n```\n"));
  const served = servedForBlock({ mode: "dev", notebooks: course });

  it("above the lesson, each with its file and line (the lesson's own folder)", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/01-mistakes`);
      const items = page.locator(".banner.problems li");
      await items.first().waitFor({ timeout: 60_000 });
      const file = join(course, "01-mistakes.md");
      expect(await items.allTextContents()).toEqual([
        expect.stringMatching(new RegExp(`^${file}:5: math that cannot be shown: `)),
        `${file}:7: @eq-grads refers to no equation (label one with $$ ... $$ {#eq-grads})`,
        expect.stringMatching(new RegExp(`^${file}:24: cell #solution-a is the solution of "A"`)),
      ]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(await violations(page, [".banner.problems"])).toEqual([]);
    } finally {
      await b.close();
    }
  }, 120_000);
});
