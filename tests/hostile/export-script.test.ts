// Hostile case #15.3: script from data in exported pages. Each case says what must happen.
// Cell code can hand display() any MIME bundle (any object with a toBundle method) and progress() its
// options, so every payload field, numbers included, is data that must never become markup.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";
import { MIME } from "../../kernel/protocol/mime.ts";
import { CONTENT_SECURITY_POLICY } from "../../ui/export/csp.ts";
import { fromBundle } from "../../ui/export/lesson.ts";
import { progressHtml, tableHtml, tensorHtml } from "../../ui/export/outputs-html.ts";
import { stepHtml } from "../../ui/export/trace-html.ts";
import { exportInMemory, text } from "../export/helpers.ts";

const EVIL = "<img src=x onerror=alert(1)>";
const window = new Window();
afterAll(() => window.happyDOM.close());
const parse = (html: string) => new window.DOMParser().parseFromString(html, "text/html") as unknown as Document;
/** Elements or attributes that would run script: any <img>/<script> element or on* attribute. */
function scriptable(html: string): string[] {
  const doc = parse(`<!doctype html><body>${html}`);
  const found = [...doc.querySelectorAll("img, script:not([type='application/json']):not([type='text/markdown']), iframe, object")].map((e) => e.tagName);
  for (const el of doc.querySelectorAll("*")) for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName}[${a.name}]`);
  return found;
}

function lessonDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "stepbook-hostile-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const forged = (payloadMime: string, payload: unknown) =>
  `display({ [Symbol.for("stepbook.toBundle")]: () => ({ "${payloadMime}": ${JSON.stringify(payload)}, "text/plain": "forged ${payloadMime}" }) });`;

describe("every non-string field is escaped (defence in depth, even past the shape check)", () => {
  // Expected: the markup shows as text; no <img> element and no onerror attribute in the HTML.
  it("progress value/max/total", () => {
    const html = progressHtml({ label: null, value: EVIL as unknown as number, total: EVIL as unknown as number, elapsedMs: 0, done: true });
    expect(scriptable(html)).toEqual([]);
    expect(html).toContain("&lt;img");
  });
  it("a table's total", () => {
    const html = tableHtml({ columns: ["a"], rows: [[1]], truncated: true, total: EVIL as unknown as number });
    expect(scriptable(html)).toEqual([]);
  });
  it("a tensor's shape caption and size", () => {
    const html = tensorHtml({ name: null, dtype: "float64", shape: [1, 1, EVIL as unknown as number], data: [1], truncated: true, size: EVIL as unknown as number, min: 1, max: 1, mean: 1, requiresGrad: false, isParameter: false, hasGrad: false });
    expect(scriptable(html)).toEqual([]);
  });
  it("a trace step's line and data-step", () => {
    const html = stepHtml({
      step: `"><img src=x onerror=alert(1)>` as unknown as number, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "forward", op: "add", latex: "c", rule: "c",
      shapes: { inputs: [], output: [] }, inputs: [], output: 0, name: null, inputNames: [], inputLabels: [], cell: null,
      line: EVIL as unknown as number, preview: { values: [], truncated: false, min: 0, max: 0, mean: 0 },
    });
    expect(scriptable(html)).toEqual([]);
  });
});

describe("bundle shapes are checked at the boundary", () => {
  // Expected: a payload of the wrong shape is not drawn; the output falls back to its text/plain.
  it.each([
    [MIME.progress, { label: null, value: 1, total: EVIL, elapsedMs: 0, done: true }],
    [MIME.table, { columns: ["a"], rows: [[1]], truncated: true, total: EVIL }],
    [MIME.tensor, { name: null, dtype: "float64", shape: [EVIL], data: [], truncated: false, size: 0, min: 0, max: 0, mean: 0, requiresGrad: false, isParameter: false, hasGrad: false }],
    [MIME.check, { name: "x", pass: EVIL, message: "m" }],
  ])("a forged %s payload becomes text", (mime, payload) => {
    expect(fromBundle({ [mime]: payload, [MIME.text]: "fallback" })).toEqual({ kind: "text", text: "fallback" });
  });
});

describe("an exported lesson whose cells forge bundles", async () => {
  const dir = lessonDir({
    "01-forged.md": `---\ntitle: Forged\n---\n\n\`\`\`ts\n${forged(MIME.progress, { label: null, value: 1, total: EVIL, elapsedMs: 0, done: true })}\n${forged(MIME.table, { columns: ["a"], rows: [[1]], truncated: true, total: EVIL })}\n\`\`\`\n`,
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const result = await exportInMemory(dir);
  const page = text(result.files.get("01-forged.html"));
  // Expected: the page has no element or attribute that runs script; the outputs show their text.
  it("has no script from the data", () => {
    expect(scriptable(page.replace(/^[\s\S]*?<body>/, ""))).toEqual([]);
    expect(page).toContain("forged application/vnd.stepbook.progress+json");
  });
});

describe("progress() checks its options", () => {
  // Expected: progress(items, {total: "<img…>"}) fails the cell with a message naming progress and total.
  it("refuses a total that is not a number", async () => {
    const dir = lessonDir({ "01-p.md": `---\ntitle: P\n---\n\n\`\`\`ts\nfor (const i of progress([1, 2], { total: "${EVIL}" as any })) {}\n\`\`\`\n` });
    try {
      await expect(exportInMemory(dir)).rejects.toThrow(/progress: total must be/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Content-Security-Policy", () => {
  // Expected: every exported page (site and single file) carries the policy; it allows no inline script.
  it.each([false, true])("every page carries it (single file: %s)", async (singleFile) => {
    const { files } = await exportInMemory(join(import.meta.dirname, "../fixtures/course"), { singleFile });
    const pages = [...files.keys()].filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      const meta = parse(text(files.get(p))).querySelector('meta[http-equiv="Content-Security-Policy"]');
      expect(meta?.getAttribute("content"), p).toBe(CONTENT_SECURITY_POLICY);
    }
  });
  it("names no source that would allow inline script", () => {
    const scriptSrc = /script-src ([^;]*)/.exec(CONTENT_SECURITY_POLICY)![1]!;
    expect(scriptSrc).not.toMatch(/unsafe-inline|data:|blob:|\*|unsafe-hashes/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });
});

describe("a lesson named index.md", () => {
  // Expected: the export fails with an error naming the file; the course index is never replaced.
  it.each(["index.md", "Index.md"])("%s is refused with a message naming it", async (name) => {
    const dir = lessonDir({ "01-a.md": "---\ntitle: A\n---\n\nA\n", [name]: "---\ntitle: Not the index\n---\n\nB\n" });
    try {
      await expect(exportInMemory(dir)).rejects.toThrow(new RegExp(`${name}: its page would be index.html, which is the course index`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
