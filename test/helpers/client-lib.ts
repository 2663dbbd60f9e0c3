// The system the client library's tests run against: a real nats-server,
// the echo service and three test services, and a gateway that a test may
// stop and restart (client*.test.ts).
import { after, afterEach, before } from 'node:test';
import WebSocket from 'ws';
import {
  connect,
  type ClientOptions,
  type MuxClient,
  type WebSocketConstructor,
} from '../../client/index.ts';
import { echoService } from '../../services/echo/index.ts';
import { accept, defineService, refuse, ServiceRunner } from '../../services/sdk/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { RestartableGateway } from './gateway.ts';
import { connectBus, uniquePrefix, type BusSource } from './system.ts';

// Node 20 has no global WebSocket; Node 22+ and browsers do.
export const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ??
  WebSocket) as WebSocketConstructor;

/** Every join the `rec` service accepted, in order. */
export const joins: { stream: string; payload: unknown; user: string }[] = [];

// `rec` records joins and can be told to close a stream; `silent` never
// answers; `gate` refuses with its own code.
const recService = defineService({
  name: 'rec',
  join(ctx, payload) {
    joins.push({ stream: ctx.stream, payload, user: ctx.scope.user });
    return accept({ payload: { hello: ctx.stream } });
  },
  receive(ctx, payload, ref) {
    if (payload === 'close') return ctx.close('kicked', 'bye');
    if (ref !== undefined) ctx.reply(ref, { got: payload });
    else ctx.send(payload);
  },
});
const silentService = defineService({ name: 'silent' });
const gateService = defineService({
  name: 'gate',
  join: () => refuse('room_full', 'the room is full'),
});

export const ROUTES = 'echo,rec,silent,gate';

export interface ClientSystem {
  readonly gw: RestartableGateway;
  readonly source: BusSource;
  readonly prefix: string;
  /** Gateways a test started beside the shared one; closed after the suite. */
  readonly extras: { close(): Promise<void> }[];
  /** A client of the shared gateway (or `url`), closed after the test. */
  open(opts?: ClientOptions, url?: string): MuxClient;
  /** Restarts the shared gateway if a test left it stopped. */
  running(): Promise<void>;
}

/** Starts the system for the calling describe(), with its hooks. */
export function clientSystem(): ClientSystem {
  let nats: NatsServer;
  let source: BusSource;
  let prefix: string;
  let gw: RestartableGateway;
  const runners: ServiceRunner[] = [];
  const clients: MuxClient[] = [];
  const extras: { close(): Promise<void> }[] = [];

  const open = (opts: ClientOptions = {}, url = gw.url): MuxClient => {
    const c = connect(url, { WebSocket: WS, ...opts });
    clients.push(c);
    return c;
  };

  before(async () => {
    nats = await NatsServer.start();
    source = { nats: nats.url };
    prefix = uniquePrefix();
    for (const def of [echoService, recService, silentService, gateService])
      runners.push(await ServiceRunner.start(await connectBus(source, def.name), def, { prefix }));
    gw = await RestartableGateway.start(source, prefix, { env: { MUX_ROUTES: ROUTES } });
  });

  // Each test's clients close with it, so a later restart does not rejoin
  // an earlier test's streams in the middle of another test.
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  after(async () => {
    for (const e of extras) await e.close();
    await gw.close();
    await Promise.all(runners.map((r) => r.drain()));
    await nats.close();
  });

  return {
    get gw() {
      return gw;
    },
    get source() {
      return source;
    },
    get prefix() {
      return prefix;
    },
    extras,
    open,
    async running() {
      if (!gw.running) await gw.start();
    },
  };
}
