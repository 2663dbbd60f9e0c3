// `muxgate kv put <bucket> <key> <value>`: writes one key of a KV bucket on
// NATS, as any program outside muxgate may; bindings of the bucket relay it
// to their clients (docs/services.md, "Bindings"). The value is JSON, or a
// string when it is not JSON, as bindings read values written from outside.
import type { NatsBus } from '../bus/nats.ts';
import { JetStreamStorage } from '../services/sdk/index.ts';
import { decodeValue, KEY_RE } from '../services/sdk/storage/kv.ts';
import { loadCliSettings, type CliSettings } from './settings.ts';

const BUCKET_RE = /^[A-Za-z0-9_-]{1,64}$/;

export interface KvDeps {
  connect(settings: CliSettings): Promise<NatsBus>;
  usage(message: string): Error;
}

export async function kv(args: string[], d: KvDeps): Promise<number> {
  const [verb, bucket, key, value] = args as [string, string, string, string];
  // Usage errors come before connecting, so they read the same whether or not NATS is up.
  if (verb !== 'put') throw d.usage(`kv: unknown verb '${verb}' (put)`);
  if (!BUCKET_RE.test(bucket)) throw d.usage(`kv: not a bucket name: ${JSON.stringify(bucket)}`);
  if (!KEY_RE.test(key)) throw d.usage(`kv: not a key: ${JSON.stringify(key)}`);
  const settings = loadCliSettings();
  const bus = await d.connect(settings);
  try {
    const store = await new JetStreamStorage(bus.connection, {
      replicas: settings.replicas,
    }).keyValue(bucket);
    const revision = await store.update(key, decodeValue(new TextEncoder().encode(value)));
    console.log(`${bucket} ${key} = ${value} (revision ${revision})`);
    return 0;
  } catch (err) {
    console.error(`kv: ${(err as Error).message}`);
    return 2;
  } finally {
    await bus.drain();
  }
}
