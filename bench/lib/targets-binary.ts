// Issue 14's targets: the binary encoding against JSON, and the gateway
// against the two bare servers (ws on Node, Bun's built-in one) measured in
// the same run. Bun's figures are a comparison, not a goal the issue sets: the
// ratios are reported with no verdict.
import type { BinaryResult } from '../scenarios/binary.ts';
import type { BareWsResult } from '../scenarios/bare-ws.ts';
import type { FanoutRun } from '../scenarios/fanout.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import type { EchoLevel } from './echo.ts';
import { round } from './stats.ts';
import type { Target } from './target.ts';

export function binaryTargets(b: BinaryResult | undefined): Target[] {
  return [
    {
      name: `binary vs JSON, gateway CPU per echo round trip, ${b?.echo.clients ?? 50} clients`,
      goal: '≤ 0.8 × JSON (median of alternating rounds)',
      measured: b ? `${b.echo.protoUs} vs ${b.echo.jsonUs} µs` : undefined,
      ratio: b?.echo.ratio,
      pass: b ? b.echo.ratio <= 0.8 : undefined,
    },
    {
      name: `binary vs JSON, gateway CPU per fan-out delivery, ${b?.fanout.members ?? 1000} members`,
      goal: '≤ 0.8 × JSON, 0 lost',
      measured: b
        ? `${b.fanout.protoUs} vs ${b.fanout.jsonUs} µs at ${b.fanout.offeredDeliveriesPerSec} deliveries/s` +
          `; ${[...b.fanout.json, ...b.fanout.proto].reduce((a, s) => a + s.lost, 0)} lost`
        : undefined,
      ratio: b?.fanout.ratio,
      pass: b
        ? b.fanout.ratio <= 0.8 && [...b.fanout.json, ...b.fanout.proto].every((s) => s.lost === 0)
        : undefined,
    },
  ];
}

export interface Baselines {
  echo: EchoLevel[] | undefined;
  fanout: FanoutRun[] | undefined;
  idle: IdleResult | undefined;
  bareWs: BareWsResult | undefined;
  bareBun: BareWsResult | undefined;
  binary: BinaryResult | undefined;
}

const comparison = (name: string, measured: string | undefined, r: number | undefined): Target => ({
  name,
  goal: 'comparison (no goal set)',
  measured,
  ratio: r === undefined || !Number.isFinite(r) ? undefined : round(r, 2),
  pass: undefined,
});

/** The gateway (JSON, and binary where measured) against bare ws and Bun, per echo round trip, delivery and idle connection. */
export function bunComparison(m: Baselines): Target[] {
  if (!m.bareBun && !m.idle?.levels.some((l) => l.server === 'bare-bun')) return [];
  const out: Target[] = [];
  const clients = 50;
  const gw = m.echo?.find((l) => l.clients === clients)?.cpuPerRoundTripUs;
  const ws = m.bareWs?.echo.find((l) => l.clients === clients)?.cpuPerRoundTripUs;
  const bun = m.bareBun?.echo.find((l) => l.clients === clients)?.cpuPerRoundTripUs;
  out.push(
    comparison(
      `echo CPU per round trip, ${clients} clients: gateway ÷ Bun`,
      gw !== undefined && bun !== undefined
        ? `gateway ${gw} µs (binary ${m.binary?.echo.protoUs ?? '–'}), bare ws ${ws ?? '–'} µs, Bun ${bun} µs`
        : undefined,
      gw !== undefined && bun ? gw / bun : undefined,
    ),
  );
  const members = 1000;
  const g = m.fanout?.find((f) => f.members === members && f.gateways === 1)?.fixed;
  const w = m.bareWs?.broadcast.find((b) => b.members === members)?.fixed;
  const b = m.bareBun?.broadcast.find((x) => x.members === members)?.fixed;
  out.push(
    comparison(
      `fan-out CPU per delivery, ${members} members, fixed load: gateway ÷ Bun`,
      g && b
        ? `gateway ${g.cpuPerDeliveryUs} µs (binary ${m.binary?.fanout.protoUs ?? '–'}), bare ws ${w?.cpuPerDeliveryUs ?? '–'} µs, Bun ${b.cpuPerDeliveryUs} µs`
        : undefined,
      g && b ? g.cpuPerDeliveryUs / b.cpuPerDeliveryUs : undefined,
    ),
  );
  for (const n of new Set(m.idle?.levels.map((l) => l.requested) ?? [])) {
    const kib = (server: string) =>
      m.idle!.levels.find((l) => l.requested === n && l.server === server)?.rssPerConnKiB;
    const [gk, wk, bk] = [kib('gateway'), kib('bare-ws'), kib('bare-bun')];
    out.push(
      comparison(
        `RSS per idle connection, ${n}: gateway ÷ Bun`,
        gk !== undefined && bk !== undefined
          ? `gateway ${gk} KiB, bare ws ${wk ?? '–'} KiB, Bun ${bk} KiB`
          : undefined,
        gk !== undefined && bk ? gk / bk : undefined,
      ),
    );
  }
  return out;
}
