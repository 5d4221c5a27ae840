import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './log';
import { methodInputs } from '../shared/contract';
import { AppError, createRouter, type Handlers } from './router';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used');
  };
  const all = Object.fromEntries(Object.keys(methodInputs).map((m) => [m, unused])) as unknown as Handlers;
  return {
    ...all,
    'app.info': () => ({ version: '1', host: 'headless', dataDir: '/d', knownHostsPath: '/k', pollIntervalMs: 1000 }),
    'servers.list': () => [],
    ...overrides,
  };
}

describe('router', () => {
  it('dispatches a valid call to its handler', async () => {
    const r = createRouter(handlers(), createMemoryLogger());
    expect(await r.dispatch('servers.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses unknown methods, including prototype names', async () => {
    const r = createRouter(handlers(), createMemoryLogger());
    for (const m of ['nope', 'toString', '__proto__', 42]) {
      const res = await r.dispatch(m, {});
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('unknown-method');
    }
  });

  it('returns field errors for invalid input without calling the handler', async () => {
    let called = false;
    const r = createRouter(
      handlers({
        'servers.add': () => {
          called = true;
          throw new Error('x');
        },
      }),
      createMemoryLogger(),
    );
    const res = await r.dispatch('servers.add', { name: '', host: 'a b', sshPort: 0, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1 });
    expect(called).toBe(false);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid-input');
      expect(Object.keys(res.error.fields ?? {})).toEqual(expect.arrayContaining(['name', 'host', 'sshPort']));
      // The message names the fields in words, never the internal method.
      expect(res.error.message).toMatch(/^Name: required; Host: .+; SSH port: 1–65535$/);
      expect(res.error.message).not.toContain('servers.add');
    }
  });

  it('names a webhook URL that is not one as "URL", not "Invalid input for webhooks.add"', async () => {
    const r = createRouter(handlers(), createMemoryLogger());
    const res = await r.dispatch('webhooks.add', { name: 'pager', kind: 'json', minSeverity: 'warning', url: 'ftp://x' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'URL: an http(s) URL', fields: { url: 'an http(s) URL' } } });
  });

  it('passes expected failures through as envelopes', async () => {
    const r = createRouter(
      handlers({
        'servers.remove': () => {
          throw new AppError('not-found', 'No server with id x');
        },
      }),
      createMemoryLogger(),
    );
    expect(await r.dispatch('servers.remove', { id: 'x' })).toEqual({ ok: false, error: { code: 'not-found', message: 'No server with id x' } });
  });

  it('hides unexpected exceptions behind a generic message and logs them', async () => {
    const logger = createMemoryLogger();
    const r = createRouter(
      handlers({
        'servers.list': () => {
          throw new Error('secret internal detail');
        },
      }),
      logger,
    );
    const res = await r.dispatch('servers.list', {});
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error in servers.list' } });
    expect(logger.lines.some((l) => l.level === 'error' && String(l.fields.error).includes('secret internal detail'))).toBe(true);
  });
});
