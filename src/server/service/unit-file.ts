// Reads the shipped systemd unit (deploy/yardmaster.service): its ExecStart command line and the
// Node/V8 flags it gives the service. The e2e service test runs that command line and bench:scale
// measures the core with those flags, so neither can drift from what is deployed.

/** The unit's ExecStart, split into argv. */
export function execStartOf(unitText: string): string[] {
  const line = /^ExecStart=(.+)$/m.exec(unitText)?.[1];
  if (!line) throw new Error('deploy/yardmaster.service has no ExecStart');
  return line.trim().split(/\s+/);
}

/** The flags between `node` and the script it runs (`node --a=1 --b script.mjs …` → `--a=1 --b`). */
export function nodeFlagsOf(argv: readonly string[]): string[] {
  const node = argv.findIndex((a) => a === 'node' || a.endsWith('/node'));
  if (node < 0) return [];
  const flags: string[] = [];
  for (const a of argv.slice(node + 1)) {
    if (!a.startsWith('--')) break;
    flags.push(a);
  }
  return flags;
}
