// Settings: polling and alerting tunables, and the notification channels (webhooks, email).
import { useConsoleSettings } from '../hooks/use-settings';
import { EmailPanel } from '../components/EmailPanel';
import { WebhooksPanel } from '../components/WebhooksPanel';
import { TunablesForm } from './TunablesForm';
import { AttachPanel } from '../attach/AttachPanel';
import { useReadOnly } from '../access/use-read-only';

export function SettingsView() {
  const settings = useConsoleSettings();
  const readOnly = useReadOnly();
  return (
    <div className="view settings-view" data-testid="settings-view">
      <AttachPanel />
      {readOnly && (
        <p className="muted" data-testid="settings-read-only">
          {readOnly}
        </p>
      )}
      {/* A viewer sees the settings but cannot change them: every control below is disabled. */}
      <fieldset className="plain-fieldset" disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
        <section className="panel" aria-label="Polling and alerting">
          <h2>Polling and alerting</h2>
          {settings.isError && <p className="form-error">Could not load the settings: {settings.error.message}</p>}
          {settings.data && <TunablesForm view={settings.data} />}
        </section>
        <section className="panel" aria-label="Notification channels">
          <h2>Notification channels</h2>
          <p className="muted">Alerts go to the desktop notification, then to these. Channel secrets (URLs, passwords) are never shown again.</p>
          <WebhooksPanel />
          <EmailPanel />
        </section>
      </fieldset>
    </div>
  );
}
