import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

describe("user expressions (the ${expr} values of a lesson's prose)", () => {
  it("are evaluated after the cell and come back as text in the reply", async () => {
    const host = newHost();
    const { reply, messages } = await host.execute("const Z1 = np.ones([300, 16]).mul(0.5)\nconst lr = 0.1", {
      cellId: "a",
      userExpressions: { shape: "Z1.shape", mean: "Z1.mean().item()", lr: "lr * 2", vector: "np.zeros(4).shape", list: "[300, 16]" },
    });
    expect(reply.status).toBe("ok");
    expect(reply.userExpressions).toEqual({
      shape: { status: "ok", text: "(300, 16)" },
      mean: { status: "ok", text: "0.5" },
      lr: { status: "ok", text: "0.2" },
      // numpy writes a 1-D shape (4,); a plain list stays a list
      vector: { status: "ok", text: "(4,)" },
      list: { status: "ok", text: "[300, 16]" },
    });
    // they print nothing and show no result
    expect(messages.filter((m) => m.type === "stream" || m.type === "execute_result")).toEqual([]);
  });

  it("report an error per expression without failing the cell or defining anything", async () => {
    const host = newHost();
    const { reply } = await host.execute("const a = 1", { cellId: "a", userExpressions: { bad: "notDefinedYet + 1", good: "a + 1" } });
    expect(reply.status).toBe("ok");
    expect(reply.userExpressions?.bad).toMatchObject({ status: "error", ename: "ReferenceError" });
    expect(reply.userExpressions?.good).toEqual({ status: "ok", text: "2" });
    const later = await run(host, "b", "typeof notDefinedYet");
    expect(later.result).toBe("'undefined'");
  });
});
