// The terminal report: one table per section, then the targets.
import type { StepResult } from './broadcast.ts';
import type { EchoLevel } from './echo.ts';
import { ms, table, type Cell } from './table.ts';
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
