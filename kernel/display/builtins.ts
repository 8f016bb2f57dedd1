// The names every cell has in scope without importing anything: np, nn, display, md, tex, html, plot,
// check, progress. Display helpers are bound to a DisplayTarget, so their outputs land in the cell that
// is running when they are called.
import { np } from "../np.ts";
import { makeNN } from "../nn/index.ts";
import { toMimeBundle } from "./bundle.ts";
import { makeCheck } from "./check.ts";
import { plot } from "./plot.ts";
import { makeProgress } from "./progress.ts";
import { makeUi } from "./widgets.ts";
import { html, md, tex } from "./rich.ts";
import type { DisplayTarget } from "./target.ts";
import { liveHandle, type DisplayHandle } from "./live.ts";

export type { DisplayHandle };

export function makeDisplay(target: DisplayTarget) {
  /**
   * Show a value as rich output. With `{id: true}` (or an id of your own) it returns a handle whose
   * `update(value)` replaces the output in place, at most `fps` times a second (default 4; live.ts):
   * `update(() => plot.boundary(model, X, y))` computes the picture only for the frames drawn.
   */
  function display(value: unknown): void;
  function display(value: unknown, options: { id: string | true; fps?: number }): DisplayHandle;
  function display(value: unknown, options?: { id?: string | true; fps?: number }): DisplayHandle | void {
    const id = options?.id === true ? target.newDisplayId() : options?.id;
    target.display(toMimeBundle(value), {}, id);
    if (id !== undefined) return liveHandle(target, id, toMimeBundle, options?.fps);
  }
  return display;
}

export function makeBuiltins(target: DisplayTarget) {
  const display = makeDisplay(target);
  return {
    np,
    nn: makeNN({
      display: (data, id) => target.display(data, {}, id),
      update: (id, data) => target.update(id, data),
      newDisplayId: () => target.newDisplayId(),
      checkInterrupt: () => target.checkInterrupt(),
      yieldToKernel: () => target.yieldToKernel(),
    }),
    display,
    md,
    tex,
    html,
    plot,
    check: makeCheck(target),
    progress: makeProgress(target),
    ui: makeUi(target),
  };
}

export type Builtins = ReturnType<typeof makeBuiltins>;
