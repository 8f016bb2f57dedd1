// Links inside a lesson: equation references (`<a href="#eq-x">`) scroll within the lesson instead of
// changing the route, and a step's "see the derivation" leaves a "Back to step N" button that shows that
// step again and focuses it. A lit ReactiveController; the host draws `back` as the button.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { parseRoute } from "./route.ts";
import type { TracePlayer } from "./trace-player.ts";

export class StepReturn implements ReactiveController {
  /** the step a "see the derivation" link left from. */
  back: { cellId: string; step: number } | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly trace: TracePlayer) {
    host.addController(this);
  }

  hostConnected(): void {}

  clear(): void {
    if (!this.back) return;
    this.back = null;
    this.host.requestUpdate();
  }

  readonly onLessonClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest?.<HTMLAnchorElement>("a[href^='#']");
    const hash = a?.getAttribute("href");
    if (!a || !hash || parseRoute(hash)) return;
    e.preventDefault();
    // from a step's "see the derivation": offer the way back to that step
    const from = a.classList.contains("step-equation") ? a.closest<HTMLElement & { cellId: string; index: number }>("sb-trace-view") : null;
    this.back = from ? { cellId: from.cellId, step: from.index } : null;
    this.host.requestUpdate();
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView({ block: "center", behavior: "smooth" });
    target?.focus?.();
  };

  /** Back from an equation to the step that linked to it: the step card is shown and focused. */
  async returnToStep(): Promise<void> {
    const back = this.back;
    this.clear();
    if (!back) return;
    if (this.trace.open !== back.cellId) this.trace.toggle(back.cellId);
    await this.trace.show(back.cellId, back.step);
    await this.host.updateComplete;
    const view = this.host.querySelector<HTMLElement>(`sb-trace-view`);
    view?.scrollIntoView({ block: "start", behavior: "smooth" });
    const card = view?.querySelector<HTMLElement>(".step-card");
    if (card) { card.tabIndex = -1; card.focus({ preventScroll: true }); }
  }
}
