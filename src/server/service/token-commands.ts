// `yardmaster token create|list|revoke`: manages the token file a running service re-reads on change.
import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isRole } from '../../shared/method-access';
import { loadServiceConfig } from './service-config';
import { TokenStore } from './token-store';

export const TOKEN_USAGE = `Usage:
  yardmaster token create --role viewer|operator [--name <label>]   prints a new token once
  yardmaster token list                                             id, role, name, created
  yardmaster token revoke <id>                                      takes effect on a running service within seconds
Options (all): --config <file> | --data-dir <dir> | --token-file <file>`;

export function tokenCommand(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      'token-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [action, ...rest] = positionals;
  if (values.help || !action) throw new Error(TOKEN_USAGE);
  const config = loadServiceConfig(values.config ?? env.YARDMASTER_CONFIG ?? null);
  const dataDir = resolve(values['data-dir'] ?? config.dataDir ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'yardmaster'));
  const store = new TokenStore(values['token-file'] ?? config.tokenFile ?? join(dataDir, 'tokens.json'));
  if (action === 'create') {
    if (!isRole(values.role)) throw new Error('token create needs --role viewer or --role operator');
    const name = (values.name ?? '').trim();
    if (name.length > 80 || /[\u0000-\u001f]/.test(name)) throw new Error('--name: at most 80 printable characters');
    const { token, entry } = store.create(values.role, name);
    out(token);
    out(`# id ${entry.id}, role ${entry.role}; shown once, stored only as a SHA-256 hash in ${store.path}`);
    out('# open the console at <service URL>/#token=<token>; Prometheus: authorization.credentials');
    return 0;
  }
  if (action === 'list') {
    const rows = store.list();
    if (rows.length === 0) out(`no tokens in ${store.path}`);
    for (const e of rows) out(`${e.id}  ${e.role.padEnd(8)}  ${new Date(e.createdAt).toISOString()}  ${e.name}`);
    return 0;
  }
  if (action === 'revoke') {
    if (rest.length !== 1) throw new Error('token revoke needs exactly one token id (see: yardmaster token list)');
    const gone = store.revoke(rest[0]!);
    out(`revoked ${gone.id} (${gone.role}${gone.name ? `, ${gone.name}` : ''})`);
    return 0;
  }
  throw new Error(`unknown token action ${JSON.stringify(action)}\n${TOKEN_USAGE}`);
}
