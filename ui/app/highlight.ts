// A small TypeScript tokenizer for reading code without Monaco (Monaco loads only on first edit).
// Tokens, not HTML: the component renders each as a text node in a span, so code never becomes markup.

export type TokenKind = "keyword" | "string" | "number" | "comment" | "function" | "type" | "plain";
export interface CodeToken { kind: TokenKind; text: string }

const KEYWORDS = new Set(("const let var function return if else for while do break continue new of in typeof instanceof " +
  "class extends import export from async await yield try catch finally throw true false null undefined this switch case default as interface type").split(" "));

const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)/g;

export function tokenize(code: string): CodeToken[] {
  const out: CodeToken[] = [];
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    const at = m.index!;
    if (at > last) out.push({ kind: "plain", text: code.slice(last, at) });
    const [text, comment, string, number, word] = m;
    let kind: TokenKind = "plain";
    if (comment) kind = "comment";
    else if (string) kind = "string";
    else if (number) kind = "number";
    else if (word) {
      if (KEYWORDS.has(word)) kind = "keyword";
      else if (code[at + word.length] === "(") kind = "function";
      else if (/^[A-Z]/.test(word) && word.length > 2) kind = "type";
    }
    out.push({ kind, text });
    last = at + text.length;
  }
  if (last < code.length) out.push({ kind: "plain", text: code.slice(last) });
  return out;
}

/** Tokens split into lines (a token spanning lines, like a block comment, is split too). */
export function tokenLines(code: string): CodeToken[][] {
  const lines: CodeToken[][] = [[]];
  for (const t of tokenize(code)) {
    const parts = t.text.split("\n");
    parts.forEach((p, i) => {
      if (i > 0) lines.push([]);
      if (p) lines[lines.length - 1]!.push({ kind: t.kind, text: p });
    });
  }
  return lines;
}
