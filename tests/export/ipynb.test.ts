// `stepbook convert` to .ipynb for every lesson of the fixture course: Jupyter's own tools accept the
// files (Debian's python3-nbformat validates them, jupyter-nbconvert converts them to Markdown), and
// converting back gives the lesson. A course of .ipynb files exports like the .md course.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convertCommand } from "../../ui/cli/convert.ts";
import type { CliIO } from "../../ui/cli/io.ts";
import { COURSE, exportInMemory, text } from "./helpers.ts";

const work = mkdtempSync(join(tmpdir(), "stepbook-ipynb-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(): CliIO & { out: string; err: string } {
  const captured = {
    out: "", err: "", cwd: work,
    stdout(t: string) { captured.out += t; },
    stderr(t: string) { captured.err += t; },
    readFile: (p: string) => readFileSync(p, "utf8"),
    writeFile: (p: string, t: string) => writeFileSync(p, t),
  };
  return captured;
}

const lessons = readdirSync(COURSE).filter((f) => f.endsWith(".md")).sort();
const python = "/usr/bin/python3";
const nbconvert = "/usr/bin/jupyter-nbconvert";

describe.each(lessons)("%s as .ipynb", (lesson) => {
  const ipynb = join(work, lesson.replace(/\.md$/, ".ipynb"));

  it("converts with stepbook convert --to ipynb", async () => {
    const code = await convertCommand.run([join(COURSE, lesson), "--to", "ipynb", "-o", ipynb], io());
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(ipynb, "utf8")).nbformat).toBe(4);
  });

  it("validates with nbformat", () => {
    const script = "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\nprint(nb.metadata.language_info.name if 'language_info' in nb.metadata else nb.metadata.kernelspec.language)";
    const out = execFileSync(python, ["-c", script, ipynb], { encoding: "utf8" });
    expect(out.trim()).toBe("typescript");
  }, 30_000);

  it("converts with jupyter-nbconvert --to markdown", () => {
    execFileSync(nbconvert, ["--to", "markdown", "--output-dir", work, ipynb], { encoding: "utf8", stdio: "pipe" });
    const md = readFileSync(ipynb.replace(/\.ipynb$/, ".md"), "utf8");
    expect(md).toContain("```typescript");
  }, 60_000);

  it("converts back to the original lesson", async () => {
    const back = join(work, `back-${lesson}`);
    expect(await convertCommand.run([ipynb, "--to", "md", "-o", back], io())).toBe(0);
    expect(readFileSync(back, "utf8")).toBe(readFileSync(join(COURSE, lesson), "utf8"));
  });
});

describe("stepbook convert", () => {
  it("rejects broken input with the file named and writes nothing", async () => {
    const bad = join(work, "broken.ipynb");
    writeFileSync(bad, '{"nbformat": 4, "cells": [');
    const cli = io();
    expect(await convertCommand.run([bad, "--to", "md", "-o", join(work, "broken-out.md")], cli)).toBe(2);
    expect(cli.err).toContain("broken.ipynb");
    expect(existsSync(join(work, "broken-out.md"))).toBe(false);
  });

  it("refuses to overwrite its input", async () => {
    await expect(convertCommand.run([join(COURSE, lessons[0]!), "--to", "md"], io())).rejects.toThrow(/already \.md/);
  });

  it("writes to standard output with -o -", async () => {
    const cli = io();
    expect(await convertCommand.run([join(COURSE, lessons[0]!), "--to", "ipynb", "-o", "-"], cli)).toBe(0);
    expect(JSON.parse(cli.out).nbformat_minor).toBe(5);
  });
});

describe("a course of .ipynb notebooks", () => {
  it("exports with the same lessons, in the same order", async () => {
    const dir = join(work, "course-ipynb");
    execFileSync("mkdir", ["-p", dir]);
    for (const lesson of lessons) {
      await convertCommand.run([join(COURSE, lesson), "--to", "ipynb", "-o", join(dir, lesson.replace(/\.md$/, ".ipynb"))], io());
    }
    const fromIpynb = await exportInMemory(dir);
    const fromMd = await exportInMemory(COURSE);
    expect(fromIpynb.lessons.map((l) => l.title)).toEqual(fromMd.lessons.map((l) => l.title));
    // the live app gets Markdown either way
    expect(fromIpynb.lessons.map((l) => l.source)).toEqual(fromMd.lessons.map((l) => l.source));
    expect(text(fromIpynb.files.get("01-neuron.html"))).toContain("stepbook-trace");
  }, 60_000); // exports a whole course: room on a loaded machine
});
