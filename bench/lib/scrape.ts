// Reads a gateway's Prometheus metrics over HTTP, as a monitoring system would.

/** Every sample of GET <http>/metrics, keyed by name and labels as written (`a{b="c"}`). */
export async function scrape(http: string): Promise<Map<string, number>> {
  const res = await fetch(`${http}/metrics`);
  if (!res.ok) throw new Error(`GET ${http}/metrics: HTTP ${res.status}`);
  const out = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    if (at > 0) out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}
