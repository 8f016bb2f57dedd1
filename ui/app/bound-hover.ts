// The live values of an equation's bound names, in a popover while the pointer or focus is on the
// equation or on the popover: leaving one hides it only after a short grace, which moving into the other
// cancels; Esc hides it at once. A lit ReactiveController; the host draws `hover` (sb-value-popover).
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { VariableSummary } from "../../kernel/protocol/values.ts";
import type { BoundValue } from "../components/sb-value-popover.ts";
import type { BindsHoverDetail } from "../components/sb-markdown-cell.ts";

/** how long the popover waits after the pointer or focus left, for it to come back or into the popover. */
const HOVER_GRACE_MS = 300;

export class BoundHover implements ReactiveController {
  hover: { values: BoundValue[]; x: number; y: number; label: string } | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly variables: () => VariableSummary[]) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener("keydown", this.onKey);
  }

  hostDisconnected(): void {
    removeEventListener("keydown", this.onKey);
    clearTimeout(this.hideTimer);
  }

  private show(hover: BoundHover["hover"]): void {
    this.hover = hover;
    this.host.requestUpdate();
  }

  /** An equation was entered (names and anchor) or left (none). */
  update(d: BindsHoverDetail): void {
    clearTimeout(this.hideTimer);
    if (!d.anchor || d.names.length === 0) { this.hideTimer = setTimeout(() => this.hideIfLeft(), HOVER_GRACE_MS); return; }
    const rect = d.anchor.getBoundingClientRect();
    const values = d.names.map((name): BoundValue => {
      const v = this.variables().find((x) => x.name === name);
      return v ? { name, shape: v.shape, summary: v.summary, defined: true } : { name, summary: "", defined: false };
    });
    this.show({ values, x: rect.left + scrollX + 16, y: rect.bottom + scrollY + 4, label: d.label });
  }

  /** The pointer came into the popover: it stays. */
  keep(): void {
    clearTimeout(this.hideTimer);
  }

  hide(): void {
    if (this.hover) this.show(null);
  }

  private hideIfLeft(): void {
    const pop = this.host.querySelector("sb-value-popover");
    const eq = this.hover ? document.getElementById(this.hover.label) : null;
    const inside = (el: Element | null) => !!el && (el.matches(":hover") || el.contains(document.activeElement));
    if (inside(pop) || inside(eq)) return;
    this.hide();
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.hover) { this.hide(); e.stopPropagation(); }
  };
}
