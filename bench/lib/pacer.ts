// Sends at a fixed offered rate, however long each send takes: the schedule
// is absolute (message n is due at n / rate), so a slow tick is caught up
// in the next one instead of lowering the rate. Sleeps between sends, so a
// low rate costs the measured process no busy loop.

export interface Paced {
  sent: number;
  elapsedMs: number;
}

export async function paced(
  ratePerSecond: number,
  durationMs: number,
  send: (seq: number) => void,
): Promise<Paced> {
  const total = Math.max(1, Math.round((ratePerSecond * durationMs) / 1000));
  const t0 = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * ratePerSecond) / 1000) + 1);
    while (sent < due) send(sent++);
    if (sent < total) {
      const nextAt = t0 + (sent * 1000) / ratePerSecond;
      await new Promise((r) => setTimeout(r, Math.max(0, nextAt - performance.now())));
    }
  }
  return { sent, elapsedMs: performance.now() - t0 };
}

/** The payload every fan-out message carries: step, sequence number, send time (µs, monotonic). */
export function fanoutPayload(step: number, seq: number, sentUs: number): string {
  return `{"k":${step},"s":${seq},"t":${Math.round(sentUs)}}`;
}
