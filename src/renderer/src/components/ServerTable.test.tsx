// @vitest-environment jsdom
// The fleet table with 1,000 servers: only a window of rows is in the DOM, scrolling brings later ones
// in, sort and filters still work on all 1,000, keys move the focused row, and names stay text.
// jsdom does no layout, so the scroll box and the rows are given sizes here.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, ServerView } from '../../../shared/domain';
import type { Api } from '../api';
import { ApiProvider } from '../hooks/api-context';
import { useUiStore } from '../state/ui-store';
import { ServerTable } from './ServerTable';

const VIEWPORT_PX = 600;
const ROW_PX = 50;
const HOSTILE = '<img src=x onerror=alert(1)>';

function views(n: number): ServerView[] {
  return Array.from({ length: n }, (_, i) => {
    const name = i === 500 ? HOSTILE : `server-${String(i).padStart(4, '0')}`;
    return {
      config: { id: `id-${i}`, name, host: `10.0.${i >> 8}.${i & 255}`, sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789, enabled: true, createdAt: 0, tags: i % 10 === 0 ? ['eu'] : [] },
      snapshot: {
        serverId: `id-${i}`,
        // One DOWN server far down the list: the default sort (worst first) must still find it.
        status: i === 777 || i === 500 ? 'DOWN' : 'UP',
        checkedAt: Date.now() - 3_000,
        statusSince: 0,
        notUpSince: null,
        failureStreak: 0,
        durationMs: 5,
        version: i % 3 === 0 ? '2026.9.5' : '2026.9.6',
        build: null,
        agents: [],
        gateway: null,
        runtime: null,
        sessions: null,
        heartbeats: null,
        stores: null,
        cliVersion: null,
        error: null,
      },
    };
  });
}

const api: Api = {
  call: (() => Promise.reject(new Error('not used in this test'))) as Api['call'],
  bridge: { invoke: () => Promise.reject(new Error('no')), subscribe: () => () => {} },
};

const initialUi = useUiStore.getState();
const saved: Array<[object, string, PropertyDescriptor | undefined]> = [];
function stub(proto: object, prop: string, descriptor: PropertyDescriptor) {
  saved.push([proto, prop, Object.getOwnPropertyDescriptor(proto, prop)]);
  Object.defineProperty(proto, prop, { configurable: true, ...descriptor });
}

beforeAll(() => {
  // The scroll box is VIEWPORT_PX tall; every table row is ROW_PX tall.
  stub(HTMLElement.prototype, 'clientHeight', { get(this: HTMLElement) { return this.dataset.testid === 'table-scroll' ? VIEWPORT_PX : 0; } });
  // Tall enough for every row, so scrolling to the last one is not clamped.
  stub(Element.prototype, 'scrollHeight', { get(this: HTMLElement) { return this.dataset?.testid === 'table-scroll' ? 1000 * 100 : 0; } });
  stub(HTMLElement.prototype, 'offsetHeight', { get(this: HTMLElement) { return this.dataset.testid === 'table-scroll' ? VIEWPORT_PX : this.tagName === 'TR' ? ROW_PX : 0; } });
  stub(Element.prototype, 'getBoundingClientRect', {
    value(this: Element) {
      const h = (this as HTMLElement).dataset?.testid === 'table-scroll' ? VIEWPORT_PX : this.tagName === 'TR' ? ROW_PX : 0;
      return { x: 0, y: 0, top: 0, left: 0, right: 800, bottom: h, width: 800, height: h, toJSON: () => ({}) };
    },
  });
  stub(HTMLElement.prototype, 'scrollTo', { value(this: HTMLElement, opts: { top?: number }) { setScroll(this, opts?.top ?? 0); } });
  stub(Element.prototype, 'scrollIntoView', { value() {} });
});
afterAll(() => {
  for (const [proto, prop, d] of saved.reverse()) {
    if (d) Object.defineProperty(proto, prop, d);
    else delete (proto as Record<string, unknown>)[prop];
  }
});
beforeEach(() => useUiStore.setState(initialUi, true));
afterEach(cleanup);

function setScroll(el: HTMLElement, top: number) {
  Object.defineProperty(el, 'scrollTop', { configurable: true, value: top, writable: true });
  fireEvent.scroll(el);
}

function renderTable(n = 1000, alerts = new Map<string, Alert>(), list = views(n)) {
  const qc = new QueryClient();
  const utils = render(
    <QueryClientProvider client={qc}>
      <ApiProvider api={api}>
        <ServerTable views={list} strips={{ 'id-0': [{ t: 1, status: 'UP', durationMs: 5, errorKind: null }, { t: 2, status: 'DOWN', durationMs: 45_000, errorKind: 'ssh-timeout' }] }} alerts={alerts} />
      </ApiProvider>
    </QueryClientProvider>,
  );
  return { ...utils, scrollBox: screen.getByTestId('table-scroll') };
}

const rendered = () => screen.queryAllByTestId('server-row').map((r) => r.getAttribute('data-server-name'));

describe('virtualised fleet table', () => {
  it('puts only a window of the 1,000 rows in the DOM, with the header and real table semantics', () => {
    renderTable();
    const rows = rendered();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByTestId('row-count').textContent).toBe('1000 of 1000');
    const table = screen.getByRole('table', { name: 'Servers' });
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    expect(within(table).getByRole('columnheader', { name: /Heartbeat/ })).toBeTruthy();
    // Worst first: the two DOWN servers lead, though they sit at 500 and 777 in the input.
    expect(rows.slice(0, 2)).toEqual([HOSTILE, 'server-0777']);
    expect(screen.getAllByTestId('server-row')[1]!.getAttribute('aria-rowindex')).toBe('3');
  });

  it('brings later rows in when scrolled, and drops the first ones', () => {
    const { scrollBox } = renderTable();
    const index = (name: string | null) => Number(name?.slice('server-'.length));
    expect(Math.max(...rendered().filter((n) => n !== HOSTILE && n !== 'server-0777').map(index))).toBeLessThan(100);
    // Halfway (rows not yet rendered still count at their estimated height, so "about" halfway).
    act(() => setScroll(scrollBox, 500 * ROW_PX));
    const middle = rendered().map(index);
    expect(Math.min(...middle)).toBeGreaterThan(200);
    expect(middle.length).toBeLessThan(100);
    // To the end: the last server is there.
    act(() => setScroll(scrollBox, 10_000_000));
    expect(rendered()).toContain('server-0999');
    expect(rendered()).not.toContain('server-0001');
  });

  it('sorts and filters over all 1,000, not only the rendered window', () => {
    renderTable();
    // By name, descending: the last name alphabetically was never rendered before.
    fireEvent.click(screen.getByRole('button', { name: /^Server/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Server/ }));
    expect(rendered()[0]).toBe('server-0999');
    fireEvent.change(screen.getByLabelText('Search servers'), { target: { value: 'server-0998' } });
    expect(rendered()).toEqual(['server-0998']);
    expect(screen.getByTestId('row-count').textContent).toBe('1 of 1000');
    fireEvent.change(screen.getByLabelText('Search servers'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter by tag'), { target: { value: 'eu' } });
    expect(screen.getByTestId('row-count').textContent).toBe('100 of 1000');
    fireEvent.change(screen.getByLabelText('Filter by version'), { target: { value: '2026.9.5' } });
    // Tag eu (every 10th) and 2026.9.5 (every 3rd): every 30th of 1,000 → 34.
    expect(screen.getByTestId('row-count').textContent).toBe('34 of 1000');
  });

  it('renders a hostile server name as text', () => {
    const { container } = renderTable();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: `Details of ${HOSTILE}` }).textContent).toBe(HOSTILE);
  });

  it('moves the focused row with arrows and j/k, opens it with Enter', async () => {
    renderTable();
    const first = screen.getAllByTestId('server-row')[0]!;
    expect(first.tabIndex).toBe(0);
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-server-name')).toBe('server-0777');
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(document.activeElement?.getAttribute('data-server-name')).toBe('server-0000');
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(window.location.hash).toBe('#/servers/id-777');
    // End jumps to the last of 1,000 (scrolled in and focused).
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'End' });
      await new Promise((r) => setTimeout(r, 100)); // the virtualiser scrolls in frames
    });
    expect(document.activeElement?.getAttribute('data-server-name')).toBe('server-0999');
  });

  it('an UP row shows its worst active alert; a paused row says its data is stale; the strip counts failures', () => {
    const list = views(3);
    list[1]!.config.enabled = false;
    const alert: Alert = { id: 'a1', rule: 'agent-runs-failing', severity: 'warning', serverId: 'id-0', agentId: null, summary: 'server-0000: 3 agent runs failed', startedAt: 0, resolvedAt: null, inhibited: false, silencedBy: null, ackedAt: null, ackedBy: null };
    renderTable(3, new Map([['id-0', alert]]), list);
    const row = (name: string) => screen.getAllByTestId('server-row').find((r) => r.getAttribute('data-server-name') === name)!;
    const up = row('server-0000');
    expect(within(up).getByTestId('server-status').getAttribute('data-status')).toBe('UP');
    expect(within(up).getByTestId('row-alert').textContent).toContain('3 agent runs failed');
    expect(within(up).getByTestId('status-strip').getAttribute('aria-label')).toBe('Last 2 probes: 1 up, 1 failed');
    const paused = row('server-0001');
    expect(within(paused).getByTestId('server-status').getAttribute('data-status')).toBe('PAUSED');
    expect(within(paused).getByTestId('server-last-probe').textContent).toMatch(/^paused · \d+s ago$/);
    // Row actions: Check now in the row, the rest in its menu.
    fireEvent.click(within(up).getByRole('button', { name: 'Actions for server-0000' }));
    expect(within(up).getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Open server page', 'Edit', 'Maintenance', 'Pause', 'Remove']);
  });
});
