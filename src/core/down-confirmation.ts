// When one probe may call a server DOWN at once, skipping the PENDING retry. The retry is there so a
// single lost packet pages nobody; it is not needed when two independent signals agree:
//   - the gateway's WebSocket closed (crash, restart) and sshd, asked to connect to the gateway's port,
//     was refused: the process is gone;
//   - the WebSocket stopped answering pings and /healthz, reached through a working SSH connection,
//     did not answer either: the process is there but hung.
// A failure with no link lost before it, or of another kind (SSH timeout, unreachable host: one cause,
// the network, behind both signals), keeps the retry.
import type { ProbeError } from '../shared/domain';
import type { LinkLoss } from './gateway/gateway-link';

export function confirmsDown(linkLoss: LinkLoss | undefined, error: ProbeError | null): boolean {
  if (!linkLoss || !error) return false;
  if (linkLoss === 'closed') return error.kind === 'gateway-unreachable' && error.detail?.forward === 'refused';
  return error.kind === 'gateway-unresponsive';
}
