// Where this console watches from (issue 15): its own polling ("Watch from this computer") or an ops
// server it attaches to (URL + token, optionally through an SSH tunnel). The contract block, spread
// into methodInputs / MethodOutputs; the attach switch (src/core/remote/attach-switch.ts) answers it.
import { z } from 'zod';
import type { Role } from './method-access';

const port = z.number().int().min(1, '1–65535').max(65535, '1–65535');

/** The ops server to attach to; kept in the secret store as one JSON value (it holds the token). */
export const attachTargetSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://crank.example.net:4870/' }),
    token: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'a token from `yardmaster token create`'),
    /** PEM of the service's self-signed certificate or its CA. */
    ca: z.string().max(20_000).optional(),
    /** Reach a service that binds only loopback through SSH (host key checked against known_hosts). */
    tunnel: z
      .object({
        host: z.string().min(1, 'required').max(253),
        sshPort: port,
        sshUser: z.string().min(1, 'required').max(64),
        /** Empty: the ssh-agent. */
        privateKeyPath: z.string().max(4096),
        /** The service's port on the server's loopback. */
        remotePort: port,
      })
      .strict()
      .optional(),
  })
  .strict();
export type AttachTarget = z.infer<typeof attachTargetSchema>;

export const attachInputs = {
  'attach.status': z.object({}).strict(),
  /** Tests the target first (refused token, TLS, unreachable are reported, nothing changes); then switches. */
  'attach.set': z.discriminatedUnion('mode', [z.object({ mode: z.literal('local') }).strict(), z.object({ mode: z.literal('remote'), target: attachTargetSchema }).strict()]),
} as const;

export type AttachConnection = 'connecting' | 'open' | 'unreachable' | 'refused';

export interface AttachStatus {
  /** local: this machine polls the fleet; remote: it shows an ops server's state and polls nothing. */
  mode: 'local' | 'remote';
  /** False on an ops server itself (it watches; it does not attach elsewhere). */
  attachable: boolean;
  /** The ops server's address (never the token). */
  url: string | null;
  /** The SSH host the connection is tunnelled through, if any. */
  tunnelHost: string | null;
  connection: AttachConnection | null;
  /** The ops server's answer to access.whoami for this token (while connected). */
  role: Role | null;
  /** Why the connection is not open, in words. */
  problem: string | null;
}

export interface AttachOutputs {
  'attach.status': AttachStatus;
  'attach.set': AttachStatus;
}

export interface AttachEvents {
  /** The console switched between watching itself and an ops server, or the ops server link changed. */
  'attach.changed': AttachStatus;
}
