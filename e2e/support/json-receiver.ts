// A real HTTP receiver on loopback that keeps every JSON body posted to it (a webhook endpoint).
import { createServer } from 'node:http';

export interface JsonReceiver<T> {
  /** The URL to post to, ending in `path`. */
  url: string;
  received: T[];
  close(): Promise<void>;
}

export async function startJsonReceiver<T>(path: string): Promise<JsonReceiver<T>> {
  const received: T[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      received.push(JSON.parse(raw) as T);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}${path}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
