// The fixture course exports file by file as the golden files say: the index, one page per lesson,
// the site CSS and the live script (the KaTeX CSS and fonts are copied from the katex package as is).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { katexDistDir } from "../../ui/export/node-effects.ts";
import { COURSE, exportInMemory, GOLDEN, matchGolden, text } from "./helpers.ts";

const result = await exportInMemory(COURSE);
const single = await exportInMemory(COURSE, { singleFile: true });

describe("export of the fixture course", () => {
  const textFiles = [...result.files.keys()].filter((f) => !f.startsWith("assets/katex/"));

  it("writes an index, one page per lesson, the site CSS and the live script", () => {
    expect(textFiles.sort()).toEqual(["01-neuron.html", "02-hostile.html", "assets/stepbook-live.js", "assets/stepbook.css", "index.html"]);
  });

  it.each(textFiles)("%s matches its golden file", (file) => {
    const check = matchGolden(join(GOLDEN, "site", file), text(result.files.get(file)));
    expect(check.ok ? "" : check.message).toBe("");
  });

  it("copies KaTeX's CSS and every font file unchanged", () => {
    const dist = katexDistDir();
    expect(text(result.files.get("assets/katex/katex.min.css"))).toBe(readFileSync(join(dist, "katex.min.css"), "utf8"));
    const fonts = readdirSync(join(dist, "fonts")).sort();
    expect([...result.files.keys()].filter((f) => f.startsWith("assets/katex/fonts/")).map((f) => f.slice("assets/katex/fonts/".length)).sort()).toEqual(fonts);
  });

  it("lists the lessons in order with titles and summaries on the index page", () => {
    const index = text(result.files.get("index.html"));
    const first = index.indexOf('href="01-neuron.html"'), second = index.indexOf('href="02-hostile.html"');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(index).toContain("A weighted sum and a tanh, traced step by step.");
    expect(index).toContain("Outputs are text &lt;b&gt;not&lt;/b&gt; markup");
  });

  it("bakes in the traced cell's steps and the trace JSON", () => {
    const page = text(result.files.get("01-neuron.html"));
    expect(page).toMatch(/<li class="step phase-forward"[^>]*>.*class="katex"/);
    const json = /<script type="application\/json" class="stepbook-trace" data-cell="forward">([^<]*)<\/script>/.exec(page);
    expect(json).not.toBeNull();
    const trace = JSON.parse(json![1]!);
    expect(trace.records.map((r: { name: string }) => r.name)).toEqual(["Z", "A"]);
  });

  it("draws plots to SVG at build time", () => {
    expect(text(result.files.get("01-neuron.html"))).toMatch(/<figure class="output plot"[^>]*><svg /);
  });

  it("fills ${expr} with the values of the run", () => {
    const page = text(result.files.get("01-neuron.html"));
    expect(page).toContain('<span class="inline-expr" data-expr="X.shape">(3, 2)</span>');
  });
});

describe("single-file export", () => {
  const files = [...single.files.keys()].sort();

  it("writes only HTML files: the index and one per lesson", () => {
    expect(files).toEqual(["01-neuron.html", "02-hostile.html", "index.html"]);
  });

  it.each(files)("%s matches its golden file", (file) => {
    const check = matchGolden(join(GOLDEN, "single-file", file), text(single.files.get(file)));
    expect(check.ok ? "" : check.message).toBe("");
  });

  it.each(files)("%s links no stylesheet, script, font or image file", (file) => {
    const page = text(single.files.get(file)).replace('<link rel="icon" href="data:,">', "");
    expect(page).not.toMatch(/<link\b|<script\b[^>]*\bsrc=|url\((?!data:)/i);
  });
});
