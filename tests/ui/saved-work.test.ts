import { afterEach, describe, expect, it, vi } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { applyWork, debounce, upstreamChanges } from "../../ui/app/saved-work.ts";
import { tokenLines } from "../../ui/app/highlight.ts";
import { mergeInlineValues, userExpressionsOf } from "../../ui/app/inline-values.ts";
import { parseRoute } from "../../ui/app/route.ts";

const lesson = (code: string, prose = "Intro") => parseNotebook(`---\ntitle: T\n---\n\n${prose}\n\n\`\`\`ts {#a}\n${code}\n\`\`\`\n\n\`\`\`ts {#b}\nb\n\`\`\`\n`, "t.md");

describe("the student's work", () => {
  afterEach(() => vi.useRealTimers());

  it("applyWork puts the student's sources in place and leaves other cells as they are", () => {
    const doc = applyWork(lesson("a"), { sources: { a: "mine", gone: "x" } });
    expect(doc.cells.find((c) => c.id === "a")!.source).toBe("mine");
    expect(doc.cells.find((c) => c.id === "b")!.source).toBe("b");
  });

  it("an upstream change to a cell the student edited is a conflict; the edit is not touched", () => {
    const base = lesson("a", "Intro"), current = lesson("a2", "New intro");
    const r = upstreamChanges(base, current, { a: "mine" });
    expect(r.conflicts).toEqual(["a"]);
    expect(r.changed.length).toBe(2);
  });

  it("debounce saves once per burst of edits, within the delay, and flush saves now", () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const save = debounce((s: string) => saved.push(s), 400);
    save("a"); save("ab"); save("abc");
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(saved).toEqual(["abc"]);
    save("abcd");
    save.flush();
    expect(saved).toEqual(["abc", "abcd"]);
  });
});

describe("helpers", () => {
  it("tokenLines highlights keywords, strings, numbers and comments, line by line", () => {
    const lines = tokenLines('const x = np.zeros([2]); // hi\n"s"');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.find((t) => t.text === "const")!.kind).toBe("keyword");
    expect(lines[0]!.find((t) => t.text === "zeros")!.kind).toBe("function");
    expect(lines[0]!.find((t) => t.text === "2")!.kind).toBe("number");
    expect(lines[0]!.at(-1)!.kind).toBe("comment");
    expect(lines[1]![0]!.kind).toBe("string");
  });

  it("inline values: every ${expr} of the prose is asked of the kernel; failures fall back to the placeholder", () => {
    const doc = lesson("a", "X is ${X} with shape ${X.shape}; ${Y} is not defined");
    expect(userExpressionsOf(doc)).toEqual({ X: "X", "X.shape": "X.shape", Y: "Y" });
    const first = mergeInlineValues({}, { X: { status: "ok", text: "array([1.])" }, "X.shape": { status: "ok", text: "[1]" }, Y: { status: "error", ename: "ReferenceError", evalue: "Y is not defined" } });
    expect(first).toEqual({ X: "array([1.])", "X.shape": "[1]" });
    expect(mergeInlineValues(first, { X: { status: "error", ename: "ReferenceError", evalue: "gone" } })).toEqual({ "X.shape": "[1]" });
  });

  it("routes: index, lesson, and in-page anchors that are not routes", () => {
    expect(parseRoute("")).toEqual({ view: "index" });
    expect(parseRoute("#/lesson/01-intro")).toEqual({ view: "lesson", name: "01-intro" });
    expect(parseRoute("#eq-forward")).toBeNull();
  });
});
