// What a render carries through markdown-it's `env`: values for inline expressions and the
// equation numbering of the whole document (numbering continues across the cells of a lesson).

export interface EquationEntry {
  label: string;
  number: number;
  /** Variables of the step-through view this equation explains (`binds=Z1,dW1`). */
  binds: string[];
  /** The markdown cell that defines it ("" when rendering loose Markdown). */
  cellId: string;
}

export interface EquationState {
  /** Every label known to the document, including ones defined in other cells. */
  numbers: Map<string, number>;
  next: number;
  /** Labels defined so far in this render, to spot a label used twice. */
  defined: Set<string>;
  table: EquationEntry[];
  cellId: string;
}

export interface RenderEnv {
  /** Pre-computed values of inline expressions, keyed by the expression text. */
  values?: Readonly<Record<string, string>>;
  equations?: EquationState;
  /** markdown-it's env is an open record that other plugins may use too. */
  [key: string | symbol]: unknown;
}

/** Numbering state that starts after the labels already known elsewhere in the document. */
export function newEquationState(known: Readonly<Record<string, number>> | ReadonlyMap<string, number> = {}): EquationState {
  const numbers = new Map(known instanceof Map ? known : Object.entries(known));
  const next = Math.max(0, ...numbers.values()) + 1;
  return { numbers, next, defined: new Set(), table: [], cellId: "" };
}

/** The equation state of a render, created on first use so `md.render(src)` works on its own. */
export function equationsOf(env: RenderEnv): EquationState {
  env.equations ??= newEquationState();
  return env.equations;
}
