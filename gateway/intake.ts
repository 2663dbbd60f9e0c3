// What one connection may send: frames per second, bytes per second, and
// bytes in flight to the broker. Past the byte rate or the bytes in flight the
// socket is simply not read for a while, so a fast or flooding client is
// slowed by TCP, not by the gateway's memory (issue 12, items 1 and 2).
import { ErrorCode } from '../protocol/codes.ts';
import type { ClientFrame } from '../protocol/frames.ts';
import type { Decoded, FrameError } from './codec.ts';
import type { GatewayConfig } from './config.ts';
import type { Encoding } from './encoding.ts';
import { TokenBucket } from './ratelimit.ts';
import type { Transport } from './transport.ts';

const RATE_MESSAGE = 'too many frames; slow down';
const BYTE_RATE_MESSAGE = 'too many bytes; slow down';
/** The most one read from a socket delivers (libuv's read buffer). */
const SOCKET_READ_BYTES = 64 * 1024;

export type Read =
  | Extract<Decoded, { ok: true }>
  /** `type` is the frame's when it decoded but was over a rate. */
  | { ok: false; error: FrameError; type: ClientFrame['type'] | 'invalid' };

export class Intake {
  readonly #frames: TokenBucket;
  readonly #bytes: TokenBucket;
  /** Bytes read since the last confirmed flush. */
  #unconfirmed = 0;
  #confirming = false;

  constructor(
    private readonly config: GatewayConfig,
    private readonly transport: Transport,
    /** Resolves once the broker has processed everything published before it. */
    private readonly flush: () => Promise<void>,
  ) {
    this.#frames = new TokenBucket(config.ratePerSecond, config.rateBurst);
    this.#bytes = new TokenBucket(config.rateBytesPerSecond, config.rateBytesBurst);
  }

  /**
   * A frame of `bytes` was read: it counts against the rates and the bytes
   * in flight, whatever it holds, then is decoded. One over a rate is
   * refused with `rate_limited`, but decoded all the same, so that the
   * refusal names its ref and stream.
   */
  read(data: string | Buffer, bytes: number, encoding: Encoding): Read {
    const refused = this.#rateLimit(bytes);
    this.#inFlight(bytes);
    const decoded = encoding.decode(data, this.config.maxJsonDepth);
    if (!decoded.ok) {
      const e = decoded.error;
      const error = refused ? { ...e, code: ErrorCode.RateLimited, message: refused } : e;
      return { ok: false, error, type: 'invalid' };
    }
    if (!refused) return decoded;
    const { type, ref } = decoded.frame;
    const stream = 'stream' in decoded.frame ? decoded.frame.stream : undefined;
    return {
      ok: false,
      error: { code: ErrorCode.RateLimited, message: refused, ref, stream },
      type,
    };
  }

  /**
   * The frame rate, then the byte rate. Once the byte budget holds less than
   * one socket read, the socket is not read until it does again: a client
   * that sends faster than the rate waits instead of having its frames read,
   * parsed and refused; only frames past the budget in a read already made
   * are refused.
   */
  #rateLimit(bytes: number): string | undefined {
    if (!this.#frames.take()) return RATE_MESSAGE;
    const allowed = this.#bytes.take(bytes);
    this.transport.throttle(this.#byteWait);
    return allowed ? undefined : BYTE_RATE_MESSAGE;
  }

  /**
   * Until the byte budget holds one socket read (or, with a larger frame
   * limit, one frame): a read delivers at most that much, so frames read
   * once it holds it are never refused unless the burst is smaller.
   */
  readonly #byteWait = (): number =>
    this.#bytes.msUntil(Math.max(this.config.maxFrameBytes, SOCKET_READ_BYTES));

  /**
   * Bytes in flight: what the client sent that the broker has not confirmed
   * yet. Past maxInflightBytes the socket is not read until a flush returns,
   * so a slow bus slows its clients rather than filling the gateway's memory.
   */
  #inFlight(bytes: number): void {
    this.#unconfirmed += bytes;
    if (this.#unconfirmed < this.config.maxInflightBytes || this.#confirming) return;
    this.#confirming = true;
    const sent = this.#unconfirmed;
    const confirmed = this.flush()
      .catch(() => undefined)
      .then(() => {
        this.#confirming = false;
        this.#unconfirmed -= sent;
      });
    this.transport.hold(confirmed);
  }
}
