// A table of records (the table MIME): columns in first-seen order, scrollable.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { TablePayload } from "../../kernel/protocol/mime.ts";
import { num } from "../app/format.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-table-view")
export class SbTableView extends LightElement {
  @property({ attribute: false }) table: TablePayload | null = null;

  override render() {
    const t = this.table;
    if (!t) return "";
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label="table of ${t.total} rows"><table class="data-table">
      <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
      <tbody>${t.rows.map((r) => html`<tr>${r.map((v) => html`<td>${typeof v === "number" ? num(v) : v === null ? "" : String(v)}</td>`)}</tr>`)}</tbody>
    </table></div>${t.truncated ? html`<p class="tensor-note">showing ${t.rows.length} of ${t.total} rows</p>` : ""}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-table-view": SbTableView }
}
