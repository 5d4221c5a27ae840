// Messages between the benchmark and its simulator processes (fork IPC).

export interface SimStart {
  firstIndex: number;
  count: number;
  /** 0: any free port; else server i listens on basePort + i. */
  basePort: number;
  /** The gateway port the servers are configured with (forwards to other ports are refused). */
  gatewayPort: number;
  clientPublicKey: string;
  tickIntervalMs: number;
  /** Each server announces a config write about this often (0: never). */
  configChangeEverySec: number;
}

export interface SimServerInfo {
  index: number;
  port: number;
  hostPublicKey: string;
  gatewayPort: number;
}

export interface SimCounters {
  handshakes: number;
  execs: number;
  forwards: number;
  refusedForwards: number;
  rpcs: number;
  httpRequests: number;
  wsOpen: number;
}

export type SimReady = { type: 'ready'; servers: SimServerInfo[] };
export type SimCommand = { type: 'down'; indices: number[] } | { type: 'up'; indices: number[] } | { type: 'counters' };
export type SimReport = SimReady | { type: 'failed'; message: string } | { type: 'counters'; counters: SimCounters; cpu: NodeJS.CpuUsage; rssBytes: number };
