// Bun's built-in WebSocket server (uWebSockets inside), run by the `bun`
// binary (the npm package ships it): the fastest WebSocket server a
// JavaScript runtime offers, a second baseline beside bare `ws`. It echoes
// every frame, and broadcasts with Bun's native topic publish (one call per
// message, the frame written to every subscriber in C++), the best a
// broadcast on Bun can do. No compression, as the gateway.
import { fanoutPayload, paced, type Paced } from '../lib/pacer.ts';
import { serve } from '../lib/rpc.ts';
import { monoUs } from '../lib/stats.ts';

// The slice of Bun's API this file uses (the repository has no Bun typings).
interface BunSocket {
  send(data: string | Uint8Array): number;
  subscribe(topic: string): void;
}
interface BunServer {
  readonly port: number;
  upgrade(req: Request): boolean;
  publish(topic: string, data: string): number;
  subscriberCount(topic: string): number;
}
declare const Bun: {
  serve(opts: {
    port: number;
    hostname: string;
    fetch(req: Request, server: BunServer): Response | undefined;
    websocket: {
      open(ws: BunSocket): void;
      message(ws: BunSocket, data: string | Uint8Array): void;
      perMessageDeflate: boolean;
      maxPayloadLength: number;
    };
  }): BunServer;
};

const ALL = 'all';
let server: BunServer | undefined;
/**
 * Bun's process.hrtime counts from the process's start, Node's from boot:
 * the clients time deliveries on Node's clock, so sends are stamped on it
 * (the offset is measured by the orchestrator, bunClockOffset).
 */
let offsetUs = 0;

serve({
  listen(): { port: number } {
    server = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: (req, s) => (s.upgrade(req) ? undefined : new Response('not found', { status: 404 })),
      websocket: {
        open: (ws) => ws.subscribe(ALL),
        message: (ws, data) => void ws.send(data),
        perMessageDeflate: false,
        maxPayloadLength: 64 * 1024,
      },
    });
    return { port: server.port };
  },

  broadcast(args: {
    rate: number;
    durationMs: number;
    step: number;
    stream: string;
  }): Promise<Paced> {
    const head = `{"type":"msg","stream":${JSON.stringify(args.stream)},"payload":`;
    return paced(args.rate, args.durationMs, (seq) => {
      server!.publish(ALL, `${head}${fanoutPayload(args.step, seq, monoUs() + offsetUs)}}`);
    });
  },

  sockets(): number {
    return server?.subscriberCount(ALL) ?? 0;
  },

  clock(): number {
    return monoUs();
  },

  setClockOffset(args: { us: number }): void {
    offsetUs = args.us;
  },
});
