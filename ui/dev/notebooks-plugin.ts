// The dev server's lesson authoring: the browser saves an edited lesson back to notebooks/NAME.md (through
// save-endpoint.ts, which only the app's own page can use), and editing a lesson file in any editor pushes
// its new text to the open page (no full reload, so the kernel keeps its state). Lessons themselves reach
// the page through the virtual module below (ui/app/course.ts imports it).
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Plugin, ViteDevServer } from "vite";
import { courseSource, inCourse, type CourseSource } from "./course-source.ts";
import { isLessonName } from "./lesson-store.ts";
import { saveEndpoint } from "./save-endpoint.ts";
import { FOLDER_META, LESSON_EVENT, ONE_LESSON_META, SAVE_ENDPOINT, TOKEN_META } from "./save-protocol.ts";

export { isLessonName } from "./lesson-store.ts";

const VIRTUAL = "virtual:stepbook/course";
const RESOLVED = "\0" + VIRTUAL;

export function notebooksPlugin(options: { dir?: string } = {}): Plugin {
  let root = process.cwd();
  let source: CourseSource | null = null;
  const sourceOf = () => (source ??= courseSource(root, options.dir ?? (process.env.STEPBOOK_NOTEBOOKS || "notebooks")));
  const dir = () => sourceOf().dir;
  // A new secret each time the server starts: a page from an earlier run must reload to save again.
  const token = randomBytes(32).toString("base64url");
  return {
    name: "stepbook-notebooks",
    configResolved(config) {
      root = config.root;
      // a path that names no course stops the server here, saying why, rather than serving an empty index
      source = null;
      sourceOf();
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const names = (await fs.readdir(dir()).catch(() => [] as string[])).filter((f) => f.endsWith(".md") && isLessonName(f.slice(0, -3)) && inCourse(sourceOf(), f.slice(0, -3))).sort();
      const course: Record<string, string> = {};
      for (const f of names) {
        const file = path.join(dir(), f);
        this.addWatchFile(file);
        course[f.slice(0, -3)] = await fs.readFile(file, "utf8");
      }
      return `export default ${JSON.stringify(course)};`;
    },
    configureServer(server: ViteDevServer) {
      server.middlewares.use(SAVE_ENDPOINT, saveEndpoint(sourceOf, token));
      const one = sourceOf().only;
      if (one !== null) {
        server.httpServer?.once("listening", () => server.config.logger.info(
          `  Stepbook: one lesson, ${path.join(dir(), `${one}.md`)}: open #/lesson/${one} (the index lists only it)`));
      }
      // A new lesson file: the open page adds it to the course index (no reload); handleHotUpdate below
      // sees only files the course module already read.
      server.watcher.add(dir());
      server.watcher.on("add", (added) => void pushLesson(server, added, sourceOf()));
      // Before Vite's own HTML middleware: a top-level page load of the app gets the session token in its
      // HTML. Any other request for `/` (a fetch, e.g. from a cell's code in the kernel's worker, which can
      // make no navigation) falls through to Vite and gets the same page without it.
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? "/";
        const pathname = url.split(/[?#]/)[0];
        const navigation = req.headers["sec-fetch-mode"] === "navigate" && req.headers["sec-fetch-dest"] === "document";
        if (req.method !== "GET" || !navigation || (pathname !== "/" && pathname !== "/index.html")) return next();
        fs.readFile(path.join(server.config.root, "index.html"), "utf8")
          .then((raw) => server.transformIndexHtml(url, raw, req.originalUrl))
          .then((page) => {
            res.statusCode = 200;
            for (const [k, v] of Object.entries(server.config.server.headers ?? {})) if (v !== undefined) res.setHeader(k, v);
            res.setHeader("Content-Type", "text/html; charset=utf-8");
            res.setHeader("Cache-Control", "no-store");
            const relative = path.relative(server.config.root, dir());
            const folder = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative.split(path.sep).join("/") : dir();
            const attr = folder.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
            const one = sourceOf().only === null ? "" : `<meta name="${ONE_LESSON_META}" content="${sourceOf().only}">\n`;
            res.end(page.replace("</head>", `<meta name="${TOKEN_META}" content="${token}">\n<meta name="${FOLDER_META}" content="${attr}">\n${one}</head>`));
          }, next);
      });
    },
    async handleHotUpdate(ctx) {
      if (!(await pushLesson(ctx.server, ctx.file, sourceOf(), ctx.read))) return;
      return [];
    },
  };
}

/**
 * Sends a lesson file's text to the open pages, which update in place instead of reloading (the kernel
 * keeps its state); the course module is invalidated, so a later full reload reads the new text too.
 * False when `file` is not a lesson of the course.
 */
async function pushLesson(server: ViteDevServer, file: string, source: CourseSource, read?: () => string | Promise<string>): Promise<boolean> {
  const resolved = path.resolve(file);
  if (path.dirname(resolved) !== source.dir || !resolved.endsWith(".md")) return false;
  const name = path.basename(resolved, ".md");
  if (!isLessonName(name) || !inCourse(source, name)) return false;
  const text = await (read ? read() : fs.readFile(resolved, "utf8").catch(() => null));
  if (text === null) return false;
  const course = server.moduleGraph.getModuleById(RESOLVED);
  if (course) server.moduleGraph.invalidateModule(course);
  server.ws.send({ type: "custom", event: LESSON_EVENT, data: { name, text } });
  return true;
}
