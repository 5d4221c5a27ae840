// The one way a real session key leaves the core: an operator opening a session in the window.
import type { ServerSnapshot } from '../../shared/domain';
import type { Logger } from '../log';
import type { Handlers } from '../router';

export interface PrivacyHandlerDeps {
  snapshot: (serverId: string) => ServerSnapshot | null;
  pseudonym: (sessionKey: string) => string;
  logger: Logger;
}

export function privacyHandlers(d: PrivacyHandlerDeps): Pick<Handlers, 'sessions.revealKey'> {
  return {
    'sessions.revealKey': ({ id, session }) => {
      const key = d.snapshot(id)?.sessions?.find((s) => d.pseudonym(s.key) === session)?.key ?? null;
      d.logger.info('session key shown to an operator', { serverId: id, session, found: key !== null });
      return { key };
    },
  };
}

/** A snapshot as the window gets it: session keys as pseudonyms (the real one only through sessions.revealKey). */
export function withSessionPseudonyms(s: ServerSnapshot | null, pseudonym: (sessionKey: string) => string): ServerSnapshot | null {
  if (!s?.sessions) return s;
  return { ...s, sessions: s.sessions.map((row) => ({ ...row, key: pseudonym(row.key) })) };
}
