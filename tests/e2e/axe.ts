// axe-core (@axe-core/playwright) for the end-to-end tests: the serious and critical violations on a page.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Serious and critical violations, one line each (rule, impact, where). */
export async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  const found = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`));
  if (found.length) console.log(`axe on ${page.url()}:\n${found.join("\n")}`);
  return found;
}
