// A mutation the core refused for the role is reported once, in words, whichever button sent it
// (the backstop behind the disabled controls).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { reportForbidden, useAccessStore } from './access-store';

describe('refused for the role', () => {
  it('keeps the refusal for the banner, and ignores other failures', () => {
    reportForbidden(new ApiError({ code: 'invalid-input', message: 'Name: required' }));
    expect(useAccessStore.getState().refused).toBeNull();
    reportForbidden(new ApiError({ code: 'forbidden', message: 'Not allowed: servers.add needs the operator role; this connection is a viewer.' }));
    expect(useAccessStore.getState().refused).toBe('Not allowed: servers.add needs the operator role; this connection is a viewer.');
  });
});
