// Shared paths and readers for the document and render tests.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");
export const DOCUMENTS = join(FIXTURES, "documents");
export const RENDER = join(FIXTURES, "render");

/** The lesson fixtures, as [file name, exact text] pairs. */
export function lessonFixtures(): [string, string][] {
  return readdirSync(DOCUMENTS)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => [name, readFileSync(join(DOCUMENTS, name), "utf8")]);
}

export function readFixture(name: string): string {
  return readFileSync(join(DOCUMENTS, name), "utf8");
}
