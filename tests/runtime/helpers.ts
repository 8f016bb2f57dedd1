// Small helpers for runtime tests: run cells on an in-process host and read their outputs as text.
import { NodeKernelHost, type NodeHostOptions } from "../../kernel/host/node.ts";
import type { ExecuteOutcome } from "../../kernel/protocol/connection.ts";
import type { ErrorMessage, KernelMessage } from "../../kernel/protocol/messages.ts";

export function newHost(options: NodeHostOptions = {}): NodeKernelHost {
  return new NodeKernelHost(options);
}

/** Runs `code` as cell `cellId` and returns the outcome plus its outputs as text. */
export async function run(host: NodeKernelHost, cellId: string, code: string, timeoutMs?: number) {
  const outcome = await host.execute(code, { cellId, timeoutMs });
  return { ...outcome, text: textOf(outcome.messages), result: resultText(outcome), error: errorOf(outcome) };
}

/** Stream text and text/plain of displays and results, in order. */
export function textOf(messages: KernelMessage[]): string {
  return messages.map((m) => {
    if (m.type === "stream") return m.text;
    if (m.type === "display_data" || m.type === "execute_result") return `${m.data["text/plain"]}\n`;
    return "";
  }).join("");
}

export function resultText(outcome: ExecuteOutcome): string | undefined {
  const result = outcome.messages.find((m) => m.type === "execute_result");
  return result?.type === "execute_result" ? String(result.data["text/plain"]) : undefined;
}

export function errorOf(outcome: ExecuteOutcome): ErrorMessage | undefined {
  return outcome.messages.find((m): m is ErrorMessage => m.type === "error");
}
