/** Quotes one argument for a POSIX shell: single quotes, with embedded ones closed and escaped. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * A remote command line with a hard limit enforced on the server itself, since closing an SSH
 * channel does not reliably kill the remote process. stdin comes from /dev/null so nothing waits on it.
 */
export function withRemoteTimeout(argv: readonly string[], timeoutMs: number): string {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return `timeout -k 2 ${seconds} ${argv.map(shellQuote).join(' ')} </dev/null`;
}
