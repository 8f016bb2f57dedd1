// Where one execution's outputs go. Stream text is buffered (a training loop that logs every step would
// otherwise send thousands of tiny messages) and flushed before any other output, so the order of
// console output and displays is kept. Past the limits, the rest of the stream is dropped with one note:
// a cell that prints 100 MB must not ship 100 MB to the page.
import type { KernelMessage } from "../protocol/messages.ts";
import type { MimeBundle } from "../protocol/mime.ts";

export interface OutputLimits {
  /** characters of stream output per cell (about bytes for ASCII). */
  maxChars: number;
  maxLines: number;
  /** display_data messages per cell (updates of an existing display are not counted). */
  maxDisplays: number;
}

export const DEFAULT_LIMITS: OutputLimits = { maxChars: 1_000_000, maxLines: 10_000, maxDisplays: 1_000 };

const FLUSH_CHARS = 64 * 1024;
const FLUSH_MS = 50;

export class OutputSink {
  private buffer = "";
  private bufferName: "stdout" | "stderr" = "stdout";
  private chars = 0;
  private lines = 0;
  private displays = 0;
  private truncated = false;
  private displaysTruncated = false;
  private lastFlush = performance.now();
  /** after the cell ended, output from its leftover timers is sent at once (nothing would flush it). */
  private ended = false;

  constructor(
    private readonly emit: (message: KernelMessage) => void,
    readonly parent: string | null,
    readonly cellId: string | null,
    private readonly limits: OutputLimits = DEFAULT_LIMITS,
  ) {}

  stream(name: "stdout" | "stderr", text: string): void {
    if (this.truncated || text === "") return;
    if (name !== this.bufferName) this.flush();
    this.bufferName = name;
    const roomChars = this.limits.maxChars - this.chars;
    const newlines = countNewlines(text);
    if (text.length > roomChars || this.lines + newlines > this.limits.maxLines) {
      const keep = cutToFit(text, roomChars, this.limits.maxLines - this.lines);
      this.buffer += keep;
      this.truncated = true;
      this.flush();
      const what = this.lines + newlines > this.limits.maxLines ? `${this.limits.maxLines.toLocaleString("en")} lines` : `${formatChars(this.limits.maxChars)}`;
      this.emitStream("stderr", `${keep.endsWith("\n") || keep === "" ? "" : "\n"}[output truncated: the cell printed more than ${what}; the rest is not shown]\n`);
      return;
    }
    this.chars += text.length;
    this.lines += newlines;
    this.buffer += text;
    if (this.ended || this.buffer.length >= FLUSH_CHARS || performance.now() - this.lastFlush > FLUSH_MS) this.flush();
  }

  /** The cell's code has finished: send what is buffered, and from now on send output as it comes. */
  end(): void {
    this.flush();
    this.ended = true;
  }

  display(data: MimeBundle, metadata: Record<string, unknown> = {}, displayId?: string): void {
    this.flush();
    if (this.displays >= this.limits.maxDisplays) {
      if (!this.displaysTruncated) {
        this.displaysTruncated = true;
        this.emitStream("stderr", `[output truncated: more than ${this.limits.maxDisplays} displays in one cell; the rest are not shown]\n`);
      }
      return;
    }
    this.displays++;
    this.emit({ type: "display_data", parent: this.parent, cellId: this.cellId, data: capBundle(data, this.limits.maxChars), metadata, ...(displayId ? { displayId } : {}) });
  }

  update(displayId: string, data: MimeBundle, metadata: Record<string, unknown> = {}): void {
    this.flush();
    this.emit({ type: "update_display_data", parent: this.parent, cellId: this.cellId, data: capBundle(data, this.limits.maxChars), metadata, displayId });
  }

  /** Any other message of this execution (result, error, trace): after the buffered stream text. */
  send(message: KernelMessage): void {
    this.flush();
    this.emit(message.type === "execute_result" ? { ...message, data: capBundle(message.data, this.limits.maxChars) } : message);
  }

  flush(): void {
    this.lastFlush = performance.now();
    if (this.buffer === "") return;
    const text = this.buffer;
    this.buffer = "";
    this.emitStream(this.bufferName, text);
  }

  private emitStream(name: "stdout" | "stderr", text: string): void {
    this.emit({ type: "stream", parent: this.parent, cellId: this.cellId, name, text });
  }
}

/**
 * A result or display is cut here, in the kernel, before it is posted: a 50 MB string would take the
 * page tens of seconds to receive and draw. Text fields above `maxChars` keep their start and say how
 * long the whole value is (the variable inspector still holds all of it).
 */
export function capBundle(data: MimeBundle, maxChars: number): MimeBundle {
  let out: MimeBundle | null = null;
  for (const [mime, value] of Object.entries(data)) {
    if (typeof value !== "string" || value.length <= maxChars) continue;
    out ??= { ...data };
    out[mime] = `${value.slice(0, maxChars)}\n… [output truncated: ${formatChars(value.length)} in all, the first ${formatChars(maxChars)} shown]`;
  }
  return out ?? data;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The longest prefix within both budgets, cut after a whole line where possible. */
function cutToFit(text: string, chars: number, lines: number): string {
  let end = Math.max(0, Math.min(text.length, chars));
  let seen = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    if (++seen >= lines) { end = i + 1; break; }
  }
  if (lines <= 0) end = 0;
  return text.slice(0, end);
}

function formatChars(n: number): string {
  return n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${+(n / 1000).toFixed(1)} KB` : `${n} characters`;
}
