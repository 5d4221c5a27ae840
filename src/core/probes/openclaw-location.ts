// Where a server's OpenClaw state lives, for the remote scripts and commands that need it: a named
// profile (~/.openclaw-NAME, as `openclaw --profile NAME`), an explicit state dir, or OpenClaw's own
// default ($OPENCLAW_STATE_DIR, else ~/.openclaw). Inputs are validated by the contract (no shell
// syntax), so they can sit inside double quotes in a remote script.
export interface OpenclawLocation {
  profile?: string;
  stateDir?: string;
}

/** A shell expression for the state directory. */
export function stateDirExpr(loc: OpenclawLocation): string {
  if (loc.stateDir) return loc.stateDir;
  if (loc.profile) return `$HOME/.openclaw-${loc.profile}`;
  return '${OPENCLAW_STATE_DIR:-$HOME/.openclaw}';
}

/** A shell expression for the config file OpenClaw itself would read. */
export function configPathExpr(loc: OpenclawLocation): string {
  const inState = `${stateDirExpr(loc)}/openclaw.json`;
  return loc.stateDir || loc.profile ? inState : `\${OPENCLAW_CONFIG_PATH:-${inState}}`;
}

/** argv prefix and flags that point the CLI at the same state. */
export function cliSelectors(loc: OpenclawLocation): { envPrefix: string[]; flags: string[] } {
  return {
    envPrefix: loc.stateDir ? ['env', `OPENCLAW_STATE_DIR=${loc.stateDir}`] : [],
    flags: loc.profile ? ['--profile', loc.profile] : [],
  };
}
