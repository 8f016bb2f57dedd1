// The names in a formula's partial derivatives: Z_{1} and \left(X W_{1}\right) in
// \frac{\partial L}{\partial Z_{1}} = ... \frac{\partial L}{\partial \left(X W_{1}\right)}.

/** What follows `\partial ` in the denominator of every ∂/∂ fraction of `tex`, without the brackets around it. */
export function denominators(tex: string): string[] {
  const out: string[] = [];
  const open = "\\frac{\\partial ";
  for (let at = tex.indexOf(open); at >= 0; at = tex.indexOf(open, at + 1)) {
    const numeratorEnd = closing(tex, at + "\\frac".length);
    if (numeratorEnd < 0 || tex[numeratorEnd + 1] !== "{") continue;
    const denominatorEnd = closing(tex, numeratorEnd + 1);
    const denominator = tex.slice(numeratorEnd + 2, denominatorEnd);
    if (!denominator.startsWith("\\partial ")) continue;
    const name = denominator.slice("\\partial ".length);
    // ∂(X W_1): the brackets belong to the fraction, not to the name (at worst two glyphs off)
    out.push(name.replace(/^\\left\((.*)\\right\)$/, "$1"));
  }
  return out;
}

/** The index of the brace that closes the one at `open`, or -1. */
function closing(tex: string, open: number): number {
  let depth = 0;
  for (let i = open; i < tex.length; i++) {
    if (tex[i] === "\\") i++;
    else if (tex[i] === "{") depth++;
    else if (tex[i] === "}" && --depth === 0) return i;
  }
  return -1;
}
