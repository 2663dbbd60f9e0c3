// TCP connections that have not yet sent a complete HTTP request cost a file
// descriptor and memory while they prove nothing; Node checks its own
// headersTimeout only every 30 s. Each one gets a deadline, and only so many
// may wait at once: past the cap, new ones are dropped at once.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface HandshakeLimits {
  /** Time a connection has to send its first complete request (an upgrade or plain HTTP). */
  timeoutMs: number;
  /** Connections that may be waiting for their first request at once. */
  maxPending: number;
  /** Told of each connection dropped, with why. */
  onDropped(reason: 'timeout' | 'too_many'): void;
}

const waiting = Symbol('muxgate.handshakeTimer');
type Guarded = Socket & { [waiting]?: NodeJS.Timeout };

export function guardHandshakes(server: Server, limits: HandshakeLimits): void {
  let pending = 0;
  const settle = (socket: Guarded): void => {
    const timer = socket[waiting];
    if (timer === undefined) return;
    clearTimeout(timer);
    socket[waiting] = undefined;
    pending--;
  };
  server.on('connection', (socket: Guarded) => {
    if (pending >= limits.maxPending) {
      limits.onDropped('too_many');
      return void socket.destroy();
    }
    pending++;
    socket[waiting] = setTimeout(() => {
      settle(socket);
      limits.onDropped('timeout');
      socket.destroy();
    }, limits.timeoutMs);
    socket.once('close', () => settle(socket));
  });
  // Once a request has arrived, Node's keep-alive and request timeouts and
  // the WebSocket heartbeat govern the connection.
  server.on('request', (req) => settle(req.socket));
  server.on('upgrade', (req) => settle(req.socket));
}
