// The test harness's ports. A port handed to a nats-server or a gateway must
// still be free when that process binds it; CI once lost a cluster's route
// port to an outgoing connection's local port in between.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { freePort, portTaken } from '../../harness/nats-server.ts';

describe('harness ports', () => {
  it('freePort gives ports below the ephemeral range, which outgoing connections never take', async (t) => {
    let low: number;
    try {
      low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
    } catch {
      return t.skip('no /proc/sys/net/ipv4/ip_local_port_range here');
    }
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) assert.ok(port >= 1024 && port < low, `${port} is not below ${low}`);
    // Each can be listened on.
    for (const port of ports.slice(0, 3)) {
      const srv = createServer();
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((r) => srv.close(r));
    }
  });

  it('portTaken tells a taken port from any other start failure, and which port it was', () => {
    const fatal = (line: string) => new Error(`nats-server exited with 1 at start: ${line}`);
    const route = fatal(
      '[FTL] Error listening on router port: 36211 - listen tcp 127.0.0.1:36211: bind: address already in use',
    );
    const client = fatal(
      '[FTL] Error listening on port: 127.0.0.1:23456, "listen tcp 127.0.0.1:23456: bind: address already in use"',
    );
    const monitor = fatal(
      "[FTL] Can't start monitoring: can't listen to the monitor port: listen tcp 127.0.0.1:8222: bind: address already in use",
    );
    for (const err of [route, client, monitor]) assert.equal(portTaken(err), true);
    assert.equal(portTaken(client, 23456), true);
    assert.equal(portTaken(route, 23456), false, 'the route port is not the client port');
    assert.equal(portTaken(fatal('[FTL] Error parsing config file: unknown field')), false);
    assert.equal(portTaken('address already in use'), false, 'only Errors');
  });
});
