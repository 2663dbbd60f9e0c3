// permessage-deflate (RFC 7692) with bounded memory per connection. ws keeps
// a connection's zlib streams from its first compressed frame until it
// closes, so their size is what each connection costs: the windows (both
// ways) and zlib's memLevel are set, and a client that cannot be held to the
// window gets no compression rather than a larger inflate state.
import type { PerMessageDeflateOptions } from 'ws';
import type { GatewayConfig } from './config.ts';

export type DeflateConfig = NonNullable<GatewayConfig['deflate']>;

/**
 * ws's options. Decompressed frames count against maxPayload, so a deflate
 * bomb is cut with 1009 as soon as it inflates past the frame limit.
 */
export function deflateOptions(
  deflate: DeflateConfig | undefined,
): PerMessageDeflateOptions | false {
  if (!deflate) return false;
  return {
    threshold: deflate.threshold,
    serverMaxWindowBits: deflate.windowBits,
    clientMaxWindowBits: deflate.windowBits,
    // Each zlib stream keeps an output buffer of chunkSize for its life:
    // 4 KiB instead of Node's 16 KiB saves 24 KiB a connection (measured,
    // bench/deflate-memory.ts), at a few more callbacks per large frame.
    zlibDeflateOptions: { memLevel: deflate.memLevel, chunkSize: CHUNK },
    zlibInflateOptions: { chunkSize: CHUNK },
    concurrencyLimit: deflate.concurrency,
  };
}

const DEFLATE = 'permessage-deflate';
const CHUNK = 4096;

/**
 * The Sec-WebSocket-Extensions offers ws can accept under our windows; an
 * offer it would refuse is dropped, so its client connects uncompressed
 * instead of being refused with 400 (ws refuses the whole upgrade when no
 * offer fits). Kept: offers that let us set the client's window
 * (`client_max_window_bits` with no value, or one at least ours) and do not
 * ask for a server window smaller than ours. Undefined when none is left.
 */
export function acceptableOffers(header: string, windowBits: number): string | undefined {
  const kept = header.split(',').filter((offer) => {
    const [name = '', ...params] = offer.split(';').map((p) => p.trim());
    if (name.toLowerCase() !== DEFLATE) return true;
    const values = new Map(
      params.map((p) => {
        const [k = '', v] = p.split('=').map((x) => x.trim().replace(/^"|"$/g, ''));
        return [k.toLowerCase(), v];
      }),
    );
    if (!values.has('client_max_window_bits')) return false;
    const client = values.get('client_max_window_bits');
    const server = values.get('server_max_window_bits');
    return (
      (client === undefined || Number(client) >= windowBits) &&
      (server === undefined || Number(server) >= windowBits)
    );
  });
  return kept.length > 0 ? kept.join(',') : undefined;
}
