// The inventory: a binding of a bucket that programs outside muxgate write
// (`muxgate kv put <prefix>_inventory <warehouse>.<item> <count>`, or any
// NATS client). Clients join `inventory:<warehouse>` and see its stock
// change live; those with the `inventory:write` scope may adjust counts.
import { z } from 'zod';
import {
  byPrefix,
  createBinding,
  type Binding,
  type Permission,
  type ServiceEnv,
} from '../sdk/index.ts';

const stock: Permission = (scope) => hasScope(scope.claims, 'inventory:write');

export function inventoryBucket(prefix: string): string {
  return `${prefix.replaceAll('.', '_')}_inventory`;
}

export function createInventory(env: ServiceEnv): Promise<Binding> {
  return createBinding(env, {
    name: 'inventory',
    bucket: inventoryBucket(env.prefix),
    groups: byPrefix(1),
    permissions: { update: stock, increment: stock },
    value: z.number().int().min(0),
  });
}

function hasScope(claims: Readonly<Record<string, unknown>> | undefined, want: string): boolean {
  const scope = claims?.scope;
  if (typeof scope === 'string') return scope.split(/\s+/).includes(want);
  return Array.isArray(scope) && scope.includes(want);
}
