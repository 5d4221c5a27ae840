import { describe, expect, it } from 'vitest';
import { ProbeFailure } from '../ssh/ssh-errors';
import { cliErrorEnvelope, parseJsonDocument, parseVersionOutput } from './openclaw-output';

describe('openclaw output parsers', () => {
  it.each([
    ['OpenClaw 2026.9.6 (eb377ac)\n', '2026.9.6', 'eb377ac'],
    ['OpenClaw 2026.2.6-3 (85ed6c7)', '2026.2.6-3', '85ed6c7'],
    ['(node:1) warning\nOpenClaw 2026.7.1-beta.2', '2026.7.1-beta.2', null],
  ])('reads the version from %j', (text, version, build) => {
    expect(parseVersionOutput(text)).toEqual({ version, build });
  });

  it('rejects version output that is not OpenClaw', () => {
    expect(() => parseVersionOutput('bash: hello')).toThrow(ProbeFailure);
  });

  it('finds one JSON document after stray wrapper lines', () => {
    expect(parseJsonDocument('Welcome!\n{"ok":true}\n', 'x')).toEqual({ ok: true });
  });

  it('never quotes what the server printed in a malformed-output error', () => {
    expect(() => parseJsonDocument('SENTINEL-7f3a not json', 'openclaw health --json')).toThrow(/did not print valid JSON \(\d+ bytes\)\.$/);
    for (const bad of ['SENTINEL-7f3a not json']) {
      try {
        parseJsonDocument(bad, 'x');
      } catch (err) {
        expect((err as Error).message).not.toContain('SENTINEL');
      }
      try {
        parseVersionOutput(bad);
      } catch (err) {
        expect((err as Error).message).not.toContain('SENTINEL');
      }
    }
  });

  it('recognises the failure envelope and keeps only its id-shaped type and the kind of its message', () => {
    const envelope = cliErrorEnvelope({ ok: false, error: { type: 'gateway_transport_error', message: 'connect ECONNREFUSED; user said SENTINEL-7f3a' } });
    expect(envelope).toEqual({ type: 'gateway_transport_error', kind: 'network', valueAbsent: false });
    expect(cliErrorEnvelope({ ok: false, error: { type: 'SENTINEL 7f3a with spaces', message: 'x' } })?.type).toBe('unknown');
    expect(cliErrorEnvelope({ ok: true })).toBeNull();
  });
});

describe('probe error messages', () => {
  it('lose terminal escapes and control characters, and are capped', async () => {
    const { probeFailure } = await import('../ssh/ssh-errors');
    const f = probeFailure('command-failed', `exited 1: \u001b[31mred\u001b[0m\u0007 bell\r\n${'x'.repeat(5000)}`);
    expect(f.message.startsWith('exited 1: red bell\n')).toBe(true);
    expect(f.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(f.message.length).toBeLessThanOrEqual(1001);
  });
});
