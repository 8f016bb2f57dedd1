// A real Vite dev server with the notebooks plugin, for the dev server's tests, and raw HTTP requests to it
// (so a test sets exactly the headers a browser, or an attacker, would).
import { request } from "node:http";
import { createServer, type Logger, type ViteDevServer } from "vite";
import { notebooksPlugin } from "../../ui/dev/notebooks-plugin.ts";
import { TOKEN_META } from "../../ui/dev/save-protocol.ts";

export interface Reply { status: number; body: string }

export interface DevServer {
  server: ViteDevServer;
  port: number;
  /** the session token the app's page gets in its HTML */
  token: string;
  send(method: string, url: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply>;
}

/** Starts the server on `root` with its lessons from `dir` (a folder or one lesson file) and reads the token. */
export async function startDevServer(root: string, dir: string, customLogger?: Logger): Promise<DevServer> {
  const server = await createServer({
    configFile: false, root, logLevel: customLogger ? "info" : "silent", customLogger, plugins: [notebooksPlugin({ dir })],
    server: { host: "127.0.0.1", port: 0, watch: null, hmr: false },
  });
  await server.listen();
  const port = (server.httpServer!.address() as { port: number }).port;
  const send = (method: string, url: string, headers: Record<string, string>, body?: string | Buffer) => new Promise<Reply>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path: url, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
  const page = await send("GET", "/", { Host: `127.0.0.1:${port}`, "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "none" });
  const token = new RegExp(`<meta name="${TOKEN_META}" content="([^"]+)">`).exec(page.body)?.[1] ?? "";
  return { server, port, token, send };
}
