import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Cut every connection after this many client->server bytes (null: never). Applies to new and open ones. */
  dropAfterBytes: number | null;
  /** Client->server bytes per second (null: as fast as possible): widens the window of an upload. */
  bytesPerSecond: number | null;
  /** Client->server bytes are held this long before they go on (latency of a far server). */
  delayMs: number;
  /** Connections cut so far. */
  drops: number;
  /** Client->server bytes that reached the server so far, over all connections. */
  bytesUp: number;
  close(): Promise<void>;
}

const TICK_MS = 25;
/** Above this many queued bytes the client is paused (its writes wait, like on a slow line). */
const HIGH_WATER = 256 * 1024;

/**
 * A loopback TCP relay in front of a real server (sshd, nginx, the MiniCRM stand-in) that can cut
 * connections in the middle of an upload — the "connection dropped" fault without mocking either
 * protocol — or slow them down, so a test can act (kill, signal) while an upload is under way.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const state: TcpProxy = {
    port: 0,
    dropAfterBytes: null,
    bytesPerSecond: null,
    delayMs: 0,
    drops: 0,
    bytesUp: 0,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let sent = 0;
    const queue: Buffer[] = [];
    let queued = 0;
    let pump: NodeJS.Timeout | null = null;
    const cut = () => {
      state.drops++;
      // resetAndDestroy sends RST like a dropped line would; fall back to destroy.
      const c = client as Socket & { resetAndDestroy?: () => void };
      if (c.resetAndDestroy) c.resetAndDestroy();
      else client.destroy();
      upstream.destroy();
    };
    const forward = (chunk: Buffer) => {
      state.bytesUp += chunk.length;
      upstream.write(chunk);
    };
    const drain = () => {
      let budget = state.bytesPerSecond === null ? Infinity : Math.max(1, Math.floor((state.bytesPerSecond * TICK_MS) / 1000));
      while (budget > 0 && queue.length) {
        const head = queue[0]!;
        const n = Math.min(head.length, budget);
        forward(head.subarray(0, n));
        budget -= n;
        queued -= n;
        if (n === head.length) queue.shift();
        else queue[0] = head.subarray(n);
      }
      if (queued < HIGH_WATER) client.resume();
      if (!queue.length && pump) {
        clearInterval(pump);
        pump = null;
      }
    };
    const enqueue = (chunk: Buffer) => {
      if (upstream.destroyed) return;
      if (state.bytesPerSecond === null && !queue.length) {
        forward(chunk);
        return;
      }
      queue.push(chunk);
      queued += chunk.length;
      if (queued >= HIGH_WATER) client.pause();
      pump ??= setInterval(drain, TICK_MS);
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (state.dropAfterBytes !== null && sent > state.dropAfterBytes) {
        cut();
        return;
      }
      if (state.delayMs > 0) setTimeout(() => enqueue(chunk), state.delayMs);
      else enqueue(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      if (pump) clearInterval(pump);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  state.port = typeof addr === 'object' && addr ? addr.port : 0;
  return state;
}
