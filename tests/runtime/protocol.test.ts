import { describe, expect, it, vi } from "vitest";
import { isKernelMessage, isKernelRequest, isMessage, isOutput, type KernelMessage } from "../../kernel/protocol/messages.ts";
import { RequestRouter } from "../../kernel/protocol/router.ts";

describe("the protocol", () => {
  it("guards tell messages and requests apart by their tag", () => {
    expect(isKernelMessage({ type: "stream", parent: "p", cellId: "c", name: "stdout", text: "" })).toBe(true);
    expect(isKernelMessage({ type: "execute_request", id: "1" })).toBe(false);
    expect(isKernelRequest({ type: "execute_request", id: "1", cellId: "c", code: "" })).toBe(true);
    expect(isKernelRequest({ type: "execute_request" })).toBe(false);
    expect(isKernelRequest(null)).toBe(false);
    const m: KernelMessage = { type: "error", parent: "p", cellId: "c", ename: "E", evalue: "v", traceback: [], position: null };
    expect(isMessage(m, "error") && m.ename).toBe("E");
    expect(isOutput(m)).toBe(true);
    expect(isOutput({ type: "status", parent: null, state: "idle" })).toBe(false);
  });

  it("the router gives each request its own messages and resolves an execute on the idle after its reply", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const router = new RequestRouter("t");
    const seen: string[] = [];
    router.onMessage((m) => seen.push(m.type));
    router.onMessage(() => { throw new Error("a broken listener"); });
    const sent: { id: string }[] = [];
    const a = router.request({ type: "execute_request", id: "a", cellId: "A", code: "" }, (r) => sent.push(r));
    const b = router.request({ type: "variables_request", id: "b" }, (r) => sent.push(r));
    let aDone = false;
    void a.then(() => (aDone = true));
    router.receive({ type: "stream", parent: "a", cellId: "A", name: "stdout", text: "x" });
    router.receive({ type: "variables_reply", parent: "b", variables: [] });
    router.receive({ type: "execute_reply", parent: "a", cellId: "A", status: "ok", executionCount: 1, defines: [], uses: [] });
    await Promise.resolve();
    expect(aDone).toBe(false);
    router.receive({ type: "stale", parent: "a", cells: ["Z"] });
    router.receive({ type: "status", parent: "a", state: "idle" });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.messages.map((m) => m.type)).toEqual(["stream", "execute_reply", "stale", "status"]);
    expect(ra.reply.type).toBe("execute_reply");
    expect(rb.reply.type).toBe("variables_reply");
    expect(router.stale).toEqual(["Z"]);
    expect(seen).toHaveLength(5);
    expect(sent.map((r) => r.id)).toEqual(["a", "b"]);
    expect(logged).toHaveBeenCalledTimes(5); // the broken listener is reported, and the others still ran
    logged.mockRestore();
  });
});
