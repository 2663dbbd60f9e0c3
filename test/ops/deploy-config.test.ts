// deploy/'s configuration checked against the code that reads it: the
// gateway's ConfigMap and Secret, the NATS config, the ingress timeouts, and
// the secured-NATS example (nats-secret.example.yaml).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { CliSettingsSchema, loadCliSettings } from '../../cli/settings.ts';
import { GatewayConfigSchema } from '../../gateway/config.ts';
import { DEV_ONLY_SERVICES, ROUTED_SERVICES } from '../../services/registry.ts';
import {
  all,
  containerOf,
  deployedConfig,
  loadDeploy,
  muxgateDeployments,
  one,
  POD_NAME,
} from '../helpers/deploy.ts';

const exec = promisify(execFile);

before(loadDeploy);

describe('gateway configuration', () => {
  const schemaKeys = () => new Set(Object.keys(GatewayConfigSchema.shape));
  const gatewayEnv = () => one<ConfigMap>('ConfigMap', 'muxgate-gateway').data ?? {};
  const exampleSecret = () =>
    one<Secret>('Secret', 'muxgate-secrets').stringData ?? ({} as Record<string, string>);

  test('every ConfigMap and Secret key is a variable gateway/config.ts knows', () => {
    const known = schemaKeys();
    const unknown = [...Object.keys(gatewayEnv()), ...Object.keys(exampleSecret())].filter(
      (k) => !known.has(k),
    );
    assert.deepEqual(unknown, []);
  });

  test('the values pass the gateway validation, with a pod name as gateway id', () => {
    assert.equal(POD_NAME.length, 63);
    const config = deployedConfig();
    assert.equal(config.gatewayId, POD_NAME);
    const deployed = ROUTED_SERVICES.filter((n) => !DEV_ONLY_SERVICES.has(n));
    assert.deepEqual([...config.routes.keys()], deployed, 'routes to every deployed service');
    assert.equal(config.devTokens, false, 'no dev tokens in a deployment');
    assert.ok(config.allowedOrigins.length > 0, 'an origin allowlist');
    assert.equal(config.auth.mode, 'required');
  });

  test('keys of the runtime ConfigMap are variables the CLI reads', () => {
    const known = new Set(Object.keys(CliSettingsSchema.shape));
    for (const key of Object.keys(one<ConfigMap>('ConfigMap', 'muxgate-runtime').data ?? {}))
      assert.ok(known.has(key), `${key} is read by the CLI (cli/settings.ts)`);
  });

  test('NATS accepts a full-size frame with room for the envelope', () => {
    const conf = one<ConfigMap>('ConfigMap', 'nats-config').data?.['nats.conf'] ?? '';
    const [, n = '', unit = ''] = /^\s*max_payload:\s*(\d+)\s*(KB|MB)?\s*$/m.exec(conf) ?? [];
    const maxPayload = Number(n) * (unit === 'MB' ? 1024 ** 2 : unit === 'KB' ? 1024 : 1);
    const frame = deployedConfig().maxFrameBytes;
    // Scope (claims, user agent) and trace headers ride along with each frame.
    assert.ok(maxPayload >= frame + 64 * 1024, `max_payload ${maxPayload} vs frame ${frame}`);
  });

  test('the NATS config is valid for nats-server', async (t) => {
    // Every key is a file of the mounted ConfigMap: nats.conf includes cluster.conf.
    const dir = await mkdtemp(join(tmpdir(), 'muxgate-nats-config-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const data = one<ConfigMap>('ConfigMap', 'nats-config').data ?? {};
    for (const [key, text] of Object.entries(data))
      await writeFile(join(dir, key), text.replaceAll('/data', join(dir, 'data')));
    const file = join(dir, 'nats.conf');
    try {
      await exec('nats-server', ['-c', file, '-t'], {
        env: { ...process.env, POD_NAME: 'nats-0' },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return t.skip('no nats-server here');
      assert.fail(`nats-server -t: ${(err as { stderr?: string }).stderr ?? String(err)}`);
    }
  });

  test('the ingress example outlasts the heartbeat', () => {
    const ing = one<Ingress>('Ingress', 'muxgate');
    const heartbeat = deployedConfig().heartbeatMs;
    const timeout = Number(
      ing.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'],
    );
    assert.ok(timeout * 1000 > heartbeat, `proxy-read-timeout ${timeout}s > ${heartbeat}ms`);
    const paths = ing.spec?.rules?.flatMap((r) => r.http?.paths ?? []) ?? [];
    assert.deepEqual(
      paths.map((p) => [p.path, p.backend.service?.name]),
      [['/ws', 'muxgate-gateway']],
    );
  });
});

describe('a secured NATS (nats-secret.example.yaml)', () => {
  const MOUNT = '/etc/muxgate/nats';
  const env = () => one<Secret>('Secret', 'muxgate-nats').stringData ?? {};
  const files = () => one<Secret>('Secret', 'muxgate-nats-files').stringData ?? {};

  test('every muxgate pod reads muxgate-nats last and mounts muxgate-nats-files, both optional', () => {
    for (const d of muxgateDeployments()) {
      const name = d.metadata?.name;
      const c = containerOf(d.spec?.template);
      // Last, so a NATS_URL with credentials there wins over the ConfigMap's.
      const last = c.envFrom?.at(-1)?.secretRef;
      assert.deepEqual([last?.name, last?.optional], ['muxgate-nats', true], `${name}: envFrom`);
      const mount = c.volumeMounts?.find((m) => m.mountPath === MOUNT);
      assert.equal(mount?.readOnly, true, `${name}: ${MOUNT} read-only`);
      const vol = d.spec?.template.spec?.volumes?.find((v) => v.name === mount?.name);
      assert.deepEqual(
        [vol?.secret?.secretName, vol?.secret?.optional],
        ['muxgate-nats-files', true],
        `${name}: the volume`,
      );
    }
  });

  test('its keys are CLI variables, its paths name files of the mounted Secret, and they load', async (t) => {
    const known = new Set(Object.keys(CliSettingsSchema.shape));
    for (const key of Object.keys(env())) assert.ok(known.has(key), `${key} is read by the CLI`);
    // The files as the pod sees them, under a scratch directory instead of /etc.
    const dir = await mkdtemp(join(tmpdir(), 'muxgate-nats-files-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    for (const [file, text] of Object.entries(files())) await writeFile(join(dir, file), text);
    const local: Record<string, string> = {};
    for (const [key, value] of Object.entries(env())) {
      if (value.startsWith('/')) {
        assert.ok(value.startsWith(`${MOUNT}/`), `${key}: ${value} is in ${MOUNT}`);
        assert.ok(
          value.slice(MOUNT.length + 1) in files(),
          `${key}: ${value} is a key of the files`,
        );
      }
      local[key] = value.startsWith(`${MOUNT}/`) ? join(dir, value.slice(MOUNT.length + 1)) : value;
    }
    const settings = loadCliSettings(local);
    assert.ok(settings.natsAuth.tls?.certFile, 'TLS with a client certificate');
    assert.ok(!settings.natsServers.includes('@'));
  });

  test('no ConfigMap holds a NATS secret', () => {
    for (const cm of all<ConfigMap>('ConfigMap')) {
      const data = cm.data ?? {};
      for (const key of ['NATS_PASSWORD', 'NATS_TOKEN', 'NATS_NKEY_SEED'])
        assert.ok(!(key in data), `${cm.metadata?.name}: ${key} belongs in a Secret`);
      assert.ok(!/:\/\/[^/,\s]*@/.test(data.NATS_URL ?? ''), 'no credentials in a ConfigMap URL');
    }
  });
});
