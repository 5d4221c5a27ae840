// Settings behind one interface. Electron uses electron-store, headless uses conf (electron-store's
// engine); both satisfy SettingsBackend. Invalid documents or entries are set aside, never dropped.
import type { ServerConfig } from '../../shared/domain';
import type { Logger } from '../log';
import { configBaselineSchema, defaultSettings, serverConfigSchema, settingsSchema, type SettingsDocument } from './settings-schema';
import type { EmailConfig, WebhookConfig } from '../../shared/domain';
import type { ConfigBaseline } from '../../shared/config-audit';

export interface SettingsBackend {
  read(): unknown;
  write(doc: SettingsDocument): void;
  /** Keep a copy of something we could not use, so no hand edit is lost. Returns where it went. */
  setAside(raw: unknown, reason: string): string;
}

export interface Settings {
  servers: ServerConfig[];
  pollIntervalMs: number;
  knownHostsPath: string | null;
  webhooks: WebhookConfig[];
  email: EmailConfig | null;
  /** Config audit baselines by role. */
  configBaselines: Record<string, ConfigBaseline>;
  /** Settings-view tunables (intervals, hold-down, escalation); checked field by field on read (console-tunables.ts). */
  tunables?: Record<string, unknown>;
}

export class SettingsStore {
  private current: Settings;

  constructor(
    private readonly backend: SettingsBackend,
    private readonly logger: Logger,
  ) {
    this.current = this.load();
  }

  get(): Settings {
    return this.current;
  }

  update(change: (s: Settings) => Settings): Settings {
    const next = change(this.current);
    const doc: SettingsDocument = {
      schemaVersion: 1,
      servers: next.servers.map((s) => serverConfigSchema.parse(s)),
      pollIntervalMs: next.pollIntervalMs,
      knownHostsPath: next.knownHostsPath,
      webhooks: next.webhooks,
      email: next.email,
      configBaselines: Object.fromEntries(Object.entries(next.configBaselines ?? {}).map(([role, b]) => [role, configBaselineSchema.parse(b)])),
      ...(next.tunables ? { tunables: next.tunables } : {}),
    };
    settingsSchema.parse(doc);
    this.backend.write(doc);
    this.current = { ...next, servers: doc.servers as ServerConfig[] };
    return this.current;
  }

  private load(): Settings {
    const raw = this.backend.read();
    const isEmpty = raw == null || (typeof raw === 'object' && Object.keys(raw as object).length === 0);
    if (isEmpty) return toSettings(defaultSettings());
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) {
      const where = this.backend.setAside(raw, 'settings document invalid');
      this.logger.error('settings file invalid; starting from defaults, original kept', {
        keptAt: where,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return toSettings(defaultSettings());
    }
    const servers: ServerConfig[] = [];
    for (const entry of parsed.data.servers) {
      const server = serverConfigSchema.safeParse(entry);
      if (server.success) servers.push(server.data as ServerConfig);
      else {
        const where = this.backend.setAside(entry, 'server entry invalid');
        this.logger.error('server entry invalid; set aside', { keptAt: where });
      }
    }
    const configBaselines: Record<string, ConfigBaseline> = {};
    for (const [role, entry] of Object.entries(parsed.data.configBaselines ?? {})) {
      const baseline = configBaselineSchema.safeParse(entry);
      if (baseline.success && baseline.data.role === role) configBaselines[role] = baseline.data;
      else {
        const where = this.backend.setAside(entry, 'config baseline invalid');
        this.logger.error('config baseline invalid; set aside', { role: role.slice(0, 40), keptAt: where });
      }
    }
    return { ...toSettings(parsed.data), servers, configBaselines };
  }
}

function toSettings(doc: SettingsDocument): Settings {
  return { servers: [], pollIntervalMs: doc.pollIntervalMs, knownHostsPath: doc.knownHostsPath, webhooks: doc.webhooks ?? [], email: doc.email ?? null, configBaselines: {}, tunables: doc.tunables };
}

/** An in-memory backend for tests. */
export function createMemorySettingsBackend(initial?: unknown): SettingsBackend & { doc: unknown; asides: unknown[] } {
  const state = { doc: initial as unknown, asides: [] as unknown[] };
  return {
    get doc() {
      return state.doc;
    },
    asides: state.asides,
    read: () => state.doc,
    write: (doc) => {
      state.doc = structuredClone(doc);
    },
    setAside: (raw) => {
      state.asides.push(raw);
      return `memory:${state.asides.length - 1}`;
    },
  };
}
