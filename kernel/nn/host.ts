// What nn needs from the kernel while a cell runs: somewhere to show a summary and fit's progress
// bar, and the cell's interrupt (Stop) between batches. Tests and the bench run nn without a kernel:
// then summary() prints with console.log and nothing can interrupt.
import type { MimeBundle } from "../protocol/mime.ts";

export interface NNHost {
  display(data: MimeBundle, displayId?: string): void;
  update(displayId: string, data: MimeBundle): void;
  newDisplayId(): string;
  /** throws the kernel's InterruptError if the cell was stopped */
  checkInterrupt(): void;
  /** let the kernel take messages (a Stop without SharedArrayBuffer); rejects if the cell was stopped */
  yieldToKernel(): Promise<void>;
}

export const CONSOLE_HOST: NNHost = {
  display: (data) => console.log(String(data["text/plain"] ?? "")),
  update: () => undefined,
  newDisplayId: () => "",
  checkInterrupt: () => undefined,
  yieldToKernel: () => new Promise((resolve) => setTimeout(resolve, 0)),
};
