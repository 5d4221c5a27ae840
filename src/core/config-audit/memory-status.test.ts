import { describe, expect, it } from 'vitest';
import { memoryIndexIssues } from '../../shared/config-audit';
import { MemoryStatusMalformed, parseMemoryStatus } from './memory-status';

// Trimmed from `openclaw memory status --json` on 2026.9.6 (e2e fleet), plus hostile additions.
const observed = [
  {
    agentId: 'main',
    status: {
      backend: 'builtin',
      files: 0,
      chunks: 0,
      dirty: true,
      workspaceDir: '/home/u/.openclaw/workspace-main',
      dbPath: '/home/u/.openclaw/agents/main/agent/openclaw-agent.sqlite',
      provider: 'openai',
      model: 'text-embedding-3-small',
      sourceCounts: [
        { source: 'memory', files: 0, dirty: false, issues: ['no eligible memory files found'] },
        { source: 'sessions', files: 0, dirty: true, issues: [] },
      ],
      vector: { enabled: true, index: { state: 'empty' } },
      custom: { indexIdentity: { status: 'missing', reason: 'index metadata is missing', code: 'metadata_missing' } },
    },
    scan: { issues: ['no eligible memory files found'] },
    dreamingAudit: { sessionCorpusDir: '/home/u/.openclaw/workspace-main/memory/.dreams/session-corpus' },
  },
  { agentId: 'off', status: 'disabled' },
  { agentId: '<img src=x onerror=alert(1)>', status: { dirty: true } },
  { agentId: 'odd', status: { files: -1, chunks: 1.5, dirty: 'yes', provider: 'a b <c>', model: { snippet: 'remember the password' } } },
];

describe('parseMemoryStatus', () => {
  const agents = parseMemoryStatus(observed);

  it('keeps counts, flags, provider and model; never paths, issues or snippets', () => {
    expect(agents[0]).toEqual({
      agentId: 'main',
      disabled: false,
      backend: 'builtin',
      provider: 'openai',
      model: 'text-embedding-3-small',
      files: 0,
      chunks: 0,
      dirty: true,
      dirtySources: 1,
      identityStatus: 'missing',
      identityCode: 'metadata_missing',
      vectorState: 'empty',
    });
    const text = JSON.stringify(agents);
    for (const s of ['/home/u', 'eligible', 'password', 'dreams', 'img']) expect(text).not.toContain(s);
    expect(memoryIndexIssues(agents[0]!)).toEqual(['dirty', 'metadata missing']);
  });

  it('handles disabled memory and malformed values', () => {
    expect(agents.map((a) => a.agentId)).toEqual(['main', 'off', 'odd']);
    expect(agents[1]).toMatchObject({ disabled: true, dirty: null });
    expect(memoryIndexIssues(agents[1]!)).toEqual([]);
    expect(agents[2]).toMatchObject({ files: null, chunks: null, dirty: null, provider: null, model: null });
  });

  it('refuses output that is not the documented array', () => {
    expect(() => parseMemoryStatus({ ok: false })).toThrow(MemoryStatusMalformed);
    expect(() => parseMemoryStatus('[]')).toThrow(MemoryStatusMalformed);
  });
});
