import { describe, expect, it } from 'vitest';
import { parseReadyz } from './readiness';

describe('parseReadyz', () => {
  it('reads ready and the failing checks, as the gateway reports them', () => {
    expect(parseReadyz(200, '{"ready":true,"failing":[],"uptimeMs":5,"eventLoop":{"degraded":false}}')).toEqual({ ready: true, failing: [] });
    expect(parseReadyz(503, '{"ready":false,"failing":["agent-database:main","plugin-reload"]}')).toEqual({ ready: false, failing: ['agent-database:main', 'plugin-reload'] });
  });

  it('keeps hostile or odd bodies out, and says nothing for statuses it does not know', () => {
    expect(parseReadyz(503, '<html><script>x</script>')).toEqual({ ready: false, failing: [] });
    expect(parseReadyz(503, JSON.stringify({ failing: ['<img src=x>', 'ok-name', 42] }))).toEqual({ ready: false, failing: ['ok-name'] });
    expect(parseReadyz(404, 'not found')).toBeNull();
  });
});
