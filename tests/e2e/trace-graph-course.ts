// The trace graph on the real course, shared by the two files that check it live: in the app
// (trace-graph-live.test.ts) and on the exported site (trace-graph-export.test.ts), split so that the
// two halves run on two workers.
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { lessonFiles, loadLesson } from "../notebooks/lessons.ts";

/** The course's lessons with traced cells, and those cells' ids. */
export function tracedLessons(): { name: string; cells: string[] }[] {
  return lessonFiles().map((file) => ({ name: file.replace(/\.md$/, ""), cells: loadLesson(file).code.filter(({ cell }) => cell.options.trace === true).map(({ cell }) => cell.id) }))
    .filter((l) => l.cells.length > 0);
}

/** Wait until the lesson has run and every traced cell offers its step-through. */
export async function waitForTraces(page: Page, cells: string[]): Promise<void> {
  try {
    await waitForAll(page, cells);
  } catch (e) {
    // say where it stuck: the lesson on the page and each traced cell's prompt and status
    const seen = await page.evaluate((ids) => ({
      lesson: document.querySelector("main")?.getAttribute("data-lesson") ?? location.href,
      cells: ids.map((id) => {
        const cell = document.querySelector(`sb-code-cell[data-cell="${id}"]`);
        return `${id}: ${cell ? `${cell.querySelector(".cell-prompt")?.textContent ?? "?"} ${cell.querySelector("[class*='status-']")?.className ?? ""}` : "not on the page"}`;
      }),
    }), cells).catch(() => undefined);
    throw new Error(`the traced cells never all offered a step-through: ${JSON.stringify(seen)}`, { cause: e });
  }
}

async function waitForAll(page: Page, cells: string[]): Promise<void> {
  await page.waitForFunction((ids) => document.querySelectorAll(".status-running, .status-queued").length === 0
    && ids.every((id) => document.querySelector(`sb-code-cell[data-cell="${id}"] .btn-trace`) !== null), cells, { timeout: 400_000, polling: 500 });
}

/** Open each traced cell's step-through; its graph renders, a node click moves the player, a group opens. */
export async function checkGraphs(page: Page, lesson: string, cells: string[], problems: string[]): Promise<number> {
  let clicked = 0;
  for (const id of cells) {
    const where = `${lesson} #${id}`;
    const button = page.locator(`sb-code-cell[data-cell="${id}"] .btn-trace`);
    if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
    const view = page.locator(`sb-trace-view`).filter({ has: page.locator(`[aria-label="step-through of cell ${id}"]`) });
    await view.locator("figure.trace-graph svg.trace-graph-svg").waitFor({ timeout: 30_000 });
    const nodes = view.locator("figure.trace-graph .graph-node");
    const count = await nodes.count();
    if (count < 2) { problems.push(`${where}: ${count} graph nodes`); continue; }
    const total = Number((await view.locator(".trace-position").innerText()).match(/\/ (\d+)/)?.[1]);
    // the node farthest along (the loss end of the graph) that is not the current step
    const targets = await view.locator("figure.trace-graph .graph-node[data-index]").evaluateAll((els) =>
      els.map((e) => ({ index: Number(e.getAttribute("data-index")), current: e.classList.contains("current"), label: e.getAttribute("aria-label") ?? "" })));
    const target = targets.filter((t) => !t.current).sort((a, b) => b.index - a.index)[0];
    if (target === undefined) { problems.push(`${where}: no node to click`); continue; }
    await view.locator(`figure.trace-graph .graph-node[data-index="${target.index}"]`).first().click();
    try {
      await expect.poll(() => view.locator(".trace-position").innerText(), { timeout: 10_000 }).toBe(`step ${target.index + 1} / ${total}`);
      await view.locator("figure.trace-graph .graph-node.current").first().waitFor({ timeout: 5_000 });
      clicked++;
    } catch {
      problems.push(`${where}: a click on "${target.label}" did not move the player to step ${target.index + 1}`);
    }
    const group = view.locator("figure.trace-graph .graph-node.group").first();
    if (await group.count()) {
      const key = (await group.getAttribute("data-group"))!;
      await group.click();
      const opened = view.locator(`figure.trace-graph [data-group="${key}"]`);
      await expect.poll(() => opened.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("true");
      if ((await view.locator("figure.trace-graph .graph-cluster").count()) === 0) problems.push(`${where}: group ${key} opened without a frame`);
    }
    await button.click(); // close it again
  }
  return clicked;
}

export const LARGE = { lesson: "06-backpropagation", cell: "deep" };


/**
 * Every traced lesson in turn (or those `only` names): `open` loads and runs it (the app's Run all, the exported page's Run), then
 * each traced cell's graph is checked (checkGraphs); no problem, every node click moved, no page error.
 */
export async function checkCourseGraphs(context: BrowserContext, open: (page: Page, lesson: string) => Promise<void>, only?: readonly string[]): Promise<void> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const problems: string[] = [];
  let clicked = 0, cellsSeen = 0;
  try {
    for (const { name, cells } of tracedLessons().filter((l) => only === undefined || only.includes(l.name))) {
      await open(page, name);
      await waitForTraces(page, cells);
      clicked += await checkGraphs(page, name, cells, problems);
      cellsSeen += cells.length;
    }
  } finally {
    await page.close();
  }
  expect(problems).toEqual([]);
  expect(clicked).toBe(cellsSeen);
  expect(errors).toEqual([]);
}
