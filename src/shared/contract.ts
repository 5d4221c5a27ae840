// The one console API. Electron IPC (preload) and the headless WebSocket carry exactly these methods
// and events; the receiving side (core router) validates every payload with the schemas below.
// Each domain's block (inputs, outputs, events) lives in its own contract-<domain>.ts; this file
// assembles them and holds the wire frames and constants.
import type { z } from 'zod';
import type { Result } from './result';
import { serverInputs, type ServerEvents, type ServerOutputs } from './contract-servers';
import { alertInputs, type AlertEvents, type AlertOutputs } from './contract-alerts';
import { channelInputs, type ChannelEvents, type ChannelOutputs } from './contract-channels';
import { configAuditInputs, type ConfigAuditEvents, type ConfigAuditOutputs } from './contract-config-audit';
import { sessionInputs, type SessionOutputs } from './contract-sessions';
import { consoleUiInputs, type ConsoleUiEvents, type ConsoleUiOutputs } from './contract-console-ui';
import { rolloutInputs, type RolloutEvents, type RolloutOutputs } from './contract-rollouts';
import { hygieneInputs, type HygieneEvents, type HygieneOutputs } from './contract-hygiene';
import { accessInputs, type AccessOutputs } from './contract-access';
import { reportInputs, type ReportEvents, type ReportOutputs } from './contract-reports';
import { privacyInputs, type PrivacyOutputs } from './contract-privacy';
import { attachInputs, type AttachEvents, type AttachOutputs } from './contract-attach';

export { serverInputSchema, type ConsoleHealth, type PipelineStepHealth } from './contract-servers';
export type { PollingState } from './contract-alerts';

/** Input schemas, one per method. Keys are the method names. */
export const methodInputs = {
  ...serverInputs,
  ...alertInputs,
  ...channelInputs,
  ...configAuditInputs,
  ...sessionInputs,
  ...consoleUiInputs,
  ...rolloutInputs,
  ...hygieneInputs,
  ...accessInputs,
  ...reportInputs,
  ...privacyInputs,
  ...attachInputs,
} as const;

/** Output types, one per method. */
export interface MethodOutputs
  extends ServerOutputs,
    AlertOutputs,
    ChannelOutputs,
    ConfigAuditOutputs,
    SessionOutputs,
    ConsoleUiOutputs,
    RolloutOutputs,
    HygieneOutputs,
    AccessOutputs,
    ReportOutputs,
    PrivacyOutputs,
    AttachOutputs {}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<M extends MethodName> = z.input<(typeof methodInputs)[M]>;
export type MethodOutput<M extends MethodName> = MethodOutputs[M];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methodInputs, name);

/** Events pushed from core to every window. */
export interface EventPayloads extends ServerEvents, AlertEvents, ChannelEvents, ConfigAuditEvents, ConsoleUiEvents, RolloutEvents, HygieneEvents, ReportEvents, AttachEvents {}
export type EventTopic = keyof EventPayloads;

/** What the renderer talks to; provided by the preload (Electron) or a WebSocket client (browser). */
export interface Bridge {
  invoke(method: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(topic: string, listener: (data: unknown) => void): () => void;
}

/** Frames on the headless WebSocket. */
export type ClientFrame = { type: 'invoke'; id: number; method: string; payload: unknown };
export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; topic: EventTopic; data: unknown };

/** WebSocket sub-protocol names. The token rides in a second sub-protocol because browsers cannot set headers. */
export const WS_PROTOCOL = 'yardmaster.v1';
/** The close code of a console socket whose token was revoked (the window must not just reconnect). */
export const WS_CLOSE_REVOKED = 4401;
export const WS_TOKEN_PREFIX = 'yardmaster.token.';
/** Largest frame either side accepts. */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
/** IPC channel names (Electron). */
export const IPC_INVOKE = 'yardmaster:invoke';
export const IPC_EVENT = 'yardmaster:event';
