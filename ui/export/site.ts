// The static course export: read every lesson, pre-run it in Node, build the pages, then write the
// whole site at once. Reading and writing go through `effects` (Observable Framework's pattern), so
// tests run the builder in memory. Everything is built before anything is written: a lesson that does
// not parse or run fails the export and leaves the output directory as it was.
import { DocumentError, parseNotebook, serializeNotebook, formatOf } from "../document/index.ts";
import { APP_ENTRY, LIVE_JS, MATHML_FALLBACK_CSS, SITE_CSS, paletteOf, withoutFontFaces } from "./assets.ts";
import { indexPage } from "./index-page.ts";
import { lessonProblems } from "../render/problems.ts";
import { renderDocument } from "../render/render.ts";
import { buildLesson } from "./lesson.ts";
import type { ExportedCourse, ExportedLesson } from "./model.ts";
import { lessonPage, type PageAssets } from "./page.ts";
import { runLesson } from "./run.ts";

export type FileContent = string | Uint8Array;

export interface ExportEffects {
  /** file names (not paths) in a directory. */
  list(dir: string): Promise<string[]>;
  readText(path: string): Promise<string>;
  readBytes(path: string): Promise<Uint8Array>;
  /** Writes every file under `outDir` (paths relative, with "/"), all or nothing. */
  writeSite(outDir: string, files: ReadonlyMap<string, FileContent>): Promise<void>;
}

export interface ExportOptions {
  /** a directory of `.md` / `.ipynb` lessons. */
  input: string;
  /** one lesson file in `input` (`stepbook export FILE`): the course is that lesson alone */
  only?: string;
  outDir: string;
  singleFile?: boolean;
  /** the course title on the index page and in page titles. */
  title?: string;
  /** node_modules/katex/dist (its katex.min.css and fonts/). */
  katexDir: string;
  cellTimeoutMs?: number;
  effects: ExportEffects;
  /** progress lines ("ran 01-neuron.md in 120 ms"). */
  log?: (line: string) => void;
}

export interface ExportResult {
  lessons: ExportedLesson[];
  files: Map<string, FileContent>;
}

export const SITE_CSS_PATH = "assets/stepbook.css";
export const LIVE_JS_PATH = "assets/stepbook-live.js";
export const KATEX_CSS_PATH = "assets/katex/katex.min.css";
/** The app's stylesheet, whose palette the exported pages share (a path on disk, for effects.readText). */
export const APP_CSS_FILE = decodeURIComponent(new URL("../styles/app.css", import.meta.url).pathname);

const join = (dir: string, name: string) => (dir.endsWith("/") ? dir + name : `${dir}/${name}`);
const slugOf = (file: string) => file.replace(/\.[^.]+$/, "");

export async function buildCourse(options: ExportOptions): Promise<ExportedCourse> {
  const { effects, input } = options;
  if (options.only !== undefined && formatOf(options.only) === undefined) {
    throw new DocumentError(join(input, options.only), {}, "a lesson is a .md or .ipynb file");
  }
  const files = (options.only !== undefined ? [options.only] : await effects.list(input)).filter((f) => formatOf(f) !== undefined).sort();
  // one lesson exported alone has no course to check its `requires:` against (as `stepbook run`)
  const course = options.only !== undefined ? undefined : new Set(files.map(slugOf));
  const seen = new Map<string, string>();
  const lessons: ExportedLesson[] = [];
  for (const file of files) {
    const slug = slugOf(file);
    if (slug.toLowerCase() === "index") throw new Error(`${join(input, file)}: its page would be index.html, which is the course index; rename the lesson (for example 00-introduction${file.slice(slug.length)})`);
    const other = seen.get(slug);
    if (other) throw new Error(`${join(input, file)}: the page ${slug}.html would also come from ${other}; rename one`);
    seen.set(slug, file);
    const path = join(input, file);
    const text = await effects.readText(path);
    const doc = parseNotebook(text, path);
    // said before the run, which a cell that swallowed the prose after it makes fail
    const prose = new Map(renderDocument(doc).cells.map((c) => [c.id, c.html]));
    for (const problem of lessonProblems(doc, prose, path, course)) options.log?.(`warning: ${problem}`);
    const started = performance.now();
    const run = await runLesson(doc, path, { cellTimeoutMs: options.cellTimeoutMs });
    options.log?.(`ran ${file} in ${Math.round(performance.now() - started)} ms`);
    // The live app reads Markdown; a notebook from Jupyter is embedded as the lesson it converts to.
    const source = formatOf(file) === "md" ? text : serializeNotebook(doc, "md");
    lessons.push(buildLesson({ file, slug, source, doc, run }));
  }
  lessons.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.file.localeCompare(b.file));
  return { title: options.title ?? "Stepbook course", lessons };
}

/** Renders the course to site files (path -> content), reading KaTeX's CSS and fonts through effects. */
export async function renderSite(course: ExportedCourse, options: Pick<ExportOptions, "singleFile" | "katexDir" | "effects">): Promise<Map<string, FileContent>> {
  const { effects, katexDir } = options;
  const files = new Map<string, FileContent>();
  const katexCss = await effects.readText(join(katexDir, "katex.min.css"));
  const siteCss = paletteOf(await effects.readText(APP_CSS_FILE)) + SITE_CSS;
  let assets: PageAssets;
  if (options.singleFile) {
    const css = `${withoutFontFaces(katexCss)}\n${MATHML_FALLBACK_CSS}\n${siteCss}`;
    assets = { head: `<style>\n${css.replace(/<\/style/gi, "<\\/style")}\n</style>`, liveScript: null };
  } else {
    assets = { head: `<link rel="stylesheet" href="${KATEX_CSS_PATH}">\n<link rel="stylesheet" href="${SITE_CSS_PATH}">`, liveScript: LIVE_JS_PATH };
    files.set(KATEX_CSS_PATH, katexCss);
    for (const font of (await effects.list(join(katexDir, "fonts"))).sort()) {
      files.set(`assets/katex/fonts/${font}`, await effects.readBytes(join(join(katexDir, "fonts"), font)));
    }
    files.set(SITE_CSS_PATH, siteCss);
    files.set(LIVE_JS_PATH, LIVE_JS);
  }
  files.set("index.html", indexPage(course, assets));
  const link = (l: ExportedLesson | undefined) => (l ? { slug: l.slug, title: l.title } : null);
  const bySlug = new Map(course.lessons.map((l) => [l.slug, l]));
  course.lessons.forEach((lesson, i) => {
    files.set(`${lesson.slug}.html`, lessonPage(lesson, {
      courseTitle: course.title, indexHref: "index.html", assets,
      previous: link(course.lessons[i - 1]), next: link(course.lessons[i + 1]), lessonOf: (slug) => link(bySlug.get(slug)),
    }));
  });
  return files;
}

/** Builds the whole site, then writes it in one go. */
export async function exportSite(options: ExportOptions): Promise<ExportResult> {
  const course = await buildCourse(options);
  const files = await renderSite(course, options);
  await options.effects.writeSite(options.outDir, files);
  return { lessons: course.lessons, files };
}

export { APP_ENTRY };
