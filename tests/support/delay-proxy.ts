import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a local server, whose latency a test can turn up: each chunk in
 * either direction waits `delayMs` before it is passed on. Used to make Azurite slow without touching it.
 */
export async function startDelayProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  const state = { delayMs: 0 };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const relay = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        const send = () => !to.destroyed && to.write(chunk);
        if (state.delayMs > 0) setTimeout(send, state.delayMs);
        else send();
      });
    relay(client, upstream);
    relay(upstream, client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    set delayMs(value: number) {
      state.delayMs = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
