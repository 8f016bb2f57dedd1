// The builtins the kernel needs that cells replaced (`Array.prototype.push = ...`): put back after every
// piece of cell code (intrinsics.ts), collected over a cell's run and said once in its output, so the
// kernel keeps working and the student knows why their change did not stay.
import { restoreIntrinsics } from "./intrinsics.ts";
import type { OutputSink } from "./output.ts";

export class BuiltinRepairs {
  private readonly restored = new Set<string>();
  private readonly broken = new Set<string>();

  /** A new cell starts: put back what earlier code (a timer) replaced, without reporting it to this cell. */
  begin(): void {
    restoreIntrinsics();
    this.restored.clear();
    this.broken.clear();
  }

  /** Put back what the cell replaced so far, and remember it for the report. */
  restore(): void {
    const { restored, broken } = restoreIntrinsics();
    for (const name of restored) this.restored.add(name);
    for (const name of broken) this.broken.add(name);
  }

  /** Put back, then say in the cell's output what was put back or is beyond repair. */
  report(sink: OutputSink): void {
    this.restore();
    const restored = [...this.restored], broken = [...this.broken];
    this.restored.clear();
    this.broken.clear();
    if (restored.length > 0) sink.stream("stderr", `[kernel: this cell changed ${list(restored)}, which the kernel needs: put back as ${restored.length > 1 ? "they were" : "it was"}]\n`);
    if (broken.length > 0) sink.stream("stderr", `[kernel: this cell broke ${list(broken)} beyond repair: press Restart for a fresh kernel]\n`);
  }
}

function list(names: string[]): string {
  return names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more builtins` : names.join(", ");
}
