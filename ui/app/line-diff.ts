// A line diff: the longest common subsequence of two texts' lines (the textbook dynamic programme,
// O(n·m), fine for notebook cells), read back as a list of kept, removed and added lines.

export interface DiffLine {
  /** "same": in both; "old": only in the first text; "new": only in the second. */
  kind: "same" | "old" | "new";
  text: string;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n"), b = after.split("\n");
  const n = a.length, m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ kind: "same", text: a[i]! }); i++; j++; }
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: "old", text: a[i++]! });
    else out.push({ kind: "new", text: b[j++]! });
  }
  while (i < n) out.push({ kind: "old", text: a[i++]! });
  while (j < m) out.push({ kind: "new", text: b[j++]! });
  return out;
}
