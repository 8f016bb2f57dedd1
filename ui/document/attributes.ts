// Pandoc-style attribute blocks: `{#id .class key=value key="a value" flag}`.
// Used by code fences (```` ```ts {#forward trace} ````) and by equation labels (`$$ ... $$ {#eq-z1}`).

export type Attribute =
  | { kind: "id"; value: string; raw: string }
  | { kind: "class"; value: string; raw: string }
  | { kind: "pair"; key: string; value: string; raw: string }
  | { kind: "flag"; key: string; raw: string };

export type AttributesResult = { ok: true; attributes: Attribute[] } | { ok: false; reason: string };

const NAME = "[A-Za-z_][\\w-]*";
const ITEM = new RegExp(
  `(#[^\\s{}"'=]+)|(\\.[^\\s{}"'=]+)|(${NAME})=(?:"([^"]*)"|'([^']*)'|([^\\s{}"']+))|(${NAME})(?=\\s|$)`,
  "y",
);

/** Reads the inside of a `{...}` block (without the braces). */
export function parseAttributes(inside: string): AttributesResult {
  const attributes: Attribute[] = [];
  let pos = 0;
  for (;;) {
    while (pos < inside.length && /\s/.test(inside[pos]!)) pos++;
    if (pos >= inside.length) return { ok: true, attributes };
    ITEM.lastIndex = pos;
    const m = ITEM.exec(inside);
    if (!m) return { ok: false, reason: `cannot read the attribute starting at "${inside.slice(pos, pos + 20)}"` };
    const raw = m[0];
    if (m[1]) attributes.push({ kind: "id", value: m[1].slice(1), raw });
    else if (m[2]) attributes.push({ kind: "class", value: m[2].slice(1), raw });
    else if (m[3]) attributes.push({ kind: "pair", key: m[3], value: m[4] ?? m[5] ?? m[6] ?? "", raw });
    else attributes.push({ kind: "flag", key: m[7]!, raw });
    pos = ITEM.lastIndex;
  }
}

/**
 * Splits `text` into what comes before a trailing `{...}` block and the inside of that block.
 * `"ts {#a trace}"` gives `{ head: "ts", inside: "#a trace" }`; text without a block gives `inside: null`.
 */
export function splitTrailingBlock(text: string): { head: string; inside: string | null } {
  const m = /^(.*?)\s*\{([^{}]*)\}\s*$/s.exec(text);
  return m ? { head: m[1]!, inside: m[2]! } : { head: text.trimEnd(), inside: null };
}

/** Quotes a value only when it needs it, so canonical attributes read like hand-written ones. */
export function formatValue(value: string): string {
  if (/^[^\s{}"'=]+$/.test(value)) return value;
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}
