// Dispatches console API calls: allowlisted method names, payloads validated against the shared
// schemas, handler errors turned into result envelopes. Both hosts call only this.
import { isMethodName, methodInputs, type MethodName, type MethodOutput } from '../shared/contract';
import { describeInvalidFields } from '../shared/field-labels';
import { fail, ok, type ErrorCode, type Result } from '../shared/result';
import { mayCall, methodAccess, type Role } from '../shared/method-access';
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

/** Who is calling: the role of the WebSocket token; in-process callers (the desktop window, tray) are operators. */
export interface Caller {
  role: Role;
}
export const LOCAL_OPERATOR: Caller = Object.freeze({ role: 'operator' });

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methodInputs)[M]>, caller: Caller) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface Router {
  /** caller defaults to the local operator (the desktop's own window); remote transports always pass theirs. */
  dispatch(method: unknown, payload: unknown, caller?: Caller): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    async dispatch(method, payload, caller = LOCAL_OPERATOR) {
      if (!isMethodName(method)) {
        return fail('unknown-method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
      }
      // Checked before the payload is even parsed: a viewer learns nothing from a mutation's validation.
      if (!mayCall(caller.role, method)) {
        return fail('forbidden', `Not allowed: ${method} needs the ${methodAccess[method]} role; this connection is a ${caller.role}.`);
      }
      const parsed = methodInputs[method].safeParse(payload ?? {});
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.join('.') || '_';
          fields[key] ??= issue.message;
        }
        // The message names the fields in words; the method name goes to the log only.
        logger.debug('invalid input', { method, fields: Object.keys(fields).join(',') });
        return fail('invalid-input', describeInvalidFields(fields), fields);
      }
      try {
        const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
        return ok(await handler(parsed.data, caller));
      } catch (err) {
        if (err instanceof AppError) return fail(err.code, err.message, err.fields);
        logger.error('handler failed', { method, error: err instanceof Error ? err.stack ?? err.message : String(err) });
        return fail('internal', `Internal error in ${method}`);
      }
    },
  };
}
