import { describe, expect, it } from 'vitest';
import { allowedHostNames, isAllowedOrigin, tokenFromProtocols, tokensEqual } from './access-control';

describe('access control', () => {
  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
  });

  it('accepts only same-host origins', () => {
    const allowed = allowedHostNames('127.0.0.1', 4870);
    expect(isAllowedOrigin('http://127.0.0.1:4870', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4870', allowed)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4871', allowed)).toBe(false);
    expect(isAllowedOrigin('null', allowed)).toBe(false);
    expect(isAllowedOrigin(undefined, allowed)).toBe(false);
    expect(isAllowedOrigin('file://', allowed)).toBe(false);
  });

  it('reads the token sub-protocol only next to ours', () => {
    expect(tokenFromProtocols('yardmaster.v1, yardmaster.token.abc')).toBe('abc');
    expect(tokenFromProtocols('yardmaster.token.abc')).toBeNull();
    expect(tokenFromProtocols(undefined)).toBeNull();
  });
});
