// Walks every method of the contract as a viewer and as an operator through the real router.
import { describe, expect, it } from 'vitest';
import { methodInputs, type MethodName } from '../../shared/contract';
import { methodAccess, mayCall, ROLES } from '../../shared/method-access';
import { createMemoryLogger } from '../log';
import { createRouter, type Handlers } from '../router';

const METHODS = Object.keys(methodInputs) as MethodName[];

function recordingHandlers(called: MethodName[]): Handlers {
  return Object.fromEntries(
    METHODS.map((m) => [
      m,
      () => {
        called.push(m);
        return null;
      },
    ]),
  ) as unknown as Handlers;
}

// Names that only read. A viewer-level method must look like one, or be listed as a viewer action;
// declaring a mutation `viewer` by mistake fails here even though it typechecks.
const READ_NAME = /\.(list|get|info|audit|series|agentSeries|top|agents|fillHeatmap|transitions|whoami|localOpenclaw|plan|preview|status|history|report|show|detail|health|recentProbes|probeTimeline|incidents|targets|markers|export)$/;
const VIEWER_ACTIONS = new Set<MethodName>(['alerts.ack', 'alerts.ackAll']);

describe('method access', () => {
  it('declares a role for exactly the methods of the contract', () => {
    expect(Object.keys(methodAccess).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(ROLES).toContain(methodAccess[m]);
  });

  it('lets a viewer only read and acknowledge', () => {
    for (const m of METHODS) {
      if (methodAccess[m] === 'viewer') expect(READ_NAME.test(m) || VIEWER_ACTIONS.has(m), `${m} is declared viewer but is not a read`).toBe(true);
    }
    for (const m of ['servers.add', 'servers.update', 'servers.remove', 'silences.create', 'silences.expire', 'webhooks.add', 'email.configure', 'config.baselines.update', 'polling.pause'] as const) {
      expect(methodAccess[m]).toBe('operator');
    }
    expect(methodAccess['alerts.ack']).toBe('viewer');
  });

  it('refuses every operator method to a viewer before its handler or input check runs, and allows everything to an operator', async () => {
    const called: MethodName[] = [];
    const router = createRouter(recordingHandlers(called), createMemoryLogger());
    for (const m of METHODS) {
      const asViewer = await router.dispatch(m, {}, { role: 'viewer' });
      if (methodAccess[m] === 'operator') {
        expect(asViewer.ok, m).toBe(false);
        if (!asViewer.ok) {
          expect(asViewer.error.code, m).toBe('forbidden');
          expect(asViewer.error.message).toBe(`Not allowed: ${m} needs the operator role; this connection is a viewer.`);
        }
        expect(called).not.toContain(m);
      } else {
        // Allowed: it reaches the input check (and the handler when {} is valid input).
        if (!asViewer.ok) expect(asViewer.error.code, m).toBe('invalid-input');
      }
      const asOperator = await router.dispatch(m, {}, { role: 'operator' });
      if (!asOperator.ok) expect(asOperator.error.code, m).toBe('invalid-input');
    }
    expect(called).toContain('servers.list' satisfies MethodName);
  });

  it('treats an in-process call without a caller as the local operator', async () => {
    const called: MethodName[] = [];
    const router = createRouter(recordingHandlers(called), createMemoryLogger());
    expect((await router.dispatch('polling.resume', {})).ok).toBe(true);
    expect(called).toEqual(['polling.resume']);
  });

  it('orders roles: an operator may do what a viewer may', () => {
    for (const m of METHODS) if (mayCall('viewer', m)) expect(mayCall('operator', m)).toBe(true);
  });
});
