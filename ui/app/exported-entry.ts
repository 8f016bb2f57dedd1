// The live app for an exported, read-only lesson page (see ui/export/assets.ts: the page's live script
// imports this module on Run / Edit and calls `enhance`). It mounts the same sb-app the dev app uses,
// limited to this one lesson, with the kernel worker; built by vite.export.config.ts into the site's app/.
import appCss from "../styles/app.css?inline";
import "../components/sb-lesson-index.ts";
import "../components/sb-markdown-cell.ts";
import "../components/sb-code-cell.ts";
import "../components/sb-code-editor.ts";
import "../components/sb-trace-view.ts";
import "../components/sb-variable-inspector.ts";
import "../components/sb-toolbar.ts";
import "../components/sb-keyboard-help.ts";
import "../components/sb-value-popover.ts";
import { KernelClient } from "../kernel-client.ts";
import "./sb-app.ts";
import type { SbApp } from "./sb-app.ts";

export interface EnhanceOptions {
  /** the exported lesson (main.lesson): replaced by the live app. */
  root: Element;
  /** the lesson's Markdown. */
  source: string;
  /** its file name, e.g. `01-neuron.md`. */
  file?: string;
  action: "run" | "edit";
}

let app: SbApp | null = null;

function addStyles(): void {
  if (document.getElementById("stepbook-app-css")) return;
  const style = document.createElement("style");
  style.id = "stepbook-app-css";
  style.textContent = appCss;
  document.head.append(style);
}

/** Turns the page live (once) and runs the lesson or opens its first code cell's editor. */
export async function enhance({ root, source, file, action }: EnhanceOptions): Promise<SbApp> {
  if (!app) {
    addStyles();
    const name = (file || "lesson.md").replace(/^.*\//, "").replace(/\.(md|ipynb)$/i, "");
    app = document.createElement("sb-app") as SbApp;
    app.options = { createKernel: () => new KernelClient(), lesson: { name, text: source } };
    root.replaceWith(app);
    (window as unknown as { stepbook: SbApp }).stepbook = app;
  }
  await app.start(action);
  return app;
}
