// The console API over the headless host's real WebSocket, as the browser uses it (token in the
// sub-protocol, same-origin Origin), for e2e tests that drive the core directly.
import WebSocket from 'ws';
import { WS_PROTOCOL, WS_TOKEN_PREFIX, type ServerFrame } from '../../src/shared/contract.ts';
import type { Result } from '../../src/shared/result.ts';
import type { HeadlessApp } from './headless-app.ts';

export interface RpcClient {
  call<T = unknown>(method: string, payload?: unknown): Promise<Result<T>>;
  /** Like call, but throws on an error envelope. */
  ok<T = unknown>(method: string, payload?: unknown): Promise<T>;
  close(): void;
}

export async function connectRpc(app: HeadlessApp): Promise<RpcClient> {
  const ws = new WebSocket(`${app.origin.replace(/^http/, 'ws')}/rpc`, [WS_PROTOCOL, WS_TOKEN_PREFIX + app.token], { origin: app.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  ws.on('message', (raw: WebSocket.RawData) => {
    const f = JSON.parse(raw.toString()) as ServerFrame;
    if (f.type === 'result') waiting.get(f.id)?.(f.result);
  });
  const call = <T>(method: string, payload: unknown = {}): Promise<Result<T>> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, (r) => {
        waiting.delete(id);
        resolve(r as Result<T>);
      });
      ws.send(JSON.stringify({ type: 'invoke', id, method, payload }));
    });
  return {
    call,
    ok: async <T>(method: string, payload: unknown = {}) => {
      const r = await call<T>(method, payload);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.fields ?? {})}`);
      return r.value;
    },
    close: () => ws.close(),
  };
}
