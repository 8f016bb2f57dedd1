// STEPBOOK_NOTEBOOKS may name one lesson file: the dev server then serves that lesson alone and saves only
// it; a path that names no course stops the server with a message that says what to do.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type ViteDevServer } from "vite";
import { startDevServer, type DevServer } from "./dev-server.ts";
import { notebooksPlugin } from "../../ui/dev/notebooks-plugin.ts";
import { courseSource } from "../../ui/dev/course-source.ts";
import { SAVE_CONTENT_TYPE, SAVE_ENDPOINT, TOKEN_HEADER } from "../../ui/dev/save-protocol.ts";
import { textVersion } from "../../ui/document/version.ts";
import { parseNotebook } from "../../ui/document/index.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../e2e/fixtures/notebooks");
const ONE = "01-one-layer";
const OTHER = "02-training";

let root: string;
let dir: string;
let server: ViteDevServer;
let port: number;
let token: string;
let send: DevServer["send"];
const logged: string[] = [];

const file = (name: string) => path.join(dir, `${name}.md`);
function save(name: string, text: string) {
  const body = JSON.stringify({ name, text, base: textVersion(readFileSync(file(name), "utf8")), cells: parseNotebook(text, "x.md").cells.map((c) => c.type) });
  return send("POST", SAVE_ENDPOINT, {
    Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}`, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors",
    "Sec-Fetch-Dest": "empty", "Content-Type": SAVE_CONTENT_TYPE, [TOKEN_HEADER]: token,
  }, body);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "stepbook-one-"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><html><head><title>t</title></head><body></body></html>");
  dir = path.join(root, "drafts");
  mkdirSync(dir);
  cpSync(FIXTURES, dir, { recursive: true });
  const logger = { info: (m: string) => logged.push(m), warn: () => {}, warnOnce: () => {}, error: () => {}, clearScreen: () => {}, hasErrorLogged: () => false, hasWarned: false };
  ({ server, port, token, send } = await startDevServer(root, `drafts/${ONE}.md`, logger));
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a dev server on one lesson file", () => {
  it("serves that lesson alone, though other lessons sit beside it", async () => {
    const course = (await server.ssrLoadModule("virtual:stepbook/course")).default as Record<string, string>;
    expect(Object.keys(course)).toEqual([ONE]);
    expect(course[ONE]).toBe(readFileSync(file(ONE), "utf8"));
    expect(readFileSync(file(OTHER), "utf8").length).toBeGreaterThan(0);
  });

  it("says at start where the lesson is", () => {
    // the whole address, to open as it is (it said only "open #/lesson/NAME", above Vite's own address)
    expect(logged.join("\n")).toContain(`one lesson, ${file(ONE)}: open http://127.0.0.1:${port}/#/lesson/${ONE} (the index lists only it)`);
  });

  it("saves that lesson, and refuses to write any other file beside it", async () => {
    const text = readFileSync(file(ONE), "utf8").replace("A single dense layer maps", "One dense layer maps");
    const ok = await save(ONE, text);
    expect(ok.status, ok.body).toBe(200);
    expect(readFileSync(file(ONE), "utf8")).toContain("One dense layer maps");
    const before = readFileSync(file(OTHER), "utf8");
    const refused = await save(OTHER, before + "\nmore\n");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toBe(`not saved: this server serves one lesson, ${ONE}.md (STEPBOOK_NOTEBOOKS names that file), not ${OTHER}`);
    expect(readFileSync(file(OTHER), "utf8")).toBe(before);
  });
});

describe("a path that names no course", () => {
  it("stops the server at start, saying what is wrong", async () => {
    await expect(createServer({ configFile: false, root, logLevel: "silent", plugins: [notebooksPlugin({ dir: "no-such-course" })], server: { watch: null, hmr: false } }))
      .rejects.toThrow(`STEPBOOK_NOTEBOOKS=no-such-course: there is no folder or file ${path.join(root, "no-such-course")}`);
  });

  it("names the lesson a mistyped path meant", () => {
    expect(() => courseSource(root, `drafts/${ONE.replace("layer", "lyer")}.md`))
      .toThrow(`there is no folder or file ${path.join(dir, `${ONE.replace("layer", "lyer")}.md`)} (did you mean ${file(ONE)}?)`);
    expect(() => courseSource(root, "nowhere/x.md")).toThrow(/there is no folder or file \S+x\.md$/);
  });

  it("refuses a file that is not Markdown, and a file name that cannot be a lesson's address", () => {
    writeFileSync(path.join(root, "notes.txt"), "x");
    writeFileSync(path.join(root, "my lesson.md"), "x");
    expect(() => courseSource(root, "notes.txt")).toThrow("a lesson is a Markdown file (NAME.md), or name a folder of them");
    expect(() => courseSource(root, "my lesson.md")).toThrow(`"my lesson" cannot name a lesson (it is the lesson's address): use letters, digits, - and _, as in 01-my-lesson.md`);
    expect(courseSource(root, "drafts")).toEqual({ dir, only: null });
    expect(courseSource(root, `drafts/${ONE}.md`)).toEqual({ dir, only: ONE });
  });
});
