// The dev server's lesson authoring: the browser saves an edited lesson back to notebooks/NAME.md, and
// editing a lesson file in any editor pushes its new text to the open page (no full reload, so the
// kernel keeps its state). Lessons themselves reach the page through import.meta.glob in ui/app/course.ts.
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Plugin, ViteDevServer } from "vite";

export const SAVE_ENDPOINT = "/__stepbook/save";
export const LESSON_EVENT = "stepbook:lesson";
const VIRTUAL = "virtual:stepbook/course";
const RESOLVED = "\0" + VIRTUAL;

/** A lesson name is a file name in notebooks/ without `.md`: no slashes, no dots at the start. */
export function isLessonName(name: string): boolean {
  return /^[A-Za-z0-9][\w-]*$/.test(name);
}

export function notebooksPlugin(options: { dir?: string } = {}): Plugin {
  let root = process.cwd();
  const dir = () => path.resolve(root, options.dir ?? (process.env.STEPBOOK_NOTEBOOKS || "notebooks"));
  return {
    name: "stepbook-notebooks",
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const names = (await fs.readdir(dir()).catch(() => [] as string[])).filter((f) => f.endsWith(".md") && isLessonName(f.slice(0, -3))).sort();
      const course: Record<string, string> = {};
      for (const f of names) {
        const file = path.join(dir(), f);
        this.addWatchFile(file);
        course[f.slice(0, -3)] = await fs.readFile(file, "utf8");
      }
      return `export default ${JSON.stringify(course)};`;
    },
    configureServer(server: ViteDevServer) {
      server.middlewares.use(SAVE_ENDPOINT, (req, res) => {
        const name = new URL(req.url ?? "", "http://x").searchParams.get("name") ?? "";
        const reply = (status: number, body: string) => {
          res.statusCode = status;
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.end(body);
        };
        if (req.method !== "POST") return reply(405, "POST the lesson's text");
        if (!isLessonName(name)) return reply(400, `not a lesson name: ${JSON.stringify(name)}`);
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const file = path.join(dir(), `${name}.md`);
          try {
            const old = await fs.readFile(file, "utf8").catch(() => null);
            // The browser serialises through ui/document, which keeps untouched text byte for byte:
            // an unchanged lesson is not rewritten at all, a changed one differs only where it was edited.
            if (old !== text) await fs.writeFile(file, text, "utf8");
            reply(200, old === text ? "unchanged" : "saved");
          } catch (e) {
            reply(500, e instanceof Error ? e.message : String(e));
          }
        });
      });
    },
    async handleHotUpdate(ctx) {
      const file = path.resolve(ctx.file);
      if (path.dirname(file) !== dir() || !file.endsWith(".md")) return;
      const name = path.basename(file, ".md");
      const text = await ctx.read();
      // Keep the module graph honest (a full reload later gets the new text) but push the change
      // ourselves, so the page updates in place instead of reloading and losing the kernel.
      const course = ctx.server.moduleGraph.getModuleById(RESOLVED);
      if (course) ctx.server.moduleGraph.invalidateModule(course);
      ctx.server.ws.send({ type: "custom", event: LESSON_EVENT, data: { name, text } });
      return [];
    },
  };
}
