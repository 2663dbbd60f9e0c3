// A Transport with no socket, for unit tests of the session: it keeps what the
// session writes, parsed, and lets a test set how much is "unsent".
import type { Transport } from '../../gateway/transport.ts';

export interface ClosedBy {
  how: 'close' | 'abort' | 'terminate';
  code?: number;
  reason?: string;
}

export class FakeTransport implements Transport {
  /** Every frame the session sent, parsed, in order. */
  readonly frames: Record<string, unknown>[] = [];
  /** What a test says is still queued for the peer. */
  bufferedAmount = 0;
  closedBy: ClosedBy | undefined;
  /** What heartbeat() answers: false plays a peer that stopped answering pings. */
  peerAlive = true;
  /** The wait of every throttle the session asked for, when it asked. */
  readonly throttles: number[] = [];

  send(frame: string | Buffer): void {
    this.frames.push(JSON.parse(frame.toString()) as Record<string, unknown>);
  }

  close(code: number, reason: string): void {
    this.closedBy ??= { how: 'close', code, reason };
  }

  abort(code: number, reason: string): void {
    this.closedBy ??= { how: 'abort', code, reason };
  }

  terminate(): void {
    this.closedBy ??= { how: 'terminate' };
  }

  heartbeat(): boolean {
    if (!this.peerAlive) this.terminate();
    return this.peerAlive;
  }

  throttle(wait: () => number): void {
    const ms = wait();
    if (ms > 0) this.throttles.push(ms);
  }

  /** How many holds the session asked for. */
  holds = 0;

  hold(until: Promise<unknown>): void {
    this.holds++;
    void until;
  }

  /** The frames of one type, for assertions. */
  ofType(type: string): Record<string, unknown>[] {
    return this.frames.filter((f) => f.type === type);
  }

  /** The frames after `welcome`, without fields that vary between runs. */
  get conversation(): Record<string, unknown>[] {
    return this.frames.filter((f) => f.type !== 'welcome');
  }
}
