// Typed calls over whichever Bridge is in use. Failures become ApiError so react-query sees them.
import type { Bridge, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/result';

export class ApiError extends Error {
  readonly code: AppErrorShape['code'];
  readonly fields?: Record<string, string>;
  constructor(e: AppErrorShape) {
    super(e.message);
    this.code = e.code;
    this.fields = e.fields;
  }
}

export interface Api {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  bridge: Bridge;
}

export function createApi(bridge: Bridge): Api {
  return {
    bridge,
    async call(method, input) {
      const result = await bridge.invoke(method, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as MethodOutput<typeof method>;
    },
  };
}
