import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Server as NetServer } from 'node:net';

type Tracked = { served: number; active: number };

/**
 * Follows every connection of an HTTP server so a stop can tell a connection that is still to send its
 * request (leave it: it will be answered) from a keep-alive one idle after its answers (close it).
 * http.Server#closeIdleConnections cannot: to it, both are idle.
 */
export function trackConnections(server: Server) {
  const sockets = new Map<Socket, Tracked>();
  let received = 0;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { served: 0, active: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req, res) => {
    received += 1;
    const tracked = sockets.get(req.socket);
    if (!tracked) return;
    tracked.active += 1;
    res.once('close', () => {
      tracked.active -= 1;
      tracked.served += 1;
    });
  });

  return {
    /** Requests this server has read, all told (the stop log says it, so a test can match its answers). */
    received: () => received,
    /**
     * Stops accepting and waits, until the deadline, for every accepted connection to be answered and
     * closed (answers carry Connection: close by then); what remains at the deadline is cut.
     * Returns how many connections were cut.
     */
    async drain(deadline: number): Promise<number> {
      // One turn of the event loop first: its poll phase accepts connections the kernel has queued.
      // (One that arrives after it is reset when the listener closes: never read, so never half-done.)
      await new Promise((r) => setImmediate(r));
      // net.Server#close only stops listening; http.Server#close would also drop accepted connections
      // that have not sent their request yet.
      NetServer.prototype.close.call(server);
      const started = Date.now();
      while (sockets.size > 0 && Date.now() < deadline) {
        // Keep-alive connections that are between requests get no further answer to close them.
        if (Date.now() - started > 1000)
          for (const [socket, t] of sockets) if (t.active === 0 && t.served > 0) socket.destroy();
        await new Promise((r) => setTimeout(r, 20));
      }
      const cut = sockets.size;
      for (const socket of sockets.keys()) socket.destroy();
      return cut;
    },
  };
}
