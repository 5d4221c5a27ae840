// Probe outcomes for unit tests that need a probe to succeed without a server.
import type { ProbeOutcome } from './server-probe';

export function okOutcome(version = '2026.9.6'): ProbeOutcome {
  return {
    ok: true,
    facts: {
      version,
      build: null,
      agents: [],
      gateway: { via: 'cli', protocol: null, buildId: null, bootId: null, startedAt: null, note: null },
      runtime: null,
      sessions: null,
      heartbeats: null,
    },
  };
}
