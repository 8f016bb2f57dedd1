// Step-through of a traced cell: which cell's trace is open, the current step, the step's tensors
// (fetched from the kernel) and the play timer. A lit ReactiveController: the host re-renders when any
// of it changes, and after each render the equation bound to the step is brought into view when the step
// controls can stay on screen with it.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { KernelConnection } from "../../kernel/protocol/connection.ts";
import type { RenderedDocument } from "../render/render.ts";
import type { StepValues } from "../components/sb-trace-view.ts";
import type { TensorData } from "../components/sb-tensor-view.ts";
import type { RuntimeState } from "./state.ts";
import type { Cell } from "../document/index.ts";
import type { EquationEntry } from "../render/env.ts";

const PLAY_MS = 900;

/** What the player reads from its host: the runtime (traces), the kernel, the lesson's equations and cells. */
export interface TraceSource {
  runtime(): RuntimeState;
  kernel(): KernelConnection | null;
  equations(): RenderedDocument["equations"];
  cells(): readonly Cell[];
}

export class TracePlayer implements ReactiveController {
  /** the cell whose trace is open. */
  open: string | null = null;
  index = 0;
  values: StepValues = {};
  playing = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private shown: { open: string | null; index: number } = { open: null, index: 0 };

  constructor(private readonly host: ReactiveControllerHost, private readonly source: TraceSource) {
    host.addController(this);
  }

  private set(patch: Partial<Pick<TracePlayer, "open" | "index" | "values" | "playing">>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  toggle(cellId: string): void {
    this.stop();
    if (this.open === cellId) { this.set({ open: null }); return; }
    this.set({ open: cellId });
    void this.show(cellId, 0);
  }

  /**
   * Bring a step-through the student just opened into view when it opened below the screen: below a
   * long cell and its plot (lesson 7 on a phone) it opened 800 px down, and only the button's new
   * label said anything had happened. Its controls and the first step's formula come up from the
   * bottom edge, so as much of the cell as fits stays in view.
   */
  async reveal(): Promise<void> {
    if (!this.open) return;
    await (this.host as ReactiveControllerHost & { updateComplete?: Promise<unknown> }).updateComplete;
    const view = (this.host as unknown as Element).querySelector?.("sb-trace-view");
    await view?.updateComplete;
    const controls = view?.querySelector(".trace-controls")?.getBoundingClientRect();
    if (!view || !controls) return;
    const bottom = view.querySelector(".step-formula")?.getBoundingClientRect().bottom ?? controls.bottom;
    if (bottom <= innerHeight) return;
    scrollBy({ top: Math.min(bottom - innerHeight + 16, controls.top - stickyBottom()), behavior: "smooth" });
  }

  /** Close the trace (the timer, if any, stops by itself at the end of the steps it finds). */
  close(): void {
    this.set({ open: null });
  }

  async show(cellId: string, index: number): Promise<void> {
    this.set({ index, values: {} });
    const step = this.source.runtime().cells[cellId]?.trace?.records[index];
    const kernel = this.source.kernel();
    if (!step || !kernel) return;
    const fetch = async (which: "output" | "input", i?: number): Promise<TensorData | undefined> => {
      const reply = await kernel.inspect({ kind: "step", cellId, step: step.step, which, ...(i === undefined ? {} : { index: i }) }).catch(() => undefined);
      return reply?.status === "ok" && reply.value && reply.value.type === "tensor" ? { ...reply.value, name: reply.value.name ?? null } : undefined;
    };
    const [output, ...inputs] = await Promise.all([fetch("output"), ...step.shapes.inputs.map((_, i) => fetch("input", i))]);
    if (this.open === cellId && this.index === index) this.set({ values: { output, inputs } });
  }

  togglePlay(cellId: string, playing: boolean): void {
    this.stop();
    if (!playing) return;
    this.set({ playing: true });
    this.timer = setInterval(() => {
      const n = this.source.runtime().cells[cellId]?.trace?.records.length ?? 0;
      if (this.index + 1 >= n) { this.stop(); return; }
      void this.show(cellId, this.index + 1);
    }, PLAY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.set({ playing: false });
  }

  /**
   * The source line of the current step and the cell it is in: the open cell, or the cell that defines a
   * function the step ran in (lesson 18's conv1d), whose line 4 is not the open cell's line 4.
   */
  stepLine(): { cell: string; line: number } | null {
    if (!this.open) return null;
    const step = this.source.runtime().cells[this.open]?.trace?.records[this.index];
    return step?.line ? { cell: step.cell || this.open, line: step.line } : null;
  }

  /** The equation of the lesson that binds the current step's name. */
  boundEquation(): string | null {
    if (!this.open) return null;
    const name = this.source.runtime().cells[this.open]?.trace?.records[this.index]?.name;
    return name ? equationFor(name, this.open, this.source.cells(), this.source.equations())?.label ?? null : null;
  }

  hostDisconnected(): void {
    this.stop();
  }

  hostUpdated(): void {
    if (this.shown.open === this.open && this.shown.index === this.index) return;
    this.shown = { open: this.open, index: this.index };
    const label = this.boundEquation();
    const eq = label ? document.getElementById(label) : null;
    if (!eq) return;
    const rect = eq.getBoundingClientRect();
    // Bring the equation into view only when it is off screen, so the step controls stay put otherwise;
    // and never so far that the controls the student is pressing leave the screen (on a phone, Next went
    // 1800 px down the page at each step bound to an equation): then the highlight and "see the
    // derivation" are the way to it.
    if (rect.bottom >= 0 && rect.top <= innerHeight) return;
    const controls = (this.host as unknown as Element).querySelector?.("sb-trace-view .trace-controls")?.getBoundingClientRect();
    const by = controls ? scrollKeeping(rect, controls, { top: stickyBottom(), bottom: innerHeight }) : undefined;
    if (by === undefined) eq.scrollIntoView({ block: "center", behavior: "smooth" });
    else if (by !== null) scrollBy({ top: by, behavior: "smooth" });
  }
}

/**
 * The equation a step's name links to: the first that binds the name with no other traced cell between
 * it and the step's cell. An equation speaks of the traced cell it leads to: lesson 6's eq-dw1-linear
 * (binds dw1) derives the linear network's gradient, and the tanh network's traced cell further down
 * has a dw1 of its own, which that derivation is not about.
 */
export function equationFor(name: string, cellId: string, cells: readonly Cell[], equations: readonly EquationEntry[]): EquationEntry | null {
  const at = (id: string) => cells.findIndex((c) => c.id === id);
  const here = at(cellId);
  return equations.find((e) => {
    if (!e.binds.includes(name)) return false;
    const there = at(e.cellId);
    if (here < 0 || there < 0) return true;
    const between = cells.slice(Math.min(here, there) + 1, Math.max(here, there));
    return !between.some((c) => c.type === "code" && c.options.trace);
  }) ?? null;
}

interface Span { top: number; bottom: number }

/**
 * How far to scroll the page (in px, down is positive) to show `target` in `view` while `keep`, on
 * screen now, stays on screen: the scroll nearest to centring the target; null when no scroll does both;
 * undefined when `keep` is off screen already (nothing the student is looking at moves).
 */
export function scrollKeeping(target: Span, keep: Span, view: Span): number | null | undefined {
  if (keep.top < view.top || keep.bottom > view.bottom) return undefined;
  // the scrolls that show the target whole, and those that keep `keep` whole
  const lo = Math.max(target.bottom - view.bottom, keep.bottom - view.bottom);
  const hi = Math.min(target.top - view.top, keep.top - view.top);
  if (lo > hi) return null;
  const centre = (target.top + target.bottom - view.top - view.bottom) / 2;
  return Math.min(hi, Math.max(lo, centre));
}

/** The bottom of the header and toolbar that stay at the top of the page as it scrolls (none on a phone). */
function stickyBottom(): number {
  let bottom = 0;
  for (const el of document.querySelectorAll(".app-header, sb-toolbar")) {
    if (getComputedStyle(el).position === "sticky") bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
  }
  return bottom;
}
