// Cell ids. A student's saved edits, the kernel's state and the lecturer's merges all find a cell by its
// id, so an id must survive edits around it. In a `.md` lesson:
// - a code cell's id is written on its fence: ```` ```ts {#forward} ````;
// - a prose cell's id is derived from the code cell that follows it: the prose before `forward` is
//   `md-forward` (the prose after the last code cell is `md-end`). Editing the prose, its headings
//   included, or inserting a cell elsewhere never changes it, and the lecturer writes nothing;
// - any other id (a notebook from Jupyter, a cell whose id cannot be derived) is written out: for prose,
//   a line `<!-- #intro -->` just above it (GitHub and Stepbook show nothing); for a wrapped cell, on
//   its wrapper fence (```` ````stepbook-raw {#r1} ````).
// A cell with none of these (a code cell without `{#id}`) gets `cell-N` from its position; such ids are
// not stable, which is why the lessons carry ids (tools/add-cell-ids.ts adds them).

/** Ids we make up from a cell's position: `cell-3` is the third cell. */
export const DERIVED_ID = /^cell-\d+(?:-\d+)?$/;

/** The id derived for prose: `md-` and the id of the code cell that follows it. */
export const PROSE_PREFIX = "md-";
/** The id derived for prose after the last code cell. */
export const PROSE_END = "md-end";

/** nbformat 4.5 allows these cell ids; every id must follow it so the `.ipynb` export validates. */
export const CELL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The line that gives the prose below it an id of its own: `<!-- #intro -->`. */
export const PROSE_ID_LINE = /^<!-- #([A-Za-z0-9_-]{1,64}) -->$/;
export const proseIdLine = (id: string) => `<!-- #${id} -->`;

export type CellKind = "code" | "prose" | "other";

/**
 * Fills in the missing ids of a document's cells, deterministically, so the same file always gives the
 * same ids: prose from the next code cell (when `kinds` is given), every other cell from its position. A
 * made-up id never takes one that a cell already has.
 */
export function fillIds(ids: readonly (string | undefined)[], kinds?: readonly CellKind[]): string[] {
  const taken = new Set(ids.filter((id): id is string => id !== undefined));
  const unique = (base: string, sep: string) => {
    let candidate = base;
    for (let k = 2; taken.has(candidate); k++) candidate = `${base.slice(0, 60)}${sep}${k}`;
    taken.add(candidate);
    return candidate;
  };
  const out = ids.map((id, i) => id ?? (kinds?.[i] === "prose" ? undefined : unique(`cell-${i + 1}`, "-")));
  if (!kinds) return out as string[];
  // the id of the next code cell after each position, found from the end
  const nextCode: (string | undefined)[] = [];
  for (let i = out.length - 1, next: string | undefined; i >= 0; i--) {
    nextCode[i] = next;
    if (kinds[i] === "code") next = out[i];
  }
  return out.map((id, i) => id ?? unique(nextCode[i] === undefined ? PROSE_END : `${PROSE_PREFIX}${nextCode[i]}`.slice(0, 64), "_"));
}

/** What kind of cell, for deriving ids. */
export function cellKind(cell: { type: string }): CellKind {
  return cell.type === "code" ? "code" : cell.type === "markdown" ? "prose" : "other";
}

/**
 * Which cells must spell out their id in a `.md` file for the file to read back with exactly these ids:
 * those already written (`written[i]`), and those whose id is not the one a reader would derive.
 */
export function idsToWrite(cells: readonly { id: string; type: string }[], written: readonly boolean[]): boolean[] {
  const kinds = cells.map(cellKind);
  const explicit = cells.map((c, i) => written[i]! && c.id !== "");
  for (;;) {
    const derived = fillIds(cells.map((c, i) => (explicit[i] ? c.id : undefined)), kinds);
    let changed = false;
    cells.forEach((c, i) => {
      if (!explicit[i] && c.id !== "" && derived[i] !== c.id) { explicit[i] = true; changed = true; }
    });
    if (!changed) return explicit;
  }
}
