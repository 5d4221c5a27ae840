// The install's one pseudonym secret (`pseudonym.key` in the data dir, 0600) and what is keyed by it:
// report redaction ("host-3f9a1c") and session keys outside the window. OpenClaw session keys can
// carry client identities (`agent:main:telegram:direct:+15551234567`), so history, alerts, logs,
// webhooks, email and reports name a session by its agent, its channel kind and a keyed hash; nobody
// without the secret can test a guessed phone number against it. The window can show the real key to
// an operator on demand (from the live snapshot, never from storage).
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Pseudonyms {
  /** A stable pseudonym for a name: `<kind>-<6 hex>`. */
  of(kind: string, value: string): string;
  /** A session key as it may be stored or sent: `<agent>/<channel kind>~<10 hex>`; a pseudonym is returned as is. */
  session(key: string): string;
}

/** Words a session key's shape is told by (OpenClaw's scopes and channel ids); every other segment is an identity. */
const SHAPE_WORDS = new Set([
  'main', 'direct', 'dm', 'group', 'channel', 'thread', 'topic', 'cron', 'run', 'subagent', 'hook', 'heartbeat', 'acp', 'node', 'global',
  'whatsapp', 'telegram', 'discord', 'slack', 'signal', 'imessage', 'bluebubbles', 'googlechat', 'msteams', 'matrix', 'mattermost',
  'line', 'webchat', 'irc', 'nostr', 'feishu', 'zalo', 'twitch', 'email', 'sms', 'voice', 'nextcloud', 'synology', 'tlon', 'web',
]);
const AGENT = /^[A-Za-z0-9._-]{1,64}$/;
const PSEUDONYM = /^[A-Za-z0-9._-]{1,64}\/[a-z-]{1,80}~[0-9a-f]{10}$/;

export const isSessionPseudonym = (v: string): boolean => PSEUDONYM.test(v);

function pseudonymsOf(secret: Buffer): Pseudonyms {
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
  return {
    of: (kind, value) => `${kind}-${mac(`${kind}\0${value}`).slice(0, 6)}`,
    session: (key) => {
      if (PSEUDONYM.test(key)) return key;
      const parts = key.split(':');
      const agent = parts[0] === 'agent' && AGENT.test(parts[1] ?? '') ? parts[1]! : 'unknown';
      const shape: string[] = [];
      for (const p of parts.slice(parts[0] === 'agent' ? 2 : 0)) {
        const w = p.toLowerCase();
        if (SHAPE_WORDS.has(w) && shape[shape.length - 1] !== w) shape.push(w);
      }
      return `${agent}/${shape.slice(0, 4).join('-') || 'session'}~${mac(`session\0${key}`).slice(0, 10)}`;
    },
  };
}

/** The install's pseudonyms: the secret is read from secretPath, or made there (0600, its folder 0700). */
export function installPseudonyms(secretPath: string): Pseudonyms {
  let secret: Buffer;
  try {
    secret = readFileSync(secretPath);
    if (secret.length < 32) throw new Error('short');
    chmodSync(secretPath, 0o600);
  } catch {
    secret = randomBytes(32);
    mkdirSync(dirname(secretPath), { recursive: true, mode: 0o700 });
    writeFileSync(secretPath, secret, { mode: 0o600 });
  }
  return pseudonymsOf(secret);
}

/** A secret that lives as long as the process (in-memory databases, unit tests). */
export const ephemeralPseudonyms = (): Pseudonyms => pseudonymsOf(randomBytes(32));
