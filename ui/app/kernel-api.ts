// The kernel's API for Monaco's TypeScript service: the kernel's own sources (its types are the
// documentation) plus a prelude that declares the globals a cell sees. Loaded lazily with Monaco.
// Runtime internals (transpiler, worker host) are left out: cells never import them.

const sources = import.meta.glob(
  ["/kernel/np.ts", "/kernel/tensor/*.ts", "/kernel/ops/*.ts", "/kernel/autograd/*.ts", "/kernel/trace/*.ts", "/kernel/display/*.ts", "/kernel/protocol/*.ts", "/kernel/nn/**/*.ts"],
  { query: "?raw", import: "default" },
) as Record<string, () => Promise<string>>;

export const PRELUDE_PATH = "file:///stepbook/globals.d.ts";

/** The names every cell has in scope (kernel/display/builtins.ts), typed from the kernel's own modules. */
export const BUILTIN_NAMES = ["np", "display", "md", "tex", "html", "plot", "check", "progress"] as const;

export const PRELUDE = `import type { Builtins } from "../kernel/display/builtins.ts";
import type { Tensor as KernelTensor } from "../kernel/tensor/tensor.ts";
declare global {
  type Tensor = KernelTensor;
${BUILTIN_NAMES.map((n) => `  const ${n}: Builtins["${n}"];`).join("\n")}
}
export {};
`;

/** [path, text] pairs of the kernel's sources, as file:/// URIs Monaco's TypeScript service resolves. */
export async function kernelLibs(): Promise<[string, string][]> {
  const entries = await Promise.all(Object.entries(sources).map(async ([path, load]) => [`file://${path}`, await load()] as [string, string]));
  return [...entries, [PRELUDE_PATH, PRELUDE]];
}

/** Declarations for names defined by cells that ran, so completion knows them in later cells. */
export function cellNamesLib(variables: readonly { name: string; type: string }[]): string {
  const typeOf = (t: string) =>
    t === "Tensor" || t === "tensor" ? "Tensor" : t === "number" ? "number" : t === "string" ? "string" : t === "boolean" ? "boolean"
      : t === "function" ? "(...args: any[]) => any" : "any";
  const lines = variables.filter((v) => /^[A-Za-z_$][\w$]*$/.test(v.name)).map((v) => `declare var ${v.name}: ${typeOf(v.type)};`);
  return `// names defined by the cells that ran\n${lines.join("\n")}\n`;
}
