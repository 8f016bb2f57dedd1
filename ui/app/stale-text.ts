// Why a cell is stale, in words, for the badge's hover text: "W1 changed in cell 4".
import type { StaleReason } from "./state.ts";

/** `cellNumber(id)`: the code cell's number as the page shows it ("Run cell 4"). */
export function staleText(reason: StaleReason, cellNumber: (id: string) => number): string {
  switch (reason.why) {
    case "edited": return "this cell was edited since it ran";
    case "restarted": return "the kernel restarted since this cell ran: its values are gone";
    case "changed": return `${reason.name} changed in cell ${cellNumber(reason.cell)} (edited, not run yet)`;
    case "re-ran": return `${reason.name} changed in cell ${cellNumber(reason.cell)} (it ran again after this cell)`;
    case "stale": return `${reason.name} comes from cell ${cellNumber(reason.cell)}, which is stale itself`;
  }
}
