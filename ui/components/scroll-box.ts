// A box whose content is wider than it (a formula on a phone) scrolls sideways in it. A scrolling region
// must be reachable by the keyboard and say what it is (axe's scrollable-region-focusable): such a box gets
// tabindex 0, a role and a label; one that fits gets none, so it is no stop for the keyboard. Marked again
// whenever the boxes may have changed width (a new step, a resize).
export function markScrollingBoxes(boxes: Iterable<HTMLElement>, label: (box: HTMLElement) => string): void {
  for (const box of boxes) {
    const wide = box.scrollWidth > box.clientWidth + 1;
    if (wide && !box.hasAttribute("aria-label")) {
      box.tabIndex = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", `${label(box)}, scrolls sideways`);
    } else if (!wide && (box.hasAttribute("tabindex") || box.hasAttribute("aria-label"))) {
      for (const a of ["tabindex", "role", "aria-label"]) box.removeAttribute(a);
    }
  }
}
