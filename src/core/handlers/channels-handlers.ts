// Console API of the alert channels: webhooks and email.
import { EmailConfigError, type EmailService } from '../email/email-service';
import { AppError, type Handlers } from '../router';
import type { WebhookService } from '../webhooks/webhook-service';

type ChannelMethods =
  | 'webhooks.list'
  | 'webhooks.add'
  | 'webhooks.setUrl'
  | 'webhooks.remove'
  | 'webhooks.test'
  | 'email.get'
  | 'email.configure'
  | 'email.remove'
  | 'email.test';

export function channelsHandlers(d: { webhooks: WebhookService; email: EmailService }): Pick<Handlers, ChannelMethods> {
  const { webhooks, email } = d;
  return {
    'webhooks.list': () => webhooks.list(),
    'webhooks.add': ({ url, ...config }) => {
      const hook = webhooks.add(config, url);
      return webhooks.list().find((w) => w.id === hook.id)!;
    },
    'webhooks.setUrl': ({ id, url }) => {
      if (!webhooks.setUrl(id, url)) throw new AppError('not-found', 'No such webhook.');
      return webhooks.list().find((w) => w.id === id)!;
    },
    'webhooks.remove': ({ id }) => {
      if (!webhooks.remove(id)) throw new AppError('not-found', 'No such webhook.');
      return { removed: true as const };
    },
    'webhooks.test': async ({ id }) => {
      const result = await webhooks.test(id);
      if (!result) throw new AppError('not-found', 'No such webhook.');
      return result;
    },
    'email.get': () => email.view(),
    'email.configure': ({ password, ...config }) => {
      try {
        return email.configure(config, password);
      } catch (err) {
        if (err instanceof EmailConfigError) throw new AppError('invalid-input', err.message, { security: err.message });
        throw err;
      }
    },
    'email.remove': () => {
      if (!email.remove()) throw new AppError('not-found', 'Email is not set up.');
      return { removed: true as const };
    },
    'email.test': async () => {
      const result = await email.test();
      if (!result) throw new AppError('not-found', 'Email is not set up.');
      return result;
    },
  };
}
