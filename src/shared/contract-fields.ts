// Field schemas more than one contract block uses (a server's host and ports, the SMTP relay's).
import { z } from 'zod';

export const hostname = z
  .string()
  .trim()
  .min(1, 'required')
  .max(253, 'too long')
  // A host name or an IP literal; rejects spaces, shell metacharacters and URLs pasted by mistake.
  .regex(/^[A-Za-z0-9.:_-]+$/, 'letters, digits, dots, colons, dashes only');
export const port = z.number({ error: 'a number' }).int('a whole number').min(1, '1–65535').max(65535, '1–65535');
