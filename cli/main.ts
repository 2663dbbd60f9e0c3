#!/usr/bin/env node
// muxgate's one command-line entry point; `muxgate --help` lists the
// commands and cli/help.ts holds their help.
//
//   dev                      gateway + every service in one process (npm start)
//   gateway                  one gateway on NATS
//   service <name>           one service on NATS
//   publish <group> <json>   send a message to every member of a group
//   kv put <bucket> <key> <value>   write one key of a KV bucket (cli/kv.ts)
//   disconnect, disconnect-user, kick: the server API (PROTOCOL.md §4.6)
//   help [<command>]         the list of commands, or one command's help
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bus } from '../bus/bus.ts';
import { MemoryBroker } from '../bus/memory.ts';
import { redactUrl } from '../bus/nats-auth.ts';
import { NatsBus, NatsConnectError } from '../bus/nats.ts';
import { Gateway } from '../gateway/gateway.ts';
import { CliError, UsageError } from './errors.ts';
import { kv } from './kv.ts';
import { control, publish, type OperatorDeps } from './operator.ts';
import { createLogger, type Logger } from '../lib/log.ts';
import { startTelemetry, TelemetryConfigError, type Telemetry } from '../lib/telemetry.ts';
import {
  HealthServer,
  JetStreamStorage,
  MemoryStorage,
  ServiceRunner,
  type ServiceFactory,
  type Storage,
} from '../services/sdk/index.ts';
import { SERVICES } from '../services/registry.ts';
import { COMMANDS, commandHelp, findCommand, overview, usageLine } from './help.ts';
import {
  cliGatewayConfig,
  gatewayReads,
  loadCliSettings,
  SettingsError,
  type CliSettings,
} from './settings.ts';

// ../web/dist/ from cli/ (the sources) and from dist/cli/ (the build, which
// carries its own copy of the page).
const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));

type Stoppable = { drain(): Promise<void> };

/** What every long-running command starts from. */
interface Running {
  settings: CliSettings;
  log: Logger;
  /** Span export, when OTEL_EXPORTER_OTLP_ENDPOINT asks for it: drained last. */
  telemetry: Telemetry;
}

/** A component's bus, and the storage that goes with that kind of bus. */
interface Infra {
  bus: Bus;
  storage: Storage;
}

/** Connects to NATS with the servers, credentials and TLS of the settings; one line on failure. */
async function connectNats(settings: CliSettings, name: string, log?: Logger): Promise<NatsBus> {
  try {
    return await NatsBus.connect({
      servers: settings.natsServers,
      auth: settings.natsAuth,
      name,
      log,
      liveness: settings.natsLiveness,
      reads: settings.natsReads,
    });
  } catch (err) {
    // It names NATS and the servers, and quotes no secret.
    if (err instanceof NatsConnectError) throw new CliError(err.message);
    throw err;
  }
}

async function onNats(settings: CliSettings, name: string, log: Logger): Promise<Infra> {
  const bus = await connectNats(settings, name, log);
  return {
    bus,
    storage: new JetStreamStorage(bus.connection, {
      replicas: settings.replicas,
      log,
      reads: settings.natsReads,
    }),
  };
}

function version(): string {
  // package.json is one level up from cli/ and two from dist/cli/.
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'muxgate' && pkg.version) return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

/** parseArgs' error as one line: "unknown option '--x'", not Node's paragraph. */
function optionProblem(err: Error & { code?: string }): string {
  const unknown = /^Unknown option '([^']*)'/.exec(err.message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const first = err.message.split(/\.\s/)[0] ?? err.message;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    const e = err as Error & { code?: string };
    if (!e.code?.startsWith('ERR_PARSE_ARGS_')) throw err;
    const named = argv.find((a) => !a.startsWith('-'));
    const command = named === undefined ? undefined : findCommand(named);
    // `--port 9000` for PORT: say where settings go.
    const option = /^Unknown option '--([a-z-]+)'/.exec(e.message)?.[1];
    const variable = option?.toUpperCase().replace(/-/g, '_');
    const known = COMMANDS.some((c) => c.env.some(([v]) => v === variable));
    const hint = known
      ? ` (settings come from the environment: set ${variable})`
      : command?.name === 'publish' && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? ' (put -- before a message that starts with a dash)'
        : '';
    throw new UsageError(`${optionProblem(e)}${hint}`, command);
  }
  const { positionals, values } = parsed;
  const [name, ...rest] = positionals;
  if (values.version) {
    console.log(version());
    return 0;
  }
  if (name === undefined) {
    if (values.help) {
      console.log(overview());
      return 0;
    }
    console.error(overview());
    return 2;
  }
  const command = findCommand(name);
  if (!command) throw new UsageError(`unknown command '${name}'`);
  if (values.help) {
    console.log(commandHelp(command));
    return 0;
  }
  if (rest.length > command.args.length)
    throw new UsageError(`${name}: unexpected argument '${rest[command.args.length]}'`, command);
  if (rest.length < command.required)
    throw new UsageError(`${name}: missing ${command.args[rest.length]}`, command);

  /** `serviceName`: the trace's service.name unless OTEL_SERVICE_NAME says otherwise. */
  const running = async (serviceName: string): Promise<Running> => {
    const settings = loadCliSettings();
    const pretty = settings.logFormat
      ? settings.logFormat === 'pretty'
      : name === 'dev' && process.stdout.isTTY === true;
    const log = createLogger('muxgate', settings.logLevel, { pretty });
    // Before anything starts a span: the tracer provider is registered here.
    const telemetry = await startTelemetry({ serviceName, serviceVersion: version(), log });
    return { settings, log, telemetry };
  };
  const operator: OperatorDeps = { connect: (s, n) => connectNats(s, n) };
  switch (command.name) {
    case 'help': {
      const [topic] = rest;
      if (topic === undefined) {
        console.log(overview());
        return 0;
      }
      const about = findCommand(topic);
      if (!about) throw new UsageError(`help: unknown command '${topic}'`);
      console.log(commandHelp(about));
      return 0;
    }
    case 'dev':
      return dev(await running('muxgate-dev'));
    case 'gateway':
      return gateway(await running('muxgate-gateway'));
    case 'service':
      return service(await running(`muxgate-${rest[0]!}`), rest[0]!);
    case 'publish':
      return publish(operator, rest[0]!, rest[1]!);
    case 'kv':
      return kv(rest, {
        connect: (s) => connectNats(s, 'muxgate kv'),
        usage: (m) => new UsageError(m, command),
      });
    case 'disconnect':
      return control(operator, command, { conn: rest[0]! });
    case 'disconnect-user':
      return control(operator, command, { user: rest[0]! });
    case 'kick':
      return control(operator, command, { conn: rest[0]!, stream: rest[1]! });
    default:
      throw new UsageError(`unknown command '${name}'`);
  }
}

async function dev({ settings: given, log, telemetry }: Running): Promise<number> {
  const config = cliGatewayConfig(process.env, { dev: true });
  const settings = gatewayReads(given, config.joinTimeoutMs);
  let connect: (name: string) => Promise<Infra>;
  const natsUrl = settings.natsUrl;
  if (natsUrl) {
    connect = (name) => onNats(settings, name, log);
    log.info({ nats: natsUrl }, 'dev: running on NATS (NATS_URL is set)');
  } else {
    // One broker and one storage for the whole process, as one NATS would
    // serve every component: the dashboard and its feeder share a bucket.
    const broker = new MemoryBroker();
    const storage = new MemoryStorage();
    connect = async () => ({ bus: broker.connect({ log }), storage });
    log.info('dev: running on the in-memory bus (set NATS_URL to use NATS)');
  }
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
  // The loopback and wildcard addresses are all reached as localhost.
  const host = /^(127\.0\.0\.1|0\.0\.0\.0|::1?|localhost)$/.test(config.host)
    ? 'localhost'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  log.info(
    { host: config.host, port: gw.port },
    `muxgate is up: demo page http://${host}:${gw.port}/ , WebSocket ws://${host}:${gw.port}/ws`,
  );
  return untilSignal(log, [gw, ...parts, telemetry]);
}

async function gateway({ settings: given, log, telemetry }: Running): Promise<number> {
  const config = cliGatewayConfig();
  const settings = gatewayReads(given, config.joinTimeoutMs);
  const bus = await connectNats(settings, `gateway ${config.gatewayId}`, log);
  const gw = await Gateway.start({
    config,
    bus,
    log,
    webRoot: existsSync(WEB_ROOT) ? WEB_ROOT : undefined,
  });
  return untilSignal(log, [gw, telemetry]);
}

async function service({ settings, log, telemetry }: Running, name: string): Promise<number> {
  const factory = SERVICES[name];
  if (!factory)
    throw new UsageError(
      `service: unknown service '${name}' (${Object.keys(SERVICES).join(', ')})`,
      findCommand('service'),
    );
  // Up before NATS, so the kubelet sees a live process that is not ready yet.
  const serving: { bus?: Bus } = {};
  const health =
    settings.healthPort === undefined
      ? undefined
      : await HealthServer.start({
          port: settings.healthPort,
          readiness: () => ({
            ready: serving.bus?.status === 'connected',
            status: serving.bus?.status ?? 'starting',
          }),
        });
  if (health) log.info({ port: health.port }, 'health on /healthz and /readyz');
  const infra = await onNats(settings, `service ${name}`, log);
  const running = await startService(settings, log, name, factory, infra);
  // Ready only now: subscribed, storage open, durable groups declared.
  serving.bus = infra.bus;
  const parts: Stoppable[] = [running];
  if (health) parts.push({ drain: () => health.close() });
  return untilSignal(log, [...parts, telemetry]);
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
    ? await ServiceRunner.start(bus, svc.definition, {
        prefix,
        log,
        durableReplicas: settings.replicas,
        deadlineSkewMs: settings.deadlineSkewMs,
      })
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

/**
 * Runs until SIGTERM or SIGINT, then drains every part: gateway first, so its
 * Leaves reach the services; telemetry last, so the drain's own spans go out.
 */
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
        log.info({ signal }, 'drained');
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
    if (err instanceof UsageError) {
      // One line saying what is wrong, then how it is called.
      const c = err.command;
      console.error(`muxgate: ${err.message}`);
      console.error(
        c ? `${usageLine(c)}\nRun 'muxgate help ${c.name}' for more.` : `\n${overview()}`,
      );
      process.exit(2);
    }
    if (err instanceof SettingsError || err instanceof TelemetryConfigError) {
      console.error(`muxgate: ${err.message}`);
      process.exit(2);
    }
    const known = err instanceof CliError;
    // Any message still loses the userinfo of a URL it may quote.
    console.error(`muxgate: ${redactUrl(err instanceof Error ? err.message : String(err))}`);
    if (!known && err instanceof Error && err.stack && process.env.LOG_LEVEL === 'debug')
      console.error(err.stack);
    process.exit(1);
  },
);
