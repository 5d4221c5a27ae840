import { describe, expect, it } from 'vitest';
import type { ServerSnapshot, SessionFacts } from '../../shared/domain';
import { methodAccess } from '../../shared/method-access';
import { createMemoryLogger } from '../log';
import { LOCAL_OPERATOR } from '../router';
import { ephemeralPseudonyms } from './pseudonyms';
import { privacyHandlers, withSessionPseudonyms } from './privacy-handlers';

const KEY = 'agent:main:whatsapp:direct:+15551234567';

describe('the real session key in the window', () => {
  it('is a pseudonym in what the window gets, and shown only to an operator who asks, from the live snapshot', () => {
    const p = ephemeralPseudonyms();
    const snap = { serverId: 's1', sessions: [{ key: KEY } as SessionFacts] } as ServerSnapshot;
    const shown = withSessionPseudonyms(snap, p.session)!;
    expect(JSON.stringify(shown)).not.toContain('5551234567');
    expect(shown.sessions![0]!.key).toBe(p.session(KEY));
    const logger = createMemoryLogger();
    const h = privacyHandlers({ snapshot: () => snap, pseudonym: p.session, logger });
    expect(h['sessions.revealKey']({ id: 's1', session: p.session(KEY) }, LOCAL_OPERATOR)).toEqual({ key: KEY });
    expect(h['sessions.revealKey']({ id: 's1', session: 'main/main~0000000000' }, LOCAL_OPERATOR)).toEqual({ key: null });
    expect(methodAccess['sessions.revealKey']).toBe('operator');
    expect(logger.lines.map((l) => l.msg)).toContain('session key shown to an operator');
    expect(JSON.stringify(logger.lines)).not.toContain('5551234567');
  });
});
