// Result envelopes: expected failures travel as values, never as thrown errors, because Electron IPC
// keeps only an exception's message and a WebSocket keeps nothing at all.

export type ErrorCode =
  | 'unknown-method'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'unauthorized'
  /** The caller's role may not call this method (viewer vs operator). */
  | 'forbidden'
  /** Another service could not be reached or refused us (an ops server to attach to). */
  | 'unreachable'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms, e.g. { host: 'required' }. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});
