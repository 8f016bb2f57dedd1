import { afterEach, describe, expect, it, vi } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { applyWork, debounce } from "../../ui/app/saved-work.ts";
import { upstreamChanges } from "../../ui/app/work-match.ts";
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

  it("inline values: running a cell asks the kernel for the ${expr}s of the prose after it; failures fall back to the placeholder", () => {
    const doc = parseNotebook("---\ntitle: T\n---\n\n```ts {#a}\nconst X = 1\n```\n\nX is ${X}, shape ${X.shape}; ${Y} is not defined\n\n```ts {#b}\nconst X = 2\n```\n\nNow ${X}.\n", "t.md");
    const [first, second] = doc.cells.filter((c) => c.type === "markdown").map((c) => c.id);
    const key = (cell: string, expr: string) => JSON.stringify([cell, expr]);
    expect(userExpressionsOf(doc, "a")).toEqual({ [key(first!, "X")]: "X", [key(first!, "X.shape")]: "X.shape", [key(first!, "Y")]: "Y" });
    expect(userExpressionsOf(doc, "b")).toEqual({ [key(second!, "X")]: "X" });
    const afterA = mergeInlineValues({}, {
      [key(first!, "X")]: { status: "ok", text: "1" }, [key(first!, "X.shape")]: { status: "ok", text: "undefined" },
      [key(first!, "Y")]: { status: "error", ename: "ReferenceError", evalue: "Y is not defined" },
    });
    expect(afterA).toEqual({ [first!]: { X: "1", "X.shape": "undefined" } });
    // the same expression after cell b is its own value: the prose after a keeps showing 1
    const afterB = mergeInlineValues(afterA, { [key(second!, "X")]: { status: "ok", text: "2" } });
    expect(afterB).toEqual({ [first!]: { X: "1", "X.shape": "undefined" }, [second!]: { X: "2" } });
    expect(mergeInlineValues(afterB, { [key(first!, "X")]: { status: "error", ename: "ReferenceError", evalue: "gone" } })[first!]).toEqual({ "X.shape": "undefined" });
  });

  it("routes: index, lesson, and in-page anchors that are not routes", () => {
    expect(parseRoute("")).toEqual({ view: "index" });
    expect(parseRoute("#/lesson/01-intro")).toEqual({ view: "lesson", name: "01-intro" });
    expect(parseRoute("#eq-forward")).toBeNull();
  });
});
