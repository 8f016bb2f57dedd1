/**
 * A short fingerprint of a lesson's text, so the page can say which version of a file it edited and the
 * dev server can refuse a save made over a newer one (a conflict). Not a security measure: two FNV-1a
 * hashes with different offsets plus the length make an accidental collision practically impossible.
 */
export function textVersion(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return `${text.length.toString(36)}-${(a >>> 0).toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}`;
}
