// What fit returns (Keras's History): per epoch, the loss, each metric, and the same on the
// validation data (val_loss, val_accuracy). history.plot() draws them with the notebook's plot.
import { plot, type Plot } from "../display/plot.ts";
import { TO_BUNDLE, type Displayable } from "../display/rich.ts";
import { MIME, type MimeBundle } from "../protocol/mime.ts";

export class History implements Displayable {
  /** {loss: [...], accuracy: [...], val_loss: [...], ...}, one entry per epoch */
  readonly history: Record<string, number[]> = {};
  /** the epochs run (0-based), as Keras */
  readonly epoch: number[] = [];
  params: { epochs: number; steps: number; samples: number } = { epochs: 0, steps: 0, samples: 0 };

  append(epoch: number, logs: Record<string, number>): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }

  /**
   * The curves of `keys` (default: the loss and val_loss, or a metric and its val_ twin:
   * history.plot("accuracy")), against the epoch (from 1).
   */
  plot(...keys: string[]): Plot {
    const wanted = keys.length === 0 ? ["loss"] : keys;
    const series = wanted.flatMap((k) => [k, `val_${k}`]).filter((k) => this.history[k] !== undefined);
    if (series.length === 0) throw new Error(`history.plot: no such curve ${wanted.map((k) => `"${k}"`).join(", ")} (have: ${Object.keys(this.history).join(", ") || "nothing yet"})`);
    const xs = this.epoch.map((e) => e + 1);
    const p = plot.layer(...series.map((k) => plot.line(xs, this.history[k], { label: k, xLabel: "epoch", yLabel: wanted.join(", ") })));
    p.spec.color = { legend: true };
    return p;
  }

  [TO_BUNDLE](): MimeBundle {
    const keys = Object.keys(this.history);
    const last = keys.map((k) => `${k}: ${fmt(this.history[k][this.history[k].length - 1])}`).join(" - ");
    const text = `History of ${this.epoch.length} epoch${this.epoch.length === 1 ? "" : "s"}${last ? ` (last: ${last})` : ""}`;
    return { [MIME.text]: text };
  }
}

export const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
