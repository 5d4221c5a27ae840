// Access tokens of the ops service, kept in a JSON file as SHA-256 hashes only. A token is 256 random
// bits, so a plain hash is as good as a slow one (nobody can guess the preimage) and verifying costs
// microseconds. The file is re-read whenever it changed on disk, so `yardmaster token revoke` works on
// a running service without a restart.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/method-access';

const TOKEN_PREFIX = 'ym_';
const entrySchema = z
  .object({
    id: z.string().regex(/^[a-f0-9]{8,32}$/),
    role: z.enum(ROLES),
    name: z.string().max(80),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    createdAt: z.number().int().nonnegative(),
  })
  .strict();
const fileSchema = z.object({ version: z.literal(1), tokens: z.array(entrySchema) }).strict();
export type TokenEntry = z.infer<typeof entrySchema>;

export interface VerifiedToken {
  tokenId: string;
  role: Role;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export class TokenFileError extends Error {}

export class TokenStore {
  private cache: { key: string; entries: TokenEntry[] } | null = null;

  constructor(readonly path: string) {}

  /** The entries on disk now; a missing file is an empty list. Throws TokenFileError naming the problem. */
  list(): TokenEntry[] {
    if (!existsSync(this.path)) return [];
    const info = statSync(this.path);
    const key = `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (this.cache?.key === key) return this.cache.entries;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (err) {
      throw new TokenFileError(`${this.path}: not valid JSON (${(err as Error).message})`);
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new TokenFileError(`${this.path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    }
    this.cache = { key, entries: result.data.tokens };
    return result.data.tokens;
  }

  /** The token's id and role, or null (unknown, revoked, or the file unreadable: fail closed). */
  verify(presented: string): VerifiedToken | null {
    if (!presented.startsWith(TOKEN_PREFIX)) return null;
    let entries: TokenEntry[];
    try {
      entries = this.list();
    } catch {
      return null;
    }
    const digest = Buffer.from(hashToken(presented), 'hex');
    let found: TokenEntry | null = null;
    // Compare against every entry in constant time each; no early exit on a match.
    for (const e of entries) if (timingSafeEqual(digest, Buffer.from(e.sha256, 'hex'))) found = e;
    return found ? { tokenId: found.id, role: found.role } : null;
  }

  /** Makes a token; the plain token is returned once and never stored. */
  create(role: Role, name: string, now = Date.now()): { token: string; entry: TokenEntry } {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const entry: TokenEntry = { id: randomBytes(6).toString('hex'), role, name, sha256: hashToken(token), createdAt: now };
    this.write([...this.list(), entry]);
    return { token, entry };
  }

  /** Removes a token by id (or a unique id prefix of at least 4 characters). */
  revoke(idOrPrefix: string): TokenEntry {
    const entries = this.list();
    const matches = idOrPrefix.length >= 4 ? entries.filter((e) => e.id.startsWith(idOrPrefix)) : [];
    if (matches.length !== 1) {
      throw new TokenFileError(matches.length === 0 ? `no token with id ${idOrPrefix} (see: yardmaster token list)` : `id prefix ${idOrPrefix} is ambiguous`);
    }
    this.write(entries.filter((e) => e !== matches[0]));
    return matches[0]!;
  }

  private write(tokens: TokenEntry[]): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, tokens }, null, 2) + '\n', { mode: 0o600 });
    // Atomic: a running service reads either the old file or the new one, never half of one.
    renameSync(tmp, this.path);
    this.cache = null;
  }
}
