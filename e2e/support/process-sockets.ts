// Which TCP peers one process is connected to, read from /proc (its socket fds matched against the
// kernel's TCP tables). Shows, without trusting the process's own log, whether it opened SSH.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface TcpPeer {
  remotePort: number;
  localPort: number;
}

const ESTABLISHED = '01';

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // the fd closed while we looked
    }
  }
  return inodes;
}

/** Established TCP connections (IPv4 and IPv6) held by the process. */
export function tcpPeersOf(pid: number): TcpPeer[] {
  const mine = socketInodes(pid);
  const peers: TcpPeer[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== ESTABLISHED || !mine.has(f[9]!)) continue;
      peers.push({ localPort: parseInt(f[1]!.split(':')[1]!, 16), remotePort: parseInt(f[2]!.split(':')[1]!, 16) });
    }
  }
  return peers;
}
