// The command line's help: the overview (`muxgate --help`) and one text per
// command (`muxgate help <command>`, `muxgate <command> --help`), every line
// within 80 columns.
import { SERVICES } from '../services/registry.ts';
import { DEFAULT_NATS_URL } from './settings.ts';

export const WIDTH = 80;

export interface Command {
  name: string;
  /** The arguments after the name, as the usage line shows them. */
  args: string[];
  /** How many of `args` must be given. */
  required: number;
  /** One line for the overview. */
  summary: string;
  /** Prose for the command's own help, wrapped when printed. */
  about: string;
  /** Lines printed as they are, after the prose (an example). */
  example?: string;
  /** Environment variables the command reads, with what they mean. */
  env: [string, string][];
  /** The closing line. */
  more?: string;
}

const services = (): string => Object.keys(SERVICES).join(', ');
const LEVELS = 'fatal, error, warn, info, debug, trace, silent (default info)';

export const COMMANDS: Command[] = [
  {
    name: 'dev',
    args: [],
    required: 0,
    summary: 'the gateway and every service in one process',
    about:
      `Runs the gateway and every service (${services()}) in one process, ` +
      'for development: on NATS when NATS_URL is set, else on the in-memory bus. ' +
      "It signs the demo page's users in with a built-in secret and hands out " +
      'tokens at /dev/token, so it listens on 127.0.0.1 unless HOST says otherwise. ' +
      'Logs are readable lines on a terminal, JSON lines otherwise.',
    env: [
      ['PORT', 'HTTP and WebSocket port (default 8080)'],
      ['HOST', 'listen address (default 127.0.0.1; 0.0.0.0: all interfaces)'],
      ['NATS_URL', 'NATS servers, comma-separated (default: the in-memory bus)'],
      ['MUX_API_KEYS', 'bearer keys for the publish API, comma-separated'],
      ['LOG_LEVEL', LEVELS],
      ['LOG_FORMAT', 'pretty or json (default: pretty on a terminal)'],
    ],
    more:
      'Every gateway setting applies too; see docs/configuration.md. ' +
      'OTEL_EXPORTER_OTLP_ENDPOINT exports spans (docs/deploy.md, "Tracing").',
  },
  {
    name: 'gateway',
    args: [],
    required: 0,
    summary: 'one gateway on NATS',
    about:
      'Runs one gateway on NATS, as each Kubernetes pod does: WebSocket clients ' +
      'at /ws, the publish API, /healthz, /readyz and /metrics. SIGTERM drains it.',
    env: [
      ['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`],
      ['PORT', 'HTTP and WebSocket port (default 8080)'],
      ['HOST', 'listen address (default 0.0.0.0)'],
      ['MUX_ROUTES', 'services clients may join (default: every routed service)'],
      ['MUX_JWT_SECRET', 'HS256 secret; turns token verification on'],
      ['MUX_API_KEYS', 'bearer keys for the publish API, comma-separated'],
      ['MUX_CONNECT_SERVICE', 'service that opens streams at connect (default: none)'],
      ['MUX_PREFIX', 'NATS subject prefix (default mux)'],
      ['LOG_LEVEL', LEVELS],
    ],
    more:
      'Limits, security and every other setting: docs/configuration.md. ' +
      'OTEL_EXPORTER_OTLP_ENDPOINT exports spans (docs/deploy.md, "Tracing").',
  },
  {
    name: 'service',
    args: ['<name>'],
    required: 1,
    summary: 'one service on NATS',
    about:
      'Runs one service on NATS; several processes of one service share its work. ' +
      `<name> is one of: ${services()}. SIGTERM drains it.`,
    env: [
      ['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`],
      ['MUX_PREFIX', "NATS subject prefix, the gateways' own (default mux)"],
      ['MUX_DEADLINE_SKEW_MS', "how far this clock may lead the gateways' (default 1000)"],
      ['MUX_JETSTREAM_REPLICAS', 'copies JetStream keeps of the streams it creates (default 1)'],
      ['MUX_HEALTH_PORT', 'port of /healthz and /readyz for probes (default: none)'],
      ['LOG_LEVEL', LEVELS],
    ],
    more: 'OTEL_EXPORTER_OTLP_ENDPOINT exports spans (docs/deploy.md, "Tracing").',
  },
  {
    name: 'publish',
    args: ['<group>', '<json>'],
    required: 2,
    summary: 'send a message to every member of a group',
    about:
      'Sends <json> over NATS to every member of <group>: each gateway holding a ' +
      'member delivers it. Put -- before a message that starts with a dash.',
    example: `  muxgate publish news '{"headline":"hello"}'`,
    env: [
      ['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`],
      ['MUX_PREFIX', "NATS subject prefix, the gateways' own (default mux)"],
    ],
  },
  {
    name: 'kv',
    args: ['put', '<bucket>', '<key>', '<value>'],
    required: 4,
    summary: 'write one key of a KV bucket on NATS',
    about:
      'Writes <value> (JSON, or else a string) to <key> of the JetStream KV ' +
      'bucket <bucket>, creating the bucket if needed, as any program may: ' +
      'every binding of the bucket relays the change to its clients.',
    example: `  muxgate kv put mux_inventory main.widgets 42`,
    env: [['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`]],
  },
  {
    name: 'disconnect',
    args: ['<conn>'],
    required: 1,
    summary: 'close one connection with 4000',
    about:
      'Closes the connection whose id is <conn> (the `conn` of its welcome frame) ' +
      'with 4000: the client does not reconnect without a new token. Every ' +
      'gateway hears the command over NATS; the one holding the connection closes it.',
    example: '  muxgate disconnect Qm9vYmFyYmF6',
    env: [
      ['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`],
      ['MUX_PREFIX', "NATS subject prefix, the gateways' own (default mux)"],
    ],
  },
  {
    name: 'disconnect-user',
    args: ['<user>'],
    required: 1,
    summary: 'close every connection of a user (its sub)',
    about:
      'Closes with 4000 every connection whose token has <user> as its subject ' +
      '(sub), on every gateway.',
    example: '  muxgate disconnect-user alice',
    env: [
      ['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`],
      ['MUX_PREFIX', "NATS subject prefix, the gateways' own (default mux)"],
    ],
  },
  {
    name: 'kick',
    args: ['<conn>', '<stream>'],
    required: 2,
    summary: 'make one stream of one connection leave',
    about:
      'Makes <stream> of connection <conn> leave: the client gets `left` with ' +
      'code kicked (its library does not rejoin), the service a Leave with ' +
      'reason kicked. The connection and its other streams stay.',
    example: '  muxgate kick Qm9vYmFyYmF6 chat:lobby',
    env: [
      ['NATS_URL', `NATS servers, comma-separated (default ${DEFAULT_NATS_URL})`],
      ['MUX_PREFIX', "NATS subject prefix, the gateways' own (default mux)"],
    ],
  },
  {
    name: 'help',
    args: ['[<command>]'],
    required: 0,
    summary: 'this list, or one command in detail',
    about: 'Prints the list of commands, or one command in detail.',
    env: [],
  },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export function usageLine(c: Command): string {
  return `usage: muxgate ${[c.name, ...c.args].join(' ')}`;
}

/** `text` wrapped at word boundaries to WIDTH columns, each line after `indent`. */
export function wrap(text: string, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** Two columns: names padded to the longest (or `min`), descriptions wrapped beside them. */
function table(rows: [string, string][], min = 0): string {
  const width = Math.max(min, ...rows.map(([n]) => n.length)) + 2;
  const pad = ' '.repeat(2 + width);
  return rows
    .map(([n, d]) => {
      const wrapped = wrap(d, pad).slice(pad.length);
      return `  ${n.padEnd(width)}${wrapped}`;
    })
    .join('\n');
}

export function overview(): string {
  const commands = COMMANDS.map((c): [string, string] => [
    [c.name, ...c.args].join(' '),
    c.summary,
  ]);
  const width = Math.max(...commands.map(([n]) => n.length));
  return [
    'usage: muxgate <command> [arguments]',
    '',
    'commands:',
    table(commands),
    '',
    'options:',
    table(
      [
        ['-h, --help', 'this list; with a command, its help'],
        ['-v, --version', 'the version'],
      ],
      width,
    ),
    '',
    wrap(
      "`muxgate help <command>` shows a command's arguments and the environment " +
        'variables it reads (NATS_URL, PORT, HOST, ...); every setting is in ' +
        'docs/configuration.md.',
    ),
  ].join('\n');
}

export function commandHelp(c: Command): string {
  const parts = [usageLine(c), '', wrap(c.about)];
  if (c.example) parts.push('', c.example);
  if (c.env.length > 0) parts.push('', 'environment:', table(c.env));
  if (c.more) parts.push('', wrap(c.more));
  return parts.join('\n');
}
