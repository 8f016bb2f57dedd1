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
import { devSaveLesson, type SaveLesson } from "./lesson-file.ts";
import { LESSON_EVENT } from "../dev/save-protocol.ts";

// In the dev server a page load carries a session token; without one (a browser that does not say it is
// loading a page, see ui/dev/notebooks-plugin.ts) lecturer mode still opens and says why it cannot save.
const noToken: SaveLesson = async () => ({ status: "error", error: "this page load carried no session token: reload the page (lecturer saving needs a browser that sends Sec-Fetch-* headers: Chromium, Firefox, Safari 16.4+)" });

const app = document.createElement("sb-app") as SbApp;
app.options = {
  createKernel: () => new KernelClient(),
  ...(import.meta.env.DEV ? { saveLesson: devSaveLesson() ?? noToken } : {}),
};
document.body.append(app);

if (import.meta.hot) {
  import.meta.hot.on(LESSON_EVENT, (data: { name: string; text: string }) => app.lessonChanged(data.name, data.text));
}

// For the end-to-end tests and the curious: the app element.
(window as unknown as { stepbook: SbApp }).stepbook = app;
