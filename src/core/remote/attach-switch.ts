// Where this console watches from. Either its own core polls the fleet ("Watch from this computer"),
// or it is attached to an ops server and shows that server's fleet, alerts and events while this
// machine polls nothing: the local core is stopped (no collector, no SSH, no database) until the
// operator switches back. Hosts (Electron main, the personal headless console) talk to this instead
// of the core; it has the core's router/events/metrics shape, and answers attach.* itself.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { attachInputs, attachTargetSchema, type AttachStatus, type AttachTarget } from '../../shared/contract-attach';
import { isMethodName } from '../../shared/contract';
import { describeInvalidFields } from '../../shared/field-labels';
import { mayCall, methodAccess, type Role } from '../../shared/method-access';
import { fail, ok, type Result } from '../../shared/result';
import type { ConsoleEndpoint, Core } from '../core-options';
import { EventHub } from '../events';
import type { Logger } from '../log';
import { AppError, LOCAL_OPERATOR, type Caller, type Router } from '../router';
import type { SecretVault } from '../secrets';
import { ATTACH_SECRET_KEY, attachTo, type AttachedEndpoint } from './attached-endpoint';

export interface AttachSwitchOptions {
  /** Builds (and locks the data dir of) the local core; called again when switching back to local. */
  createLocal: () => Core;
  /** Where the attach target (with its token) is kept; memory only without one (the headless console). */
  vault?: SecretVault;
  logger: Logger;
  /** For an SSH tunnel's host-key check (default ~/.ssh/known_hosts), plus the console's own trusted keys. */
  knownHostsPath?: string;
  trustedHostsPath?: string;
  agentSocket?: string;
  /** How long "Attach" waits for the first answer before calling the server unreachable. */
  trialTimeoutMs?: number;
  /** Reconnect and watcher-alarm timing (tests shorten them). */
  endpoint?: { tickMs?: number; graceMs?: number; minDelayMs?: number; maxDelayMs?: number };
}

interface Attached {
  target: AttachTarget;
  endpoint: AttachedEndpoint;
  role: Role | null;
  off: () => void;
}

type SetInput = z.output<(typeof attachInputs)['attach.set']>;

function memoryVault(): SecretVault {
  let all: Record<string, string> = {};
  return { load: () => all, save: (next) => void (all = { ...next }) };
}

export class AttachSwitch implements ConsoleEndpoint {
  readonly events: EventHub;
  readonly router: Router = { dispatch: (method, payload, caller) => this.dispatch(method, payload, caller) };
  private local: Core | null = null;
  private offLocal: (() => void) | null = null;
  private attached: Attached | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly vault: SecretVault;

  constructor(private readonly o: AttachSwitchOptions) {
    this.events = new EventHub(o.logger);
    this.vault = o.vault ?? memoryVault();
  }

  /** The local core while watching from this computer; null while attached. */
  localCore(): Core | null {
    return this.local;
  }

  /** Resumes the saved choice: attached to the saved ops server (reconnecting by itself), else local. */
  start(): void {
    const saved = this.savedTarget();
    if (saved) {
      this.o.logger.info('attaching to the saved ops server', { url: saved.url, tunnel: saved.tunnel?.host ?? '' });
      this.useRemote(saved, this.open(saved), null);
    } else this.useLocal();
  }

  async stop(): Promise<void> {
    this.detachRemote();
    await this.stopLocal();
  }

  metricsText(): string {
    return this.local?.metricsText() ?? '';
  }

  status(): AttachStatus {
    const a = this.attached;
    if (!a) return { mode: 'local', attachable: true, url: null, tunnelHost: null, connection: null, role: null, problem: null };
    return { mode: 'remote', attachable: true, url: a.target.url, tunnelHost: a.target.tunnel?.host ?? null, connection: a.endpoint.state(), role: a.role, problem: a.endpoint.problem() };
  }

  private async dispatch(method: unknown, payload: unknown, caller?: Caller): Promise<Result<unknown>> {
    if (method === 'attach.status' || method === 'attach.set') return this.dispatchAttach(method, payload, caller ?? LOCAL_OPERATOR);
    if (this.attached) {
      // This console's own window may be a viewer too (a headless console's token): checked here, and
      // again by the ops server against the attach token's role.
      if (caller && isMethodName(method) && !mayCall(caller.role, method)) return forbidden(method, caller);
      return this.attached.endpoint.router.dispatch(method, payload);
    }
    if (!this.local) return fail('internal', 'The console is switching where it watches from; try again in a moment.');
    return caller ? this.local.router.dispatch(method, payload, caller) : this.local.router.dispatch(method, payload);
  }

  private async dispatchAttach(method: 'attach.status' | 'attach.set', payload: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!mayCall(caller.role, method)) return forbidden(method, caller);
    const parsed = attachInputs[method].safeParse(payload ?? {});
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
      // Named for the message only: this token is the ops server's access token, not a gateway's.
      const named = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === 'target.token' ? 'target.accessToken' : k, v]));
      return fail('invalid-input', describeInvalidFields(named), fields);
    }
    if (method === 'attach.status') return ok(this.status());
    // One switch at a time: a second click waits for the first to finish.
    const run = this.queue.then(() => this.set(parsed.data as SetInput));
    this.queue = run.catch(() => {});
    try {
      return ok(await run);
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.fields);
      this.o.logger.error('attach switch failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return fail('internal', 'Internal error while switching where the console watches from.');
    }
  }

  private async set(input: SetInput): Promise<AttachStatus> {
    if (input.mode === 'local') {
      this.detachRemote();
      this.remember(null);
      if (!this.local) this.useLocal();
      this.changed();
      return this.status();
    }
    const target = input.target;
    // Try first: a wrong URL, refused token, TLS failure or unreachable server changes nothing.
    const trial = this.open(target);
    const state = await settled(trial, this.o.trialTimeoutMs ?? 15_000);
    if (state !== 'open') {
      const why = trial.problem() ?? `${new URL(target.url).host} did not answer within ${Math.round((this.o.trialTimeoutMs ?? 15_000) / 1000)} s.`;
      trial.close();
      throw new AppError('unreachable', `Not attached: ${why}`);
    }
    const who = await trial.router.dispatch('access.whoami', {});
    if (!who.ok) {
      trial.close();
      throw new AppError('unreachable', `Not attached: ${target.url} did not say which role this token has (${who.error.message}).`);
    }
    this.detachRemote();
    await this.stopLocal();
    this.remember(target);
    this.useRemote(target, trial, (who.value as { role: Role }).role);
    this.o.logger.info('attached to an ops server; this machine polls nothing now', { url: target.url, tunnel: target.tunnel?.host ?? '' });
    this.changed();
    return this.status();
  }

  private open(target: AttachTarget): AttachedEndpoint {
    return attachTo(target, {
      logger: this.o.logger,
      knownHostsPath: this.o.knownHostsPath ?? join(homedir(), '.ssh', 'known_hosts'),
      trustedHostsPath: this.o.trustedHostsPath,
      agentSocket: this.o.agentSocket ?? process.env.SSH_AUTH_SOCK,
      ...this.o.endpoint,
    });
  }

  private useRemote(target: AttachTarget, endpoint: AttachedEndpoint, role: Role | null): void {
    const attached: Attached = { target, endpoint, role, off: () => {} };
    attached.off = endpoint.events.on((topic, data) => {
      if (topic !== 'attach.state') return this.events.emit(topic, data as never);
      // Back after a loss: the token's role may have changed (revoked and re-issued), ask again.
      if ((data as { state: string }).state === 'open') {
        void endpoint.router.dispatch('access.whoami', {}).then((r) => {
          if (r.ok && this.attached === attached) attached.role = (r.value as { role: Role }).role;
          this.changed();
        });
      }
      this.changed();
    });
    this.attached = attached;
  }

  private useLocal(): void {
    const core = this.o.createLocal();
    this.offLocal = core.events.on((topic, data) => this.events.emit(topic, data));
    this.local = core;
    core.start();
  }

  private detachRemote(): void {
    if (!this.attached) return;
    this.attached.off();
    this.attached.endpoint.close();
    this.attached = null;
  }

  private async stopLocal(): Promise<void> {
    const core = this.local;
    if (!core) return;
    this.offLocal?.();
    this.offLocal = null;
    this.local = null;
    await core.stop();
  }

  private changed(): void {
    this.events.emit('attach.changed', this.status());
  }

  private savedTarget(): AttachTarget | null {
    const raw = this.vault.load()[ATTACH_SECRET_KEY];
    if (!raw) return null;
    try {
      return attachTargetSchema.parse(JSON.parse(raw));
    } catch {
      this.o.logger.warn('the saved ops server target is unreadable; watching from this computer');
      return null;
    }
  }

  /** Read-modify-write of the vault: the local core's secrets (passphrases, webhook URLs) stay as they are. */
  private remember(target: AttachTarget | null): void {
    const all = { ...this.vault.load() };
    if (target) all[ATTACH_SECRET_KEY] = JSON.stringify(target);
    else if (!(ATTACH_SECRET_KEY in all)) return;
    else delete all[ATTACH_SECRET_KEY];
    this.vault.save(all);
  }
}

function forbidden(method: string, caller: Caller): Result<never> {
  const needs = isMethodName(method) ? methodAccess[method] : 'operator';
  return fail('forbidden', `Not allowed: ${method} needs the ${needs} role; this connection is a ${caller.role}.`);
}

/** The first state after "connecting" (open, refused, unreachable), or "connecting" after the timeout. */
function settled(endpoint: AttachedEndpoint, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    if (endpoint.state() !== 'connecting') return resolve(endpoint.state());
    const timer = setTimeout(() => finish('connecting'), timeoutMs);
    const off = endpoint.events.on((topic, data) => {
      if (topic === 'attach.state' && (data as { state: string }).state !== 'connecting') finish((data as { state: string }).state);
    });
    function finish(state: string) {
      clearTimeout(timer);
      off();
      resolve(state);
    }
  });
}
