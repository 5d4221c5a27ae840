// Always visible while attached: which ops server this window shows, and whether the link is up.
import { useAttachStatus } from './use-attach';

const CONNECTION_WORDS = { connecting: 'connecting…', open: 'connected', unreachable: 'unreachable, reconnecting', refused: 'refused this console' } as const;

export function AttachBadge() {
  const status = useAttachStatus().data;
  if (!status || status.mode !== 'remote' || !status.url) return null;
  const host = new URL(status.url).host;
  const connection = status.connection ?? 'connecting';
  return (
    <span
      className={`badge attach-badge attach-${connection}`}
      data-testid="attach-badge"
      data-connection={connection}
      title={status.problem ?? `This window shows the ops server ${status.url}${status.tunnelHost ? ` through SSH to ${status.tunnelHost}` : ''}; this computer polls nothing.`}
    >
      Ops server {host}
      {status.tunnelHost ? ` via ${status.tunnelHost}` : ''} · {CONNECTION_WORDS[connection]}
      {status.role ? ` · ${status.role}` : ''}
    </span>
  );
}
