import { describe, expect, it } from "vitest";
import type { KernelMessage, StreamMessage } from "../../kernel/protocol/messages.ts";
import { OutputSink } from "../../kernel/runtime/output.ts";
import { newHost, run } from "./helpers.ts";

const streams = (messages: KernelMessage[]) => messages.filter((m): m is StreamMessage => m.type === "stream");

describe("output limits", () => {
  it("a cell printing a million lines is cut at 10,000 lines with a note", async () => {
    const host = newHost();
    const r = await run(host, "a", "for (let i = 0; i < 1_000_000; i++) console.log(i)", 20_000);
    expect(r.reply.status).toBe("ok");
    const text = streams(r.messages).map((m) => m.text).join("");
    expect(text.split("\n").filter((l) => /^\d+$/.test(l))).toHaveLength(10_000);
    expect(text).toContain("[output truncated: the cell printed more than 10,000 lines; the rest is kept: Show more, when the cell has ended]");
    expect(text.length).toBeLessThan(200_000);
  });

  it("a cell printing 100 MB in long lines is cut at 1 MB", async () => {
    const host = newHost();
    const r = await run(host, "a", 'const line = "x".repeat(1_000_000)\nfor (let i = 0; i < 100; i++) console.log(line)', 20_000);
    const text = streams(r.messages).map((m) => m.text).join("");
    expect(text.length).toBeLessThan(1_100_000);
    expect(text).toContain("more than 1 MB");
  });

  it("many small prints arrive as a few stream messages, in order", async () => {
    const host = newHost();
    const r = await run(host, "a", "for (let i = 0; i < 1000; i++) console.log(i)");
    const out = streams(r.messages);
    expect(out.length).toBeLessThan(20);
    expect(out.map((m) => m.text).join("")).toBe(Array.from({ length: 1000 }, (_, i) => `${i}\n`).join(""));
  });

  it("the sink cuts text at the character limit and drops displays past the display limit", () => {
    const sent: KernelMessage[] = [];
    const sink = new OutputSink((m) => sent.push(m), "p", "c", { maxChars: 10, maxLines: 100, maxDisplays: 1 });
    sink.stream("stdout", "0123456789abc");
    sink.stream("stdout", "more");
    sink.display({ "text/plain": "one" });
    sink.display({ "text/plain": "two" });
    sink.flush();
    const texts = streams(sent).map((m) => m.text);
    expect(texts[0]).toBe("0123456789");
    expect(texts).not.toContain("more");
    expect(sent.filter((m) => m.type === "display_data")).toHaveLength(1);
    expect(texts.join("")).toContain("more than 1 displays");
  });

  it("limits are per cell: after a truncated cell the next cell prints in full", async () => {
    const host = newHost();
    await run(host, "a", "for (let i = 0; i < 20_000; i++) console.log(i)");
    expect((await run(host, "b", 'console.log("next")')).text).toBe("next\n");
  });
});

describe("output after a cell ended", () => {
  it("a timer the cell left running still writes to that cell's output, at once", async () => {
    const host = newHost();
    const late: KernelMessage[] = [];
    host.onMessage((m) => late.push(m));
    const r = await run(host, "a", 'setTimeout(() => console.log("late"), 20);');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const stream = late.find((m): m is StreamMessage => m.type === "stream");
    expect(stream).toMatchObject({ text: "late\n", cellId: "a", parent: r.reply.parent });
  });
});
