// The CLI's effects, passed in rather than reached for, so a command can run against a fake file
// system and capture its output in tests (as Observable Framework's builder takes its effects).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** relative paths on the command line are relative to this directory. */
  cwd: string;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  readFile: (path) => readFileSync(path, "utf8"),
  writeFile: (path, text) => {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, text);
  },
};
