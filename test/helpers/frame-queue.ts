// What every test client does with the frames it receives, whatever carries
// them (WebSocket, SSE, long poll): queue them, and let a test wait for the
// one it expects while the others stay queued.
import type { ServerFrame } from '../../protocol/frames.ts';
import { until } from './wait.ts';

export type Frame = ServerFrame & Record<string, unknown>;

/** MUX_JOIN_TIMEOUT_MS's default and a margin for a loaded machine. */
const JOIN_WAIT_MS = 8000;

export abstract class FrameQueue {
  readonly frames: Frame[] = [];

  /** Sends a frame object (any keys: hostile ones too). */
  abstract send(frame: object): void;

  /** Removes and returns the first queued frame matching `pred`, waiting for one to arrive; other frames stay queued. */
  async next(pred: (f: Frame) => boolean = () => true, timeoutMs = 5000): Promise<Frame> {
    let found: Frame | undefined;
    await until(
      () => {
        const i = this.frames.findIndex(pred);
        if (i < 0) return false;
        found = this.frames.splice(i, 1)[0];
        return true;
      },
      timeoutMs,
      'a matching frame',
    );
    return found!;
  }

  /** Waits for a frame of `type` (optionally on `stream`). */
  expect(type: ServerFrame['type'], stream?: string, timeoutMs?: number): Promise<Frame> {
    return this.next(
      (f) => f.type === type && (stream === undefined || f.stream === stream),
      timeoutMs,
    );
  }

  /**
   * Joins and resolves with the `joined` frame; rejects with the `error`
   * frame's code. Waits longer than the gateway's join timeout (5 s by
   * default), so a slow join ends with the gateway's own answer, not this
   * side's clock.
   */
  async join(stream: string, payload?: unknown): Promise<Frame> {
    const ref = `join-${stream}-${Math.random().toString(36).slice(2, 8)}`;
    this.send(
      payload === undefined
        ? { type: 'join', stream, ref }
        : { type: 'join', stream, ref, payload },
    );
    const f = await this.next(
      (x) => x.ref === ref && (x.type === 'joined' || x.type === 'error'),
      JOIN_WAIT_MS,
    );
    if (f.type === 'error')
      throw new Error(`join ${stream} failed: ${String(f.code)} ${String(f.message)}`);
    return f;
  }

  /** Waits until `n` frames are queued, and returns the queue. */
  async waitFrames(n: number, timeoutMs = 10_000): Promise<Frame[]> {
    await until(
      () => this.frames.length >= n,
      timeoutMs,
      `${n} frames (have ${this.frames.length})`,
    );
    return this.frames;
  }
}
