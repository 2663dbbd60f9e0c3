// Material for tests of a secured NATS: a throwaway CA with server and client
// certificates made by `openssl`, NKey users, and an operator, account and
// user for a `.creds` file (decentralized auth, signed here with the NKeys of
// nats.js, so no `nsc` is needed).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nkeys } from '@nats-io/transport-node';

const exec = promisify(execFile);

export interface Certificates {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A CA that signed nothing the server has. */
  otherCa: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  await exec('openssl', [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    `/CN=muxgate test ${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { cert, key };
}

async function issue(
  dir: string,
  ca: { cert: string; key: string },
  name: string,
  extensions: string,
): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await exec('openssl', [
    'req',
    ...EC,
    '-keyout',
    key,
    '-out',
    csr,
    '-subj',
    `/CN=muxgate test ${name}`,
  ]);
  await exec('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-set_serial',
    `0x${Date.now().toString(16)}${name.length}`,
    '-days',
    '1',
    '-out',
    cert,
    '-extfile',
    ext,
  ]);
  return { cert, key };
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate it signed, in `dir`. */
export async function makeCertificates(dir: string): Promise<Certificates> {
  const ca = await makeCa(dir, 'ca');
  const other = await makeCa(dir, 'other-ca');
  const server = await issue(
    dir,
    ca,
    'server',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n',
  );
  const client = await issue(
    dir,
    ca,
    'client',
    'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n',
  );
  return {
    ca: ca.cert,
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
    otherCa: other.cert,
  };
}

/** A fresh NKey user: the seed a client signs with, the public key the server lists. */
export function nkeyUser(): { seed: string; publicKey: string } {
  const kp = nkeys.createUser();
  return { seed: new TextDecoder().decode(kp.getSeed()), publicKey: kp.getPublicKey() };
}

const b64url = (data: Uint8Array | string): string => Buffer.from(data).toString('base64url');

/** A NATS JWT (ed25519-nkey) for `subject`, signed by `issuer`. */
function natsJwt(
  issuer: nkeys.KeyPair,
  subject: string,
  name: string,
  nats: Record<string, unknown>,
): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims: Record<string, unknown> = {
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    name,
    sub: subject,
    nats: { ...nats, version: 2 },
  };
  claims.jti = createHash('sha256').update(JSON.stringify(claims)).digest('base64url');
  const payload = b64url(JSON.stringify(claims));
  const sig = issuer.sign(new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${b64url(sig)}`;
}

const UNLIMITED = { subs: -1, data: -1, payload: -1 };

/**
 * Decentralized auth: the server configuration (operator, memory resolver
 * preloaded with one account) and a `.creds` file's text for a new user of
 * that account. The users of another setup are strangers to this server.
 */
export function operatorSetup(): { serverConfig: string; creds: () => string } {
  const operator = nkeys.createOperator();
  const account = nkeys.createAccount();
  const op = operator.getPublicKey();
  const acc = account.getPublicKey();
  const operatorJwt = natsJwt(operator, op, 'muxgate-test', { type: 'operator' });
  const accountJwt = natsJwt(operator, acc, 'muxgate', {
    type: 'account',
    limits: { ...UNLIMITED, conn: -1, leaf: -1, imports: -1, exports: -1, wildcards: true },
  });
  const serverConfig = [
    `operator: ${operatorJwt}`,
    'resolver: MEMORY',
    `resolver_preload: { ${acc}: ${accountJwt} }`,
    '',
  ].join('\n');
  const creds = (): string => {
    const user = nkeys.createUser();
    const jwt = natsJwt(account, user.getPublicKey(), 'muxgate-user', {
      type: 'user',
      pub: {},
      sub: {},
      ...UNLIMITED,
    });
    const seed = new TextDecoder().decode(user.getSeed());
    return [
      '-----BEGIN NATS USER JWT-----',
      jwt,
      '------END NATS USER JWT------',
      '',
      '************************* IMPORTANT *************************',
      'NKEY Seed printed below can be used to sign and prove identity.',
      'NKEYs are sensitive and should be treated as secrets.',
      '',
      '-----BEGIN USER NKEY SEED-----',
      seed,
      '------END USER NKEY SEED------',
      '',
      '*************************************************************',
      '',
    ].join('\n');
  };
  return { serverConfig, creds };
}
