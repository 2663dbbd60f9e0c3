// The terminal report: one table per section, then the targets.
import type { StepResult } from './broadcast.ts';
import type { EchoLevel } from './echo.ts';
import { ms, table, type Cell } from './table.ts';
import type { DurableResult } from '../scenarios/durable.ts';
import { round } from './stats.ts';
import type { Measured, Target } from './targets.ts';

const echoRow = (what: string, l: EchoLevel): Cell[] => [
  what,
  l.clients,
  ms(l.latency.p50),
  ms(l.latency.p90),
  ms(l.latency.p99),
  ms(l.latency.max),
  l.roundTripsPerSec,
  l.cpuPerRoundTripUs,
  l.errors,
];

const stepRow = (what: string, members: number, gws: string, s: StepResult | undefined): Cell[] =>
  s
    ? [
        what,
        members,
        gws,
        s.offeredDeliveriesPerSec,
        s.deliveriesPerSec,
        ms(s.latency.p50),
        ms(s.latency.p99),
        s.lost,
        s.cpuPerDeliveryUs,
        s.sustained ? 'yes' : s.why,
      ]
    : [
        what,
        members,
        gws,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        'none',
      ];

export function report(m: Measured, t: Target[]): string {
  const out: string[] = [];
  const echoRows: Cell[][] = [
    ...(m.echo?.levels ?? []).map((l) => echoRow('gateway echo', l)),
    ...(m.bareWs?.echo ?? []).map((l) => echoRow('bare ws echo', l)),
    ...(m.bareNats ?? []).map((l) => echoRow('bare NATS req/reply', l)),
  ];
  if (echoRows.length)
    out.push(
      table(
        'Round trips (ms; CPU = µs of the server processes per round trip)',
        ['path', 'clients', 'p50', 'p90', 'p99', 'max', 'rt/s', 'CPU µs', 'errors'],
        echoRows,
      ),
    );

  const fanRows: Cell[][] = [];
  for (const b of m.bareWs?.broadcast ?? []) {
    fanRows.push(stepRow('bare ws, fixed', b.members, '–', b.fixed));
    fanRows.push(stepRow('bare ws, highest', b.members, '–', b.ramp.max));
  }
  for (const f of m.fanout ?? []) {
    fanRows.push(stepRow('gateway, fixed', f.members, String(f.gateways), f.fixed));
    if (f.atBareMax)
      fanRows.push(stepRow("gateway, bare's highest", f.members, String(f.gateways), f.atBareMax));
    fanRows.push(stepRow('gateway, highest', f.members, String(f.gateways), f.ramp.max));
  }
  if (fanRows.length)
    out.push(
      table(
        'Fan-out (deliveries/s; latency publisher → client in ms; CPU = µs of the servers per delivery)',
        [
          'server, rate',
          'members',
          'gws',
          'offered/s',
          'delivered/s',
          'p50',
          'p99',
          'lost',
          'CPU µs',
          'held',
        ],
        fanRows,
      ),
    );

  if (m.idle)
    out.push(
      table(
        'Idle connections' + (m.idle.capped ? ` (capped: ${m.idle.capped})` : ''),
        [
          'server',
          'asked',
          'accepted',
          'accept s',
          'accepts/s',
          'RSS before MiB',
          'after MiB',
          'KiB/conn',
        ],
        m.idle.levels.map((l) => [
          l.server,
          l.requested,
          l.accepted,
          l.acceptSeconds,
          l.acceptsPerSec,
          l.rssBeforeMiB,
          l.rssAfterMiB,
          l.rssPerConnKiB,
        ]),
      ),
    );

  if (m.durable) out.push(...durableTables(m.durable));

  out.push(
    table(
      'Targets (ratios within this run)',
      ['target', 'goal', 'measured', 'ratio', 'status'],
      t.map((x) => [
        x.name,
        x.goal,
        x.measured ?? 'not measured',
        x.ratio,
        x.pass === undefined ? 'not measured' : x.pass ? 'met' : 'NOT MET',
      ]),
    ),
  );
  return out.join('\n');
}

function durableTables(d: DurableResult): string[] {
  const out: string[] = [];
  const fan: Cell[][] = [];
  for (const f of d.fanout)
    for (const kind of ['plain', 'durable'] as const) {
      const steps = f.steps.filter((s) => s.kind === kind).map((s) => s.step);
      const cpu = f[kind];
      fan.push([
        kind,
        f.members,
        f.gateways,
        f.offeredDeliveriesPerSec,
        steps.length,
        Math.round(steps.reduce((a, s) => a + s.deliveriesPerSec, 0) / (steps.length || 1)),
        ms(Math.max(0, ...steps.map((s) => s.latency.p50))),
        ms(Math.max(0, ...steps.map((s) => s.latency.p99))),
        cpu.lost,
        cpu.gatewaysUs,
        cpu.natsUs,
        cpu.totalUs,
        kind === 'durable' ? f.ratio : undefined,
        steps.every((s) => s.sustained) ? 'yes' : steps.find((s) => !s.sustained)!.why,
      ]);
    }
  if (fan.length)
    out.push(
      table(
        'Durable vs plain fan-out (same members, gateways, rate; latency: worst step; CPU: µs per delivery over all steps)',
        [
          'group',
          'members',
          'gws',
          'offered/s',
          'steps',
          'delivered/s',
          'p50',
          'p99',
          'lost',
          'gw µs',
          'nats µs',
          'gw+nats µs',
          'ratio',
          'held',
        ],
        fan,
      ),
    );

  out.push(
    table(
      `Replay of ${d.replay.messages} missed messages after a join with since (ms from sending join)`,
      [
        'run',
        'joined',
        'first',
        'last',
        'msgs/s',
        'after joined/s',
        'gw µs/msg',
        'nats µs/msg',
        'in order',
      ],
      d.replay.runs.map((r, i) => [
        i + 1,
        r.joinedMs,
        r.firstMs,
        r.lastMs,
        r.perSec,
        r.afterJoinedPerSec,
        r.gatewayUsPerMsg,
        r.natsUsPerMsg,
        r.outOfOrder === 0 && r.received === d.replay.messages ? 'yes' : 'NO',
      ]),
    ),
  );

  const joinRows: Cell[][] = [];
  for (const c of d.joins) {
    const plain = c.variants.find((v) => v.name === 'plain');
    for (const v of c.variants)
      joinRows.push([
        c.case,
        v.name,
        v.latency.count,
        ms(v.latency.p50),
        ms(v.latency.p90),
        ms(v.latency.p99),
        ms(v.latency.max),
        plain && v !== plain ? round(v.latency.p50 / plain.latency.p50, 2) : undefined,
        plain && v !== plain ? round(v.latency.p99 / plain.latency.p99, 2) : undefined,
        v.name.includes('since') ? (v.notRecovered === 0 ? 'yes' : `${v.notRecovered} not`) : '–',
      ]);
  }
  for (const l of d.lookups)
    joinRows.push([
      'store lookup alone',
      l.name,
      l.latency.count,
      ms(l.latency.p50),
      ms(l.latency.p90),
      ms(l.latency.p99),
      ms(l.latency.max),
      undefined,
      undefined,
      '–',
    ]);
  out.push(
    table(
      'Join latency, sequential joins, each followed by a leave (ms from join to joined)',
      [
        'case',
        'group',
        'joins',
        'p50',
        'p90',
        'p99',
        'max',
        'p50 ÷ plain',
        'p99 ÷ plain',
        'recovered',
      ],
      joinRows,
    ),
  );
  return out;
}
