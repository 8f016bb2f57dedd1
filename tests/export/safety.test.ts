// Kernel output and `${}` values are text, never markup; links and asset references are relative and
// point at files of the site; the only scripts are the live module (by src), the lesson source and
// trace JSON (data types the browser never runs).
import { Window } from "happy-dom";
import { posix } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scriptText, unscriptText } from "../../ui/export/html.ts";
import { COURSE, exportInMemory, text } from "./helpers.ts";

const result = await exportInMemory(COURSE);
const single = await exportInMemory(COURSE, { singleFile: true });
const window = new Window();
afterAll(() => window.happyDOM.close());

function parse(html: string): Document {
  const parser = new window.DOMParser();
  return parser.parseFromString(html, "text/html") as unknown as Document;
}

const pages = (files: Map<string, unknown>) => [...files.keys()].filter((f) => f.endsWith(".html"));

describe.each([["site", result.files], ["single-file", single.files]] as const)("%s pages", (_, files) => {
  it.each(pages(files))("%s has no event handler attribute and no script that runs inline", (file) => {
    const doc = parse(text(files.get(file)));
    const handlers = [...doc.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
    expect(handlers).toEqual([]);
    const scripts = [...doc.querySelectorAll("script")].map((s) => (s.getAttribute("src") ? `module src=${s.getAttribute("src")}` : s.getAttribute("type")));
    for (const s of scripts) expect(s).toMatch(/^(module src=assets\/stepbook-live\.js|text\/markdown|application\/json)$/);
    expect(doc.querySelectorAll("img, iframe, object, embed").length).toBe(0);
  });

  it.each(pages(files))("%s links only relatively, to files of the site", (file) => {
    const doc = parse(text(files.get(file)));
    const refs = [...doc.querySelectorAll("[href], [src]")].map((el) => el.getAttribute("href") ?? el.getAttribute("src")!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      if (ref.startsWith("#") || ref === "data:,") continue; // data:, is the empty icon
      expect(ref).not.toMatch(/^([a-z][a-z0-9+.-]*:|\/)/i);
      expect(files.has(posix.normalize(ref.split("#")[0]!))).toBe(true);
    }
  });
});

describe("the hostile lesson", () => {
  const page = text(result.files.get("02-hostile.html"));
  const doc = parse(page);

  it("shows printed markup as text", () => {
    const streams = [...doc.querySelectorAll("pre.output")].map((p) => p.textContent);
    expect(streams).toContain("<script>alert(1)</script>\n");
    expect(streams).toContain("<img src=x onerror=alert(1)>\n");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
  });

  it("fills ${} with values as text", () => {
    const values = [...doc.querySelectorAll(".inline-expr")].map((s) => s.textContent);
    // strings show as they are (no quotes), and as text: the markup never becomes elements
    expect(values).toEqual(["<img src=x onerror=alert(1)>", "<script>alert(2)</script>"]);
  });

  it("escapes the title in <title>, the heading and the index", () => {
    expect(doc.querySelector("h1.lesson-title")!.textContent).toBe("Outputs are text <b>not</b> markup");
    expect(doc.querySelectorAll("b").length).toBe(0);
  });

  it("embeds the lesson source so that it reads back exactly", () => {
    const source = doc.getElementById("stepbook-source")!;
    expect(source.getAttribute("type")).toBe("text/markdown");
    expect(unscriptText(source.textContent!)).toBe(result.lessons.find((l) => l.slug === "02-hostile")!.source);
  });

  it("summarises a large tensor with its shape and statistics", () => {
    const tensor = [...doc.querySelectorAll("figure.tensor")].find((f) => f.querySelector(".shape-badge")!.textContent === "(20, 20)")!;
    expect(tensor.querySelector(".stats")!.textContent).toBe("min 0 · max 399 · mean 199.5");
    expect(tensor.querySelectorAll("tr").length).toBe(11);
    expect(tensor.textContent).toContain("showing part of 400 values");
  });
});

describe("escaping inside <script> elements", () => {
  it("round-trips source text with </script>, <!-- and entities", () => {
    const nasty = "a </script><script>alert(1)</script> <!-- x --> &lt; &amp;amp; <";
    expect(scriptText(nasty)).not.toMatch(/<\/script|<!--/i);
    expect(unscriptText(scriptText(nasty))).toBe(nasty);
  });
});
