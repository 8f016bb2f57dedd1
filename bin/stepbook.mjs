#!/usr/bin/env node
// The `stepbook` command (package.json "bin"). Node 20 cannot run TypeScript by itself, so register tsx
// (a dev dependency: this works in a checkout after `npm ci`) and hand over to ui/cli/main.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../ui/cli/main.ts", import.meta.url).href);
const code = await main(process.argv.slice(2));
// Exit now: timers a cell left running must not keep the command alive.
process.exit(code);
