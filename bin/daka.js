#!/usr/bin/env node
// The `daka` command: runs the compiled CLI, or the TypeScript sources when not built yet
// (or when DAKA_CLI_FROM_SOURCE=1, as the tests do, so they never run a stale build).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
let cli;
if (existsSync(compiled) && process.env.DAKA_CLI_FROM_SOURCE !== '1') {
  cli = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/index.ts', import.meta.url).href);
}
await cli.program.parseAsync(process.argv);
