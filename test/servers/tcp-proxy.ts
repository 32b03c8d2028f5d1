import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Cut every connection after this many client->server bytes (null: never). Applies to new and open ones. */
  dropAfterBytes: number | null;
  /** Connections cut so far. */
  drops: number;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay in front of a real server (sshd, nginx) that can cut connections in the
 * middle of an upload — the "connection dropped" fault without mocking either protocol.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const state: TcpProxy = {
    port: 0,
    dropAfterBytes: null,
    drops: 0,
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
    const cut = () => {
      state.drops++;
      // resetAndDestroy sends RST like a dropped line would; fall back to destroy.
      const c = client as Socket & { resetAndDestroy?: () => void };
      if (c.resetAndDestroy) c.resetAndDestroy();
      else client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (state.dropAfterBytes !== null && sent > state.dropAfterBytes) {
        cut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
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
