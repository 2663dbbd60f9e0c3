// What permessage-deflate costs a gateway per connection: two gateways on one
// nats-server with the echo service, one with MUX_DEFLATE and one without;
// each gets the same connections, every one of which joins `echo` and has one
// compressible message echoed (so zlib's streams exist both ways), and the
// gateway's RSS growth per connection is compared.
//
//   node --import tsx bench/deflate-memory.ts [connections=500] [KEY=VALUE …]
//
// Extra KEY=VALUE pairs go to the deflating gateway (e.g. MUX_DEFLATE_WINDOW_BITS=15).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { NatsServer } from '../harness/nats-server.ts';
import { rssBytes } from './lib/proc-stats.ts';
import { startGateway, startService, stopAll, type RunDirs } from './lib/procs.ts';

const [countArg, ...pairs] = process.argv.slice(2);
const count = Number(countArg ?? 500);
const extra = Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]));
const dirs: RunDirs = {
  logDir: mkdtempSync(join(tmpdir(), 'deflate-mem-')),
  profileDir: undefined,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const payload = JSON.stringify({
  text: 'the quick brown fox jumps over the lazy dog '.repeat(100),
});

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, 'muxgate.v1.json', { perMessageDeflate: true });
  const frames: string[] = [];
  ws.on('message', (d: Buffer) => frames.push(d.toString()));
  const next = async (type: string) => {
    for (let i = 0; i < 2000; i++) {
      const at = frames.findIndex((f) => f.startsWith(`{"type":"${type}"`));
      if (at >= 0) return frames.splice(at, 1)[0];
      await sleep(5);
    }
    throw new Error(`no ${type}`);
  };
  await next('welcome');
  ws.send(JSON.stringify({ type: 'join', stream: 'echo', ref: 1 }));
  await next('joined');
  ws.send(`{"type":"msg","stream":"echo","ref":2,"payload":${payload}}`);
  await next('reply');
  return ws;
}

async function perConnection(url: string, pid: number): Promise<number> {
  await sleep(1000);
  const before = rssBytes(pid);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 50)
    sockets.push(
      ...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => open(url)))),
    );
  await sleep(1000);
  const after = rssBytes(pid);
  for (const ws of sockets) ws.terminate();
  return (after - before) / count / 1024;
}

const nats = await NatsServer.start({ jetstream: false });
try {
  await startService('echo', ['cli/main.ts', 'service', 'echo'], nats.url, 'dm', dirs);
  const env = { MUX_ROUTES: 'echo' };
  const plain = await startGateway('gw-plain', nats.url, 'dm', env, dirs);
  const deflate = await startGateway(
    'gw-deflate',
    nats.url,
    'dm',
    { ...env, MUX_DEFLATE: 'true', ...extra },
    dirs,
  );
  const plainKiB = await perConnection(plain.wsUrl, plain.pid);
  const deflateKiB = await perConnection(deflate.wsUrl, deflate.pid);
  console.log(
    JSON.stringify({
      connections: count,
      deflateEnv: { MUX_DEFLATE: 'true', ...extra },
      rssPerConnKiB: {
        plain: Math.round(plainKiB * 10) / 10,
        deflate: Math.round(deflateKiB * 10) / 10,
      },
      deflateCostKiB: Math.round((deflateKiB - plainKiB) * 10) / 10,
    }),
  );
} finally {
  await stopAll();
  await nats.close();
}
