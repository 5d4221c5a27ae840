// The README's privacy section says exactly which fields leave a server; this holds it to the parsers.
// Each parser gets a row with every field it knows filled (and some it must drop); the keys it returns
// must be the README's list for that source, no more and no fewer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeartbeatOutcome } from '../gateway/heartbeat-outcomes';
import { parseHeartbeatJobs, parseSessionsList, parseStatus, parseStatusAgents } from '../gateway/rpc-facts';
import { parseHealth } from '../probes/openclaw-output';

function readmeFields(): Map<string, string[]> {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
  const section = readme.split('### Fields that leave a server')[1]!.split('\n### ')[0]!;
  const out = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[2]!.includes('`')) continue;
    // The field names are the backticked words at the start of each comma-separated item.
    const fields = cells[2]!.split(/,\s*/).map((item) => /^`([A-Za-z0-9]+)`/.exec(item)?.[1]).filter((f): f is string => !!f);
    out.set(cells[1]!, fields);
  }
  return out;
}

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('README privacy table', () => {
  it('lists exactly the fields each parser lets through', () => {
    const table = readmeFields();
    const row = (prefix: string) => [...table].find(([source]) => source.startsWith(prefix))?.[1] ?? [];
    const full = { key: 'agent:main:main', agentId: 'main', kind: 'direct', status: 'done', updatedAt: 1, inputTokens: 1, outputTokens: 1, totalTokens: 1, totalTokensFresh: true, contextTokens: 1, contextBudgetStatus: { estimatedPromptTokens: 1, contextTokenBudget: 1, shouldCompact: false, route: 'fits' }, hasActiveRun: false, abortedLastRun: false, label: 'x', displayName: 'x', derivedTitle: 'x', lastMessage: 'x' };
    expect(sorted(Object.keys(parseSessionsList({ sessions: [full] }).sessions[0]!))).toEqual(sorted(row('`sessions.list`')));
    const job = { declarationKey: 'heartbeat:main', agentId: 'main', enabled: true, schedule: { everyMs: 1 }, name: 'x', payload: { prompt: 'x' }, state: { lastRunAtMs: 1, nextRunAtMs: 1, runningAtMs: 1, lastRunStatus: 'error', consecutiveErrors: 1, lastRunError: 'x', lastErrorReason: 'timeout', consecutiveSkipped: 0, lastDurationMs: 1 } };
    expect(sorted(Object.keys(parseHeartbeatJobs({ jobs: [job] })[0]!))).toEqual(sorted(row('`cron.list`')));
    const status = { runtimeVersion: '1', processMemory: { rssBytes: 1, heapUsedBytes: 1 }, eventLoop: { degraded: false, delayP99Ms: 1 }, modelRuntime: { degraded: false }, tasks: { active: 1, failures: 1, byStatus: { succeeded: 1, failed: 1, timed_out: 1 } }, sessions: { recent: [{ key: 'x', preview: 'x' }] } };
    expect(sorted(Object.keys(parseStatus(status)))).toEqual(sorted(table.get('`status`') ?? []));
    const agents = parseStatusAgents({ heartbeat: { defaultAgentId: 'main', agents: [{ agentId: 'main', enabled: true, everyMs: 1, prompt: 'x' }] }, sessions: { byAgent: [{ agentId: 'main', count: 1 }] } });
    const fromHealth = parseHealth({ ok: true, agents: [{ agentId: 'main', isDefault: true, heartbeat: { enabled: true, everyMs: 1, prompt: 'x' }, sessions: { count: 1, recent: [] } }] }).agents;
    expect(sorted(Object.keys(agents[0]!))).toEqual(sorted(row('`status` agents')));
    expect(sorted(Object.keys(fromHealth[0]!))).toEqual(sorted(row('`status` agents')));
    const outcome = parseHeartbeatOutcome({ ts: 1, status: 'sent', reason: 'x', to: '+15551234567', preview: 'x', accountId: 'x' });
    expect(sorted(Object.keys(outcome!))).toEqual(sorted(row('heartbeat events')));
    expect(row('session store sizes')).toEqual(['agentId', 'era', 'dbBytes', 'walBytes', 'legacyStoreBytes', 'transcriptBytes', 'transcriptFiles']);
  });
});
