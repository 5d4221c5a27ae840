// The browser bridge against a scripted WebSocket: calls reported lost are never sent later, and a
// reconnect makes react-query fetch everything again.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resyncOnReconnect } from './resync';
import { createWsBridge } from './ws-bridge';

class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  answer(id: number, value: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'result', id, result: { ok: true, value } }) });
  }
}

const latest = () => FakeSocket.instances.at(-1)!;
const sentMethods = (s: FakeSocket) => s.sent.map((t) => (JSON.parse(t) as { method: string }).method);

describe('browser bridge reconnects', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('never replays a queued mutation it already reported as lost', async () => {
    const bridge = createWsBridge('ws://x/rpc', 'tok');
    latest().open();
    latest().drop(); // the core restarts
    // Called while disconnected: queued, then the next attempt fails too and the caller hears "lost".
    const removal = bridge.invoke('servers.remove', { id: 's1' });
    await vi.advanceTimersByTimeAsync(60_000);
    latest().drop();
    await expect(removal).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/lost/) } });
    // The core is back: the lost call must not run behind the user's back.
    await vi.advanceTimersByTimeAsync(60_000);
    latest().open();
    expect(sentMethods(latest())).not.toContain('servers.remove');
    // A call made now is sent and answered as usual.
    const list = bridge.invoke('servers.list', {});
    expect(sentMethods(latest())).toEqual(['servers.list']);
    latest().answer(JSON.parse(latest().sent[0]!).id as number, []);
    await expect(list).resolves.toEqual({ ok: true, value: [] });
  });

  it('says "refused" for a token that never worked', () => {
    const refused = createWsBridge('ws://x/rpc', 'bad');
    latest().drop();
    expect(refused.state()).toBe('unauthorized');
  });

  it('says "reconnecting" for a host that went away, and "refused" for a token revoked while connected', async () => {
    const bridge = createWsBridge('ws://x/rpc', 'tok');
    latest().open();
    latest().drop(); // the host stops
    expect(bridge.state()).toBe('closed');
    await vi.advanceTimersByTimeAsync(60_000);
    latest().drop(); // and is still not back: not a token problem
    expect(bridge.state()).toBe('closed');
    await vi.advanceTimersByTimeAsync(60_000);
    latest().open();
    latest().drop(4401); // revoked while connected
    expect(bridge.state()).toBe('unauthorized');
  });

  it('sends calls queued before the first connection once it opens', async () => {
    const bridge = createWsBridge('ws://x/rpc', 'tok');
    void bridge.invoke('app.info', {});
    latest().open();
    expect(sentMethods(latest())).toEqual(['app.info']);
  });

  it('makes react-query refetch everything after a reconnect, not after the first connection', async () => {
    const bridge = createWsBridge('ws://x/rpc', 'tok');
    const queryClient = new QueryClient();
    queryClient.setQueryData(['servers'], [{ id: 's1' }]);
    resyncOnReconnect(bridge, queryClient);
    latest().open();
    expect(queryClient.getQueryState(['servers'])!.isInvalidated).toBe(false);
    latest().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    latest().open();
    expect(queryClient.getQueryState(['servers'])!.isInvalidated).toBe(true);
  });
});
