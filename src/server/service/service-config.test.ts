import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeadlessArgs } from '../args';
import { allowedHostNames, isAllowedOrigin } from '../access-control';
import { resolveServeOptions } from './serve-options';
import { loadServiceConfig, validateServiceConfig } from './service-config';

const writeConfig = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ym-conf-')), 'config.json5');
  writeFileSync(path, text);
  return path;
};

describe('service config', () => {
  it('takes a documented JSON5 file with comments and turns durations into milliseconds', () => {
    const path = writeConfig(`{
      // the ops server
      bind: '127.0.0.1', port: 4870, dataDir: '/var/lib/yardmaster',
      pollInterval: '15s', retention: { raw: '72h' },
      alertmanager: { urls: ['http://127.0.0.1:9093'] },
    }`);
    const c = loadServiceConfig(path);
    expect(c.pollInterval).toBe(15_000);
    expect(c.retention?.raw).toBe(72 * 3_600_000);
    expect(() => validateServiceConfig({ retention: { raw: '24h' } }, 'c')).toThrow(/retention\.raw: between 2d and 30d/);
    expect(c.alertmanager?.resendInterval).toBe(60_000);
  });

  it('names every bad key, unknown keys included', () => {
    expect(() => validateServiceConfig({ port: 'x', tls: { cert: 'relative.pem' }, pollIntervall: '5s', retention: { raw: 'soon' } }, 'c.json5')).toThrow(
      /c\.json5:[\s\S]*port: a number[\s\S]*tls\.cert: an absolute path[\s\S]*tls\.key: [\s\S]*pollIntervall: unknown key/,
    );
    expect(() => validateServiceConfig({ retention: { raw: 'soon' } }, 'c')).toThrow(/retention\.raw: not a duration: soon/);
    expect(() => validateServiceConfig({ alertmanager: { urls: ['ftp://x'] } }, 'c')).toThrow(/alertmanager\.urls\.0: an http\(s\) URL/);
    expect(() => loadServiceConfig('/nonexistent/yardmaster.json5')).toThrow(/no such config file/);
    expect(() => loadServiceConfig(writeConfig('{ port: '))).toThrow(/not valid JSON5/);
  });

  it('refuses a non-loopback bind without TLS, saying why, unless --insecure-http', () => {
    const args = parseHeadlessArgs(['--host', '0.0.0.0', '--data-dir', '/tmp/ym-x'], {});
    expect(() => resolveServeOptions(args, {})).toThrow(/Refusing to serve on 0\.0\.0\.0 over plain HTTP: access tokens/);
    const insecure = parseHeadlessArgs(['--host', '0.0.0.0', '--data-dir', '/tmp/ym-x', '--insecure-http'], {});
    expect(resolveServeOptions(insecure, {}).bind).toBe('0.0.0.0');
    expect(resolveServeOptions(parseHeadlessArgs(['--data-dir', '/tmp/ym-x'], {}), {}).bind).toBe('127.0.0.1');
  });

  it('says which TLS file is missing', () => {
    const path = writeConfig(`{ tls: { cert: '/nonexistent/c.pem', key: '/nonexistent/k.pem' } }`);
    expect(() => resolveServeOptions(parseHeadlessArgs(['--config', path], {}), {})).toThrow(/tls\.cert: \/nonexistent\/c\.pem does not exist/);
  });

  it('accepts the configured public names in Host and Origin, with and without the port', () => {
    const allowed = allowedHostNames('0.0.0.0', 8443, ['crank.example.net', 'proxy.example.net:443']);
    expect(isAllowedOrigin('https://crank.example.net', allowed)).toBe(true);
    expect(isAllowedOrigin('https://crank.example.net:8443', allowed)).toBe(true);
    expect(isAllowedOrigin('https://proxy.example.net', allowed)).toBe(false);
    expect(allowed.has('proxy.example.net:443')).toBe(true);
    expect(isAllowedOrigin('https://evil.example.net:8443', allowed)).toBe(false);
  });
});
