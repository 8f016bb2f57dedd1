// @vitest-environment happy-dom
// Hostile case #15.4, last item: a huge output is cut in the kernel at 1 MB, and "Show more" fetches
// the rest from the kernel, which keeps it (bounded). Expected beside each case.
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-output-area.ts";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import { MIME, type CutPayload } from "../../kernel/protocol/mime.ts";
import { CutOutputs, MAX_KEPT_CHARS, MAX_KEPT_VALUES } from "../../kernel/runtime/output.ts";
import { KernelSession } from "../../ui/app/kernel-session.ts";
import type { CodeCell } from "../../ui/document/index.ts";

const cutOf = (data: unknown) => (data as Record<string, unknown>)[MIME.cut] as CutPayload | undefined;

describe("the kernel keeps what it cut", () => {
  // Expected: a 50 MB result is posted as its first 1 MB, with MIME.cut naming where the rest is kept;
  // asking for more gives the first N characters, cut the same way, until all of it.
  it("keeps the whole of a cut result and hands out more on request", async () => {
    const host = new NodeKernelHost();
    const { messages } = await host.execute('"ab".repeat(25_000_000)', { cellId: "big" });
    const result = messages.find((m) => m.type === "execute_result")!;
    const cut = cutOf((result as { data: unknown }).data)!;
    expect(cut["text/plain"]).toMatchObject({ shown: 1_000_000, total: 50_000_002 }); // the repr's quotes
    const more = host.kernel.moreOutput(cut["text/plain"]!.id, 2_000_000);
    expect(more.shown).toBe(2_000_000);
    expect(more.text.startsWith("'abab")).toBe(true);
    expect(more.text).toContain("[output truncated: 50 MB in all, the first 2 MB shown]");
    const all = host.kernel.moreOutput(cut["text/plain"]!.id, 1e9);
    expect(all.text.length).toBe(50_000_002);
    // a new run of the cell replaces its outputs: the kept value goes with them
    await host.execute("1", { cellId: "big" });
    expect(() => host.kernel.moreOutput(cut["text/plain"]!.id, 10)).toThrow(/no longer kept/);
    host.dispose();
  }, 60_000);

  // Expected: stream text past the 1 MB / 10,000-line limit is kept too; when the cell ends, one more
  // output names it (MIME.cut) and more of it comes on request, in order, nothing lost.
  it("keeps the stream text past the limit", async () => {
    const host = new NodeKernelHost();
    const { messages } = await host.execute("for (let i = 0; i < 30_000; i++) console.log(i)", { cellId: "chatty" });
    const shown = messages.filter((m) => m.type === "stream").map((m) => (m as { text: string }).text).join("");
    expect(shown).toContain("the rest is kept: Show more, when the cell has ended");
    const rest = messages.find((m) => m.type === "display_data")!;
    const cut = cutOf((rest as { data: unknown }).data)!["text/plain"]!;
    const all = host.kernel.moreOutput(cut.id, 1e9).text;
    const printed = shown.slice(0, shown.indexOf("[output truncated")) + all;
    expect(printed).toBe(Array.from({ length: 30_000 }, (_, i) => `${i}\n`).join(""));
    host.dispose();
  }, 60_000);

  // Expected: the store is bounded (values and characters; the oldest go first) and a restart empties it.
  it("is bounded", () => {
    expect([MAX_KEPT_CHARS, MAX_KEPT_VALUES]).toEqual([128_000_000, 32]);
    const store = new CutOutputs(10, 2);
    const a = store.keep("c1", "aaaa"), b = store.keep("c2", "bbbb"), c = store.keep("c3", "cccc");
    expect([store.get(a), store.get(b), store.get(c)]).toEqual([undefined, "bbbb", "cccc"]);
    const d = store.keep("c4", "dddddddd");
    expect([store.get(b), store.get(c), store.get(d)]).toEqual([undefined, undefined, "dddddddd"]);
    expect(store.get(store.keep("c5", "x".repeat(11)))).toBeUndefined(); // above the whole bound: never kept
    store.clear();
    expect(store.get(d)).toBeUndefined();
  });
});

describe('"Show more" in the page', () => {
  const mount = async (props: Record<string, unknown>) => {
    const el = document.createElement("sb-output-area") as HTMLElement & { updateComplete: Promise<unknown> };
    Object.assign(el, props);
    document.body.append(el);
    await el.updateComplete;
    return el;
  };
  const cutBundle = { "text/plain": "'xxxx\n… [output truncated: 3 MB in all, the first 1 MB shown]", [MIME.cut]: { "text/plain": { id: "cut-1", shown: 1_000_000, total: 3_000_000 } } };

  // Expected: a live run's cut output has a "Show more" button that asks for it; an exported page (not
  // live) shows what was exported and no button; an output shown in full has none.
  it("offers Show more only for a live, still cut output", async () => {
    const live = await mount({ live: true, outputs: [{ kind: "result", executionCount: 1, data: cutBundle }] });
    const button = live.querySelector<HTMLButtonElement>("button.show-more")!;
    expect(button.textContent).toContain("1 MB of 3 MB shown");
    const asked: unknown[] = [];
    document.addEventListener("sb-show-more", (e) => asked.push((e as CustomEvent).detail));
    button.click();
    expect(asked).toEqual([{ outputId: "cut-1" }]);
    expect((await mount({ live: false, outputs: [{ kind: "result", executionCount: 1, data: cutBundle }] })).querySelector("button.show-more")).toBeNull();
    const done = { ...cutBundle, [MIME.cut]: {} };
    expect((await mount({ live: true, outputs: [{ kind: "result", executionCount: 1, data: done }] })).querySelector("button.show-more")).toBeNull();
  });

  // Expected: the session fetches the next 1 MB from the kernel and puts it in the cell's output; after
  // the last part the output is whole and has nothing more to show; a value the kernel dropped says so.
  it("fetches the next part from the kernel into the cell's output", async () => {
    const host = new NodeKernelHost();
    const cell: CodeCell = { type: "code", id: "big", source: '"x".repeat(2_500_000)', metadata: {}, options: {}, outputs: [], executionCount: null };
    const s = new KernelSession({ addController: () => undefined, requestUpdate: () => undefined, removeController: () => undefined, updateComplete: Promise.resolve(true) }, {
      createKernel: () => host, doc: () => null, codeCells: () => [cell], concealed: () => false, reference: () => undefined, ran: () => undefined, variablesChanged: () => undefined,
    });
    s.start();
    expect(await s.run("big")).toBe(true);
    const result = () => s.runtime.cells.big!.outputs.find((o) => o.kind === "result") as { data: Record<string, unknown> };
    const id = cutOf(result().data)!["text/plain"]!.id;
    expect(String(result().data["text/plain"]).length).toBeLessThan(1_000_100);
    await s.showMore(id);
    expect(cutOf(result().data)!["text/plain"]!.shown).toBe(2_000_000);
    expect(String(result().data["text/plain"])).toContain("the first 2 MB shown");
    await s.showMore(id);
    expect(String(result().data["text/plain"]).length).toBe(2_500_002);
    expect(cutOf(result().data)).toEqual({});
    // run again, keep the old output object around: the kernel no longer has its value
    expect(await s.run("big")).toBe(true);
    host.kernel.restart();
    await s.showMore(cutOf(result().data)!["text/plain"]!.id);
    expect(String(result().data["text/plain"])).toMatch(/no longer kept in the kernel/);
    s.hostDisconnected();
  }, 60_000);
});
