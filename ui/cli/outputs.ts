// A cell's kernel messages as nbformat outputs (what `--json` writes and .ipynb stores): consecutive
// stream text of one name merged, display updates applied to the display they update. And those
// outputs as plain text for the terminal.
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import type { MimeBundle } from "../../kernel/protocol/mime.ts";

export type NbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export function toNbOutputs(messages: KernelMessage[]): NbOutput[] {
  const outputs: NbOutput[] = [];
  const displays = new Map<string, NbOutput & { output_type: "display_data" }>();
  for (const m of messages) {
    switch (m.type) {
      case "stream": {
        const last = outputs.at(-1);
        if (last?.output_type === "stream" && last.name === m.name) last.text += m.text;
        else outputs.push({ output_type: "stream", name: m.name, text: m.text });
        break;
      }
      case "display_data": {
        const output = { output_type: "display_data" as const, data: m.data, metadata: m.metadata };
        outputs.push(output);
        if (m.displayId) displays.set(m.displayId, output);
        break;
      }
      case "update_display_data": {
        const target = displays.get(m.displayId);
        if (target) { target.data = m.data; target.metadata = m.metadata; }
        break;
      }
      case "execute_result":
        outputs.push({ output_type: "execute_result", execution_count: m.executionCount, data: m.data, metadata: m.metadata });
        break;
      case "error":
        outputs.push({ output_type: "error", ename: m.ename, evalue: m.evalue, traceback: m.traceback });
        break;
    }
  }
  return outputs;
}

/** The terminal form: stream text as is, rich outputs by their text/plain, results prefixed `Out:`. */
export function outputText(output: NbOutput): string {
  switch (output.output_type) {
    case "stream": return output.text.endsWith("\n") ? output.text : output.text + "\n";
    case "display_data": return `${plain(output.data)}\n`;
    case "execute_result": {
      const text = plain(output.data);
      return `Out: ${text.includes("\n") ? "\n" + text : text}\n`;
    }
    case "error": return `${output.traceback.join("\n")}\n`;
  }
}

function plain(data: MimeBundle): string {
  const text = data["text/plain"];
  return typeof text === "string" ? text : Array.isArray(text) ? text.join("") : "";
}
