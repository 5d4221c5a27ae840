// A real ops service for unit tests of clients that attach to it: the core (with a probe the test
// controls), the HTTPS + WebSocket host with a throwaway certificate, and a token file with roles.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/create-core';
import { createMemoryLogger } from '../../core/log';
import type { ProbeOutcome } from '../../core/probes/server-probe';
import { okOutcome } from '../../core/probes/test-outcomes';
import { createMemorySettingsBackend } from '../../core/settings/settings-store';
import { startHttpHost } from '../http-host';
import { createAuthenticator } from './authenticator';
import { selfSignedCert } from './test-cert';
import { TokenStore } from './token-store';

export const DOWN_OUTCOME: ProbeOutcome = { ok: false, error: { kind: 'gateway-unreachable', message: 'refused' }, facts: {} };

export interface TestService {
  core: Core;
  url: string;
  port: number;
  /** PEM of the service's certificate (pass as the attach target's ca). */
  ca: string;
  tokens: TokenStore;
  /** What the service's probe answers from now on. */
  setOutcome(o: ProbeOutcome): void;
  close(): Promise<void>;
}

const cert = selfSignedCert();

export async function startTestService(): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'ym-test-svc-'));
  const tokens = new TokenStore(join(dir, 'tokens.json'));
  let outcome = okOutcome();
  const core = createCore({
    host: 'headless', appVersion: 'svc', dataDir: dir, historyPath: ':memory:', settingsBackend: createMemorySettingsBackend(), logger: createMemoryLogger(),
    probe: async () => outcome, pollIntervalMs: 60_000, alertHoldDownMs: 0,
  });
  core.start();
  const host = await startHttpHost({ core, rendererDir: dir, host: '127.0.0.1', port: 0, auth: createAuthenticator({ store: tokens }), tls: cert, logger: createMemoryLogger() });
  let closed = false;
  return {
    core,
    url: `https://localhost:${host.port}/`,
    port: host.port,
    ca: cert.cert.toString(),
    tokens,
    setOutcome: (o) => void (outcome = o),
    close: async () => {
      if (closed) return;
      closed = true;
      await host.close();
      await core.stop();
    },
  };
}
