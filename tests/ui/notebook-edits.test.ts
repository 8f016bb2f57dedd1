// The student's own changes to a lesson's shape (inserted and deleted cells), command-mode keys, the
// line diff and the per-cell comparison with an updated lesson.
import { beforeEach, describe, expect, it, vi } from "vitest";

const store = new Map<string, unknown>();
vi.mock("idb-keyval", () => ({
  get: async (k: string) => structuredClone(store.get(k)),
  set: async (k: string, v: unknown) => void store.set(k, structuredClone(v)),
  del: async (k: string) => void store.delete(k),
  update: async (k: string, fn: (v: unknown) => unknown) => void store.set(k, structuredClone(fn(structuredClone(store.get(k))))),
}));

import { parseNotebook, serializeNotebook } from "../../ui/document/index.ts";
import { applyWork, deleteCell, insertCell, loadWork, type SavedWork } from "../../ui/app/saved-work.ts";
import { lineDiff } from "../../ui/app/line-diff.ts";
import { commandFor, isTyping, KEYMAP } from "../../ui/app/commands.ts";
import "../../ui/components/sb-code-cell.ts";
import "../../ui/components/sb-markdown-cell.ts";
import "../../ui/components/sb-toolbar.ts";
import "../../ui/components/sb-keyboard-help.ts";
import "../../ui/app/sb-app.ts";
import type { SbApp } from "../../ui/app/sb-app.ts";
import type { KernelConnection } from "../../kernel/protocol/connection.ts";

if (!document.doctype) document.insertBefore(document.implementation.createDocumentType("html", "", ""), document.documentElement);

const TEXT = "---\ntitle: T\n---\n\nIntro\n\n```ts {#a}\nconst a = 1;\n```\n\n```ts {#b}\nconst b = 2;\n```\n";
const doc = parseNotebook(TEXT, "t.md");
const work = (over: Partial<SavedWork> = {}): SavedWork => ({ version: 1, lesson: "t", base: TEXT, sources: {}, revealed: [], savedAt: 0, ...over });
const ids = (w: SavedWork) => applyWork(doc, w).cells.map((c) => c.id);

describe("inserted and deleted cells", () => {
  it("a cell inserted below or above sits there, empty, and is in the .md download", () => {
    let w = insertCell(doc, work(), "a", "below", "mine-1");
    w = insertCell(doc, w, "a", "above", "mine-2");
    w = insertCell(doc, w, "mine-1", "below", "mine-3");
    expect(ids(w)).toEqual(["md-a", "mine-2", "a", "mine-1", "mine-3", "b"]);
    w = { ...w, sources: { ...w.sources, "mine-1": "const mine = 3;" } };
    const md = serializeNotebook(applyWork(doc, w), "md");
    expect(md).toContain("```ts {#a}\nconst a = 1;\n```\n\n```ts {#mine-1}\nconst mine = 3;\n```");
    expect(JSON.parse(serializeNotebook(applyWork(doc, w), "ipynb")).cells.map((c: { id: string }) => c.id)).toContain("mine-1");
  });

  it("deleting the student's cell removes it and its code; the cells after it stay in place", () => {
    let w = insertCell(doc, work(), "a", "below", "mine-1");
    w = insertCell(doc, w, "mine-1", "below", "mine-2");
    w = deleteCell(doc, w, "mine-1");
    expect(ids(w)).toEqual(["md-a", "a", "mine-2", "b"]);
    expect(w.sources).not.toHaveProperty("mine-1");
    expect(w.removed ?? []).toEqual([]);
  });

  it("deleting a lesson cell hides it; a cell inserted above the next one goes right above it", () => {
    let w = deleteCell(doc, work(), "a");
    expect(ids(w)).toEqual(["md-a", "b"]);
    w = insertCell(doc, w, "b", "above", "mine-1");
    expect(ids(w)).toEqual(["md-a", "mine-1", "b"]);
    expect(applyWork(doc, { ...w, removed: [] }).cells.map((c) => c.id)).toEqual(["md-a", "a", "mine-1", "b"]);
  });

  it("an inserted cell whose neighbour left the lesson goes to the end", () => {
    const w = work({ sources: { "mine-1": "x" }, added: [{ id: "mine-1", after: "gone" }] });
    expect(ids(w)).toEqual(["md-a", "a", "b", "mine-1"]);
  });
});

describe("lineDiff", () => {
  it("keeps common lines and marks the rest as only in one text", () => {
    expect(lineDiff("a\nb\nc", "a\nx\nc\nd")).toEqual([
      { kind: "same", text: "a" }, { kind: "old", text: "b" }, { kind: "new", text: "x" }, { kind: "same", text: "c" }, { kind: "new", text: "d" },
    ]);
  });

  it("equal texts are all same; an empty text against lines is one empty line removed", () => {
    expect(lineDiff("p\nq", "p\nq").every((l) => l.kind === "same")).toBe(true);
    expect(lineDiff("", "p")).toEqual([{ kind: "old", text: "" }, { kind: "new", text: "p" }]);
  });

  it("finds the longest common part, not the first match", () => {
    const d = lineDiff("x\na\nb\nc", "a\nb\nc\nx");
    expect(d.filter((l) => l.kind === "same").map((l) => l.text)).toEqual(["a", "b", "c"]);
  });
});

describe("command keys", () => {
  it("single keys map to commands; d d deletes, d then something else does not", () => {
    expect(commandFor("j", null).command).toBe("next");
    expect(commandFor("ArrowUp", null).command).toBe("previous");
    expect(commandFor("b", null).command).toBe("insert-below");
    const first = commandFor("d", null);
    expect(first).toEqual({ command: null, pending: "d" });
    expect(commandFor("d", first.pending).command).toBe("delete");
    expect(commandFor("x", "d")).toEqual({ command: null, pending: null });
    expect(KEYMAP.find((b) => b.command === "help")!.keys).toEqual(["?", "h"]);
  });

  it("typing in a field or the editor is not a command", () => {
    const input = document.createElement("textarea");
    const editor = document.createElement("sb-code-editor");
    const inner = document.createElement("div");
    editor.append(inner);
    document.body.append(input, editor);
    expect(isTyping(input)).toBe(true);
    expect(isTyping(inner)).toBe(true);
    expect(isTyping(document.body)).toBe(false);
  });
});

describe("a cell the lesson changed after the student edited it", () => {
  it("offers a comparison, shows the line diff, and asks to take the lesson's version or keep theirs", async () => {
    const el = document.createElement("sb-code-cell");
    Object.assign(el, { cellId: "a", source: "const a = 1;\nmine", modified: true, lessonSource: "const a = 1;\nlesson" });
    document.body.append(el);
    await el.updateComplete;
    expect(el.querySelector("sb-line-diff")).toBeNull();
    const toggle = el.querySelector<HTMLButtonElement>(".btn-compare")!;
    expect(toggle.textContent).toBe("Compare with the lesson");
    toggle.click();
    await el.updateComplete;
    const diff = el.querySelector("sb-line-diff") as HTMLElement & { updateComplete: Promise<unknown> };
    await diff.updateComplete;
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect([...diff.querySelectorAll(".diff-line.diff-old")].map((l) => l.textContent)).toEqual(["−only in yours: mine\n"]);
    expect([...diff.querySelectorAll(".diff-line.diff-new")].map((l) => l.textContent)).toEqual(["+only in the lesson: lesson\n"]);
    const events: string[] = [];
    el.addEventListener("sb-take-lesson", () => events.push("take"));
    el.addEventListener("sb-keep-mine", () => events.push("keep"));
    el.querySelector<HTMLButtonElement>(".btn-take-lesson")!.click();
    el.querySelector<HTMLButtonElement>(".btn-keep-mine")!.click();
    expect(events).toEqual(["take", "keep"]);
    el.remove();
  });

  it("a cell the lesson did not change has no comparison; the student's own cell says so and has no Reset", async () => {
    const el = document.createElement("sb-code-cell");
    Object.assign(el, { cellId: "m", source: "x", modified: true, mine: true });
    document.body.append(el);
    await el.updateComplete;
    expect(el.querySelector(".btn-compare")).toBeNull();
    expect(el.querySelector(".badge-mine")!.textContent).toBe("yours");
    expect(el.querySelector(".btn-reset")).toBeNull();
    el.remove();
  });
});

// ---- the app: command mode and the upstream strip -------------------------------------------------

const fakeKernel = (): KernelConnection => ({
  execute: async () => ({ reply: { status: "ok", userExpressions: {} } }) as never,
  interrupt: async () => {}, restart: async () => {}, inspect: async () => ({ status: "error" }) as never,
  variables: async () => [], stale: [], onMessage: () => () => {}, dispose: () => {},
});

async function mountApp(confirm: (m: string) => boolean = () => true): Promise<SbApp> {
  const app = document.createElement("sb-app") as SbApp;
  app.options = { createKernel: fakeKernel, lesson: { name: "t", text: TEXT }, confirm };
  document.body.append(app);
  await settle(app);
  return app;
}

async function settle(app: SbApp) {
  for (let i = 0; i < 5; i++) { await new Promise((r) => setTimeout(r, 0)); await app.updateComplete; }
}

const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, composed: true, cancelable: true }));
const cellIds = (app: SbApp) => [...app.querySelectorAll("sb-code-cell")].map((c) => (c as HTMLElement).dataset.cell);
const view = (app: SbApp, id: string) => app.querySelector(`sb-code-cell[data-cell="${id}"] .code-view`)!;

describe("command mode in the app", () => {
  // an app taken out of the page saves its pending work (as a closed tab does): let it land, then clear
  beforeEach(async () => { document.body.replaceChildren(); await new Promise((r) => setTimeout(r, 0)); store.clear(); });

  it("b inserts a cell below and focuses it, j/k move, d d deletes it; the work is saved", async () => {
    const app = await mountApp();
    expect(cellIds(app)).toEqual(["a", "b"]);
    key(view(app, "a"), "b");
    await settle(app);
    const ids = cellIds(app);
    expect(ids).toHaveLength(3);
    const mine = ids[1]!;
    expect(mine).toMatch(/^mine-/);
    expect(document.activeElement).toBe(view(app, mine));
    key(view(app, mine), "j");
    await settle(app);
    expect(document.activeElement).toBe(view(app, "b"));
    key(view(app, "b"), "k");
    await settle(app);
    expect(document.activeElement).toBe(view(app, mine));
    dispatchEvent(new Event("pagehide"));
    await settle(app);
    expect((await loadWork("t"))!.added).toEqual([{ id: mine, after: "a" }]);
    key(view(app, mine), "d");
    key(view(app, mine), "d");
    await settle(app);
    expect(cellIds(app)).toEqual(["a", "b"]);
    expect(document.activeElement).toBe(view(app, "b"));
  });

  it("d d on a lesson cell asks first and hides it; keys typed in a field do nothing; ? opens the help", async () => {
    const asked: string[] = [];
    const app = await mountApp((m) => (asked.push(m), true));
    key(view(app, "a"), "d");
    key(view(app, "a"), "d");
    await settle(app);
    expect(asked[0]).toMatch(/Reset lesson/);
    expect(cellIds(app)).toEqual(["b"]);
    const field = document.createElement("input");
    app.querySelector("sb-code-cell")!.append(field);
    key(field, "b");
    await settle(app);
    expect(cellIds(app)).toEqual(["b"]);
    key(document.body, "?");
    await settle(app);
    const help = app.querySelector("sb-keyboard-help .keyboard-help") as HTMLDialogElement;
    expect(help.open).toBe(true);
    expect(help.textContent).toContain("insert a code cell below");
  });

  it("an updated lesson marks the conflicting cell; taking the lesson's version drops the edit and the banner", async () => {
    const old = TEXT.replace("const a = 1;", "const a = 0;");
    store.set("stepbook:work:t", work({ base: old, sources: { a: "const a = 42;" } }));
    const app = await mountApp();
    expect(app.querySelector(".banner.upstream")).not.toBeNull();
    const cell = app.querySelector('sb-code-cell[data-cell="a"]')!;
    expect(app.querySelector('sb-code-cell[data-cell="b"] .btn-compare')).toBeNull();
    cell.querySelector<HTMLButtonElement>(".btn-compare")!.click();
    await settle(app);
    expect(cell.querySelector(".line-diff")!.textContent).toContain("const a = 42;");
    cell.querySelector<HTMLButtonElement>(".btn-take-lesson")!.click();
    await settle(app);
    expect(cell.querySelector(".code-view")!.textContent).toContain("const a = 1;");
    expect(app.querySelector(".banner.upstream")).toBeNull();
    expect(cell.querySelector(".upstream-cell")).toBeNull();
  });

  it("Keep mine settles a cell for good (a reload does not ask again); settling the last one accepts the update", async () => {
    const old = TEXT.replace("const a = 1;", "const a = 0;").replace("const b = 2;", "const b = 0;");
    store.set("stepbook:work:t", work({ base: old, sources: { a: "mine a", b: "mine b" } }));
    let app = await mountApp();
    const strip = (id: string) => app.querySelector(`sb-code-cell[data-cell="${id}"] .upstream-cell`);
    const compare = (id: string) => app.querySelector<HTMLButtonElement>(`sb-code-cell[data-cell="${id}"] .btn-compare`)!;
    compare("a").click();
    await settle(app);
    app.querySelector<HTMLButtonElement>('sb-code-cell[data-cell="a"] .btn-keep-mine')!.click();
    await settle(app);
    expect(strip("a")).toBeNull();
    expect(strip("b")).not.toBeNull();
    dispatchEvent(new Event("pagehide"));
    await settle(app);
    app.remove();
    app = await mountApp();
    expect(strip("a")).toBeNull();
    compare("b").click();
    await settle(app);
    app.querySelector<HTMLButtonElement>('sb-code-cell[data-cell="b"] .btn-keep-mine')!.click();
    await settle(app);
    expect(app.querySelector(".banner.upstream")).toBeNull();
    dispatchEvent(new Event("pagehide"));
    await settle(app);
    const saved = (await loadWork("t"))!;
    expect(saved.base).toBe(TEXT);
    expect(saved.kept).toBeUndefined();
    expect(saved.sources).toEqual({ a: "mine a", b: "mine b" });
  });
});
