// Widgets, as Observable's inputs and marimo's mo.ui: `const alpha = ui.slider("alpha", {min: 0.01,
// max: 1, step: 0.01, value: 0.1})` shows a slider and returns its current value. When the reader moves
// it, the page stores the value (with their saved work), re-runs this cell — which now returns the new
// value — and then exactly the cells that depend on it (ui/app/widget-run.ts). The kernel only reads
// the value the page sent with the execute request (DisplayTarget.widgetValue) and shows the widget as
// plain data (ui/components/sb-widget.ts draws it; the exported page shows its value).
import { MIME } from "../protocol/mime.ts";
import type { DisplayTarget } from "./target.ts";

export interface WidgetPayload {
  kind: "slider" | "select" | "checkbox" | "button";
  /** the key its value is stored under (unique in a lesson). */
  name: string;
  label: string;
  /** slider: a number; select: one of `options`; checkbox: a boolean; button: how many times it was pressed. */
  value: number | string | boolean;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
}

export interface SliderOptions { min?: number; max?: number; step?: number; value?: number; label?: string }
export interface SelectOptions { value?: string; label?: string }
export interface CheckboxOptions { value?: boolean; label?: string }

const NAME = /^[A-Za-z_][\w-]{0,63}$/;

export function makeUi(target: DisplayTarget) {
  const show = (p: WidgetPayload, text: string) => target.display({ [MIME.widget]: p, [MIME.text]: text });
  const checkName = (where: string, name: unknown) => {
    if (typeof name !== "string" || !NAME.test(name)) throw new Error(`${where}: the first argument is the widget's name, a word like "alpha" (got ${JSON.stringify(name)})`);
  };

  /** A slider; returns its current value (the one the reader set, else `value`, else `min`). */
  function slider(name: string, options: SliderOptions = {}): number {
    checkName("ui.slider", name);
    const min = options.min ?? 0, max = options.max ?? 1;
    const step = options.step ?? (max - min) / 100;
    if (![min, max, step].every(Number.isFinite) || !(max > min) || !(step > 0)) throw new Error(`ui.slider("${name}"): needs min < max and step > 0 (got min ${min}, max ${max}, step ${step})`);
    const set = target.widgetValue(name);
    const start = options.value ?? min;
    // a value the reader set counts if it is still in range (the lesson may have changed the range)
    const value = typeof set === "number" && set >= min && set <= max ? set : Math.min(max, Math.max(min, start));
    show({ kind: "slider", name, label: options.label ?? name, value, min, max, step }, `${options.label ?? name} = ${value} (slider from ${min} to ${max})`);
    return value;
  }

  /** A drop-down list; returns the option chosen (default: `value`, else the first). */
  function select(name: string, options: readonly string[], settings: SelectOptions = {}): string {
    checkName("ui.select", name);
    if (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === "string")) throw new Error(`ui.select("${name}"): the second argument is the list of options (strings)`);
    const set = target.widgetValue(name);
    const value = typeof set === "string" && options.includes(set) ? set : settings.value !== undefined && options.includes(settings.value) ? settings.value : options[0]!;
    show({ kind: "select", name, label: settings.label ?? name, value, options: [...options] }, `${settings.label ?? name} = ${value} (one of ${options.join(", ")})`);
    return value;
  }

  /** A checkbox; returns true when it is ticked. */
  function checkbox(name: string, settings: CheckboxOptions = {}): boolean {
    checkName("ui.checkbox", name);
    const set = target.widgetValue(name);
    const value = typeof set === "boolean" ? set : settings.value ?? false;
    show({ kind: "checkbox", name, label: settings.label ?? name, value }, `${settings.label ?? name}: ${value ? "on" : "off"} (checkbox)`);
    return value;
  }

  /** A button; returns how many times it has been pressed (each press re-runs the cells that use it). */
  function button(name: string, settings: { label?: string } = {}): number {
    checkName("ui.button", name);
    const set = target.widgetValue(name);
    const value = typeof set === "number" && Number.isInteger(set) && set >= 0 ? set : 0;
    show({ kind: "button", name, label: settings.label ?? name, value }, `[button ${settings.label ?? name}, pressed ${value} times]`);
    return value;
  }

  return { slider, select, checkbox, button };
}
