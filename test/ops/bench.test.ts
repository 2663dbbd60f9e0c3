// Smoke test of the benchmark: the quick mode runs every section end to end
// (real nats-server, gateways, services and clients as processes) and writes
// its JSON. No timing is asserted: figures on a shared machine prove nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PresenceVariant } from '../../bench/scenarios/presence.ts';

interface Step {
  lost: number;
  duplicates: number;
  delivered: number;
  expected: number;
}

describe('bench --quick', () => {
  let dir: string;
  let results: Record<string, unknown> & {
    bare: { ws: { echo: unknown[]; broadcast: { fixed: Step; ramp: { steps: Step[] } }[] } };
    echo: { levels: { roundTrips: number; errors: number }[] };
    fanout: { fixed: Step; atBareMax?: Step; ramp: { steps: Step[] } }[];
    idle: { levels: { accepted: number; requested: number }[] };
    http: {
      echo: { transport: string; summary: { count: number } }[];
      longPollFanout: { lost: number; delivered: number; expected: number };
    };
    binary: {
      echo: Record<'json' | 'proto', { roundTrips: number; errors: number }[]>;
      fanout: Record<'json' | 'proto', Step[]> & { ratio: number };
    };
    targets: { name: string }[];
    presence: { variants: PresenceVariant[] };
  };
  let output = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muxgate-bench-'));
    const out = join(dir, 'quick.json');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('bash', ['bench/run.sh', '--quick', `--out=${out}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', resolve);
    });
    assert.equal(code, 0, `bench --quick failed:\n${output}`);
    results = JSON.parse(await readFile(out, 'utf8')) as typeof results;
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every section', () => {
    for (const section of ['meta', 'bare', 'echo', 'fanout', 'binary', 'idle', 'http', 'targets'])
      assert.ok(results[section], `section ${section} is missing`);
    assert.ok(results.bare.ws.echo.length > 0);
    assert.ok(results.targets.length >= 4);
  });

  it('echoes over every transport, and loses nothing over long polling', () => {
    assert.deepEqual(
      results.http.echo.map((e) => e.transport),
      ['websocket', 'sse', 'long-poll'],
    );
    assert.ok(results.http.echo.every((e) => e.summary.count > 0));
    const f = results.http.longPollFanout;
    assert.deepEqual([f.lost, f.delivered], [0, f.expected]);
  });

  it('loses no fan-out message, through the bare server or the gateways', () => {
    const steps = [
      ...results.bare.ws.broadcast.flatMap((b) => [b.fixed, ...b.ramp.steps]),
      ...results.fanout.flatMap((f) => [
        f.fixed,
        ...(f.atBareMax ? [f.atBareMax] : []),
        ...f.ramp.steps,
      ]),
      // Binary frames carry the same deliveries (muxgate.v1.proto).
      ...results.binary.fanout.json,
      ...results.binary.fanout.proto,
    ];
    assert.ok(steps.length > 0);
    for (const s of steps) {
      assert.equal(s.lost, 0);
      assert.equal(s.duplicates, 0);
      assert.equal(s.delivered, s.expected);
    }
  });

  it('echoes without error frames and accepts every idle connection', () => {
    for (const l of [
      ...results.echo.levels,
      ...results.binary.echo.json,
      ...results.binary.echo.proto,
    ]) {
      assert.ok(l.roundTrips > 0);
      assert.equal(l.errors, 0);
    }
    for (const l of results.idle.levels) assert.equal(l.accepted, l.requested);
  });

  it('relays every outside write to every bound client, once and in order', () => {
    const b = results.binding as { clients: number; changes: number; problems: number };
    assert.ok(b.clients > 0 && b.changes > 0);
    assert.equal(b.problems, 0);
  });

  it('measures presence on and off: joins without errors, diffs only with presence on', () => {
    const [off, on] = results.presence.variants as [PresenceVariant, PresenceVariant];
    for (const v of [off, on]) {
      assert.ok(v.churn.joins > 0);
      assert.equal(v.churn.errors, 0);
    }
    assert.equal(off.diffs, 0);
    assert.ok(on.diffs > 0 && (on.diffLatencyMs?.count ?? 0) > 0);
  });

  it('prints the tables', () => {
    for (const title of ['Round trips', 'Fan-out', 'Idle connections', 'Targets'])
      assert.match(output, new RegExp(title));
  });
});
