// Writing a lesson file for the dev server, carefully: the request has already been checked as coming from
// the app's own page (save-guard.ts); here the body is checked as a lesson and written so that nothing is
// lost or half-written:
// - it must parse with the same parser as `stepbook run`, into the cells the page meant (an unclosed ```
//   typed into prose would otherwise silently merge cells), with the ids the page has (cell-ids.ts);
// - the name is an existing lesson, or a new plain `NN-title`; never a symlink, never outside notebooks/;
// - a file changed since the page loaded it is a conflict, not an overwrite;
// - the previous text is kept in notebooks/.history/NAME/ so a bad save can be undone;
// - the new text goes to a temp file that is renamed over the old one (atomic on one file system), and
//   saves of one lesson run one at a time, so two saves never interleave.
import { promises as fs } from "node:fs";
import path from "node:path";
import { DocumentError, parseNotebook } from "../document/index.ts";
import { textVersion } from "../document/version.ts";
import type { SaveReply, SaveRequest } from "./save-protocol.ts";

/** A lesson name is a file name in notebooks/ without `.md`: no slashes, no dots at the start. */
export function isLessonName(name: string): boolean {
  return /^[A-Za-z0-9][\w-]*$/.test(name);
}

/** A new lesson must be named as the course names them, `NN-title`, so it sorts into place. */
export function isNewLessonName(name: string): boolean {
  return /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name);
}

export const HISTORY_DIR = ".history";
/** versions kept per lesson in .history; the oldest go first. */
export const HISTORY_KEEP = 50;

export interface StoreReply { code: number; reply: SaveReply }

const queues = new Map<string, Promise<unknown>>();

/** Runs `job` after every earlier job for the same file has finished. */
function serialized<T>(key: string, job: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(job, job);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => { if (queues.get(key) === tail) queues.delete(key); });
  return run;
}

const fail = (code: number, error: string): StoreReply => ({ code, reply: { status: "error", error } });

/** Checks a save request's body and, if it is sound, writes the lesson. */
export async function saveLesson(dir: string, request: SaveRequest, now: () => Date = () => new Date()): Promise<StoreReply> {
  const { name, text, base, cells } = request;
  if (!isLessonName(name)) return fail(400, `not a lesson name: ${JSON.stringify(name)}`);
  const filename = `${name}.md`;
  let doc;
  try {
    doc = parseNotebook(text, filename);
  } catch (e) {
    if (e instanceof DocumentError) return fail(422, `not saved: ${e.message}`);
    throw e;
  }
  const types = doc.cells.map((c) => c.type);
  if (types.length !== cells.length || types.some((t, i) => t !== cells[i])) {
    return fail(422, `not saved: the text would change the lesson's structure: the page has ${cells.length} cells, ` +
      `the file would have ${types.length}${firstDifference(cells, types)}. An unclosed \`\`\` fence in prose does this: close it, or indent it by four spaces.`);
  }
  // ids are what saved student work and merges find cells by: an edit (a heading, say) never changes one
  const ids = doc.cells.map((c) => c.id);
  const moved = request.ids?.findIndex((id, i) => id !== ids[i]) ?? -1;
  if (moved !== -1) {
    return fail(422, `not saved: the text would change the id of cell ${moved + 1} from "${request.ids![moved]}" to "${ids[moved]}"; ` +
      "saved work and merges find cells by id. Keep `<!-- #id -->` lines and {#id} attributes as they are.");
  }
  const realDir = await fs.realpath(dir);
  const file = path.join(realDir, filename);
  return serialized(file, async () => {
    const stat = await fs.lstat(file).catch(() => null);
    if (stat && !stat.isFile()) return fail(403, `refusing to write ${filename}: it is ${stat.isSymbolicLink() ? "a symbolic link" : "not a regular file"}`);
    if (!stat && !isNewLessonName(name)) return fail(400, `no lesson ${filename}; a new lesson is named NN-title (two digits, a dash, lowercase words joined by dashes)`);
    const current = stat ? await fs.readFile(file, "utf8") : null;
    const version = current === null ? null : textVersion(current);
    if (version !== base) {
      return { code: 409, reply: { status: "conflict", current, version,
        error: current === null ? `${filename} no longer exists` : base === null ? `${filename} already exists` : `${filename} changed on disk since this page loaded it` } };
    }
    if (current === text) return { code: 200, reply: { status: "unchanged", version: textVersion(text) } };
    if (current !== null) await keepHistory(realDir, name, current, now());
    const tmp = path.join(realDir, `.${filename}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    try {
      await fs.writeFile(tmp, text, { encoding: "utf8", flag: "wx" });
      await fs.rename(tmp, file);
    } finally {
      await fs.rm(tmp, { force: true });
    }
    return { code: 200, reply: { status: "saved", version: textVersion(text) } };
  });
}

function firstDifference(want: string[], got: string[]): string {
  const i = want.findIndex((t, k) => t !== got[k]);
  const at = i === -1 ? want.length : i;
  return ` (cell ${at + 1} would be ${got[at] ? `a ${got[at]} cell` : "missing"}${want[at] ? `, not a ${want[at]} cell` : ""})`;
}

/** Copies the text being replaced into .history/NAME/<time>.md and drops the oldest beyond HISTORY_KEEP. */
async function keepHistory(dir: string, name: string, text: string, when: Date): Promise<void> {
  const folder = path.join(dir, HISTORY_DIR, name);
  const lstat = await fs.lstat(path.join(dir, HISTORY_DIR)).catch(() => null);
  if (lstat && !lstat.isDirectory()) throw new Error(`${HISTORY_DIR} in the notebooks folder is not a directory`);
  await fs.mkdir(folder, { recursive: true });
  const made = await fs.lstat(folder);
  if (!made.isDirectory()) throw new Error(`${HISTORY_DIR}/${name} in the notebooks folder is not a directory`);
  const stamp = when.toISOString().replace(/[:.]/g, "-");
  let file = path.join(folder, `${stamp}.md`);
  for (let k = 2; await fs.lstat(file).then(() => true, () => false); k++) file = path.join(folder, `${stamp}-${k}.md`);
  await fs.writeFile(file, text, { encoding: "utf8", flag: "wx" });
  const versions = (await fs.readdir(folder)).filter((f) => f.endsWith(".md")).sort();
  for (const old of versions.slice(0, Math.max(0, versions.length - HISTORY_KEEP))) await fs.rm(path.join(folder, old), { force: true });
}
