// A solution cell's outputs are part of the answer: on the exported page they stay folded with its code,
// where they showed beside the closed "Solution" (a lecturer's run found "✓ W2next is correct" and printed
// values under it). A hidden setup cell folds its code only: its outputs are the lesson's.
import { describe, expect, it } from "vitest";
import { cellHtml } from "../../ui/export/page.ts";
import type { ExportedCodeCell } from "../../ui/export/model.ts";

const cell = (options: ExportedCodeCell["options"]): ExportedCodeCell => ({
  kind: "code", id: "sol", source: "const answer = 42;\ncheck('answer', 42)", options, line: 3, executionCount: 1,
  outputs: [{ kind: "stream", name: "stdout", text: "answer 42\n" }, { kind: "check", check: { name: "answer", pass: true, message: "answer is correct" } }],
  trace: null,
});

describe("the exported solution cell", () => {
  it("keeps its outputs inside the folded solution", () => {
    const html = cellHtml(cell({ solution: "ex1", hidden: true } as ExportedCodeCell["options"]));
    const folded = /<details class="solution">([^]*)<\/details>/.exec(html)?.[1] ?? "";
    expect(folded).toContain("answer 42");
    expect(folded).toContain("answer is correct");
    expect(html.replace(/<details class="solution">[^]*<\/details>/, "")).not.toContain("answer");
  });

  it("a hidden setup cell folds its code, not its outputs", () => {
    const html = cellHtml(cell({ hidden: true } as ExportedCodeCell["options"]));
    expect(html.replace(/<details class="hidden-code">[^]*?<\/details>/, "")).toContain("answer 42");
  });
});
