// Reads one value from a gateway's Prometheus metrics: over HTTP for a
// gateway in another process, from its registry for one in this process.
import type { Gateway } from '../../gateway/gateway.ts';

/** A sample of `name` (optionally with exactly these labels) from Prometheus text; undefined when absent. */
export function sampleOf(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = (m[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (got === want) return Number(m[3]);
  }
  return undefined;
}

/** Scrapes GET /metrics of a gateway at `http` (e.g. http://127.0.0.1:8080). */
export async function scrapeMetric(
  http: string,
  name: string,
  labels?: Record<string, string>,
): Promise<number | undefined> {
  const res = await fetch(`${http}/metrics`);
  return sampleOf(await res.text(), name, labels);
}

/** The same, from an in-process gateway's registry. */
export async function gatewayMetric(
  gw: Gateway,
  name: string,
  labels?: Record<string, string>,
): Promise<number | undefined> {
  return sampleOf(await gw.metrics.registry.metrics(), name, labels);
}
