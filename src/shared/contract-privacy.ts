// Privacy (issue 17): the contract block, spread into methodInputs / MethodOutputs. Session keys are
// pseudonyms everywhere the console stores or sends them; an operator who opens a session in the
// window may ask for its real key, which is read from the live snapshot (never from storage).
import { z } from 'zod';

export const privacyInputs = {
  /** Operator only; logged (server and pseudonym, never the key). */
  'sessions.revealKey': z.object({ id: z.string().min(1).max(64), session: z.string().min(1).max(200) }).strict(),
} as const;

export interface PrivacyOutputs {
  /** null when the session is not in the server's live snapshot (gone, or the server is not UP). */
  'sessions.revealKey': { key: string | null };
}
