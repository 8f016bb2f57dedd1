// Download the lesson as the student sees it, as Markdown or as a Jupyter notebook.
import { serializeNotebook, type NotebookDoc } from "../document/index.ts";

export function downloadNotebook(doc: NotebookDoc, name: string, format: "md" | "ipynb"): void {
  const text = serializeNotebook(doc, format);
  const blob = new Blob([text], { type: format === "md" ? "text/markdown" : "application/x-ipynb+json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
