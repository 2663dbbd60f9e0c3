// The dashboard as `npm start` runs it: the in-memory bus and store, with
// the feeder writing the demo board.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { silentLogger } from '../../lib/log.ts';
import { createDashboard, createFeeder } from '../../services/dashboard/index.ts';
import { MemoryStorage } from '../../services/sdk/index.ts';
import { BoardClient } from '../helpers/board-client.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

describe('dashboard on the in-memory bus, with the feeder (npm start)', () => {
  it('shows the feeder’s values and their updates on the ops board', async () => {
    const broker = new MemoryBroker();
    const sys = await TestSystem.start({ bus: { memory: broker } });
    // One storage for the process, as `npm start` makes: the feeder writes
    // the bucket the dashboard reads, each on its own bus.
    const storage = new MemoryStorage();
    const env = (bus: Bus) => ({ bus, storage, log: silentLogger, prefix: sys.prefix });
    const dash = await createDashboard(env(broker.connect()), { leaseMs: 300 });
    const feeder = await createFeeder(env(broker.connect()), { intervalMs: 50 });
    await sys.addService(dash.definition);
    try {
      await until(() => dash.relay.active, 5000, 'the relay');
      const bc = await BoardClient.join(await sys.client(), 'ops');
      await until(() => bc.applied.length >= 8, 5000, 'two rounds of feeder values');
      assert.deepEqual([...bc.view.items.keys()].sort(), [
        'cpu',
        'latency_ms',
        'memory_mb',
        'requests',
      ]);
      assert.equal(typeof bc.view.items.get('cpu')?.value, 'number');
      await bc.stop();
    } finally {
      await sys.close();
      await feeder.close();
      await dash.close();
    }
  });
});
