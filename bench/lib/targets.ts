// The targets, each a ratio of the gateway to its own parts measured
// in the same run. A target whose inputs were not measured (e.g. with --only)
// is reported as such, not as passed.
import type { EchoLevel } from './echo.ts';
import type { BindingResult } from '../scenarios/binding.ts';
import type { BareWsResult } from '../scenarios/bare-ws.ts';
import type { DurableResult } from '../scenarios/durable.ts';
import type { EchoResult } from '../scenarios/echo.ts';
import type { FanoutRun } from '../scenarios/fanout.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import type { SoakResult } from '../scenarios/soak.ts';
import type { BinaryResult } from '../scenarios/binary.ts';
import { binaryTargets, bunComparison } from './targets-binary.ts';
import { round } from './stats.ts';
import { duration } from './table.ts';

import type { Target } from './target.ts';

export type { Target };

export interface Measured {
  bareWs: BareWsResult | undefined;
  /** Bun's built-in server, when the `bun` binary is there. */
  bareBun: BareWsResult | undefined;
  binary: BinaryResult | undefined;
  bareNats: EchoLevel[] | undefined;
  echo: EchoResult | undefined;
  fanout: FanoutRun[] | undefined;
  idle: IdleResult | undefined;
  durable: DurableResult | undefined;
  soak: SoakResult | undefined;
  binding?: BindingResult | undefined;
}

const at = (levels: EchoLevel[] | undefined, clients: number) =>
  levels?.find((l) => l.clients === clients);
const msText = (us: number) => `${(us / 1000).toFixed(3)} ms`;

export function targets(m: Measured): Target[] {
  const out: Target[] = [];

  const e1 = at(m.echo?.levels, 1);
  const w1 = at(m.bareWs?.echo, 1);
  const n1 = at(m.bareNats, 1);
  const base = w1 && n1 ? w1.latency.p50 + n1.latency.p50 : undefined;
  out.push({
    name: 'echo p50, 1 client',
    goal: '≤ 2 × (bare ws echo p50 + bare NATS round-trip p50)',
    measured:
      e1 && base !== undefined
        ? `${msText(e1.latency.p50)} vs ${msText(w1!.latency.p50)} + ${msText(n1!.latency.p50)}`
        : undefined,
    ...ratio(e1 && base ? e1.latency.p50 / base : undefined, (r) => r <= 2),
  });

  // 50 clients in a full run; the largest count both measured otherwise (quick mode).
  const counts = (m.echo?.levels ?? []).map((l) => l.clients).filter((c) => at(m.bareNats, c));
  const c = counts.includes(50) ? 50 : Math.max(...counts, 0);
  const e50 = at(m.echo?.levels, c);
  const n50 = at(m.bareNats, c);
  out.push({
    name: `echo round trips/s, ${c || 50} clients`,
    goal: '≥ 0.7 × bare NATS request/reply at as many in flight',
    measured: e50 && n50 ? `${e50.roundTripsPerSec}/s vs ${n50.roundTripsPerSec}/s` : undefined,
    ...ratio(e50 && n50 ? e50.roundTripsPerSec / n50.roundTripsPerSec : undefined, (r) => r >= 0.7),
  });

  // 1,000 members in a full run; the first size measured by both otherwise.
  const runs = (m.fanout ?? []).filter((r) => r.gateways === 1 && r.atBareMax);
  const fr = runs.find((r) => r.members === 1000) ?? runs[0];
  const bare = m.bareWs?.broadcast.find((b) => b.members === fr?.members)?.ramp.max;
  const g = fr?.atBareMax;
  out.push({
    name: `fan-out to ${fr?.members ?? 1000}, at the bare server's highest rate`,
    goal: '0 lost, and CPU per delivery ≤ 1.25 × the bare server',
    measured:
      g && bare
        ? `${bare.offeredDeliveriesPerSec} deliveries/s: ${g.lost} lost, ${g.cpuPerDeliveryUs} vs ${bare.cpuPerDeliveryUs} µs CPU/delivery` +
          (g.sustained ? '' : ` (gateway did not keep up: ${g.why})`)
        : undefined,
    ...ratio(
      g && bare ? g.cpuPerDeliveryUs / bare.cpuPerDeliveryUs : undefined,
      (r) => r <= 1.25 && g!.lost === 0,
    ),
  });

  for (const n of new Set(m.idle?.levels.map((l) => l.requested) ?? [])) {
    const gw = m.idle!.levels.find((l) => l.requested === n && l.server === 'gateway');
    const bw = m.idle!.levels.find((l) => l.requested === n && l.server === 'bare-ws');
    out.push({
      name: `RSS per idle connection, ${n}`,
      goal: '≤ 1.25 × the bare ws server',
      measured: gw && bw ? `${gw.rssPerConnKiB} KiB vs ${bw.rssPerConnKiB} KiB` : undefined,
      ...ratio(gw && bw ? gw.rssPerConnKiB / bw.rssPerConnKiB : undefined, (r) => r <= 1.25),
    });
  }
  out.push(...binaryTargets(m.binary));
  out.push(...bunComparison({ ...m, echo: m.echo?.levels }));
  out.push(...durableTargets(m.durable));
  out.push(...soakTargets(m.soak));
  return out;
}

/** Issue 12: a gateway under churn keeps its memory, and lets go of everything at the end. */
function soakTargets(s: SoakResult | undefined): Target[] {
  const size = s
    ? `${s.connections.toLocaleString('en-US')} connections, ${s.churnPerSec * 100} %/s churn, ${duration(s.durationSeconds)}` +
      (s.gatewayEnv.NODE_OPTIONS ? `, ${s.gatewayEnv.NODE_OPTIONS}` : '')
    : '10,000 connections churning for 10 min';
  const c = s?.clients;
  const ledgers = Object.values(s?.end.ledgers ?? {});
  const accepted = ledgers.reduce((a, l) => a + l.accepted, 0);
  const leaves = ledgers.reduce((a, l) => a + l.leaves, 0);
  const open = ledgers.reduce((a, l) => a + l.open, 0);
  const unmatched = ledgers.reduce((a, l) => a + l.unmatched, 0);
  const released =
    s !== undefined &&
    s.end.connections === 0 &&
    s.end.streams === 0 &&
    open === 0 &&
    unmatched === 0 &&
    accepted === s.end.gatewayAccepts &&
    c!.unanswered === 0 &&
    c!.serverClosed === 0 &&
    c!.openFailed === 0;
  return [
    {
      name: `soak, gateway RSS after the ${duration(s ? s.warmupSeconds : 120)} warm-up (${size})`,
      goal: 'flat within 10 %: the highest peak of a minute ≤ 1.10 × the lowest (a dip is memory given back, not growth)',
      measured: s
        ? `peaks per ${duration(s.rss.windowSeconds)} ${s.rss.peakLowMiB}–${s.rss.peakHighMiB} MiB; ` +
          `all samples ${s.rss.minMiB}–${s.rss.maxMiB} MiB (max ÷ min ${s.rss.ratio}); mean ${s.rss.firstMiB} MiB first ${duration(s.rss.windowSeconds)}, ` +
          `${s.rss.lastMiB} MiB last (${s.rss.trendPct > 0 ? '+' : ''}${s.rss.trendPct} %); ` +
          `${s.held.min.toLocaleString('en-US')} connections or more open (${s.setUp.min.toLocaleString('en-US')} set up)`
        : undefined,
      ...ratio(s?.rss.peakRatio, (r) => r <= 1.1),
    },
    {
      name: 'soak, everything released once every client closed',
      goal: 'gauges at 0; a Leave for every accepted stream; every join, msg and leave answered; no socket dropped by the gateway',
      measured: s
        ? `connections ${s.end.connections}, streams ${s.end.streams}; ${accepted} accepted, ` +
          `${leaves} Leaves (${open} missing, ${unmatched} unmatched; gateway counted ${s.end.gatewayAccepts} accepts); ` +
          `${c!.unanswered} unanswered, ${c!.serverClosed} dropped, ${c!.openFailed} failed opens`
        : undefined,
      ratio: undefined,
      pass: s === undefined ? undefined : released,
    },
  ];
}

/** Protocol 1.1 (issue 10): a durable group against the plain group it replaces. */
function durableTargets(d: DurableResult | undefined): Target[] {
  const out: Target[] = [];
  // The worst of every size and rate measured: the per-message cost of the
  // store weighs most on the smallest group.
  const worst = (d?.fanout ?? [])
    .filter((f) => f.ratio !== undefined)
    .sort((a, b) => b.ratio! - a.ratio!)[0];
  const lost = (d?.fanout ?? []).reduce((a, f) => a + f.plain.lost + f.durable.lost, 0);
  out.push({
    name: 'fan-out to a durable group vs a plain one, gateways + NATS CPU per delivery',
    goal: '≤ 1.5 × the plain group (worst size and rate measured), 0 lost',
    measured: worst
      ? `${worst.members} members, ${worst.gateways} gw, ${worst.offeredDeliveriesPerSec}/s: ` +
        `${worst.durable.totalUs} vs ${worst.plain.totalUs} µs` +
        (lost ? `; ${lost} lost over all steps` : '; 0 lost')
      : undefined,
    ...ratio(worst?.ratio, (r) => r <= 1.5 && lost === 0),
  });

  const r = d?.replay.median;
  const n = d?.replay.messages ?? 10_000;
  out.push({
    name: `replay of ${n.toLocaleString('en-US')} missed messages to one client`,
    goal: '≥ 50,000 messages/s, join to last (ratio = rate ÷ 50,000)',
    measured: r
      ? `${r.perSec}/s (median of ${d!.replay.runs.length}): last at ${r.lastMs} ms; gateway ${r.gatewayUsPerMsg} µs/message`
      : undefined,
    ...ratio(r ? r.perSec / 50_000 : undefined, (x) => x >= 1),
  });

  for (const name of ['first member', 'joined group'] as const) {
    const c = d?.joins.find((j) => j.case === name);
    const plain = c?.variants.find((v) => v.name === 'plain');
    const durable = c?.variants.find((v) => v.name === 'durable');
    const since = c?.variants.find((v) => v.name === 'durable, since');
    const ms3 = (us: number) => (us / 1000).toFixed(3);
    out.push({
      name: `join p50, durable vs plain group (${name === 'first member' ? 'its first member on the gateway' : 'it has a member on the gateway'})`,
      goal: '≤ 1.5 × the plain join',
      measured:
        plain && durable
          ? `p50 ${ms3(durable.latency.p50)} vs ${ms3(plain.latency.p50)} ms, ` +
            `p99 ${ms3(durable.latency.p99)} vs ${ms3(plain.latency.p99)} ms` +
            (since ? `; with since p50 ${ms3(since.latency.p50)} ms` : '')
          : undefined,
      ...ratio(
        plain && durable ? durable.latency.p50 / plain.latency.p50 : undefined,
        (x) => x <= 1.5,
      ),
    });
  }
  return out;
}

function ratio(
  r: number | undefined,
  ok: (r: number) => boolean,
): { ratio: number | undefined; pass: boolean | undefined } {
  if (r === undefined || !Number.isFinite(r)) return { ratio: undefined, pass: undefined };
  return { ratio: round(r, 2), pass: ok(r) };
}
