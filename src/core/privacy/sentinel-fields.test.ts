// Every field of a gateway answer that a person (or a model quoting one) can write into carries the
// sentinel here; nothing the parsers return may hold it. The e2e privacy spec does the same through a
// real gateway for the fields a test can make a real one fill.
import { describe, expect, it } from 'vitest';
import { parseHeartbeatOutcome } from '../gateway/heartbeat-outcomes';
import { parseHeartbeatJobs, parseSessionsList, parseStatus, parseStatusAgents } from '../gateway/rpc-facts';
import { cliErrorEnvelope, parseHealth } from '../probes/openclaw-output';

const S = 'SENTINEL-5ca1ab1e';

describe('person-writable gateway fields', () => {
  it('never pass any parser', () => {
    const out = [
      parseSessionsList({
        sessions: [
          {
            key: 'agent:main:main', agentId: 'main', kind: 'direct', status: 'done',
            label: S, displayName: S, subject: S, derivedTitle: S, activitySummary: S, lastMessage: { text: S }, preview: S,
            origin: { from: S, label: S }, deliveryContext: { to: S }, lastError: S, contextBudgetStatus: { route: 'fits', note: S },
          },
        ],
      }),
      parseHeartbeatJobs({
        jobs: [
          { declarationKey: 'heartbeat:main', agentId: 'main', name: S, description: S, payload: { prompt: S }, state: { lastRunStatus: 'error', consecutiveErrors: 3, lastRunError: `tool exec failed: ${S}`, lastErrorReason: S, lastDelivery: { to: S } } },
          { declarationKey: 'user:job', name: S, payload: { kind: 'agentTurn', message: S }, state: { lastRunError: `provider error: ${S}` } },
        ],
      }),
      parseStatus({ runtimeVersion: `2026.9.6 ${S}`.slice(0, 10), sessions: { recent: [{ key: S, preview: S }] }, heartbeat: { agents: [{ agentId: 'main', prompt: S }] } }),
      parseStatusAgents({ heartbeat: { defaultAgentId: 'main', agents: [{ agentId: 'main', name: S, identity: { name: S, emoji: S }, prompt: S, enabled: true }] } }),
      parseHealth({ ok: true, agents: [{ agentId: 'main', name: S, identity: { name: S }, heartbeat: { prompt: S }, sessions: { recent: [{ preview: S }] } }] }),
      parseHeartbeatOutcome({ ts: 1, status: 'failed', reason: `delivery failed: ${S}`, preview: S, message: S, to: S, accountId: S }),
      cliErrorEnvelope({ ok: false, error: { type: 'provider_error', message: `model said ${S}` } }),
    ];
    expect(JSON.stringify(out)).not.toContain('SENTINEL');
  });
});
