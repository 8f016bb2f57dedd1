// A display that a training loop redraws: `const live = display(plot.line([]), {id: true})`, then
// `live.update(() => plot.boundary(model, X, y))` every epoch. Updates are throttled to a few frames a
// second (4 by default, `{id: true, fps}` to change it) and to a small share of the loop's time (a
// frame that took c ms waits at least c / BUDGET ms for the next, so a costly picture is drawn less
// often rather than slowing training down): an update that comes too soon is kept, not
// drawn, and a function is only called when its frame is due, so a loop that updates every epoch pays
// for the few frames that are drawn, not for every epoch. The last update is always drawn when the cell
// ends, so the final state stays as the cell's output (and in the exported page).
import type { MimeBundle } from "../protocol/mime.ts";
import { MIME } from "../protocol/mime.ts";
import type { DisplayTarget } from "./target.ts";

export const DEFAULT_FPS = 4;
/** share of the loop's time one live display may take drawing frames. */
export const BUDGET = 0.03;

export interface DisplayHandle {
  displayId: string;
  /** Redraw with `value`, or with what `value()` returns (called only when a frame is due). */
  update(value: unknown): void;
}

const NONE = Symbol("none");

export function liveHandle(target: DisplayTarget, id: string, toBundle: (v: unknown) => MimeBundle, fps = DEFAULT_FPS): DisplayHandle {
  if (!(fps > 0)) throw new Error(`display: fps must be a positive number, got ${String(fps)}`);
  const interval = 1000 / fps;
  let last = performance.now();
  let wait = interval;
  let pending: unknown = NONE;
  let flushing = false;
  const send = (v: unknown) => {
    const start = performance.now();
    target.update(id, toBundle(typeof v === "function" ? (v as () => unknown)() : v));
    last = performance.now();
    wait = Math.max(interval, (last - start) / BUDGET);
  };
  return {
    displayId: id,
    update(value: unknown) {
      if (performance.now() - last >= wait) {
        pending = NONE;
        send(value);
        return;
      }
      pending = value;
      if (flushing) return;
      flushing = true;
      target.atEnd(() => {
        flushing = false;
        const v = pending;
        pending = NONE;
        if (v === NONE) return;
        try {
          send(v);
        } catch (e) {
          target.update(id, { [MIME.text]: `display.update: the last frame failed: ${e instanceof Error ? e.message : String(e)}` });
        }
      });
    },
  };
}
