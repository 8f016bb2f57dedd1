#!/usr/bin/env node
// The `stepbook` command (package.json "bin"). Node 20 cannot run TypeScript by itself, so register tsx
// (a dev dependency: this works in a checkout after `npm ci`) and hand over to ui/cli/main.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../ui/cli/main.ts", import.meta.url).href);
const code = await main(process.argv.slice(2));
// Exit once stdout and stderr are written out (a pipe such as `| tail` takes them in 64 KB pieces;
// exiting before would cut the output and lose the summary), and no later: nothing else may keep the
// command alive.
const drained = (stream) => new Promise((resolve) => (stream.writableNeedDrain ? stream.once("drain", resolve) : stream.write("", resolve)));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
