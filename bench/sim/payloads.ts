// What one simulated OpenClaw server answers, generated per server from a seed. The shapes are the
// project's own fixtures (src/core/gateway/rpc-facts.test.ts, gateway-link.test.ts, the e2e test
// servers' 2026.9.6 defaults); the sizes follow a lab gateway of a busy team: several agents, tens of
// sessions each, one heartbeat per agent plus a few other cron jobs. Text fields that a real gateway
// sends (labels, titles, prompts) are present, so the console pays for parsing and dropping them.

export const SIM_VERSION = '2026.9.6';
export const SIM_BUILD = 'eb377ac';

export interface SimProfile {
  index: number;
  token: string;
  bootId: string;
  startedAt: number;
  agents: string[];
  sessionsPerAgent: number;
}

const AGENT_NAMES = ['main', 'ops', 'dev', 'support', 'research', 'billing'];

/** Deterministic per index: 2–6 agents, 8–40 sessions each (about 40–240 rows per server). */
export function simProfile(index: number, now = Date.now()): SimProfile {
  const agents = AGENT_NAMES.slice(0, 2 + (index % 5));
  return {
    index,
    token: `sim-token-${index.toString(36).padStart(6, '0')}-${'k'.repeat(24)}`,
    bootId: `boot-${index}-${now.toString(36)}`,
    startedAt: now - 3_600_000 - index * 1000,
    agents,
    sessionsPerAgent: 8 + ((index * 7) % 33),
  };
}

export function helloPayload(p: SimProfile, tickIntervalMs: number): unknown {
  return {
    type: 'hello-ok',
    protocol: 4,
    server: { version: SIM_VERSION, buildId: SIM_BUILD, bootId: p.bootId, host: `sim-${p.index}` },
    features: { methods: ['status', 'sessions.list', 'cron.list', 'config.get', 'last-heartbeat'], events: ['tick', 'heartbeat', 'config.changed', 'shutdown'] },
    snapshot: { uptimeMs: Date.now() - p.startedAt, presence: [], health: {}, stateVersion: { presence: 1, health: 1 } },
    auth: { role: 'operator', scopes: ['operator.read'] },
    policy: { maxPayload: 26214400, maxBufferedBytes: 52428800, tickIntervalMs },
  };
}

export function statusPayload(p: SimProfile, now = Date.now()): unknown {
  const wobble = (now / 15_000 + p.index) % 10;
  return {
    runtimeVersion: SIM_VERSION,
    processMemory: { rssBytes: 420e6 + wobble * 1e6, heapUsedBytes: 180e6 + wobble * 5e5, heapTotalBytes: 260e6, externalBytes: 12e6, arrayBuffersBytes: 4e6 },
    eventLoop: { degraded: false, delayP99Ms: 12 + wobble, reasons: [] },
    modelRuntime: { degraded: false, pendingAgents: [] },
    tasks: { active: 0, failures: 0, byStatus: { queued: 0, running: 0, succeeded: 40 + p.index % 9, failed: 0, timed_out: 0, cancelled: 0, lost: 0 }, byRuntime: { cron: 12 } },
    heartbeat: { defaultAgentId: 'main', agents: p.agents.map((agentId) => ({ agentId, enabled: true, everyMs: 60_000 })) },
    sessions: {
      byAgent: p.agents.map((agentId) => ({ agentId, count: p.sessionsPerAgent })),
      recent: p.agents.slice(0, 3).map((agentId) => ({ key: `agent:${agentId}:main`, preview: 'Summarised the overnight queue and filed two follow-ups.' })),
    },
  };
}

export function sessionsListPayload(p: SimProfile, now = Date.now()): unknown {
  const sessions: unknown[] = [];
  for (const agentId of p.agents) {
    for (let s = 0; s < p.sessionsPerAgent; s++) {
      const key = s === 0 ? `agent:${agentId}:main` : `agent:${agentId}:cron:job-${s}`;
      // Mostly well inside the 60k budget (a few sessions near 70 %), as on a healthy gateway.
      const tokens = 2000 + ((p.index * 31 + s * 977) % 40_000);
      sessions.push({
        key,
        agentId,
        kind: s === 0 ? 'direct' : 'cron',
        status: 'done',
        label: `${agentId} session ${s}`,
        displayName: `${agentId}/${s}`,
        derivedTitle: 'Daily operations check-in and queue review',
        activitySummary: 'Reviewed open tickets; no action needed.',
        lastMessage: { text: 'All checks passed; nothing to report.' },
        updatedAt: now - s * 90_000,
        totalTokens: tokens,
        totalTokensFresh: true,
        contextTokens: 65_536,
        contextBudgetStatus: { route: 'fits', shouldCompact: false, estimatedPromptTokens: tokens + 500, contextTokenBudget: 60_000 },
        hasActiveRun: false,
        model: 'fake-model',
      });
    }
  }
  return { totalCount: sessions.length, sessions };
}

export function cronListPayload(p: SimProfile, now = Date.now()): unknown {
  const jobs: unknown[] = p.agents.map((agentId, i) => {
    const last = now - ((now + i * 7_000) % 60_000);
    return {
      id: `hb-${p.index}-${agentId}`,
      declarationKey: `heartbeat:${agentId}`,
      agentId,
      enabled: true,
      schedule: { kind: 'every', everyMs: 60_000, anchorMs: 27_144 + i },
      payload: { kind: 'heartbeat' },
      state: { nextRunAtMs: last + 60_000, lastRunAtMs: last, lastRunStatus: 'ok', lastDurationMs: 577, consecutiveErrors: 0, consecutiveSkipped: 0 },
      nextRunAtMs: last + 60_000,
      lastRunAtMs: last,
      lastRunStatus: 'ok',
    };
  });
  jobs.push(
    { id: `dream-${p.index}`, declarationKey: 'memory-core:memory-dreaming-promotion', name: 'Memory Dreaming', enabled: true, payload: { kind: 'agentTurn', message: 'Promote the strongest memories of the day.' } },
    { id: `digest-${p.index}`, declarationKey: 'user:daily-digest', name: 'Daily digest', enabled: true, schedule: { kind: 'cron', expr: '0 7 * * *' }, payload: { kind: 'agentTurn', message: 'Write the morning digest for the team channel.' } },
  );
  return { jobs, total: jobs.length };
}

export function lastHeartbeatPayload(p: SimProfile, now = Date.now()): unknown {
  return { ts: now - (now % 60_000), status: 'ok-token', reason: null, agentId: p.agents[0], preview: 'HEARTBEAT_OK' };
}

/** The config as `config.get` returns it (redacted by the gateway) and as openclaw.json holds it. */
export function openclawConfig(p: SimProfile, redacted: boolean): Record<string, unknown> {
  return {
    gateway: { mode: 'local', port: 18789, bind: 'loopback', auth: { mode: 'token', token: redacted ? '__OPENCLAW_REDACTED__' : p.token } },
    agents: {
      defaults: { model: { primary: 'fake/fake-model' }, heartbeat: { every: '1m' }, compaction: { mode: 'safeguard' } },
      // The current keyed shape (2026.9): a legacy `agents.list` would raise config-migration-pending.
      entries: Object.fromEntries(p.agents.map((id) => [id, { workspace: `~/.openclaw/workspace-${id}` }])),
    },
    session: { maintenance: { mode: 'enforce', pruneAfter: '30d', maxEntries: 5000 } },
    memory: { backend: 'builtin' },
    update: { channel: 'stable' },
  };
}

export function configGetPayload(p: SimProfile): unknown {
  const config = openclawConfig(p, true);
  return { exists: true, valid: true, path: '/home/oc/.openclaw/openclaw.json', resolved: config, config, configRevisionHash: `rev-${p.index}`, appliedConfigHash: `rev-${p.index}` };
}

/** `store <id> <db> <wal> <legacy> <transcripts> <files>` lines, as store-sizes.ts's script prints. */
export function storeSizesOutput(p: SimProfile): string {
  return p.agents.map((id, i) => `store ${id} ${4_194_304 + i * 65_536 + p.index} ${32_768 * (i + 1)} 0 0 0\n`).join('');
}

/** The store-meta script's JSON (session-store-meta.ts). */
export function storeMetaOutput(p: SimProfile): string {
  return JSON.stringify({ v: 1, agents: p.agents.map((a) => ({ a, e: 'sqlite', n: p.sessionsPerAgent, z: 0, c: [[`agent:${a}:main`, 1 + (p.index % 3)]] })) });
}

export function memoryStatusOutput(p: SimProfile): string {
  return JSON.stringify(
    p.agents.map((agentId) => ({
      agentId,
      status: { backend: 'builtin', provider: 'fake', model: 'fake-embed', files: 12, chunks: 140, dirty: false, sourceCounts: [{ source: 'memory', files: 12, chunks: 140, dirty: false }], custom: { indexIdentity: { status: 'ok' } } },
    })),
  );
}
