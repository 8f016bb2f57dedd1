// The declarations a cell is type-checked against: every name in a cell's scope, typed from the
// kernel's own modules, plus the `Tensor` type for annotations (`function forward(X: Tensor)`).
// One text for Monaco (ui/app/kernel-api.ts) and for the lesson type-check test, so they can't drift.
import type { Builtins } from "./builtins.ts";

/** The names every cell has in scope (makeBuiltins in builtins.ts). */
export const BUILTIN_NAMES = ["np", "nn", "display", "md", "tex", "html", "plot", "check", "progress", "ui"] as const satisfies readonly (keyof Builtins)[];

/** `kernelDir`: the kernel folder as an import path from where the prelude file lives ("../kernel"). */
export function cellPrelude(kernelDir: string): string {
  return `import type { Builtins } from "${kernelDir}/display/builtins.ts";
import type { Tensor as KernelTensor } from "${kernelDir}/tensor/tensor.ts";
declare global {
  type Tensor = KernelTensor;
${BUILTIN_NAMES.map((n) => `  const ${n}: Builtins["${n}"];`).join("\n")}
}
// a cell iterates a tensor by rows, as numpy's \`for row in X\` (kernel/runtime/tensor-rows.ts); only in cells
declare module "${kernelDir}/tensor/tensor.ts" {
  interface Tensor { [Symbol.iterator](): IterableIterator<Tensor> }
}
export {};
`;
}
