/** Ids we make up for cells that have none: `cell-3` is the third cell. */
export const DERIVED_ID = /^cell-\d+(?:-\d+)?$/;

/**
 * Fills in the missing ids of a document's cells, deterministically from their positions, so the
 * same file always gives the same ids. A made-up id never takes one that a cell already has.
 */
export function fillIds(ids: (string | undefined)[]): string[] {
  const taken = new Set(ids.filter((id): id is string => id !== undefined));
  return ids.map((id, i) => {
    if (id !== undefined) return id;
    let candidate = `cell-${i + 1}`;
    for (let k = 2; taken.has(candidate); k++) candidate = `cell-${i + 1}-${k}`;
    taken.add(candidate);
    return candidate;
  });
}
