#!/usr/bin/env node
// The `yardmaster` command (package.json "bin"). Runs the built bundle; needs Node 24 (node:sqlite).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 24 && minor >= 16) || major >= 26)) {
  process.stderr.write(`yardmaster: needs Node >= 24.16 (this is ${process.versions.node})\n`);
  process.exit(2);
}
const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'yardmaster.js');
if (!existsSync(bundle)) {
  process.stderr.write(`yardmaster: ${bundle} is missing; build first (npm run build)\n`);
  process.exit(2);
}
createRequire(import.meta.url)(bundle);
