// Notification channels: webhooks and alert email (set up, test, remove), with their events.
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import { z } from 'zod';
import { webhookUrlProblem } from './webhook-url';
import type { EmailView, WebhookView } from './domain';
import { hostname, port } from './contract-fields';

const webhookUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL')
  .superRefine((url, ctx) => {
    const problem = webhookUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const emailAddress = z
  .string()
  .trim()
  .min(3)
  .max(254)
  // One bare address: no display names, lists or header syntax.
  .regex(/^[^\s<>@,;"]+@[^\s<>@,;"]+$/, 'one address, like ops@example.com');

export const channelInputs = {
  'webhooks.list': z.object({}).strict(),
  'webhooks.add': z
    .object({
      name: z.string().trim().min(1, 'required').max(80),
      kind: z.enum(['slack', 'discord', 'json']),
      minSeverity: z.enum(['critical', 'warning']),
      url: webhookUrl,
    })
    .strict(),
  'webhooks.setUrl': z.object({ id: z.string().min(1).max(64), url: webhookUrl }).strict(),
  'webhooks.remove': z.object({ id: z.string().min(1).max(64) }).strict(),
  'webhooks.test': z.object({ id: z.string().min(1).max(64) }).strict(),
  'email.get': z.object({}).strict(),
  'email.configure': z
    .object({
      host: hostname,
      port,
      security: z.enum(['tls', 'starttls', 'none']),
      username: z.string().trim().max(256).nullable(),
      /** Omitted: keep the stored password. */
      password: z.string().max(1024).optional(),
      from: emailAddress,
      to: z.array(emailAddress).min(1, 'at least one recipient').max(20, 'at most 20 recipients'),
      minSeverity: z.enum(['critical', 'warning']),
    })
    .strict(),
  'email.remove': z.object({}).strict(),
  'email.test': z.object({}).strict(),
} as const;

export interface ChannelOutputs {
  'webhooks.list': WebhookView[];
  'webhooks.add': WebhookView;
  'webhooks.setUrl': WebhookView;
  'webhooks.remove': { removed: true };
  'webhooks.test': { ok: boolean; attempts: number; status: number | null; error: string | null };
  'email.get': EmailView | null;
  'email.configure': EmailView;
  'email.remove': { removed: true };
  'email.test': { ok: boolean; attempts: number; status: number | null; error: string | null };
}

export interface ChannelEvents {
  /** Webhooks were added, removed, or delivered something. */
  'webhooks.changed': Record<string, never>;
  /** The email channel was set up, changed, removed, or delivered something. */
  'email.changed': Record<string, never>;
}
