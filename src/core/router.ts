// Dispatches console API calls: allowlisted method names, payloads validated against the shared
// schemas, handler errors turned into result envelopes. Both hosts call only this.
import { isMethodName, methodInputs, type MethodName, type MethodOutput } from '../shared/contract';
import { fail, ok, type ErrorCode, type Result } from '../shared/result';
import type { Logger } from './log';
import type { z } from 'zod';

/** An expected failure a handler can throw; becomes { ok:false, error } for the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methodInputs)[M]>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface Router {
  dispatch(method: unknown, payload: unknown): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    async dispatch(method, payload) {
      if (!isMethodName(method)) {
        return fail('unknown-method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
      }
      const parsed = methodInputs[method].safeParse(payload ?? {});
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.join('.') || '_';
          fields[key] ??= issue.message;
        }
        return fail('invalid-input', `Invalid input for ${method}`, fields);
      }
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (err) {
        if (err instanceof AppError) return fail(err.code, err.message, err.fields);
        logger.error('handler failed', { method, error: err instanceof Error ? err.stack ?? err.message : String(err) });
        return fail('internal', `Internal error in ${method}`);
      }
    },
  };
}
