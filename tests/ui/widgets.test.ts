// Widgets in the page: sb-widget draws each kind from its payload and reports a change; dependentsOf
// picks exactly the cells a widget's cell feeds (transitively, in page order).
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-output-area.ts";
import type { WidgetChange } from "../../ui/components/sb-widget.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import { emptyCell, initialRuntime, type RuntimeState } from "../../ui/app/state.ts";
import { dependentsOf, widgetPrefix } from "../../ui/app/widget-run.ts";
import { widgetHtml } from "../../ui/export/outputs-html.ts";

async function mount(widget: Record<string, unknown>): Promise<HTMLElement> {
  const el = document.createElement("sb-output-area") as HTMLElement & { outputs: unknown[]; updateComplete: Promise<unknown> };
  el.outputs = [{ kind: "display", data: { [MIME.widget]: widget, [MIME.text]: "widget" } }];
  document.body.append(el);
  await el.updateComplete;
  await (el.querySelector("sb-widget") as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

function changes(el: HTMLElement): WidgetChange[] {
  const got: WidgetChange[] = [];
  el.addEventListener("widget-change", (e) => got.push((e as CustomEvent<WidgetChange>).detail));
  return got;
}

describe("sb-widget", () => {
  it("a slider: a labelled range input showing its value; a change reports the number", async () => {
    const el = await mount({ kind: "slider", name: "alpha", label: "learning rate", value: 0.1, min: 0.01, max: 1, step: 0.01 });
    const input = el.querySelector<HTMLInputElement>('input[type="range"]')!;
    expect(el.querySelector("label")!.textContent).toBe("learning rate");
    expect(el.querySelector("label")!.getAttribute("for")).toBe(input.id);
    expect(input.value).toBe("0.1");
    expect(el.querySelector("output")!.textContent).toBe("0.1");
    const got = changes(el);
    input.value = "0.5";
    input.dispatchEvent(new Event("change", { bubbles: true }));
    expect(got).toEqual([{ name: "alpha", value: 0.5 }]);
  });

  it("select, checkbox and button report a string, a boolean and the next press count", async () => {
    const sel = await mount({ kind: "select", name: "opt", label: "optimiser", value: "adam", options: ["sgd", "adam"] });
    const s = sel.querySelector("select")!;
    expect(s.value).toBe("adam");
    const got = changes(sel);
    s.value = "sgd";
    s.dispatchEvent(new Event("change"));
    const box = await mount({ kind: "checkbox", name: "bn", label: "batch norm", value: false });
    const got2 = changes(box);
    const c = box.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    c.checked = true;
    c.dispatchEvent(new Event("change"));
    const btn = await mount({ kind: "button", name: "step", label: "Step", value: 2 });
    const got3 = changes(btn);
    btn.querySelector("button")!.click();
    expect([...got, ...got2, ...got3]).toEqual([{ name: "opt", value: "sgd" }, { name: "bn", value: true }, { name: "step", value: 3 }]);
  });
});

describe("dependentsOf", () => {
  const state = (cells: Record<string, { defines: string[]; uses: string[]; ran?: boolean }>): RuntimeState => {
    const entries = Object.entries(cells).map(([id, c]) => [id, { ...emptyCell(), defines: c.defines, uses: c.uses, ranSource: c.ran === false ? null : "x" }]);
    return { ...initialRuntime(), cells: Object.fromEntries(entries) };
  };

  it("the cells using the widget's names, and theirs, in page order; not unrelated or never-run cells", () => {
    const s = state({
      w: { defines: ["alpha"], uses: [] },
      train: { defines: ["path"], uses: ["alpha", "f"] },
      show: { defines: [], uses: ["path"] },
      other: { defines: ["f"], uses: [] },
      later: { defines: [], uses: ["alpha"], ran: false },
    });
    expect(dependentsOf(s, "w", ["other", "w", "show", "train", "later"])).toEqual(["show", "train"]);
  });
});

describe("widgetPrefix (what an exported page runs when it turns live for editing)", () => {
  it("the cells from the top down to the last that shows a widget; nothing without a widget", () => {
    const cells = [
      { id: "data", source: "const n = 3;" },
      { id: "rate", source: 'const alpha = ui.slider("alpha", { max: n });' },
      { id: "plot", source: "display(alpha)" },
      { id: "opt", source: 'const o = ui .select("opt", ["sgd", "adam"]);' },
      { id: "train", source: "train(o)" },
    ];
    expect(widgetPrefix(cells)).toEqual(["data", "rate", "plot", "opt"]);
    // once the widget cells ran, the cells that read their names (and those that read theirs) join
    const defines: Record<string, string[]> = { data: ["n"], rate: ["alpha"], plot: [], opt: ["o"] };
    expect(widgetPrefix(cells, (id) => defines[id])).toEqual(["data", "rate", "plot", "opt", "train"]);
    const chain = [{ id: "w", source: 'const a = ui.slider("a");' }, { id: "x", source: "const b = 1;" }, { id: "p", source: "const path = run(a);" },
      { id: "y", source: "const alphabet = 2;" }, { id: "show", source: "draw(path)" }, { id: "z", source: "const $a = 3" }];
    expect(widgetPrefix(chain, (id) => ({ w: ["a"], p: ["path"] })[id])).toEqual(["w", "x", "p", "y", "show"]);
    // a name in a string, a comment or as a property is not a use
    const quoted = [{ id: "w", source: 'const f = ui.checkbox("f");' }, { id: "s", source: 'label(["e", "f"]); // f\nobj.f' }];
    expect(widgetPrefix(quoted, (id) => ({ w: ["f"] })[id])).toEqual(["w"]);
    expect(widgetPrefix(cells.filter((c) => !["rate", "opt"].includes(c.id)))).toEqual([]);
    // a name that only contains "ui." is not a widget call
    expect(widgetPrefix([{ id: "a", source: "gui.slider(1)" }, { id: "b", source: "1" }])).toEqual([]);
  });
});

describe("exported widgets", () => {
  it("a disabled control with its value, every field escaped", () => {
    expect(widgetHtml({ kind: "slider", name: "alpha", label: "α <b>", value: 0.3, min: 0, max: 1, step: 0.1 }))
      .toBe('<div class="output widget widget-slider"><label for="widget-alpha">α &lt;b&gt;</label> <input id="widget-alpha" type="range" min="0" max="1" step="0.1" value="0.3" disabled> <output for="widget-alpha">0.3</output></div>');
    expect(widgetHtml({ kind: "select", name: "o", label: "o", value: "b", options: ["a", "b"] })).toContain("<option>a</option><option selected>b</option>");
  });
});
