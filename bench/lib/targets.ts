// The targets, each a ratio of the gateway to its own parts measured
// in the same run. A target whose inputs were not measured (e.g. with --only)
// is reported as such, not as passed.
import type { EchoLevel } from './echo.ts';
import type { BareWsResult } from '../scenarios/bare-ws.ts';
import type { EchoResult } from '../scenarios/echo.ts';
import type { FanoutRun } from '../scenarios/fanout.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import { round } from './stats.ts';

export interface Target {
  name: string;
  /** What must hold, in words. */
  goal: string;
  measured: string | undefined;
  ratio: number | undefined;
  pass: boolean | undefined;
}

export interface Measured {
  bareWs: BareWsResult | undefined;
  bareNats: EchoLevel[] | undefined;
  echo: EchoResult | undefined;
  fanout: FanoutRun[] | undefined;
  idle: IdleResult | undefined;
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
  return out;
}

function ratio(
  r: number | undefined,
  ok: (r: number) => boolean,
): { ratio: number | undefined; pass: boolean | undefined } {
  if (r === undefined || !Number.isFinite(r)) return { ratio: undefined, pass: undefined };
  return { ratio: round(r, 2), pass: ok(r) };
}
