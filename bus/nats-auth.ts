// How a connection proves who it is to a secured NATS, and how it checks the
// server's certificate: the options of nats.js v3 built from credentials in
// the URL or given apart (cli/settings.ts reads them from NATS_* variables).
// Secrets never reach a message: URLs are shown without their userinfo.
import { readFileSync } from 'node:fs';
import {
  credsAuthenticator,
  nkeyAuthenticator,
  nkeys,
  type NodeConnectionOptions,
} from '@nats-io/transport-node';

/** TLS towards NATS: the CA that signed the server's certificate, and a client certificate if the server verifies clients. */
export interface NatsTls {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/**
 * Credentials for NATS; at most one of user/pass, token, NKey seed (or seed
 * file) and credentials file. TLS goes with any of them, or none.
 */
export interface NatsAuth {
  user?: string;
  pass?: string;
  token?: string;
  /** A user NKey seed (`SU…`). */
  nkeySeed?: string;
  /** A file holding a user NKey seed; read again on every reconnect. */
  nkeyFile?: string;
  /** A `.creds` file (user JWT and seed, decentralized auth); read again on every reconnect. */
  credsFile?: string;
  tls?: NatsTls;
}

export class NatsAuthError extends Error {
  override name = 'NatsAuthError';
}

/** The servers of a NATS_URL-style list, with the credentials its URLs carried. */
export interface NatsServers {
  /** Each URL without its userinfo. */
  servers: string[];
  /** From `nats://user:password@host`. */
  user?: string;
  pass?: string;
  /** From `nats://token@host` (userinfo without a password is a token, as in the other NATS clients). */
  token?: string;
  /** Some URL asked for TLS (`tls://`). */
  tls: boolean;
}

// scheme://userinfo@rest, or userinfo@rest without a scheme. The userinfo
// runs to the last "@" before the host, so an unescaped "@" in a password
// stays in the password.
const ENTRY = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:([^/]*)@)?(.*)$/i;

/**
 * Splits a comma-separated list of NATS URLs into servers without userinfo and
 * the credentials they carried. Every URL that carries credentials must carry
 * the same ones.
 */
export function parseNatsServers(list: string): NatsServers {
  const out: NatsServers = { servers: [], tls: false };
  let userinfo: string | undefined;
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [, scheme, info, rest = ''] = ENTRY.exec(entry) ?? [];
    if (scheme?.toLowerCase() === 'tls') out.tls = true;
    out.servers.push(scheme ? `${scheme}://${rest}` : rest);
    if (info === undefined) continue;
    if (userinfo !== undefined && info !== userinfo)
      throw new NatsAuthError('the NATS URLs carry different credentials; give one set');
    userinfo = info;
  }
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
    const pass = colon < 0 ? '' : decode(userinfo.slice(colon + 1));
    if (!user) throw new NatsAuthError('a NATS URL has credentials without a user or token');
    if (pass) Object.assign(out, { user, pass });
    else out.token = user;
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new NatsAuthError('the credentials in a NATS URL are not valid percent-encoding');
  }
}

// The userinfo of URLs in free text, up to the last "@" before a space, comma
// or slash; and of scheme-less entries at the start of a comma-separated list.
const WITH_SCHEME = /([a-z][a-z0-9+.-]*:\/\/)([^\s,/]*)@/gi;
const WITHOUT_SCHEME = /(^|,)(\s*)([^\s,/]*)@/g;

const mask = (userinfo: string): string => {
  const colon = userinfo.indexOf(':');
  // user:password keeps the user; a lone userinfo is a token.
  return colon < 0 ? '***' : `${userinfo.slice(0, colon)}:***`;
};

/**
 * Hides the password or token of every URL in `text`, a NATS_URL list or a
 * message that quotes one: `nats://alice:s3cret@host` becomes
 * `nats://alice:***@host`, `nats://t0ken@host` becomes `nats://***@host`.
 */
export function redactUrl(text: string): string {
  return text
    .replace(WITH_SCHEME, (_, scheme: string, info: string) => `${scheme}${mask(info)}@`)
    .replace(
      WITHOUT_SCHEME,
      (_, start: string, space: string, info: string) => `${start}${space}${mask(info)}@`,
    );
}

/** Why `seed` is not a user NKey seed, without quoting it; undefined when it is one. */
export function nkeySeedProblem(seed: string): string | undefined {
  if (!seed.startsWith('SU')) return 'not a user NKey seed (those start with "SU")';
  try {
    nkeys.fromSeed(new TextEncoder().encode(seed)).getPublicKey();
    return undefined;
  } catch {
    return 'not a valid NKey seed';
  }
}

/** Reads a file now (so a missing one fails at start) and again on each call, keeping the last good copy. */
function rereading(file: string, what: string): () => Uint8Array {
  let last: Uint8Array;
  try {
    last = readFileSync(file);
  } catch (err) {
    throw new NatsAuthError(`cannot read the ${what} ${file}: ${(err as Error).message}`);
  }
  return () => {
    try {
      last = readFileSync(file);
    } catch {
      // A Secret being rotated: keep using the previous contents.
    }
    return last;
  };
}

const seedBytes = (text: string | Uint8Array): Uint8Array =>
  new TextEncoder().encode(
    (typeof text === 'string' ? text : new TextDecoder().decode(text)).trim(),
  );

/** What a connection to NATS needs beyond its name: servers, credentials and TLS. */
export interface NatsConnectionSetup {
  options: Pick<
    NodeConnectionOptions,
    'servers' | 'user' | 'pass' | 'token' | 'authenticator' | 'tls'
  >;
  /** The servers without credentials, for messages. */
  display: string;
  /** How it authenticates, with no secret in it: `as user "alice" (password), TLS`. */
  method: string;
  /** The secrets, so messages can be checked for them. */
  secrets: string[];
}

/**
 * Builds nats.js options from a NATS_URL-style list and separate credentials.
 * Credentials in the URLs work as if given apart; giving both, or two kinds,
 * is an error. Throws NatsAuthError, whose message quotes no secret.
 */
export function natsConnectionSetup(list: string, auth: NatsAuth = {}): NatsConnectionSetup {
  const url = parseNatsServers(list);
  if (url.servers.length === 0) throw new NatsAuthError('no NATS server given');
  const fromUrl = url.user !== undefined || url.token !== undefined;
  const given = {
    'user and password': auth.user !== undefined || auth.pass !== undefined,
    token: auth.token !== undefined,
    NKey: auth.nkeySeed !== undefined || auth.nkeyFile !== undefined,
    'credentials file': auth.credsFile !== undefined,
  };
  const kinds = Object.entries(given).filter(([, v]) => v);
  if (kinds.length > 1)
    throw new NatsAuthError(
      `give one way to authenticate to NATS, not ${kinds.map(([k]) => k).join(' and ')}`,
    );
  if (fromUrl && kinds.length > 0)
    throw new NatsAuthError(
      `credentials are in the NATS URL and given apart (${kinds[0]![0]}); give them once`,
    );
  if ((auth.user === undefined) !== (auth.pass === undefined))
    throw new NatsAuthError('a NATS user needs a password, and a password a user');
  if (auth.nkeySeed !== undefined && auth.nkeyFile !== undefined)
    throw new NatsAuthError('give an NKey seed or a seed file, not both');
  if (auth.tls && (auth.tls.certFile === undefined) !== (auth.tls.keyFile === undefined))
    throw new NatsAuthError('a TLS client certificate needs its key, and a key its certificate');

  const options: NatsConnectionSetup['options'] = { servers: url.servers };
  const user = url.user ?? auth.user;
  const pass = url.pass ?? auth.pass;
  const token = url.token ?? auth.token;
  const secrets: string[] = [];
  const how: string[] = [];
  if (user !== undefined && pass !== undefined) {
    Object.assign(options, { user, pass });
    secrets.push(pass);
    how.push(`as user ${JSON.stringify(user)} (password)`);
  } else if (token !== undefined) {
    options.token = token;
    secrets.push(token);
    how.push('with a token');
  } else if (auth.nkeySeed !== undefined || auth.nkeyFile !== undefined) {
    const file = auth.nkeyFile && rereading(auth.nkeyFile, 'NKey seed file');
    const read = (): Uint8Array => seedBytes(file ? file() : auth.nkeySeed!);
    const seed = new TextDecoder().decode(read());
    const problem = nkeySeedProblem(seed);
    if (problem)
      throw new NatsAuthError(
        `the NKey seed${auth.nkeyFile ? ` in ${auth.nkeyFile}` : ''} is ${problem}`,
      );
    secrets.push(seed);
    const pub = nkeys.fromSeed(seedBytes(seed)).getPublicKey();
    options.authenticator = nkeyAuthenticator(read);
    how.push(`with NKey ${pub}`);
  } else if (auth.credsFile !== undefined) {
    const creds = credsAuthenticator(rereading(auth.credsFile, 'NATS credentials file'));
    try {
      creds(); // parses the file now, so a wrong one fails at start
    } catch {
      throw new NatsAuthError(`${auth.credsFile} is not a NATS credentials (.creds) file`);
    }
    options.authenticator = creds;
    how.push(`with the credentials file ${auth.credsFile}`);
  }
  const tls = auth.tls ?? {};
  if (url.tls || tls.caFile || tls.certFile) {
    options.tls = {
      ...(tls.caFile && { caFile: tls.caFile }),
      ...(tls.certFile && { certFile: tls.certFile }),
      ...(tls.keyFile && { keyFile: tls.keyFile }),
    };
    how.push(
      `over TLS${tls.caFile ? ` (CA ${tls.caFile})` : ''}${tls.certFile ? ` with client certificate ${tls.certFile}` : ''}`,
    );
  }
  return {
    options,
    display: url.servers.join(','),
    method: how.join(', '),
    secrets: secrets.filter((s) => s.length > 0),
  };
}

/** `text` with every secret of `setup` and every URL's userinfo hidden. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactUrl(text);
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}
