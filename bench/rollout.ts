// npm run bench:rollout — one real OpenClaw 2026.9.5 → 2026.9.6 update of a real test server (behind
// a real sshd, from the offline npm cache, run by the ym-gatewayctl service stand-in), driven by the
// built headless app through its console API. Prints each step's duration (pre-check, stop, backup,
// update, start, each gate), the updater's own time and its step breakdown, and the console's
// overhead on top of `openclaw update` itself. Needs root and scripts/setup.sh (about 6–10 min).
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestFleet } from '../e2e/fixture/test-fleet.ts';
import { startHeadlessApp } from '../e2e/support/headless-app.ts';
import { connectRpc } from '../e2e/support/rpc-client.ts';
import { makeServiceManaged } from '../e2e/support/service-managed.ts';
import type { ServerConfig, ServerView } from '../src/shared/domain.ts';
import type { RolloutDetail, RolloutPlan } from '../src/shared/rollout.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ym-bench-rollout-'));
  chmodSync(root, 0o755);
  const fleet = await startTestFleet({ root, servers: [{ name: 'rbench', openclawVersion: '2026.9.5' }], heartbeatEvery: '1m' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void fleet.stop().finally(() => process.exit(130)));
  try {
    const managed = await makeServiceManaged(fleet.server('rbench'), '2026.9.5');
    const info = fleet.server('rbench').info;
    const app = await startHeadlessApp({ knownHosts: info.knownHostsPath, pollInterval: '5s' });
    const rpc = await connectRpc(app);
    const server = await rpc.ok<ServerConfig>('servers.add', { name: 'rbench', host: '127.0.0.1', sshPort: info.sshPort, sshUser: info.sshUser, privateKeyPath: info.privateKeyPath, gatewayPort: info.gatewayPort });
    await rpc.ok('rollouts.service.set', { serverId: server.id, manager: { kind: 'custom', ...managed.service } });
    for (;;) {
      const v = (await rpc.ok<ServerView[]>('servers.list')).find((x) => x.config.id === server.id);
      if (v?.snapshot?.status === 'UP') break;
      await sleep(2_000);
    }
    const choice = { targetVersion: '2026.9.6', serverIds: [server.id], bakeMinutes: 0 };
    const plan = await rpc.ok<RolloutPlan>('rollouts.plan', choice);
    const t0 = Date.now();
    const started = await rpc.ok<RolloutDetail>('rollouts.start', { ...choice, confirmation: plan.confirmation });
    let d = started;
    while (!['completed', 'halted', 'aborted'].includes(d.state)) {
      await sleep(3_000);
      d = await rpc.ok<RolloutDetail>('rollouts.get', { id: started.id });
    }
    const totalMs = Date.now() - t0;
    console.log(`rollout ${d.state} in ${s(totalMs)} (estimate was ${s(plan.estimatedMs)})`);
    let updaterMs = 0;
    for (const step of d.steps) {
      const ms = (step.endedAt ?? 0) - step.startedAt;
      console.log(`  ${step.step.padEnd(24)} ${step.outcome.padEnd(8)} ${s(ms).padStart(8)}`);
      if (step.step === 'update') {
        updaterMs = Number(step.summary.updaterMs ?? 0);
        for (const [k, v] of Object.entries(step.summary)) if (k.startsWith('step:') && typeof v === 'number') console.log(`      ${k.slice(5).padEnd(32)} ${s(v).padStart(8)}`);
      }
    }
    const updateStep = d.steps.find((x) => x.step === 'update' && x.outcome === 'ok');
    const updateWall = updateStep ? (updateStep.endedAt ?? 0) - updateStep.startedAt : 0;
    const service = d.steps.filter((x) => x.step === 'stop' || x.step === 'start').reduce((a, x) => a + (x.endedAt ?? 0) - x.startedAt, 0);
    console.log(`openclaw update itself: ${s(updaterMs)}; its remote job as the console saw it: ${s(updateWall)} (poll and SSH overhead ${s(updateWall - updaterMs)})`);
    console.log(`service stop + start: ${s(service)}; console's own steps (pre-check, backup, gates) and bookkeeping: ${s(totalMs - updateWall - service)}`);
    rpc.close();
    await app.stop();
  } finally {
    await fleet.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
