// The bare ws server: what `ws` alone can do on this machine, the baseline the
// gateway is compared with. It echoes every frame, and broadcasts a frame to
// every socket at an offered rate, encoded once per message (the best a
// broadcast on ws can do). Same ws options as the gateway: no compression,
// no client tracking.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { fanoutPayload, paced, type Paced } from '../lib/pacer.ts';
import { serve } from '../lib/rpc.ts';
import { monoUs } from '../lib/stats.ts';

const sockets = new Set<WebSocket>();
const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
  maxPayload: 64 * 1024,
});
const server = createServer((_req, res) => res.writeHead(404).end());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => socket.destroy());
  wss.handleUpgrade(req, socket, head, (ws) => {
    sockets.add(ws);
    ws.on('message', (data: Buffer, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', () => undefined);
    ws.once('close', () => sockets.delete(ws));
  });
});

serve({
  listen(): Promise<{ port: number }> {
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', 511, () => {
        const addr = server.address();
        resolve({ port: typeof addr === 'object' && addr ? addr.port : 0 });
      }),
    );
  },

  broadcast(args: {
    rate: number;
    durationMs: number;
    step: number;
    stream: string;
  }): Promise<Paced> {
    const head = `{"type":"msg","stream":${JSON.stringify(args.stream)},"payload":`;
    return paced(args.rate, args.durationMs, (seq) => {
      const frame = Buffer.from(`${head}${fanoutPayload(args.step, seq, monoUs())}}`);
      for (const ws of sockets) ws.send(frame, { binary: false });
    });
  },

  sockets(): number {
    return sockets.size;
  },
});
