import { describe, expect, it } from "vitest";
import { main } from "../../ui/cli/main.ts";
import { COMMANDS } from "../../ui/cli/commands.ts";
import type { CliIO } from "../../ui/cli/io.ts";
import { FIXTURES, stepbook } from "./cli.ts";

function memoryIO(files: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "", written: {} as Record<string, string> };
  const io: CliIO = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    cwd: "/work",
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return files[p];
    },
    writeFile: (p, t) => void (out.written[p] = t),
  };
  return { io, out };
}

describe("the stepbook command table", () => {
  it("lists every command in --help", async () => {
    const { io, out } = memoryIO();
    expect(await main(["--help"], io)).toBe(0);
    const lines = out.stdout.split("\n");
    for (const c of COMMANDS) expect(lines.some((l) => l.startsWith(`  ${c.name} `) && l.trimEnd().endsWith(c.summary))).toBe(true);
  });

  it("an unknown command or no command exits 2 with the help", async () => {
    const { io, out } = memoryIO();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(out.stderr).toContain('unknown command "frobnicate"');
    expect(await main([], io)).toBe(2);
  });

  it("runs against the effects it is given (no disk needed)", async () => {
    const { io, out } = memoryIO({ "/work/a.md": "---\ntitle: T\n---\n\n```ts {#one}\nconsole.log(6 * 7)\n```\n" });
    expect(await main(["run", "a.md", "--json", "r.json"], io)).toBe(0);
    expect(out.stdout).toContain("[1] #one  a.md:6\n42\n");
    expect(JSON.parse(out.written["/work/r.json"]).cells[0].status).toBe("ok");
  });

  it("the bin prints the usage of a command with --help", async () => {
    const r = await stepbook(["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: stepbook run FILE [--json OUT] [--timeout S]");
    expect(FIXTURES).toContain("tests/fixtures/cli");
  }, 60_000);
});
