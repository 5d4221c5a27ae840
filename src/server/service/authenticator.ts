// Who a presented token is: a token from the token file (with its role), or the single per-run token
// of a plain `npm run start:headless` (the developer's own, operator).
import type { Role } from '../../shared/method-access';
import { tokensEqual } from '../access-control';
import type { TokenStore, VerifiedToken } from './token-store';

export interface Authenticator {
  verify(presented: string): VerifiedToken | null;
}

export function createAuthenticator(o: { fixedToken?: string | null; fixedRole?: Role; store?: TokenStore | null }): Authenticator {
  return {
    verify(presented) {
      if (!presented) return null;
      if (o.fixedToken && tokensEqual(o.fixedToken, presented)) return { tokenId: 'command-line', role: o.fixedRole ?? 'operator' };
      return o.store?.verify(presented) ?? null;
    },
  };
}
