// Mount an output area (sb-output-area, in happy-dom) showing a kernel display value, the path a cell's
// output takes, and wait until its view has drawn (`ready`, an SVG by default) or failed.
import "../../ui/components/sb-output-area.ts";
import { TO_BUNDLE, type Displayable } from "../../kernel/display/rich.ts";
import type { OutputItem } from "../../ui/app/state.ts";

if (!document.doctype) document.insertBefore(document.implementation.createDocumentType("html", "", ""), document.documentElement);

export async function showOutput(value: Displayable, ready = "svg"): Promise<HTMLElement> {
  const el = document.createElement("sb-output-area") as HTMLElement & { outputs: OutputItem[]; updateComplete: Promise<unknown> };
  el.outputs = [{ kind: "display", data: value[TO_BUNDLE]() }];
  document.body.append(el);
  await el.updateComplete;
  for (let i = 0; i < 200 && !el.querySelector(ready) && !el.querySelector(".plot-error"); i++) await new Promise((r) => setTimeout(r, 10));
  return el;
}
