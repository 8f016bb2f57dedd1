// Every view with a MIME type of its own, by MIME type: the one place the live element (sb-view.ts)
// and the exporter (ui/export/plot-svg.ts) look a view up, so both draw it with the same code.
import { boundaryView } from "./boundary-view.ts";
import { networkView } from "./network-view.ts";
import { histogramView } from "./histogram-view.ts";
import { imagesView } from "./images-view.ts";
import { confusionView } from "./confusion-view.ts";
import type { ViewRenderer } from "./view-types.ts";

const VIEWS: ViewRenderer<never>[] = [boundaryView, networkView, histogramView, imagesView, confusionView];

export const viewRenderers: ReadonlyMap<string, ViewRenderer<unknown>> = new Map(VIEWS.map((v) => [v.mime, v as unknown as ViewRenderer<unknown>]));

/** The first MIME type of `bundle` that a view draws, with its renderer. */
export function viewOf(bundle: Record<string, unknown>): { renderer: ViewRenderer<unknown>; payload: unknown } | null {
  for (const [mime, renderer] of viewRenderers) if (bundle[mime] !== undefined && bundle[mime] !== null) return { renderer, payload: bundle[mime] };
  return null;
}
