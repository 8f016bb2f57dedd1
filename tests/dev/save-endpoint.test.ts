// The dev server's save endpoint, against a real Vite dev server: who may write a lesson (only the app's
// own page, holding the session token), and what it may write (a lesson that parses into the cells the
// page meant, under notebooks/, over the version the page loaded, atomically, keeping the old one).
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ViteDevServer } from "vite";
import { startDevServer, type DevServer } from "./dev-server.ts";
import { SAVE_CONTENT_TYPE, SAVE_ENDPOINT, TOKEN_HEADER } from "../../ui/dev/save-protocol.ts";
import { textVersion } from "../../ui/document/version.ts";
import { parseNotebook } from "../../ui/document/index.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../e2e/fixtures/notebooks");
const LESSON = "01-one-layer";

let root: string;
let dir: string;
let outside: string;
let server: ViteDevServer;
let port: number;
let token: string;
let send: DevServer["send"];

const origin = () => `http://127.0.0.1:${port}`;
/** The headers Chromium sends with the app's own save. */
const pageHeaders = (extra: Record<string, string> = {}) => ({
  Host: `127.0.0.1:${port}`, Origin: origin(), "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty",
  "Content-Type": SAVE_CONTENT_TYPE, [TOKEN_HEADER]: token, ...extra,
});
const file = (name = LESSON) => path.join(dir, `${name}.md`);
const read = (name = LESSON) => readFileSync(file(name), "utf8");
const cellsOf = (text: string) => parseNotebook(text, "x.md").cells.map((c) => c.type);

function save(text: string, options: { name?: string; base?: string | null; cells?: string[]; headers?: Record<string, string> } = {}) {
  const name = options.name ?? LESSON;
  const base = options.base !== undefined ? options.base : textVersion(read(name));
  const body = JSON.stringify({ name, text, base, cells: options.cells ?? cellsOf(text) });
  return send("POST", SAVE_ENDPOINT, pageHeaders(options.headers), body);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "stepbook-dev-"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><html><head><title>t</title></head><body></body></html>");
  outside = path.join(root, "outside.md");
  dir = path.join(root, "notebooks");
  mkdirSync(dir); // the server refuses to start on a path that names no course
  ({ server, port, token, send } = await startDevServer(root, dir));
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(outside, "outside: not a lesson\n");
});

const edited = () => read().replace("A single dense layer maps", "One dense layer maps");

describe("the session token", () => {
  it("is written into the HTML of a top-level page load", () => {
    expect(token).toMatch(/^[\w-]{40,}$/);
  });

  it("is not in the page a fetch gets (all that a cell's code in the kernel's worker can do)", async () => {
    const fromWorker = await send("GET", "/", { Host: `127.0.0.1:${port}`, "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty", "Sec-Fetch-Site": "same-origin" });
    expect(fromWorker.status).toBe(200);
    expect(fromWorker.body).toContain("<title>t</title>");
    expect(fromWorker.body).not.toContain(token);
    const plain = await send("GET", "/index.html", { Host: `127.0.0.1:${port}` });
    expect(plain.body).not.toContain(token);
  });
});

describe("who may save", () => {
  it("the app's page, with the token, saves", async () => {
    const res = await save(edited());
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: "saved", version: textVersion(edited()) });
    expect(read()).toContain("One dense layer maps");
  });

  it.each([
    ["a page on another site (Sec-Fetch-Site: cross-site)", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }, 403],
    ["a same-site page on another port", { "Sec-Fetch-Site": "same-site", Origin: "http://127.0.0.1:1" }, 403],
    ["a request with another Origin and no Sec-Fetch-Site", { "Sec-Fetch-Site": "", Origin: "https://evil.example" }, 403],
    ["a request with no Origin", { Origin: "" }, 403],
    ["a form or no-cors fetch (text/plain)", { "Content-Type": "text/plain" }, 415],
    ["a form (x-www-form-urlencoded)", { "Content-Type": "application/x-www-form-urlencoded" }, 415],
    ["a same-origin request without the token (a cell's code in the worker)", { [TOKEN_HEADER]: "" }, 403],
    ["a request with a wrong token", { [TOKEN_HEADER]: "x".repeat(43) }, 403],
  ])("refuses %s, and the file is untouched", async (_what, headers, status) => {
    const before = read();
    const cleaned = Object.fromEntries(Object.entries({ ...pageHeaders(), ...headers }).filter(([, v]) => v !== ""));
    const body = JSON.stringify({ name: LESSON, text: edited(), base: textVersion(before), cells: cellsOf(before) });
    const res = await send("POST", SAVE_ENDPOINT, cleaned, body);
    expect(res.status, res.body).toBe(status);
    expect(JSON.parse(res.body).status).toBe("error");
    expect(read()).toBe(before);
  });

  it("refuses a GET", async () => {
    expect((await send("GET", SAVE_ENDPOINT, pageHeaders())).status).toBe(405);
  });
});

describe("what may be saved", () => {
  it("refuses a lesson over the size limit with 413, and keeps serving", async () => {
    const before = read();
    const huge = before + "\n" + "x".repeat(5 * 1024 * 1024);
    const res = await save(huge).catch((e: Error) => ({ status: 413, body: e.message }));
    expect(res.status).toBe(413);
    expect(read()).toBe(before);
    expect((await save(edited())).status).toBe(200);
  });

  it("refuses text that does not parse as a lesson, saying where", async () => {
    const before = read();
    const res = await save("no front matter\n", { cells: ["markdown"] });
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).error).toMatch(/01-one-layer\.md:1: a lesson starts with front matter/);
    expect(read()).toBe(before);
  });

  it("refuses an edit that changes the lesson's cells (an unclosed fence typed into prose)", async () => {
    const before = read();
    const broken = before.replace("A single dense layer maps", "```\nA single dense layer maps");
    const res = await save(broken, { cells: cellsOf(before) });
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).error).toMatch(/would change the lesson's structure/);
    expect(read()).toBe(before);
  });

  // #15.1/#15.6: ids are what saved student work and merges find cells by.
  it("saves a heading edit with every cell id unchanged, and refuses a text that would change an id", async () => {
    const before = read();
    const ids = parseNotebook(before, "x.md").cells.map((c) => c.id);
    const heading = before.replace("# One layer, step by step", "# One layer, slowly");
    const ok = await send("POST", SAVE_ENDPOINT, pageHeaders(), JSON.stringify({ name: LESSON, text: heading, base: textVersion(before), cells: cellsOf(before), ids }));
    expect(ok.status).toBe(200);
    expect(parseNotebook(read(), "x.md").cells.map((c) => c.id)).toEqual(ids);
    const renamed = heading.replace("```ts {#data}", "```ts {#dataset}");
    const res = await send("POST", SAVE_ENDPOINT, pageHeaders(), JSON.stringify({ name: LESSON, text: renamed, base: textVersion(heading), cells: cellsOf(heading), ids }));
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).error).toMatch(/would change the id of cell \d+ from "(md-)?data" to "(md-)?dataset"/);
    expect(read()).toBe(heading);
  });

  it.each(["../escape", ".hidden", "a/b", "", "x.md"])("refuses the name %j", async (name) => {
    const res = await send("POST", SAVE_ENDPOINT, pageHeaders(), JSON.stringify({ name, text: read(), base: null, cells: cellsOf(read()) }));
    expect(res.status).toBe(400);
  });

  it("creates a new lesson only under a plain NN-title name", async () => {
    const text = read();
    const bad = await send("POST", SAVE_ENDPOINT, pageHeaders(), JSON.stringify({ name: "Notes", text, base: null, cells: cellsOf(text) }));
    expect(bad.status).toBe(400);
    const good = await send("POST", SAVE_ENDPOINT, pageHeaders(), JSON.stringify({ name: "10-new-lesson", text, base: null, cells: cellsOf(text) }));
    expect(good.status, good.body).toBe(200);
    expect(read("10-new-lesson")).toBe(text);
  });

  it("never writes through a symbolic link out of notebooks/", async () => {
    symlinkSync(outside, file("03-link"));
    const text = read();
    const res = await save(text, { name: "03-link", base: textVersion(readFileSync(outside, "utf8")) });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatch(/symbolic link/);
    expect(readFileSync(outside, "utf8")).toBe("outside: not a lesson\n");
    expect(lstatSync(file("03-link")).isSymbolicLink()).toBe(true);
  });
});

describe("saving without losing anything", () => {
  it("answers a conflict, with the file's text, when the file changed since the page loaded it", async () => {
    const loaded = read();
    writeFileSync(file(), loaded.replace("The mean squared error", "The MSE"));
    const res = await save(edited().replace("The mean squared error", "The mean squared error"), { base: textVersion(loaded) });
    expect(res.status).toBe(409);
    const reply = JSON.parse(res.body);
    expect(reply.status).toBe("conflict");
    expect(reply.current).toContain("The MSE");
    expect(read()).toContain("The MSE");
    expect(read()).not.toContain("One dense layer maps");
  });

  it("keeps every replaced version in notebooks/.history/NAME/", async () => {
    const v0 = read();
    const v1 = edited();
    expect((await save(v1)).status).toBe(200);
    const v2 = v1.replace("The mean squared error", "The MSE");
    expect((await save(v2)).status).toBe(200);
    const folder = path.join(dir, ".history", LESSON);
    const kept = readdirSync(folder).sort().map((f) => readFileSync(path.join(folder, f), "utf8"));
    expect(kept).toEqual([v0, v1]);
    expect(read()).toBe(v2);
    // nothing else was written beside the lessons: no temp files left behind
    expect(readdirSync(dir).filter((f) => !f.endsWith(".md") && f !== ".history")).toEqual([]);
  });

  it("does not rewrite an unchanged lesson", async () => {
    const res = await save(read());
    expect(JSON.parse(res.body).status).toBe("unchanged");
    expect(() => readdirSync(path.join(dir, ".history"))).toThrow();
  });

  it("runs two saves over the same version one after the other: one lands, the other is a conflict", async () => {
    const base = textVersion(read());
    const a = edited();
    const b = read().replace("The mean squared error", "The MSE");
    const [ra, rb] = await Promise.all([save(a, { base }), save(b, { base })]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    expect([a, b]).toContain(read());
  });
});
