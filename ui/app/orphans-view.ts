// The student's edits of cells the lesson no longer has (the lecturer deleted or rewrote them past
// recognition): listed above the lesson, each with its code, to copy or restore as a cell of their own.
// Never hidden: the student decides what happens to their work.
import { html, nothing } from "lit";
import type { Orphan } from "./saved-work.ts";

export type OrphanAction = "copy" | "restore" | "discard";

export function orphansView(orphans: readonly Orphan[], act: (action: OrphanAction, id: string) => void) {
  if (orphans.length === 0) return nothing;
  return html`<section class="banner orphans" role="region" aria-labelledby="orphans-title">
    <div>
      <p id="orphans-title"><strong>${orphans.length === 1 ? "One of your edits is" : `${orphans.length} of your edits are`} no longer in the lesson</strong>:
        the lesson changed and the ${orphans.length === 1 ? "cell is" : "cells are"} gone. Your code is kept here: copy it, or restore it as a cell of your own.</p>
      ${orphans.map((o) => html`<figure class="orphan" data-orphan=${o.id}>
        <figcaption>Your version of cell <code>${o.id}</code></figcaption>
        <pre class="orphan-source"><code>${o.source}</code></pre>
        <button class="btn btn-orphan-copy" @click=${() => act("copy", o.id)}>Copy</button>
        <button class="btn btn-orphan-restore" @click=${() => act("restore", o.id)}>Restore as a new cell</button>
        <button class="btn btn-orphan-discard" @click=${() => act("discard", o.id)}>Discard</button>
      </figure>`)}
    </div>
  </section>`;
}
