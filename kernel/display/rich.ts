// Values that know how to show themselves: `md\`...\``, `tex\`...\``, `html\`...\``, plots, check
// results. `display()` asks any object with a TO_BUNDLE method for its MIME bundle, so helpers added
// later (nn model summaries, say) plug in without touching display().
import type { MimeBundle } from "../protocol/mime.ts";
import { MIME } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { repr } from "./repr.ts";

export const TO_BUNDLE = Symbol.for("stepbook.toBundle");

export interface Displayable {
  [TO_BUNDLE](): MimeBundle;
}

export function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null && typeof (x as Partial<Displayable>)[TO_BUNDLE] === "function";
}

export class RichOutput implements Displayable {
  constructor(readonly bundle: MimeBundle) {}
  [TO_BUNDLE](): MimeBundle {
    return this.bundle;
  }
  toString(): string {
    return String(this.bundle[MIME.text] ?? "");
  }
}

type TemplateArgs = [strings: TemplateStringsArray | string, ...values: unknown[]];

/** Markdown: md`The loss is ${loss}` or md("# Title"). */
export function md(...args: TemplateArgs): RichOutput {
  const text = fill(args);
  return new RichOutput({ [MIME.markdown]: text, [MIME.text]: text });
}

/** TeX for KaTeX: tex`\frac{\partial L}{\partial W}`. String.raw semantics, so backslashes stay. */
export function tex(...args: TemplateArgs): RichOutput {
  const text = fill(args);
  return new RichOutput({ [MIME.latex]: text, [MIME.text]: text });
}

/**
 * HTML: only ever produced by code the reader ran. The UI shows text/html from a live run of its own
 * kernel, and shows only the text/plain of HTML that came with a lesson file (it may be untrusted).
 */
export function html(...args: TemplateArgs): RichOutput {
  const text = fill(args);
  return new RichOutput({ [MIME.html]: text, [MIME.text]: text.replace(/<[^>]*>/g, "") });
}

function fill([strings, ...values]: TemplateArgs): string {
  if (typeof strings === "string") return strings;
  let out = strings.raw[0];
  values.forEach((v, i) => {
    out += interpolate(v) + strings.raw[i + 1];
  });
  return out;
}

// A one-element tensor reads as its number; anything else as its repr (strings as they are).
function interpolate(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Tensor && v.size === 1) return String(v.data[0]);
  return repr(v, { quoteStrings: false });
}
