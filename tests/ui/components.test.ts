import { describe, expect, it } from "vitest";
import "../../ui/components/sb-tensor-view.ts";
import "../../ui/components/sb-output-area.ts";
import "../../ui/components/sb-code-view.ts";
import "../../ui/components/sb-code-cell.ts";
import "../../ui/components/sb-trace-view.ts";
import "../../ui/components/sb-lesson-index.ts";
import "../../ui/components/sb-toolbar.ts";
import "../../ui/components/sb-markdown-cell.ts";
import "../../ui/components/sb-variable-inspector.ts";
import "../../ui/components/sb-error-output.ts";
import { shapeLine } from "../../ui/components/step-shapes.ts";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";
import { emptyCell, initialRuntime, transition } from "../../ui/app/state.ts";
import { renderMarkdown } from "../../ui/render/render.ts";

if (!document.doctype) document.insertBefore(document.implementation.createDocumentType("html", "", ""), document.documentElement);

async function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>): Promise<T> {
  const el = document.createElement(tag) as T & { updateComplete: Promise<unknown> };
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const step = (over: Partial<StepSummary> = {}): StepSummary => ({
  step: 0, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "forward", op: "matmul", latex: "Z_1 = X W_1", rule: "C = A B",
  shapes: { inputs: [[300, 2], [2, 16]], output: [300, 16] }, inputs: [1, 2], output: 3, name: "Z1", inputNames: ["X", "W1"], inputLabels: ["X", "W1"],
  cell: "c", line: 2, preview: { values: [1, 2, 3], truncated: true, min: 0, max: 3, mean: 1 }, ...over,
});

describe("sb-tensor-view", () => {
  it("shows the shape badge, min/max/mean and a heatmap table", async () => {
    const el = await mount("sb-tensor-view", { tensor: { name: "W", shape: [2, 3], data: [1, -2, 3, 4, 5, "NaN"], min: -2, max: 5, mean: 2.2 } });
    expect(el.querySelector(".shape-badge")!.textContent).toBe("(2, 3)");
    expect(el.querySelector(".tensor-stats")!.textContent).toContain("min -2");
    expect(el.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(el.querySelectorAll("tbody td")).toHaveLength(6);
    expect((el.querySelector("tbody td") as HTMLElement).getAttribute("style")).toContain("rgba");
  });

  it("a scalar shows its value as numpy's repr, the stats as summary numbers (one format, kernel/display/number-text.ts)", async () => {
    const one = await mount("sb-tensor-view", { tensor: { name: "L", shape: [], data: [0.1 + 0.2], min: 0.1 + 0.2, max: 0.1 + 0.2, mean: 0.1 + 0.2 } });
    expect(one.querySelector(".shape-badge")!.textContent).toBe("() scalar");
    expect(one.querySelector(".tensor-scalar")!.textContent).toBe("0.30000000000000004");
    const many = await mount("sb-tensor-view", { tensor: { name: "b", shape: [2], data: [2.5, "Infinity"], min: 2.5, max: "Infinity", mean: "Infinity" } });
    expect(many.querySelector(".tensor-stats")!.textContent).toBe("min 2.5 · max inf · mean inf");
  });

  it("summarises a large tensor and says how much it shows", async () => {
    const data = Array.from({ length: 300 * 30 }, (_, i) => i);
    const el = await mount("sb-tensor-view", { tensor: { shape: [300, 30], data, min: 0, max: 8999, mean: 4499.5 } });
    expect(el.querySelector(".shape-badge")!.textContent).toBe("(300, 30)");
    expect(el.querySelectorAll("tbody tr").length).toBeLessThan(300);
    expect(el.querySelector(".tensor-note")!.textContent).toMatch(/showing 64 of 300 rows, 24 of 30 columns/);
  });
});

describe("sb-output-area", () => {
  it("shows text as text, never as markup", async () => {
    const el = await mount("sb-output-area", { outputs: [{ kind: "result", executionCount: 1, data: { "text/plain": "<img src=x onerror=alert(1)>" } }] });
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector(".text-output")!.textContent).toBe("<img src=x onerror=alert(1)>");
  });

  it("shows text/html only from a live run", async () => {
    const outputs = [{ kind: "display", data: { "text/html": "<b>bold</b>", "text/plain": "bold" } }];
    expect((await mount("sb-output-area", { outputs, live: false })).querySelector("b")).toBeNull();
    expect((await mount("sb-output-area", { outputs, live: true })).querySelector("b")).not.toBeNull();
  });

  it("renders Markdown and TeX outputs through the shared pipeline, and checks, errors, progress", async () => {
    const el = await mount("sb-output-area", { outputs: [
      { kind: "display", data: { "text/markdown": "**hi** $x^2$" } },
      { kind: "display", data: { "text/latex": "\\frac{a}{b}" } },
      { kind: "display", data: { "application/vnd.stepbook.check+json": { name: "db", pass: false, message: "db[0] is too low by 1.5; tolerance 1e-6", index: [0], maxError: 1.5, expected: "array([1.5])" } } },
      { kind: "display", displayId: "p", data: { "application/vnd.stepbook.progress+json": { label: "epochs", value: 3, total: 10, elapsedMs: 1200, done: false } } },
      { kind: "error", ename: "TypeError", evalue: "boom", traceback: ["TypeError: boom", "  at line 2"], position: { cellId: "c", line: 2, column: 1 } },
    ] });
    expect(el.querySelector(".markdown-output strong")!.textContent).toBe("hi");
    expect(el.querySelectorAll(".katex").length).toBeGreaterThanOrEqual(2);
    expect(el.querySelector(".check-fail")!.textContent).toContain("db[0] is too low by 1.5");
    // the expected value only on request
    expect(el.querySelector(".check-expected")).toBeNull();
    (el.querySelector(".check-show-expected") as HTMLButtonElement).click();
    await (el.querySelector("sb-check-output") as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.querySelector(".check-expected")!.textContent).toBe("array([1.5])");
    expect((el.querySelector("progress") as HTMLProgressElement).value).toBe(3);
    expect(el.querySelector(".error-head")!.textContent).toContain("line 2");
  });
});

describe("sb-code-cell and sb-code-view", () => {
  it("marks the failing line and the step line, shows the prompt and stale badge", async () => {
    const runtime = { ...emptyCell(), executionCount: 4, stale: true, error: { cellId: "c", line: 2, column: 1 } };
    const el = await mount("sb-code-cell", { cellId: "c", source: "const a = 1;\nthrow new Error()\nlet z", runtime, highlightLine: 3, options: { trace: true } });
    expect(el.querySelector(".cell-prompt")!.textContent).toBe("[4]");
    expect(el.querySelector(".line-error")!.getAttribute("data-line")).toBe("2");
    expect(el.querySelector(".line-highlight")!.getAttribute("data-line")).toBe("3");
    expect(el.querySelector(".badge-stale")).not.toBeNull();
    expect(el.querySelector(".badge-trace")).not.toBeNull();
    // an error at line 2 of another cell (inside a function that cell defines) marks no line of this one
    const elsewhere = await mount("sb-code-cell", { cellId: "c", source: "f(1)\n2", runtime: { ...emptyCell(), error: { cellId: "defines-f", line: 2, column: 1 } } });
    expect(elsewhere.querySelector(".line-error")).toBeNull();
  });

  it("after a kernel restart the prompt reads [ ] (not [0] nor the old count) until the cell runs again", async () => {
    let st = transition(initialRuntime(), { type: "ui/queued", cellId: "c", source: "1" });
    st = transition(st, { type: "execute_reply", parent: "", cellId: "c", status: "ok", executionCount: 3, defines: [], uses: [] });
    const el = await mount<HTMLElement & { runtime: unknown; updateComplete: Promise<unknown> }>("sb-code-cell", { cellId: "c", source: "1", runtime: st.cells.c });
    expect(el.querySelector(".cell-prompt")!.textContent).toBe("[3]");
    el.runtime = transition(st, { type: "ui/restarted" }).cells.c;
    await el.updateComplete;
    expect(el.querySelector(".cell-prompt")!.textContent).toBe("[ ]");
  });

  it("Shift+Enter asks to run and advance; Ctrl+Enter to run and stay; the run button too", async () => {
    const el = await mount("sb-code-cell", { cellId: "c", source: "1", runtime: emptyCell() });
    const runs: unknown[] = [];
    el.addEventListener("sb-run", (e) => runs.push((e as CustomEvent).detail));
    el.querySelector(".code-view")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", shiftKey: true, bubbles: true }));
    el.querySelector(".code-view")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
    (el.querySelector(".btn-run") as HTMLButtonElement).click();
    expect(runs).toEqual([{ cellId: "c", advance: true }, { cellId: "c", advance: false }, { cellId: "c", advance: false }]);
  });

  it("a hidden solution shows only a button until revealed", async () => {
    const el = await mount("sb-code-cell", { cellId: "s", source: "const db = 1", concealed: true, options: { solution: "db", hidden: true } });
    expect(el.querySelector(".code-view")).toBeNull();
    let revealed = 0;
    el.addEventListener("sb-reveal", () => revealed++);
    const click = async (selector: string) => {
      (el.querySelector(selector) as HTMLButtonElement).click();
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    };
    // asked inline, not with the browser's confirm(); Cancel says nothing changed
    await click(".btn-reveal");
    expect(el.querySelector(".solution-hidden")!.textContent).toContain("Show the solution?");
    await click(".btn-reveal-no");
    expect(revealed).toBe(0);
    expect(el.querySelector(".solution-hidden")!.textContent).toContain("Nothing changed: the solution is still hidden.");
    await click(".btn-reveal");
    await click(".btn-reveal-yes");
    expect(revealed).toBe(1);
  });

  it("after the exercise passed, Show solution does not ask again", async () => {
    const el = await mount("sb-code-cell", { cellId: "s", source: "const db = 1", concealed: true, exercisePassed: true, options: { solution: "db", hidden: true } });
    let revealed = 0;
    el.addEventListener("sb-reveal", () => revealed++);
    (el.querySelector(".btn-reveal") as HTMLButtonElement).click();
    expect(revealed).toBe(1);
  });
});

describe("sb-error-output", () => {
  it("says where as the prompts number cells: cell 15, line 3", async () => {
    const el = await mount("sb-error-output", {
      ename: "TypeError", evalue: "boom", traceback: ["TypeError: boom", '  at cell "cell-7", line 3, column 1', '  called from cell "other", line 1, column 2'],
      cellNumber: (id: string) => (id === "cell-7" ? 15 : null),
    });
    expect(el.querySelector(".error-trace")!.textContent).toBe('  at cell 15, line 3, column 1\n  called from cell "other", line 1, column 2');
  });

  it("a place in another cell names that cell in the head: lesson 7's predict(X.T) failed at line 11 of cell 2, not of the 2-line cell 3", async () => {
    const number = (id: string) => ({ init: 2, train: 3 })[id] ?? null;
    const traceback = ["Error: matmul: shapes (2, 300) and (2, 8) are not aligned", '  at cell "init", line 11, column 21', '  called from cell "train", line 1, column 14'];
    const elsewhere = await mount("sb-error-output", { ename: "Error", evalue: "matmul: shapes (2, 300) and (2, 8) are not aligned", traceback,
      position: { cellId: "init", line: 11, column: 21 }, cellId: "train", cellNumber: number });
    expect(elsewhere.querySelector(".error-where")!.textContent).toBe("(cell 2, line 11)");
    const here = await mount("sb-error-output", { ename: "TypeError", evalue: "boom", traceback: [], position: { cellId: "train", line: 2, column: 1 }, cellId: "train", cellNumber: number });
    expect(here.querySelector(".error-where")!.textContent).toBe("(line 2)");
  });
});

describe("sb-trace-view", () => {
  const trace: TraceSummary = { version: 1, cell: "c", dropped: 0, droppedEpochs: 0, epochs: 1, records: [
    step(), step({ step: 1, op: "add", latex: "Z = A + b", shapes: { inputs: [[300, 16], [16]], output: [300, 16] } }),
    step({ step: 2, phase: "backward", op: "matmul.backward", grads: [{ into: 2, intoName: "W1", factor: "X^\\top", fromName: "Z1", chain: "\\frac{\\partial L}{\\partial W_1} \\mathrel{+}= \\frac{\\partial L}{\\partial Z_1} \\cdot X^\\top" }], inputLabels: ["dZ1", "X", "W1"] }),
  ] };

  it("writes the shapes as the op joins them", () => {
    const line = (s: Parameters<typeof shapeLine>[0]) => shapeLine(s).replace(/\u00a0/g, " "); // no-break inside a shape
    expect(line(trace.records[0]!)).toBe("(300, 2)(2, 16) -> (300, 16)");
    expect(line(trace.records[1]!)).toBe("(300, 16) + (16,) -> (300, 16)");
    expect(line({ op: "mul", shapes: { inputs: [[4], []], output: [4] } })).toBe("(4,) ⊙ () -> (4,)");
  });

  it("shows the step's formula, phase and position; next asks for the next step", async () => {
    const el = await mount("sb-trace-view", { cellId: "c", trace, index: 0 });
    expect(el.querySelector(".trace-position")!.textContent).toBe("step 1 / 3");
    expect(el.querySelector(".step-formula .katex")).not.toBeNull();
    expect(el.querySelector(".phase-chip.current")!.textContent).toBe("forward");
    const asked: number[] = [];
    el.addEventListener("sb-step", (e) => asked.push((e as CustomEvent).detail.index));
    (el.querySelector("[aria-label='next step']") as HTMLButtonElement).click();
    (el.querySelector(".phase-chip.phase-backward") as HTMLButtonElement).click();
    expect(asked).toEqual([1, 2]);
  });

  it("an update step's W2 before and W2 after are two regions with two names (input, output), not two 'values of W2'", async () => {
    const update: TraceSummary = { ...trace, records: [step({ step: 0, phase: "update", op: "assignSub", name: "W2", latex: "W_2 \\leftarrow W_2 - 0.1\\, dW_2",
      inputLabels: ["W2", "dW2"], shapes: { inputs: [[2, 2], [2, 2]], output: [2, 2] } })] };
    const values = { inputs: [0, 1].map(() => ({ shape: [2, 2], data: [1, 2, 3, 4] })), output: { shape: [2, 2], data: [0.9, 1.8, 2.7, 3.6] } };
    const el = await mount("sb-trace-view", { cellId: "c", trace: update, index: 0, values });
    const names = [...el.querySelectorAll(".step-values .tensor-scroll")].map((e) => e.getAttribute("aria-label"));
    expect(names).toEqual(["values of W2, input 1", "values of dW2, input 2", "values of W2, output"]);
  });

  it("a backward step shows its chain-rule factor", async () => {
    const el = await mount("sb-trace-view", { cellId: "c", trace, index: 2 });
    expect(el.querySelector(".step-grads .katex")).not.toBeNull();
  });
});

describe("the other elements", () => {
  it("the index lists lessons in the given order with links", async () => {
    const el = await mount("sb-lesson-index", { lessons: [{ name: "a", title: "First", summary: "s", order: 1 }, { name: "b", title: "Second", summary: "", order: 2, edited: true }] });
    expect([...el.querySelectorAll(".lesson-title")].map((e) => e.textContent)).toEqual(["First", "Second"]);
    expect(el.querySelector("a")!.getAttribute("href")).toBe("#/lesson/a");
    expect(el.querySelector(".badge-edited")).not.toBeNull();
  });

  it("a lesson summary renders its math with KaTeX and keeps raw HTML as text", async () => {
    const el = await mount("sb-lesson-index", { lessons: [{ name: "a", title: "A", summary: "$\\partial L/\\partial w$ and `np.sum` <img src=x>", order: 1 }] });
    const summary = el.querySelector(".lesson-summary")!;
    expect(summary.querySelector(".katex math")).not.toBeNull();
    expect(summary.querySelector("code")!.textContent).toBe("np.sum");
    expect(summary.querySelector("img")).toBeNull();
    expect(summary.textContent).not.toContain("$");
  });

  it("toolbar buttons emit their action; Stop is enabled only while busy", async () => {
    const el = await mount("sb-toolbar", { kernel: "idle", busy: false });
    expect((el.querySelector(".tb-stop") as HTMLButtonElement).disabled).toBe(true);
    const actions: string[] = [];
    el.addEventListener("sb-action", (e) => actions.push((e as CustomEvent).detail.action));
    (el.querySelector(".tb-run-all") as HTMLButtonElement).click();
    expect(actions).toEqual(["run-all"]);
  });

  it("hovering a bound equation names what it binds", async () => {
    const html = renderMarkdown("$$ Z = X W + b $$ {#eq-z binds=Z,W}");
    const el = await mount("sb-markdown-cell", { cellId: "m", renderedHtml: html, highlightLabel: "eq-z" });
    let names: string[] = [];
    el.addEventListener("sb-binds-hover", (e) => (names = (e as CustomEvent).detail.names));
    el.querySelector(".katex")!.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(names).toEqual(["Z", "W"]);
    expect(el.querySelector("#eq-z")!.classList.contains("eq-active")).toBe(true);
  });

  it("the inspector lists variables and shows a parameter's gradient beside it", async () => {
    const el = await mount("sb-variable-inspector", {
      variables: [{ name: "W", type: "tensor", shape: [2, 1], summary: "min 0", cell: "c" }], selected: "W",
      value: { type: "tensor", dtype: "float64", shape: [2, 1], data: [0, 0], grad: { shape: [2, 1], data: [1, 2] } },
    });
    expect(el.querySelector(".var-table th button")!.textContent).toBe("W");
    expect([...el.querySelectorAll(".tensor-name")].map((e) => e.textContent)).toEqual(["W", "W.grad"]);
  });

  it("the inspector expands the chosen variable in place, under its row, and folds it on a second click", async () => {
    const many = Array.from({ length: 29 }, (_, i) => ({ name: `v${i}`, type: "tensor", shape: [300, 16], summary: "min 0, max 1, mean 0.5", cell: "c" }));
    const el = await mount<HTMLElement & { updateComplete: Promise<unknown> }>("sb-variable-inspector", {
      variables: many, selected: "v3",
      value: { type: "tensor", dtype: "float64", shape: [300, 16], data: Array.from({ length: 4800 }, (_, i) => i / 4800) },
    });
    const rows = [...el.querySelectorAll(".var-table tbody tr")];
    const at = rows.findIndex((r) => r.querySelector("th button")?.textContent === "v3");
    expect(rows[at + 1]!.classList.contains("var-detail")).toBe(true);
    expect(rows[at + 1]!.querySelector(".tensor-name")!.textContent).toBe("v3");
    // the values scroll inside a focusable, labelled box; the list shows shapes, never the numbers
    expect(rows[at + 1]!.querySelector(".tensor-scroll")!.getAttribute("tabindex")).toBe("0");
    expect(el.querySelectorAll(".var-table tbody tr:not(.var-detail) .shape-badge")).toHaveLength(29);
    expect(el.querySelector("aside.inspector")).not.toBeNull();
    const button = rows[at]!.querySelector("button")!;
    expect(button.getAttribute("aria-expanded")).toBe("true");
    button.click();
    await el.updateComplete;
    expect(el.querySelector(".var-detail")).toBeNull();
  });

  it("the inspector expands a non-tensor variable to its whole value, with Show more when the kernel cut it", async () => {
    const whole = "{\n  layers: [\n    { units: 16, init: { kind: 'he' } }\n  ],\n  lr: 0.05,\n  names: ['n0', 'n1']\n}";
    const el = await mount<HTMLElement & { updateComplete: Promise<unknown>; value: unknown }>("sb-variable-inspector", {
      variables: [{ name: "config", type: "object", summary: "{ layers: [Array], lr: 0.05, names: [Array] }", cell: "c" }], selected: "config",
      value: { type: "other", kind: "object", repr: whole },
    });
    expect(el.querySelector(".var-detail .var-full")!.textContent).toBe(whole);
    expect(el.querySelector(".var-detail .show-more")).toBeNull();
    el.value = { type: "other", kind: "array", repr: "[ 'word0', …", cut: { id: "cut-7", shown: 200, total: 4000 } };
    await el.updateComplete;
    const more = el.querySelector<HTMLButtonElement>(".var-detail .show-more")!;
    expect(more.textContent).toContain("200 characters of 4 KB shown");
    const asked: string[] = [];
    el.addEventListener("sb-show-more", (e) => asked.push((e as CustomEvent<{ outputId: string }>).detail.outputId));
    more.click();
    expect(asked).toEqual(["cut-7"]);
    el.value = { type: "number", value: 1e-5 };
    await el.updateComplete;
    expect(el.querySelector(".var-detail .var-full")!.textContent).toBe("1e-05");
  });

  it("on a narrow screen the inspector is a modal dialog that says when it closes", async () => {
    const el = await mount<HTMLElement & { updateComplete: Promise<unknown> }>("sb-variable-inspector", {
      variables: [{ name: "x", type: "number", summary: "3", cell: "c" }], overlay: true,
    });
    const dialog = el.querySelector("dialog.inspector-dialog") as HTMLDialogElement;
    expect(dialog).not.toBeNull();
    expect(dialog.open).toBe(true);
    let closed = 0;
    el.addEventListener("sb-close", () => closed++);
    dialog.close();
    dialog.dispatchEvent(new Event("close"));
    expect(closed).toBeGreaterThan(0);
  });
});
