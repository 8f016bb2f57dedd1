// The browser entry (index.html loads it): styles, elements, the app with its kernel and, in the dev
// server, lesson saving and hot reload of lesson files.
import "katex/dist/katex.min.css";
import "../styles/app.css";
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

const SAVE_ENDPOINT = "/__stepbook/save";
const LESSON_EVENT = "stepbook:lesson";

async function saveLesson(name: string, text: string): Promise<string> {
  const res = await fetch(`${SAVE_ENDPOINT}?name=${encodeURIComponent(name)}`, { method: "POST", body: text, headers: { "Content-Type": "text/markdown" } });
  const body = await res.text();
  if (!res.ok) throw new Error(body || res.statusText);
  return body;
}

const app = document.createElement("sb-app") as SbApp;
app.options = {
  createKernel: () => new KernelClient(),
  ...(import.meta.env.DEV ? { saveLesson } : {}),
};
document.body.append(app);

if (import.meta.hot) {
  import.meta.hot.on(LESSON_EVENT, (data: { name: string; text: string }) => app.lessonChanged(data.name, data.text));
}

// For the end-to-end tests and the curious: the app element.
(window as unknown as { stepbook: SbApp }).stepbook = app;
