// Structured logging: one JSON object per line. Values from probes are hostile input, so strings are
// stripped of control characters (ANSI escapes, newlines that could forge log lines) and capped.
import { LogFile, type LogFileOptions } from './log-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Resolves when every line so far is written (file loggers); at once otherwise. */
  flush?(): Promise<void>;
}

const MAX_FIELD_CHARS = 2000;
// C0 controls except tab, DEL and C1 controls; the ESC of ANSI sequences is among them.
const CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function sanitizeForLog(value: string): string {
  const cleaned = value.replace(CONTROL_CHARS, ' ');
  return cleaned.length > MAX_FIELD_CHARS ? `${cleaned.slice(0, MAX_FIELD_CHARS)}…` : cleaned;
}

function clean(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    out[k] = typeof v === 'string' ? sanitizeForLog(v) : v instanceof Error ? sanitizeForLog(v.message) : v;
  }
  return out;
}

export interface LoggerOptions {
  /** Append JSON lines here as well as to stderr (in the background, rotated by size). */
  filePath?: string;
  file?: LogFileOptions;
  minLevel?: LogLevel;
  /** Write to stderr (default true). Tests turn it off. */
  stderr?: boolean;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = order[options.minLevel ?? 'info'];
  const file = options.filePath ? new LogFile(options.filePath, options.file) : null;
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const line = JSON.stringify({ ts: new Date().toISOString(), level, msg: sanitizeForLog(msg), ...clean(fields) });
    if (options.stderr !== false) process.stderr.write(`${line}\n`);
    file?.write(`${line}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    flush: () => file?.flush() ?? Promise.resolve(),
  };
}

/** A logger that keeps lines in memory, for tests. */
export function createMemoryLogger(): Logger & { lines: Array<{ level: LogLevel; msg: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: LogLevel; msg: string; fields: Record<string, unknown> }> = [];
  const push = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, msg: sanitizeForLog(msg), fields: clean(fields) });
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}
