// Golden files: each tests/fixtures/render/NAME.md renders to NAME.html. On a mismatch the new output
// is written to NAME-changed.html (git-ignored) to diff and, if right, to copy over NAME.html.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../ui/render/render.ts";
import { RENDER } from "./fixtures.ts";
import { scanDom, scanTags } from "./html-safety.ts";

/** The values an exported page would have pre-computed for the inline expressions. */
export const VALUES: Record<string, string> = {
  "Z1.shape": "[4, 16]",
  "loss.toFixed(4)": "0.0213",
  "{rows: X.shape[0]}.rows": "4",
  '"}".length': "1",
  html: '<img src=x onerror="alert(1)">',
};

const sources = readdirSync(RENDER).filter((name) => name.endsWith(".md")).sort();
const render = (name: string) => renderMarkdown(readFileSync(join(RENDER, name), "utf8"), { values: VALUES });

describe("rendering matches the golden files", () => {
  it.each(sources)("%s renders as its .html says", (name) => {
    const actual = render(name);
    const expectedFile = join(RENDER, name.replace(/\.md$/, ".html"));
    const changedFile = join(RENDER, name.replace(/\.md$/, "-changed.html"));
    if (!existsSync(expectedFile)) {
      writeFileSync(expectedFile, actual);
      expect.fail(`wrote ${expectedFile}: review it, then run the tests again`);
    }
    const expected = readFileSync(expectedFile, "utf8");
    if (actual === expected) {
      rmSync(changedFile, { force: true });
      return;
    }
    writeFileSync(changedFile, actual);
    expect.fail(`${name} rendered differently: diff ${expectedFile} ${changedFile}`);
  });
});

describe("hostile fixtures render nothing live", () => {
  it.each(sources.filter((name) => name.startsWith("hostile") || name === "katex-error.md" || name === "inline-expr.md"))(
    "%s has no <script, no on*= attribute in a tag, no javascript:/vbscript:/data:text URL",
    (name) => {
      const html = render(name);
      expect(scanTags(html)).toEqual([]);
      expect(scanDom(html)).toEqual([]);
    },
  );

  it("the safety scanners do catch what they look for", () => {
    expect(scanTags('<p onclick="x">')).toHaveLength(1);
    expect(scanTags('<a href="JaVa&#x53;cript:alert(1)">')).toHaveLength(1);
    expect(scanTags("<script>")).toHaveLength(1);
    expect(scanDom('<img src="data:text/html,x" onerror="x">')).toHaveLength(2);
    expect(scanTags('<span title="&lt;img onerror=alert(1)&gt;">')).toEqual([]);
  });
});
