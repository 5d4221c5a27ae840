// Incident reports against a real gateway: a real crash (kill, wait, restart) drafts a report by itself;
// its timeline and numbers agree with the store; Markdown, JSON, HTML and PDF exports are readable (the
// PDF by a real extractor, its first page kept as a PNG); a conversation sentinel is in none of them;
// the redacted export names no host or SSH user of the fleet. The journal's facts are in the timeline
// too: the webhook delivery of the alert (a real HTTP receiver took it) and the gateway's restart (its
// new boot id), each at the time and with the ids the store holds.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, gotoView, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';
import { connectRpc } from './support/rpc-client.ts';
import { startJsonReceiver } from './support/json-receiver.ts';

const OUT = join('test-results', 'e2e', 'incident-report');

async function openReports(page: Page): Promise<void> {
  await gotoView(page, 'Reports');
}

/** Clicks an export button and returns the downloaded file's bytes, kept under test-results. */
async function exported(page: Page, button: string, keepAs: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const path = join(OUT, keepAs);
  await download.saveAs(path);
  return readFileSync(path);
}

test('a real crash drafts an incident report whose timeline matches the store, exported four ways', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  // Hold-down 10 s (not 3): the report is drafted when the alert resolves, and the first probes back
  // may reach the gateway only through the CLI (no boot id) before its WebSocket is up again.
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '10s'] });
  const sentinel = `YMREPORT${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  // A real webhook receiver on loopback: what the console sends is what the journal says it sent.
  const receiver = await startJsonReceiver<{ reason: string; alert: { id: string; rule: string } }>('/hooks/report-secret-path');
  const { received, url: hookUrl } = receiver;
  let rpc: Awaited<ReturnType<typeof connectRpc>> | null = null;
  try {
    rpc = await connectRpc(app);
    const hook = await rpc.ok<{ id: string }>('webhooks.add', { name: 'report pager', kind: 'json', minSeverity: 'critical', url: hookUrl });
    await page.goto(app.url);
    await addServer(page, 'report-s1', s1);
    await expectStatus(serverRow(page, 'report-s1'), 'UP');
    const turn = await fleet.runAgentTurn('s1', 'ops', `Remember the code word ${sentinel}.`);
    expect(turn.ok, turn.stderr).toBe(true);
    // The gateway process before the crash, as the store has it.
    const bootBefore = latestBootId(app.dataDir);
    expect(bootBefore, 'the probe read a boot id from the gateway').toBeTruthy();

    await fleet.stopGateway('s1', 'SIGKILL');
    try {
      await expectStatus(serverRow(page, 'report-s1'), 'DOWN');
      await page.waitForTimeout(15_000); // a real outage of some length
    } finally {
      await fleet.startGateway('s1');
    }
    await expectStatus(serverRow(page, 'report-s1'), 'UP');
    expect(received.map((r) => `${r.reason}:${r.alert.rule}`)).toContain('raised:server-down');

    // The resolved critical alert drafted a report by itself.
    await openReports(page);
    const list = page.getByTestId('report-list');
    await expect(list).toContainText('Server down on report-s1', { timeout: 60_000 });
    await expect(list).toContainText('draft');
    await list.getByRole('button', { name: 'Server down on report-s1' }).click();
    const doc = page.getByTestId('report-doc');
    const timeline = doc.getByTestId('report-timeline');
    // The closed gateway link and the refused port are two signals: DOWN at once, no PENDING retry.
    await expect(timeline).toContainText('report-s1: UP → DOWN (gateway-unreachable)');
    await expect(timeline).toContainText('Alert raised: Server down (critical) on report-s1');
    await expect(timeline).toContainText(/Alert resolved after (\d+ min )?\d+ s: Server down/);
    await expect(timeline).toContainText(`report-s1: Webhook ${hook.id.slice(0, 8)} raised: Server down (critical), delivered after 1 attempt`);
    await expect(timeline).toContainText(/report-s1: gateway restarted \(boot id \S+ → \S+; seen \d+ s later\)/);
    await expect(doc.getByTestId('report-chart').first()).toBeVisible();
    await page.screenshot({ path: join(OUT, 'report-page.png'), fullPage: true });

    const json = JSON.parse((await exported(page, 'JSON', 'report.json')).toString('utf8'));
    // Checked against the store: the alert's real start and end, and the transition out of UP.
    // The console commits its writes once a second, so another reader may see the resolution a moment
    // after the window does.
    await expect.poll(() => resolvedAtOnDisk(app.dataDir), { timeout: 5_000 }).not.toBeNull();
    const db = new DatabaseSync(join(app.dataDir, 'history.sqlite'), { readOnly: true });
    const alert = db.prepare("SELECT started_at, resolved_at FROM alerts WHERE rule = 'server-down'").get() as { started_at: number; resolved_at: number };
    const down = db.prepare("SELECT ts FROM status_transitions WHERE from_status = 'UP' AND to_status = 'DOWN' ORDER BY ts DESC LIMIT 1").get() as { ts: number };
    const back = db.prepare("SELECT ts, outage_ms FROM status_transitions WHERE to_status = 'UP' ORDER BY ts DESC LIMIT 1").get() as { ts: number; outage_ms: number };
    const alertId = (db.prepare("SELECT id FROM alerts WHERE rule = 'server-down'").get() as { id: string }).id;
    const sent = db.prepare("SELECT done_at, attempts FROM channel_outbox WHERE channel = ? AND alert_id = ? AND reason = 'raised' AND state = 'sent'").get(`webhook:${hook.id}`, alertId) as { done_at: number; attempts: number };
    const journal = db.prepare('SELECT ts, kind, server_id, alert_id, facts_json FROM journal_entries ORDER BY ts, id').all() as Array<{ ts: number; kind: string; server_id: string; alert_id: string | null; facts_json: string }>;
    db.close();
    // The webhook delivery: journaled when the outbox marked it sent, with the channel's id and no URL.
    const delivery = journal.find((j) => j.kind === 'channel-delivery' && j.alert_id === alertId && JSON.parse(j.facts_json).reason === 'raised')!;
    expect(JSON.parse(delivery.facts_json)).toEqual({ channel: 'webhook', channelId: hook.id, reason: 'raised', ok: true, attempts: sent.attempts, rule: 'server-down', severity: 'critical' });
    expect(delivery.ts).toBe(sent.done_at);
    expect(received.find((r) => r.reason === 'raised')!.alert.id).toBe(alertId);
    for (const j of journal) expect(j.facts_json.includes('report-secret-path') || j.facts_json.includes('127.0.0.1'), 'no URL in the journal').toBe(false);
    const sentEntry = json.timeline.find((e: { kind: string; text: string }) => e.kind === 'notification-sent' && e.text.includes(`Webhook ${hook.id.slice(0, 8)} raised`));
    expect(sentEntry).toMatchObject({ at: sent.done_at, alertId, severity: 'critical' });
    // The restart: the boot id before the crash and the one after, as the stored snapshots say.
    const restart = journal.find((j) => j.kind === 'gateway-restart')!;
    const facts = JSON.parse(restart.facts_json);
    expect(facts).toMatchObject({ seenBy: 'boot-id', bootBefore, bootAfter: latestBootId(app.dataDir) });
    expect(facts.bootAfter).not.toBe(bootBefore);
    // Seen by a probe that found the server UP (the first one back may have had only the CLI, no boot id)…
    expect(restart.ts).toBeGreaterThanOrEqual(back.ts);
    expect(upSampleAt(app.dataDir, restart.ts)).toBe(true);
    // …and placed in the timeline when the new process started: after the crash, before it was found UP.
    const restartEntry = json.timeline.find((e: { kind: string }) => e.kind === 'gateway-restarted');
    expect(restartEntry).toMatchObject({ at: facts.startedAt, text: expect.stringContaining(`boot id ${bootBefore!.slice(0, 8)} → ${facts.bootAfter.slice(0, 8)}; seen`) });
    expect(facts.startedAt).toBeGreaterThan(down.ts);
    expect(facts.startedAt).toBeLessThanOrEqual(back.ts);
    // In time order with the rest: the delivery after the alert was raised.
    const at = (kind: string) => json.timeline.find((e: { kind: string }) => e.kind === kind).at;
    expect(sentEntry.at).toBeGreaterThanOrEqual(at('alert-raised'));
    expect(json.timeline.map((e: { at: number }) => e.at)).toEqual([...json.timeline.map((e: { at: number }) => e.at)].sort((a: number, b: number) => a - b));
    writeFileSync(join(OUT, 'report-timeline.txt'), json.timeline.map((e: { at: number; kind: string; text: string }) => `${new Date(e.at).toISOString()} ${e.kind} ${e.text}`).join('\n'));
    expect(json.schemaVersion).toBe(1);
    expect(json.startedAt).toBe(down.ts);
    expect(json.resolvedAt).toBe(alert.resolved_at);
    expect(json.detection.timeToDetectMs).toBe(alert.started_at - down.ts);
    expect(json.detection.timeToResolveMs).toBe(alert.resolved_at - down.ts);
    expect(json.timeline.find((e: { kind: string }) => e.kind === 'alert-resolved').at).toBe(alert.resolved_at);
    expect(json.timeline.some((e: { kind: string; at: number }) => e.kind === 'status' && e.at === back.ts)).toBe(true);
    expect(json.servers[0].minutesDown).toBeGreaterThan(0);
    expect(json.servers[0].minutesDown).toBeLessThanOrEqual(back.outage_ms / 60_000 + 0.1);
    expect(json.charts.map((c: { metric: string }) => c.metric)).toContain('up');

    const markdown = (await exported(page, 'Markdown', 'report.md')).toString('utf8');
    expect(markdown).toContain('## Timeline (UTC)');
    expect(markdown).toContain('Alert raised: Server down \\(critical\\) on report-s1');
    const html = (await exported(page, 'HTML', 'report.html')).toString('utf8');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Alert raised: Server down (critical) on report-s1');

    const pdf = await exported(page, 'PDF', 'report.pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [join(OUT, 'report.pdf')], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(0);
    const pdfText = execFileSync('pdftotext', ['-layout', join(OUT, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Alert raised: Server down (critical) on report-s1');
    expect(pdfText).toContain('UP → DOWN');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', join(OUT, 'report.pdf'), join(OUT, 'report-pdf-page')]);
    writeFileSync(join(OUT, 'report-pdf.txt'), pdfText);
    for (const [what, body] of [['markdown', markdown], ['json', JSON.stringify(json)], ['html', html], ['pdf text', pdfText]] as const) {
      expect(body.includes(sentinel), `sentinel in the ${what} export`).toBe(false);
    }

    // The draft was made as the alert resolved, before the resolution's own webhook went out: the
    // operator refreshes its facts from the store and the delivery is there, the draft still a draft.
    await expect.poll(() => received.some((r) => r.reason === 'resolved'), { timeout: 60_000 }).toBe(true);
    await expect(timeline).not.toContainText(`Webhook ${hook.id.slice(0, 8)} resolved`);
    await page.getByRole('button', { name: 'Refresh facts' }).click();
    await expect(timeline).toContainText(new RegExp(`report-s1: Webhook ${hook.id.slice(0, 8)} resolved: Server down \\(critical\\), delivered after 1 attempt`));

    // Redacted, for sharing outside the team: a fleet report over the last hour with names replaced.
    await page.getByRole('button', { name: '← All reports' }).click();
    await page.getByLabel('Hours').fill('1');
    await page.getByLabel('Redact host and user names').check();
    await page.getByRole('button', { name: 'Create incident report' }).click();
    await expect(page.getByTestId('report-doc')).toContainText('pseudonyms');
    const redacted = [
      (await exported(page, 'Markdown', 'redacted.md')).toString('utf8'),
      (await exported(page, 'JSON', 'redacted.json')).toString('utf8'),
      (await exported(page, 'HTML', 'redacted.html')).toString('utf8'),
    ];
    await exported(page, 'PDF', 'redacted.pdf');
    redacted.push(execFileSync('pdftotext', [join(OUT, 'redacted.pdf'), '-'], { encoding: 'utf8' }));
    expect(redacted[1]).toContain('"serversAffected": 1');
    for (const body of redacted) {
      for (const secret of ['report-s1', s1.sshUser, '127.0.0.1', sentinel]) expect(body.includes(secret), `${secret} in a redacted export`).toBe(false);
    }
  } finally {
    rpc?.close();
    await app.stop();
    await receiver.close();
  }
});

/** The server-down alert's end as committed to the history file (null while unresolved or not yet committed). */
function resolvedAtOnDisk(dataDir: string): number | null {
  const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
  try {
    return (db.prepare("SELECT resolved_at FROM alerts WHERE rule = 'server-down'").get() as { resolved_at: number | null } | undefined)?.resolved_at ?? null;
  } finally {
    db.close();
  }
}

/** A probe sample at exactly this time found the server UP. */
function upSampleAt(dataDir: string, ts: number): boolean {
  const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM probe_samples WHERE ts = ? AND status = 'UP'").get(ts) as { n: number }).n === 1;
  } finally {
    db.close();
  }
}

/** The gateway boot id of the server's last stored snapshot (the store the report is built from). */
function latestBootId(dataDir: string): string | null {
  const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
  try {
    const row = db.prepare('SELECT snapshot_json FROM server_latest').get() as { snapshot_json: string } | undefined;
    const snapshot = row ? (JSON.parse(row.snapshot_json) as { gateway?: { bootId?: string | null } | null; knownBootId?: string | null }) : null;
    return snapshot?.gateway?.bootId ?? snapshot?.knownBootId ?? null;
  } finally {
    db.close();
  }
}
