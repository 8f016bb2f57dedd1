// What the display helpers need from the kernel: somewhere to send outputs for the execution that is
// running now, ids for displays that update in place, and a way to read the student's variables.
import type { MimeBundle } from "../protocol/mime.ts";

export interface DisplayTarget {
  display(data: MimeBundle, metadata?: Record<string, unknown>, displayId?: string): void;
  update(displayId: string, data: MimeBundle, metadata?: Record<string, unknown>): void;
  newDisplayId(): string;
  /** state that lives as long as the current execution (progress bars keyed by label). */
  executionState(): Map<string, unknown>;
  /** run `fn` when the current execution ends (a progress bar's last, throttled update). */
  atEnd(fn: () => void): void;
  /** `value` was displayed already: as a cell's last expression it is not shown a second time. */
  markShown(value: object): void;
  /** throw the kernel's InterruptError if the running cell was stopped (long kernel-side work: nn's fit). */
  checkInterrupt(): void;
  /** let the kernel take messages (a Stop); rejects with the InterruptError if the cell was stopped. */
  yieldToKernel(): Promise<void>;
  /** the value the reader set on the widget `name` (ui.slider, ...), if any. */
  widgetValue(name: string): unknown;
  /** a kernel variable by name; when there is none, the one of a near name (dwhand: dwHand), if any. */
  lookup(name: string): { found: true; value: unknown } | { found: false; near?: string };
  /** the value the exercise's hidden solution computes for `name` (ExecuteRequest.reference); null: no solution was given. */
  reference(name: string): { found: true; value: unknown } | { found: false } | null;
}
