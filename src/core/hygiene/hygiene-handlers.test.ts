// Hygiene through the real core router: field errors for bad policies, a saved policy with its next run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../create-core';
import { createMemoryLogger } from '../log';
import { okOutcome } from '../probes/test-outcomes';
import { createMemorySettingsBackend } from '../settings/settings-store';

let core: Core | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

const policy = { name: 'nightly', role: 'web', actions: ['prune'], cron: '30 2 * * *', timezone: 'UTC', windowStart: '02:00', windowEnd: '04:00', mode: 'ask', enabled: true };

describe('hygiene handlers', () => {
  it('refuse bad policies naming the field, and list a good one with its next run', async () => {
    core = createCore({
      host: 'headless',
      appVersion: 't',
      dataDir: mkdtempSync(join(tmpdir(), 'ym-core-')),
      historyPath: ':memory:',
      settingsBackend: createMemorySettingsBackend(),
      logger: createMemoryLogger(),
      probe: async () => okOutcome(),
    });
    core.start();
    const bad = await core.router.dispatch('hygiene.policies.save', { policy: { ...policy, cron: '99 * * * *' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { cron: expect.stringContaining('not a valid cron') } } });
    const lacking = await core.router.dispatch('hygiene.policies.save', { policy: { ...policy, actions: ['reclaim-space'] } });
    expect(lacking).toMatchObject({ ok: false, error: { fields: { actions: expect.stringContaining('needs the gateway stopped') } } });
    const schema = await core.router.dispatch('hygiene.policies.save', { policy: { ...policy, windowEnd: '25:00' } });
    expect(schema).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await core.router.dispatch('hygiene.policies.list', {})).toEqual({ ok: true, value: [] });
    const saved = await core.router.dispatch('hygiene.policies.save', { policy });
    expect(saved).toMatchObject({ ok: true, value: { name: 'nightly', problems: {}, nextRunAt: expect.any(Number) } });
    const runs = await core.router.dispatch('hygiene.runs.list', {});
    expect(runs).toEqual({ ok: true, value: [] });
  });
});
