// The dev server's save endpoint: POST /__stepbook/save from the app's page, with a JSON SaveRequest.
// save-guard.ts decides who may send it; lesson-store.ts checks the lesson and writes it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { refuseSave } from "./save-guard.ts";
import { saveLesson } from "./lesson-store.ts";
import { inCourse, type CourseSource } from "./course-source.ts";
import { MAX_LESSON_BYTES, type SaveReply, type SaveRequest } from "./save-protocol.ts";

/** The JSON around the text (name, base version, cell types, escapes) is small; the text itself is capped. */
const MAX_BODY_BYTES = 2 * MAX_LESSON_BYTES + 64 * 1024;

export function saveEndpoint(course: () => CourseSource, token: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const send = (code: number, reply: SaveReply) => {
      res.statusCode = code;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.end(JSON.stringify(reply));
    };
    const refusal = refuseSave(req.method, req.headers, token);
    if (refusal) {
      send(refusal.code, { status: "error", error: refusal.error });
      req.resume();
      return;
    }
    const tooLarge = () => {
      res.setHeader("Connection", "close");
      send(413, { status: "error", error: `not saved: a lesson may be at most ${MAX_LESSON_BYTES / 1024 / 1024} MB` });
      // stop reading the rest; the server itself carries on
      req.destroy();
    };
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) { done = true; tooLarge(); return; }
      chunks.push(c);
    });
    req.on("error", () => { done = true; });
    req.on("end", () => {
      if (done) return;
      done = true;
      const request = parseRequest(Buffer.concat(chunks).toString("utf8"));
      if (typeof request === "string") return send(400, { status: "error", error: request });
      if (Buffer.byteLength(request.text, "utf8") > MAX_LESSON_BYTES) return tooLarge();
      const source = course();
      if (!inCourse(source, request.name)) {
        return send(403, { status: "error", error: `not saved: this server serves one lesson, ${source.only}.md (STEPBOOK_NOTEBOOKS names that file), not ${request.name}` });
      }
      saveLesson(source.dir, request).then(
        ({ code, reply }) => send(code, reply),
        (e) => send(500, { status: "error", error: `not saved: ${e instanceof Error ? e.message : String(e)}` }),
      );
    });
  };
}

/** The body as a SaveRequest, or what is wrong with it. */
function parseRequest(body: string): SaveRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return "the body is not JSON";
  }
  const r = value as Partial<SaveRequest> | null;
  if (!r || typeof r !== "object") return "the body is not a save request";
  if (typeof r.name !== "string") return "name: expected a string";
  if (typeof r.text !== "string") return "text: expected a string";
  if (r.base !== null && typeof r.base !== "string") return "base: expected the version string or null";
  if (!Array.isArray(r.cells) || !r.cells.every((c) => typeof c === "string")) return "cells: expected a list of cell types";
  if (r.ids !== undefined && (!Array.isArray(r.ids) || !r.ids.every((c) => typeof c === "string"))) return "ids: expected a list of cell ids";
  return { name: r.name, text: r.text, base: r.base, cells: r.cells, ...(r.ids ? { ids: r.ids } : {}) };
}
