// axe-core (@axe-core/playwright) for the end-to-end tests: the serious and critical violations on a page.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/**
 * An AxeBuilder for `page`. A page of one frame (every page the tests check so far) is checked in legacy
 * mode, one axe.run in the page: the default mode runs each frame's part and then opens a blank page to
 * merge the parts, which costs a page per check. Measured on exported lessons 10, 11 and 13: the same
 * results (violations, passes, incomplete) in 0.5-0.7 of the time (e.g. 4.9 s -> 3.2 s). A page with
 * frames keeps the default mode: legacy mode missed a violation inside an iframe (srcdoc) that the
 * default mode found.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1);
}

/** Serious and critical violations, one line each (rule, impact, where), in the page or in the parts `include` selects. */
export async function violations(page: Page, include: string[] = []): Promise<string[]> {
  const builder = axe(page);
  for (const selector of include) builder.include(selector);
  const result = await builder.analyze();
  const found = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`));
  if (found.length) console.log(`axe on ${page.url()}:\n${found.join("\n")}`);
  return found;
}
