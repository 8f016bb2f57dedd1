// An exported lesson links the lessons its front matter requires ("Builds on …"), above <main>, which the
// live app replaces: the links stay when the page turns live.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportInMemory, text } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "stepbook-requires-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lesson = (title: string, requires: string) => `---\ntitle: ${title}\nrequires: ${requires}\n---\n\nSome prose.\n`;
writeFileSync(join(dir, "01-first.md"), lesson("First <steps>", "[]"));
writeFileSync(join(dir, "02-second.md"), lesson("Second", "[]"));
writeFileSync(join(dir, "03-third.md"), lesson("Third", "[02-second, 01-first, 09-missing]"));

describe("an exported lesson's requires", { timeout: 60_000 }, () => {
  it("links each required lesson's page by its title, outside main", async () => {
    const { files } = await exportInMemory(dir);
    const page = text(files.get("03-third.html"));
    const nav = '<nav class="lesson-requires-nav" aria-label="Builds on"><p class="lesson-requires">Builds on '
      + '<a href="02-second.html">Second</a> and <a href="01-first.html">First &lt;steps&gt;</a>.</p></nav>';
    expect(page).toContain(nav);
    expect(page.indexOf(nav)).toBeLessThan(page.indexOf("<main"));
    expect(text(files.get("01-first.html"))).not.toContain("lesson-requires");
  });
});
