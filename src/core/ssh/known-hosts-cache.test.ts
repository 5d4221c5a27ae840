import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownHostsEntries } from './known-hosts-cache';

const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe('known_hosts cache', () => {
  it('hands every connection the same parsed entries until the file changes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ym-kh-')), 'known_hosts');
    writeFileSync(path, `[127.0.0.1]:2201 ssh-ed25519 ${KEY}\n`);
    const first = await knownHostsEntries(path);
    expect(first).toHaveLength(1);
    // One shared list, not a copy per connection (N servers × N lines was the console's largest memory cost).
    expect(await knownHostsEntries(path)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // A key trusted in the console (an append) is seen on the next connect.
    appendFileSync(path, `[127.0.0.1]:2202 ssh-ed25519 ${KEY}\n`);
    const second = await knownHostsEntries(path);
    expect(second.map((e) => e.hostField)).toEqual(['[127.0.0.1]:2201', '[127.0.0.1]:2202']);
    rmSync(path);
    expect(await knownHostsEntries(path)).toEqual([]);
  });
});
