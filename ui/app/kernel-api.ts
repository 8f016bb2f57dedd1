// The kernel's API for Monaco's TypeScript service: the kernel's own sources (its types are the
// documentation) plus a prelude that declares the globals a cell sees. Loaded lazily with Monaco.
// Runtime internals (transpiler, worker host) are left out: cells never import them.

const sources = import.meta.glob(
  ["/kernel/np.ts", "/kernel/tensor/*.ts", "/kernel/ops/*.ts", "/kernel/autograd/*.ts", "/kernel/trace/*.ts", "/kernel/display/*.ts", "/kernel/protocol/*.ts", "/kernel/nn/**/*.ts"],
  { query: "?raw", import: "default" },
) as Record<string, () => Promise<string>>;

import { cellPrelude } from "../../kernel/display/prelude.ts";

export const PRELUDE_PATH = "file:///stepbook/globals.d.ts";

export { BUILTIN_NAMES } from "../../kernel/display/prelude.ts";

export const PRELUDE = cellPrelude("../kernel");

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
