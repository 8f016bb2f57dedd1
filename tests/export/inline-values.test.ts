// `${expr}` in an exported page shows the value where the prose stands, not the value at the end
// of the lesson: a later cell may redefine the name (lesson 6 reuses w5 for a second network).
import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { runLesson } from "../../ui/export/run.ts";

const text = `---
title: Positions
---

Before any code: \${1 + 1}.

\`\`\`ts {#first}
const w = 0.5;
\`\`\`

After the first cell, w is \${w} and as text \${w.toFixed(2)}.

\`\`\`ts {#second}
const w = 7;
\`\`\`

After the second cell, w is \${w}.
`;

describe("inline values of an exported lesson", () => {
  it("are evaluated after the code cell before their prose, and strings show without quotes", async () => {
    const doc = parseNotebook(text, "positions.md");
    const [intro, afterFirst, afterSecond] = doc.cells.filter((c) => c.type === "markdown").map((c) => c.id);
    const run = await runLesson(doc, "positions.md");
    expect(run.values[intro!]).toEqual({ "1 + 1": "2" });
    expect(run.values[afterFirst!]).toEqual({ w: "0.5", "w.toFixed(2)": "0.50" });
    expect(run.values[afterSecond!]).toEqual({ w: "7" });
  });

  it("an expression that fails names its markdown cell", async () => {
    const doc = parseNotebook(text.replace("${w.toFixed(2)}", "${nope.x}"), "positions.md");
    await expect(runLesson(doc, "positions.md")).rejects.toThrow(/positions\.md.*\$\{nope\.x\}: ReferenceError/);
  });
});
