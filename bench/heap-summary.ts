// Prints what a V8 heap snapshot (`bench:scale --heap-snapshot`) holds, grouped by constructor
// name: count and self size, largest first. Enough to see which kind of object grows with the fleet
// without opening DevTools; the retainer chains are for DevTools.
//   node bench/heap-summary.ts bench/results/scale-100.heapsnapshot [top]
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const [path, topArg] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: heap-summary <file.heapsnapshot> [top]\n');
  process.exit(2);
}
const snap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
const fields = snap.snapshot.meta.node_fields;
const types = snap.snapshot.meta.node_types[0];
const width = fields.length;
const at = (name: string) => fields.indexOf(name);
const [TYPE, NAME, SIZE] = [at('type'), at('name'), at('self_size')];

const groups = new Map<string, { count: number; bytes: number }>();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + TYPE]!]!;
  const bytes = snap.nodes[i + SIZE]!;
  total += bytes;
  // Objects by constructor; strings, arrays, code and the rest by their V8 type.
  const key = type === 'object' || type === 'closure' ? `${type}:${snap.strings[snap.nodes[i + NAME]!]}` : type;
  const g = groups.get(key) ?? { count: 0, bytes: 0 };
  g.count += 1;
  g.bytes += bytes;
  groups.set(key, g);
}
const top = Number(topArg ?? 30);
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
process.stdout.write(`total self size ${mb(total)} MB in ${snap.nodes.length / width} nodes\n`);
for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
  process.stdout.write(`${mb(g.bytes).padStart(8)} MB ${String(g.count).padStart(9)}  ${key}\n`);
}
