// The computation graph of every traced cell of the course, drawn in Chromium by the same function the
// app and the exporter use (ui/components/trace-graph.ts): every graph lays out with visible nodes that
// do not overlap, and lesson 08's graph, in a backward step with its gradients on the edges, is
// saved as docs/screenshots/trace-graph-08.png (light) and trace-graph-08-dark.png.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import { traceGraphSvg } from "../../ui/components/trace-graph-svg.ts";
import { lessonFiles, loadLesson } from "../notebooks/lessons.ts";
import { CHROMIUM, CHROMIUM_ARGS, hasBrowser, ROOT } from "./harness.ts";

async function courseTraces(): Promise<{ name: string; trace: TraceSummary }[]> {
  const out: { name: string; trace: TraceSummary }[] = [];
  for (const file of lessonFiles()) {
    const lesson = loadLesson(file);
    if (!lesson.code.some(({ cell }) => cell.options.trace === true)) continue;
    const host = new NodeKernelHost();
    try {
      for (const { cell } of lesson.code) {
        const { messages } = await host.execute(cell.source, { cellId: cell.id, timeoutMs: 120_000, trace: cell.options.trace === true });
        const t = messages.find((m) => m.type === "trace");
        if (cell.options.trace === true && t?.type === "trace") out.push({ name: `${file} #${cell.id}`, trace: t.trace });
      }
    } finally {
      host.dispose();
    }
  }
  return out;
}

describe.skipIf(!hasBrowser())("the trace graph in Chromium", () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "stepbook-graph-"));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("draws every traced cell's graph with visible, non-overlapping nodes; lesson 08's is screenshotted", async () => {
    const traces = await courseTraces();
    expect(traces.length).toBeGreaterThanOrEqual(10);
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const problems: string[] = [];
    for (const { name, trace } of traces) {
      await page.setContent(`<!doctype html><body style="margin:0;color:#111;background:#fff">${traceGraphSvg(trace, 0)}</body>`);
      const boxes = await page.$$eval(".graph-node", (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; }));
      if (boxes.length < 2) problems.push(`${name}: ${boxes.length} nodes`);
      if (boxes.some((b) => b.w <= 0 || b.h <= 0)) problems.push(`${name}: an invisible node`);
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!, b = boxes[j]!;
        if (a.x + 1 < b.x + b.w && b.x + 1 < a.x + a.w && a.y + 1 < b.y + b.h && b.y + 1 < a.y + a.h) problems.push(`${name}: nodes ${i} and ${j} overlap`);
      }
    }
    expect(problems).toEqual([]);
    const l08 = traces.find((t) => t.name === "08-vectorised-backprop.md #forward")!.trace;
    const backward = l08.records.findIndex((r) => r.name === "db1");
    // wide enough for the whole graph: its box scrolls, and a screenshot of it shows only what is in view
    await page.setViewportSize({ width: 1800, height: 700 });
    for (const [theme, colours] of [["", "color:#111;background:#fff"], ["-dark", "color:#e5e7eb;background:#111827"]] as const) {
      await page.setContent(`<!doctype html><body style="margin:0;padding:8px;${colours};color-scheme:${theme ? "dark" : "light"}">${traceGraphSvg(l08, backward)}</body>`);
      const svg = page.locator("svg.trace-graph-svg");
      expect(await page.locator(".graph-grad").count()).toBeGreaterThan(0);
      expect(await page.locator(".graph-node.current").count()).toBe(1);
      await svg.screenshot({ path: path.join(ROOT, `docs/screenshots/trace-graph-08${theme}.png`) });
    }
  }, 900_000);
});
