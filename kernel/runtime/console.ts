// The `console` a cell sees: log/info/debug go to stdout, warn/error to stderr, in the order they were
// called, into the output of the cell that is running. It is the kernel's own object, so the page's or
// the test runner's console is never touched. Formatting follows console.log: strings as they are,
// other values as their repr, and the %s %d %i %f %o %O %j %% directives of a leading string.
import { repr } from "../display/repr.ts";
import { toMimeBundle } from "../display/bundle.ts";
import type { MimeBundle } from "../protocol/mime.ts";

export interface ConsoleTarget {
  stream(name: "stdout" | "stderr", text: string): void;
  display(data: MimeBundle): void;
}

export function formatArgs(args: unknown[]): string {
  const parts: string[] = [];
  let rest = args;
  if (typeof args[0] === "string" && args[0].includes("%")) {
    let i = 1;
    parts.push(args[0].replace(/%([sdifoOjc%])/g, (match, d: string) => {
      if (d === "%") return "%";
      if (i >= args.length) return match;
      const v = args[i++];
      switch (d) {
        case "s": return typeof v === "string" ? v : repr(v, { depth: 1 });
        case "d": case "i": { const n = Number(v); return String(d === "i" ? Math.trunc(n) : n); }
        case "f": return String(Number(v));
        case "c": return ""; // CSS styling has no meaning in text output
        default: return repr(v, { depth: 4 });
      }
    }));
    rest = args.slice(i);
  }
  for (const v of rest) parts.push(repr(v, { quoteStrings: false }));
  return parts.join(" ");
}

export function makeConsole(target: ConsoleTarget) {
  let indent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const write = (name: "stdout" | "stderr", args: unknown[]) => {
    const text = formatArgs(args);
    target.stream(name, (indent ? text.replace(/^/gm, indent) : text) + "\n");
  };
  const out = (...args: unknown[]) => write("stdout", args);
  const err = (...args: unknown[]) => write("stderr", args);
  return {
    log: out, info: out, debug: out, trace: out,
    warn: err, error: err,
    dir: (value: unknown) => write("stdout", [repr(value, { depth: 4 })]),
    table: (value: unknown) => target.display(toMimeBundle(value)),
    assert: (condition: unknown, ...args: unknown[]) => { if (!condition) err("Assertion failed" + (args.length ? ":" : ""), ...args); },
    group: (...args: unknown[]) => { if (args.length) out(...args); indent += "  "; },
    groupEnd: () => { indent = indent.slice(2); },
    count: (label = "default") => { const n = (counts.get(label) ?? 0) + 1; counts.set(label, n); out(`${label}: ${n}`); },
    countReset: (label = "default") => { counts.delete(label); },
    time: (label = "default") => { timers.set(label, performance.now()); },
    timeLog: (label = "default") => { const t = timers.get(label); if (t !== undefined) out(`${label}: ${(performance.now() - t).toFixed(3)}ms`); },
    timeEnd: (label = "default") => { const t = timers.get(label); if (t !== undefined) { timers.delete(label); out(`${label}: ${(performance.now() - t).toFixed(3)}ms`); } },
  };
}
