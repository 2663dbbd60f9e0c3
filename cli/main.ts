#!/usr/bin/env node
// muxgate's one command-line entry point.
//
//   dev                      gateway + every service in one process (npm start)
//   gateway                  one gateway on NATS
//   service <name>           one service on NATS
//   publish <group> <json>   send a message to every member of a group
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bus } from '../bus/bus.ts';
import { MemoryBroker } from '../bus/memory.ts';
import { NatsBus } from '../bus/nats.ts';
import { Gateway } from '../gateway/gateway.ts';
import { createLogger, type Logger } from '../lib/log.ts';
import { groupNameProblem } from '../protocol/names.ts';
import {
  JetStreamStorage,
  MemoryStorage,
  Publisher,
  ServiceRunner,
  type ServiceFactory,
  type Storage,
} from '../services/sdk/index.ts';
import { SERVICES } from '../services/registry.ts';
import {
  cliGatewayConfig,
  DEFAULT_NATS_URL,
  loadCliSettings,
  SettingsError,
  type CliSettings,
} from './settings.ts';

const USAGE = `usage: muxgate <command>

  dev                      run the gateway and every service (${Object.keys(SERVICES).join(', ')}) in one
                           process; on NATS when NATS_URL is set, else on the in-memory bus
  gateway                  run one gateway on NATS (NATS_URL, default ${DEFAULT_NATS_URL})
  service <name>           run one service on NATS
  publish <group> <json>   publish a message to every member of a group

Configuration comes from the environment; see docs/configuration.md.`;

const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));

type Stoppable = { drain(): Promise<void> };

/** What every long-running command starts from. */
interface Running {
  settings: CliSettings;
  log: Logger;
}

/** A component's bus, and the storage that goes with that kind of bus. */
interface Infra {
  bus: Bus;
  storage: Storage;
}

async function onNats(servers: string, name: string, log: Logger): Promise<Infra> {
  const bus = await NatsBus.connect({ servers, name, log });
  return { bus, storage: new JetStreamStorage(bus.connection) };
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const running = (): Running => {
    const settings = loadCliSettings();
    return { settings, log: createLogger('muxgate', settings.logLevel) };
  };
  switch (command) {
    case 'dev':
      return dev(running());
    case 'gateway':
      return gateway(running());
    case 'service':
      return service(running(), rest[0]);
    case 'publish':
      return publish(rest[0], rest[1]);
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function dev({ settings, log }: Running): Promise<number> {
  let connect: (name: string) => Promise<Infra>;
  const natsUrl = settings.natsUrl;
  if (natsUrl) {
    connect = (name) => onNats(natsUrl, name, log);
    log.info({ nats: natsUrl }, 'dev: running on NATS (NATS_URL is set)');
  } else {
    // One broker and one storage for the whole process, as one NATS would
    // serve every component: the dashboard and its feeder share a bucket.
    const broker = new MemoryBroker();
    const storage = new MemoryStorage();
    connect = async () => ({ bus: broker.connect({ log }), storage });
    log.info('dev: running on the in-memory bus (set NATS_URL to use NATS)');
  }
  const config = cliGatewayConfig(process.env, { dev: true });
  log.warn(
    'dev: JWTs are signed with a built-in secret and /dev/token hands them out; for development only',
  );
  const parts: Stoppable[] = [];
  for (const [name, factory] of Object.entries(SERVICES))
    parts.push(await startService(settings, log, name, factory, await connect(name)));
  const gw = await Gateway.start({
    config,
    bus: (await connect('gateway')).bus,
    log,
    webRoot: existsSync(WEB_ROOT) ? WEB_ROOT : undefined,
  });
  log.info(
    `muxgate is up: demo page http://localhost:${gw.port}/ , WebSocket ws://localhost:${gw.port}/ws`,
  );
  return untilSignal(log, [gw, ...parts]);
}

async function gateway({ settings, log }: Running): Promise<number> {
  const config = cliGatewayConfig();
  const bus = await NatsBus.connect({
    servers: settings.natsServers,
    name: `gateway ${config.gatewayId}`,
    log,
  });
  const gw = await Gateway.start({
    config,
    bus,
    log,
    webRoot: existsSync(WEB_ROOT) ? WEB_ROOT : undefined,
  });
  return untilSignal(log, [gw]);
}

async function service({ settings, log }: Running, name: string | undefined): Promise<number> {
  const factory = name ? SERVICES[name] : undefined;
  if (!name || !factory) {
    console.error(`muxgate service <name>: name is one of ${Object.keys(SERVICES).join(', ')}`);
    return 2;
  }
  const infra = await onNats(settings.natsServers, `service ${name}`, log);
  return untilSignal(log, [await startService(settings, log, name, factory, infra)]);
}

async function startService(
  settings: CliSettings,
  log: Logger,
  name: string,
  factory: ServiceFactory,
  { bus, storage }: Infra,
): Promise<Stoppable> {
  const { prefix } = settings;
  const svc = await factory({ bus, storage, log, prefix });
  const runner = svc.definition
    ? await ServiceRunner.start(bus, svc.definition, { prefix, log })
    : undefined;
  // Workers without streams log the same line, so supervisors and tests wait on one thing.
  if (!runner) log.info({ service: name, bus: bus.kind }, 'service running');
  return {
    async drain() {
      await svc.close?.();
      if (runner) await runner.drain();
      else await bus.drain();
    },
  };
}

async function publish(group: string | undefined, json: string | undefined): Promise<number> {
  if (!group || json === undefined) {
    console.error('usage: muxgate publish <group> <json>');
    return 2;
  }
  // Usage errors are reported before connecting, so they read the same
  // whether or not NATS is reachable.
  const problem = groupNameProblem(group);
  if (problem) {
    console.error(`publish: ${problem}: ${JSON.stringify(group)}`);
    return 2;
  }
  let settings: CliSettings;
  try {
    settings = loadCliSettings();
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    console.error(`publish: ${err.message}`);
    return 2;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    console.error(`publish: the message is not valid JSON: ${json}`);
    return 2;
  }
  const servers = settings.natsServers;
  let bus: NatsBus;
  try {
    bus = await NatsBus.connect({ servers, name: 'muxgate publish' });
  } catch (err) {
    console.error(`publish: cannot connect to NATS at ${servers}: ${(err as Error).message}`);
    return 1;
  }
  try {
    new Publisher(bus, settings.prefix).toGroup(group, payload);
    await bus.flush();
  } catch (err) {
    console.error(`publish: ${(err as Error).message}`);
    return 2;
  } finally {
    await bus.drain();
  }
  console.log(`published to ${group}`);
  return 0;
}

/** Runs until SIGTERM or SIGINT, then drains every part: gateway first, so its Leaves reach the services. */
function untilSignal(log: Logger, parts: Stoppable[]): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'draining');
      void (async () => {
        for (const p of parts)
          await p.drain().catch((err: unknown) => log.error({ err }, 'drain failed'));
        resolve(0);
      })();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`muxgate: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
