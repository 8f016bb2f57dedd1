// Matches kernel messages to the requests that caused them (by `parent`), collects each request's
// messages, and resolves its promise on the reply. Shared by the Node host and the browser client.
import { isReply, type KernelMessage, type KernelRequest } from "./messages.ts";

interface Pending {
  messages: KernelMessage[];
  reply?: KernelMessage;
  onMessage?: (message: KernelMessage) => void;
  resolve: (value: { reply: KernelMessage; messages: KernelMessage[] }) => void;
  reject: (error: Error) => void;
}

export class RequestRouter {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(message: KernelMessage) => void>();
  private counter = 0;
  stale: string[] = [];
  /** when false, messages still reach their request but not the listeners (replays after a restart). */
  broadcast = true;

  constructor(private readonly prefix: string) {}

  nextId(): string {
    return `${this.prefix}-${++this.counter}`;
  }

  /** Register `request`, hand it to `send`, and wait for its reply. */
  request(request: KernelRequest, send: (request: KernelRequest) => void, onMessage?: (m: KernelMessage) => void) {
    return new Promise<{ reply: KernelMessage; messages: KernelMessage[] }>((resolve, reject) => {
      this.pending.set(request.id, { messages: [], onMessage, resolve, reject });
      try {
        send(request);
      } catch (error) {
        this.pending.delete(request.id);
        reject(error as Error);
      }
    });
  }

  receive(message: KernelMessage): void {
    if (message.type === "stale") this.stale = message.cells;
    const parent = "parent" in message ? message.parent : null;
    const pending = parent !== null ? this.pending.get(parent) : undefined;
    if (pending) {
      pending.messages.push(message);
      safely(pending.onMessage, message);
    }
    if (this.broadcast) for (const listener of this.listeners) safely(listener, message);
    if (!pending) return;
    // A request ends with its reply; an execute ends with the `status: idle` that follows its reply.
    if (message.type === "execute_reply") pending.reply = message;
    else if (isReply(message)) this.finish(parent!, message);
    else if (message.type === "status" && message.state === "idle" && pending.reply) this.finish(parent!, pending.reply);
  }

  /** Deliver a message the host made up itself (e.g. the error of a cell whose worker was restarted). */
  synthesize(message: KernelMessage): void {
    this.receive(message);
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  /** Fail every open request (the kernel went away). */
  rejectAll(error: Error): void {
    const open = [...this.pending.values()];
    this.pending.clear();
    for (const p of open) p.reject(error);
  }

  onMessage(listener: (message: KernelMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private finish(id: string, reply: KernelMessage): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.resolve({ reply, messages: pending.messages });
  }
}

// A failing listener (UI code) must not break the kernel that is delivering the message.
function safely(listener: ((m: KernelMessage) => void) | undefined, message: KernelMessage): void {
  try {
    listener?.(message);
  } catch (error) {
    console.error("stepbook: a kernel message listener failed", error);
  }
}
