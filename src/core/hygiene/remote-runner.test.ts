// The runner really runs here (sh + node, as on a server) around a stand-in openclaw that prints what
// the real one prints: the reduced document must carry the numbers and none of the text.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runnerArgv } from './remote-runner';
import { parseCleanup, parseCompact, parseMemoryStatus } from './runner-output';

const SENTINEL = 'SENTINEL-7f3a-do-not-leak';

function fakeOpenclaw(stdout: unknown, code = 0): string {
  const dir = mkdtempSync(join(tmpdir(), 'ym-hygiene-runner-'));
  const bin = join(dir, 'openclaw');
  writeFileSync(join(dir, 'out.json'), JSON.stringify(stdout));
  // Prints the document, and the sentinel on stderr too (warnings there must not pass either).
  writeFileSync(bin, `#!/bin/sh\necho "warning ${SENTINEL} $*" >&2\ncat "${join(dir, 'out.json')}"\nexit ${code}\n`);
  chmodSync(bin, 0o755);
  return bin;
}

function run(bin: string, filter: Parameters<typeof runnerArgv>[2], args: string[]): string {
  const [cmd, ...rest] = runnerArgv({}, bin, filter, args, 10_000);
  return execFileSync(cmd!, rest, { encoding: 'utf8', env: { PATH: `${process.execPath.replace(/\/[^/]*$/, '')}:/usr/bin:/bin` } });
}

describe('hygiene runner', () => {
  it('compact: only ok and token counts leave the server, never the summary', () => {
    const bin = fakeOpenclaw({ ok: true, key: 'agent:main:x', compacted: true, result: { summary: `## Goal ${SENTINEL}`, firstKeptEntryId: 'e1', tokensBefore: 17878, tokensAfter: 3484, details: { readFiles: [SENTINEL] } } });
    const out = run(bin, 'compact', ['sessions', 'compact', 'agent:main:x', '--json']);
    expect(out).not.toContain(SENTINEL);
    expect(out).not.toContain('agent:main:x');
    expect(parseCompact(out)).toEqual({ code: 0, timedOut: false, ok: true, compacted: true, tokensBefore: 17878, tokensAfter: 3484 });
  });

  it('cleanup: per-store counts and bytes, no store path; rows leaving = archived + pruned + capped + …', () => {
    const store = { agentId: 'main', storePath: `/home/${SENTINEL}/a.sqlite`, beforeCount: 11, afterCount: 11, missing: 0, dmScopeRetired: 0, modelRunPruned: 1, archived: 2, capArchived: 4, pruned: 0, capped: 4, diskBudget: { totalBytesBefore: 900, totalBytesAfter: 700 }, wouldMutate: true };
    const out = run(fakeOpenclaw({ allAgents: true, mode: 'enforce', dryRun: true, stores: [store, { ...store, agentId: `bad id ${SENTINEL}` }] }), 'cleanup', ['sessions', 'cleanup']);
    expect(out).not.toContain(SENTINEL);
    expect(parseCleanup(out)).toEqual({ code: 0, timedOut: false, partial: false, stores: [{ agentId: 'main', leaving: 7, bytesBefore: 900, bytesAfter: 700, applied: false }] });
  });

  it('a single-store document (no envelope) and a failing exit code are both read', () => {
    const out = run(fakeOpenclaw({ agentId: 'ops', beforeCount: 1, afterCount: 1, capped: 0, diskBudget: null }, 2), 'cleanup', []);
    expect(parseCleanup(out)).toMatchObject({ code: 2, stores: [{ agentId: 'ops', leaving: 0, bytesBefore: null }] });
  });

  it('memory status: dirty flags and index state enums only', () => {
    const out = run(fakeOpenclaw([{ agentId: 'main', status: { dirty: true, files: 2, chunks: 30, workspaceDir: `/w/${SENTINEL}`, custom: { indexIdentity: { status: 'missing', reason: SENTINEL } } } }]), 'memory-status', []);
    expect(out).not.toContain(SENTINEL);
    expect(parseMemoryStatus(out).agents).toEqual([{ agentId: 'main', disabled: false, dirty: true, files: 2, chunks: 30, index: 'missing' }]);
  });

  it('the console-side parser drops fields the server side did not reduce', () => {
    expect(parseCompact(JSON.stringify({ v: 1, code: 0, ok: true, compacted: true, tb: 5, ta: 1, summary: SENTINEL }))).not.toHaveProperty('summary');
    expect(() => parseCompact('not json')).toThrow(/not JSON/);
  });
});
