import { describe, expect, it } from 'vitest';
import { buildPlan, splitWaves, type PlanServerFacts } from './rollout-plan';
import { parseServiceCommand, validateServiceManager } from './service-command';
import { compareVersions } from './versions';
import { readUpdateOutcome, updateSummary } from './update-output';
import { CUSTOM } from './test-fakes';

const opts = { targetVersion: '2026.9.6', waves: [25, 50, 100], bakeMs: 600_000, maxFailuresPerWave: 0, concurrency: 1, doctorLint: false, backupRetention: 3, allowDowngrade: false };
const fact = (id: string, p: Partial<PlanServerFacts> = {}): PlanServerFacts => ({ serverId: id, name: id, status: 'UP', version: '2026.9.5', service: CUSTOM, inRollout: null, ...p });

describe('plan', () => {
  it('a canary of one, then 25/50/100 % of the rest', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `s${i}`);
    expect(splitWaves(ids, [25, 50, 100]).map((w) => w.length)).toEqual([1, 2, 2, 4]);
    expect(splitWaves(['a', 'b'], [25, 50, 100])).toEqual([['a'], ['b']]);
    expect(splitWaves(['a'], [25, 50, 100])).toEqual([['a']]);
  });

  it('says what each server gets, what a rollback can do, and estimates from measured times', () => {
    const plan = buildPlan({ ...opts, serverIds: ['a', 'b'] }, [fact('a'), fact('b', { service: { kind: 'systemd-user', unit: 'openclaw-gateway.service' } })], { update: 100_000 });
    expect(plan.servers[0]!.steps).toEqual(['precheck', 'stop', 'backup', 'update', 'start', 'gate-ready', 'gate-boot-id', 'gate-version', 'gate-heartbeats', 'gate-no-critical-alert']);
    expect(plan.servers[1]!.steps).not.toContain('stop');
    expect(plan.servers[0]!.rollback).toMatchObject({ possible: true });
    expect(plan.servers[0]!.rollback.note).toMatch(/lost/);
    expect(plan.confirmation).toBe('update 2 servers to 2026.9.6');
    expect(plan.stepEstimatesMs.update).toBe(100_000);
    expect(plan.estimatedMs).toBeGreaterThan(2 * 600_000);
    expect(plan.warnings.join(' ')).toMatch(/copied live/);
  });

  it('names every blocker: down, no service manager, same version, already in a rollout, downgrade', () => {
    const plan = buildPlan({ ...opts, serverIds: ['a', 'b', 'c', 'd', 'e'] }, [
      fact('a', { status: 'DOWN' }),
      fact('b', { service: null }),
      fact('c', { version: '2026.9.6' }),
      fact('d', { inRollout: 'r9' }),
      fact('e', { version: '2026.9.7' }),
    ]);
    expect(plan.servers.map((s) => s.blockers)).toEqual([
      ['not UP (DOWN)'],
      ['service manager not set: say how its gateway is run'],
      ['already on 2026.9.6'],
      ['already in rollout r9'],
      ['downgrade from 2026.9.7: needs its own confirmation'],
    ]);
    expect(buildPlan({ ...opts, allowDowngrade: true, serverIds: ['e'] }, [fact('e', { version: '2026.9.7' })]).servers[0]).toMatchObject({ downgrade: true, blockers: [] });
    expect(buildPlan({ ...opts, serverIds: ['x'] }, [fact('x', { version: null })]).servers[0]!.rollback.possible).toBe(false);
  });

  it('orders versions with re-releases and betas', () => {
    expect(compareVersions('2026.10.1', '2026.9.6')).toBe(1);
    expect(compareVersions('2026.7.1-2', '2026.7.1')).toBe(1);
    expect(compareVersions('2026.7.1-beta.2', '2026.7.1')).toBe(-1);
    expect(compareVersions('2026.9.6', '2026.9.6')).toBe(0);
  });
});

describe('service commands', () => {
  it('accepts a path or program with plain words', () => {
    expect(parseServiceCommand('start', ' /home/op/bin/ym-gatewayctl  start ')).toEqual(['/home/op/bin/ym-gatewayctl', 'start']);
    expect(parseServiceCommand('stop', 'docker compose -f /srv/oc/compose.yml stop gateway')).toHaveLength(6);
  });
  it('refuses shell syntax, naming the field', () => {
    for (const bad of ['gw start; rm -rf /', 'gw $(id)', 'gw `id`', 'gw start | tee', 'gw > /tmp/x', '~/bin/gw start', 'gw "start"', '/opt/../bin/gw', 'gw start &']) {
      expect(() => parseServiceCommand('start', bad), bad).toThrow(/^start: /);
    }
    expect(() => validateServiceManager({ kind: 'custom', start: 'gw start', stop: 'gw stop', status: 'gw status && true' })).toThrow(/^status: /);
    expect(() => validateServiceManager({ kind: 'systemd-user', unit: 'a b' })).toThrow(/unit/);
  });
});

describe('update output', () => {
  it('keeps statuses, versions and step times; drops free text', () => {
    const o = readUpdateOutcome({
      status: 'error', reason: 'target-metadata-preflight', failedStep: { name: 'target-metadata-preflight', stderrTail: 'npm error request to https://secret failed' },
      steps: [{ name: 'global update', durationMs: 22000, exitCode: 0 }, { name: 'doctor', durationMs: 17000.4, exitCode: 0, stderrTail: 'x' }, { name: 'npm error: /home/x "y"', durationMs: 1 }],
      before: { version: '2026.9.5' }, after: { version: 'not a version' },
    });
    const summary = updateSummary(o);
    expect(summary).toMatchObject({ status: 'error', reason: 'target-metadata-preflight', failedStep: 'target-metadata-preflight', before: '2026.9.5', after: null, 'step:doctor': 17000 });
    expect(JSON.stringify(summary)).not.toMatch(/secret|npm error/);
    expect(o!.steps.map((s) => s.name)).toEqual(['global update', 'doctor']); // a name that looks like text is dropped
  });
});
