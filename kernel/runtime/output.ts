// Where one execution's outputs go. Stream text is buffered (a training loop that logs every step would
// otherwise send thousands of tiny messages) and flushed before any other output, so the order of
// console output and displays is kept. Past the limits, the rest of the stream is dropped with one note:
// a cell that prints 100 MB must not ship 100 MB to the page.
import type { KernelMessage } from "../protocol/messages.ts";
import { MIME, type CutPayload, type MimeBundle } from "../protocol/mime.ts";

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
    /** where the whole of a cut result or display is kept for "show more" (none: not kept). */
    private readonly cut: CutOutputs | null = null,
  ) {}

  private cap(data: MimeBundle): MimeBundle {
    return capBundle(data, this.limits.maxChars, this.cut ? (value) => this.cut!.keep(this.cellId, value) : undefined);
  }

  /** stream text past the limits, kept (with a store) for "show more" once the cell ends. */
  private rest: string[] | null = null;
  private restChars = 0;

  private keepRest(text: string): void {
    if (this.rest === null || this.ended) return;
    const room = MAX_KEPT_CHARS - this.restChars;
    const kept = text.length > room ? text.slice(0, Math.max(0, room)) : text;
    if (kept === "") return;
    this.rest.push(kept);
    this.restChars += kept.length;
  }

  stream(name: "stdout" | "stderr", text: string): void {
    if (text === "") return;
    if (this.truncated) return this.keepRest(text);
    if (name !== this.bufferName) this.flush();
    this.bufferName = name;
    const roomChars = this.limits.maxChars - this.chars;
    const newlines = countNewlines(text);
    if (text.length > roomChars || this.lines + newlines > this.limits.maxLines) {
      const keep = cutToFit(text, roomChars, this.limits.maxLines - this.lines);
      this.buffer += keep;
      this.truncated = true;
      if (this.cut) this.rest = [];
      this.keepRest(text.slice(keep.length));
      this.flush();
      const what = this.lines + newlines > this.limits.maxLines ? `${this.limits.maxLines.toLocaleString("en")} lines` : `${formatChars(this.limits.maxChars)}`;
      this.emitStream("stderr", `${keep.endsWith("\n") || keep === "" ? "" : "\n"}[output truncated: the cell printed more than ${what}; the rest is ${this.cut ? "kept: Show more, when the cell has ended" : "not shown"}]\n`);
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
    // the stream text past the limits, as one cut output the page can show more of (MIME.cut)
    if (this.rest !== null && this.restChars > 0 && this.cut) {
      const value = this.rest.join("");
      const id = this.cut.keep(this.cellId, value);
      this.emit({ type: "display_data", parent: this.parent, cellId: this.cellId, metadata: {},
        data: { [MIME.text]: `… ${formatChars(value.length)} more of this cell's output`, [MIME.cut]: { [MIME.text]: { id, shown: 0, total: value.length } } } });
    }
    this.rest = null;
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
    this.emit({ type: "display_data", parent: this.parent, cellId: this.cellId, data: this.cap(data), metadata, ...(displayId ? { displayId } : {}) });
  }

  update(displayId: string, data: MimeBundle, metadata: Record<string, unknown> = {}): void {
    this.flush();
    this.emit({ type: "update_display_data", parent: this.parent, cellId: this.cellId, data: this.cap(data), metadata, displayId });
  }

  /** Any other message of this execution (result, error, trace): after the buffered stream text. */
  send(message: KernelMessage): void {
    this.flush();
    this.emit(message.type === "execute_result" ? { ...message, data: this.cap(message.data) } : message);
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
 * long the whole value is; with `keep`, the whole value is kept (CutOutputs) and the bundle's MIME.cut
 * says under which id, so the page's "show more" can fetch more of it.
 */
export function capBundle(data: MimeBundle, maxChars: number, keep?: (value: string) => string): MimeBundle {
  let out: MimeBundle | null = null;
  let cut: CutPayload | null = null;
  for (const [mime, value] of Object.entries(data)) {
    if (typeof value !== "string" || value.length <= maxChars) continue;
    out ??= { ...data };
    out[mime] = cutText(value, maxChars);
    if (keep) (cut ??= {})[mime] = { id: keep(value), shown: maxChars, total: value.length };
  }
  if (out && cut) out[MIME.cut] = cut;
  return out ?? data;
}

/** The first `shown` characters of `value` and, when that is not all of it, a note saying so. */
export function cutText(value: string, shown: number): string {
  if (value.length <= shown) return value;
  return `${value.slice(0, shown)}\n… [output truncated: ${formatChars(value.length)} in all, the first ${formatChars(shown)} shown]`;
}

/**
 * The whole values of the outputs the kernel cut, for "show more". Bounded: at most MAX_KEPT_VALUES
 * values and MAX_KEPT_CHARS characters in all (the oldest go first); a cell's values go when it runs
 * again (its outputs are replaced), all of them on restart. A value is a string the cell made anyway:
 * keeping it costs no copy, only its memory for longer.
 */
export const MAX_KEPT_CHARS = 128_000_000;
export const MAX_KEPT_VALUES = 32;

export class CutOutputs {
  private readonly values = new Map<string, { cellId: string | null; value: string }>();
  private chars = 0;
  private count = 0;

  constructor(private readonly maxChars = MAX_KEPT_CHARS, private readonly maxValues = MAX_KEPT_VALUES) {}

  /** Keep `value` (if it fits the bound at all) and return its id. */
  keep(cellId: string | null, value: string): string {
    const id = `cut-${++this.count}`;
    if (value.length > this.maxChars) return id; // never kept: "show more" will say so
    this.values.set(id, { cellId, value });
    this.chars += value.length;
    for (const [old, kept] of this.values) {
      if (this.chars <= this.maxChars && this.values.size <= this.maxValues) break;
      this.values.delete(old);
      this.chars -= kept.value.length;
    }
    return id;
  }

  get(id: string): string | undefined {
    return this.values.get(id)?.value;
  }

  /** The cell runs again: its old outputs are gone from the page. */
  forgetCell(cellId: string): void {
    for (const [id, kept] of this.values) if (kept.cellId === cellId) { this.values.delete(id); this.chars -= kept.value.length; }
  }

  clear(): void {
    this.values.clear();
    this.chars = 0;
  }
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

/** "50 MB", "1.5 KB", "12 characters" (characters, about bytes for ASCII). */
export function formatChars(n: number): string {
  return n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${+(n / 1000).toFixed(1)} KB` : `${n} characters`;
}
