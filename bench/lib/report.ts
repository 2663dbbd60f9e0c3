// The terminal report: one table per section, then the targets.
import type { StepResult } from './broadcast.ts';
import type { EchoLevel } from './echo.ts';
import { duration, ms, table, type Cell } from './table.ts';
import type { DurableResult } from '../scenarios/durable.ts';
import type { SoakResult } from '../scenarios/soak.ts';
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
    ...(m.bareBun?.echo ?? []).map((l) => echoRow('bare Bun echo', l)),
    ...(m.binary?.echo.json ?? []).map((l) => echoRow('gateway echo, JSON', l)),
    ...(m.binary?.echo.proto ?? []).map((l) => echoRow('gateway echo, binary', l)),
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
  for (const b of m.bareBun?.broadcast ?? []) {
    fanRows.push(stepRow('bare Bun, fixed', b.members, '–', b.fixed));
    fanRows.push(stepRow('bare Bun, highest', b.members, '–', b.ramp.max));
  }
  for (const [enc, steps] of Object.entries({
    JSON: m.binary?.fanout.json,
    binary: m.binary?.fanout.proto,
  }))
    for (const s of steps ?? [])
      fanRows.push(stepRow(`gateway ${enc}`, m.binary!.fanout.members, '1', s));
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
  if (m.soak) out.push(...soakTables(m.soak));

  out.push(
    table(
      'Targets (ratios within this run)',
      ['target', 'goal', 'measured', 'ratio', 'status'],
      t.map((x) => [
        x.name,
        x.goal,
        x.measured ?? 'not measured',
        x.ratio,
        x.pass === undefined
          ? x.measured
            ? 'comparison'
            : 'not measured'
          : x.pass
            ? 'met'
            : 'NOT MET',
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

function soakTables(s: SoakResult): string[] {
  // About ten rows whatever the length: one per minute of a 10-minute run.
  const windowS = Math.max(1, s.durationSeconds / 10);
  const rows: Cell[][] = [];
  for (let from = 0; from < s.durationSeconds; from += windowS) {
    const w = s.samples.filter((x) => x.t >= from && x.t < from + windowS);
    if (w.length === 0) continue;
    const pick = (f: (x: (typeof w)[number]) => number | undefined) =>
      w.map(f).filter((v): v is number => v !== undefined);
    const rss = pick((x) => x.rssMiB);
    const heap = pick((x) => x.heapUsedMiB);
    rows.push([
      `${round(from, 1)}–${round(from + windowS, 1)}`,
      from < s.warmupSeconds ? 'warm-up' : 'measured',
      Math.min(...pick((x) => x.connections)),
      Math.max(...pick((x) => x.streams)),
      Math.min(...pick((x) => x.live)),
      Math.min(...rss),
      Math.max(...rss),
      heap.length ? Math.min(...heap) : undefined,
      heap.length ? Math.max(...heap) : undefined,
      Math.max(...pick((x) => x.heapTotalMiB)),
      Math.max(...pick((x) => x.externalMiB)),
      w.at(-1)!.opened,
      Math.max(...w.map((x) => x.natsRssMiB)),
    ]);
  }
  const c = s.clients;
  const l = s.end.ledgers;
  const ledgerText = Object.entries(l)
    .map(
      ([n, x]) =>
        `${n} ${x.accepted} accepted / ${x.leaves} Leaves (${x.open} open, ${x.unmatched} unmatched)`,
    )
    .join('; ');
  const ms3 = (us: number) => (us / 1000).toFixed(3);
  const totals: string[][] = [
    ['connections opened (welcome)', String(c.opened)],
    [
      '  closed with 1000 / socket destroyed / destroyed during a join',
      `${c.closed} / ${c.destroyed} / ${c.abortedInJoin}`,
    ],
    [
      '  failed to open / dropped by the gateway',
      `${c.openFailed} / ${c.serverClosed}` + (c.firstError ? ` (${c.firstError})` : ''),
    ],
    ['joins sent / joined / refused', `${c.joins} / ${c.joined} / ${c.joinErrors}`],
    [
      'join to joined, ms p50 / p99 / max',
      `${ms3(s.joinLatency.p50)} / ${ms3(s.joinLatency.p99)} / ${ms3(s.joinLatency.max)}`,
    ],
    ['msgs sent / replies / errors', `${c.msgs} / ${c.replies} / ${c.msgErrors}`],
    [
      'echo round trip, ms p50 / p99 / max',
      `${ms3(s.msgLatency.p50)} / ${ms3(s.msgLatency.p99)} / ${ms3(s.msgLatency.max)}`,
    ],
    ['leaves sent / left / left unasked', `${c.leaves} / ${c.lefts} / ${c.unaskedLefts}`],
    ['unanswered when their connection ended', String(c.unanswered)],
    ['error frames by code', JSON.stringify(c.errorCodes)],
    ['chat deliveries to members', String(c.deliveries)],
    [
      'at the end: connections / streams / group members',
      `${s.end.connections} / ${s.end.streams} / ${s.end.groupMembers}`,
    ],
    [
      '  gauges at 0 after',
      s.end.settledMs === undefined ? 'not within 30 s' : `${s.end.settledMs} ms`,
    ],
    ['  services', ledgerText],
    ['  joins the gateway counted accepted', String(s.end.gatewayAccepts)],
    [
      'CPU seconds over the churn',
      Object.entries(s.cpuSeconds)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ['client event-loop delay p99, ms (worst process)', String(s.clientLoopDelayP99Ms)],
  ];
  return [
    table(
      `Soak: ${s.connections} connections (${s.requested} asked), ${s.churnPerSec * 100} %/s replaced, ` +
        `${duration(s.durationSeconds)} after a ${s.rampSeconds} s ramp; ${s.rooms} chat rooms, ${s.clientProcs} client processes` +
        (s.gatewayEnv.NODE_OPTIONS ? `; gateway under ${s.gatewayEnv.NODE_OPTIONS}` : '') +
        '. ' +
        `The gateway's RSS, V8 heap used, V8 heap held and memory outside it (MiB), per window of ${round(windowS, 1)} s`,
      [
        'seconds',
        'part',
        'gw conns min',
        'streams max',
        'set up min',
        'RSS min',
        'RSS max',
        'heap min',
        'heap max',
        'V8 heap max',
        'external max',
        'opened',
        'nats RSS',
      ],
      rows,
    ),
    table('Soak: totals', ['what', 'value'], totals),
  ];
}
