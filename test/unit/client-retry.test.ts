// What a client stream retries by itself, and how soon: a rejoin after the
// gateway ends a stream, and a request with `retries`. No socket: the stream
// runs on a host that records what it writes, under mocked timers.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { ClientFrame } from '../../client/codec.ts';
import { SendQueue } from '../../client/queue.ts';
import { REJOIN_SETTLED_MS } from '../../client/retry.ts';
import { Stream } from '../../client/stream.ts';
import type { StreamHost } from '../../client/stream-host.ts';
import type { StreamFrame } from '../../protocol/server-frames.ts';

/** A host whose socket is open; it keeps the frames written and the retry numbers asked for. */
function recordingHost() {
  const written: ClientFrame[] = [];
  const asked: number[] = [];
  let ref = 0;
  const host: StreamHost = {
    open: true,
    closed: false,
    queue: new SendQueue(100),
    nextRef: () => ++ref,
    encode: (frame) => JSON.stringify(frame),
    write: (text) => (written.push(JSON.parse(text as string) as ClientFrame), true),
    // Step n waits n × 100 ms, so a test can tell the steps apart.
    retryDelay: (n) => (asked.push(n), n * 100),
    rejoinSpread: () => SPREAD,
    changed: () => {},
  };
  const joins = () => written.filter((f) => f.type === 'join');
  return { host, written, asked, joins };
}

const NAME = 'chat:lobby';
/** The recording host's random first wait: unlike any step. */
const SPREAD = 730;

function deliver(stream: Stream, frame: Record<string, unknown>): void {
  stream.handle({ stream: NAME, ...frame } as StreamFrame);
}

/** Answers the stream's last join frame. */
function acceptLastJoin(stream: Stream, joins: () => ClientFrame[]): void {
  const last = joins().at(-1) as { ref: number };
  deliver(stream, { type: 'joined', ref: last.ref, payload: {} });
}

/** A stream on a recording host, joined; the `error` events its ends emit are expected. */
function joinedStream() {
  const recorded = recordingHost();
  const stream = new Stream(NAME, recorded.host);
  stream.on('error', () => {});
  void stream.join({}).catch(() => {});
  acceptLastJoin(stream, recorded.joins);
  return { stream, ...recorded };
}

const endedByGateway = { type: 'left', code: 'unavailable', reason: 'messages may have been lost' };

describe('client retries', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('a stream the gateway ends rejoins after the random spread, then, ended right after each rejoin, backs off step by step', () => {
    const { stream, asked, joins } = joinedStream();
    for (let i = 1; i <= 4; i++) {
      mock.timers.tick(50);
      deliver(stream, endedByGateway);
      // Not yet: the first rejoin waits the spread, the next ones their step (i × 100 ms here).
      const wait = i === 1 ? SPREAD : i * 100;
      mock.timers.tick(wait - 1);
      assert.equal(joins().length, i);
      mock.timers.tick(1);
      assert.equal(joins().length, i + 1);
      acceptLastJoin(stream, joins);
    }
    assert.deepEqual(asked, [2, 3, 4]);
  });

  it('a rejoin refused after the spread waits the backoff steps', () => {
    const { stream, asked, joins } = joinedStream();
    deliver(stream, endedByGateway);
    mock.timers.tick(SPREAD);
    assert.equal(joins().length, 2);
    const refuse = () => {
      const last = joins().at(-1) as { ref: number };
      deliver(stream, { type: 'error', ref: last.ref, code: 'unavailable', message: 'no replica' });
    };
    refuse();
    mock.timers.tick(199);
    assert.equal(joins().length, 2, 'the second attempt waits step 2');
    mock.timers.tick(1);
    assert.equal(joins().length, 3);
    refuse();
    mock.timers.tick(300);
    assert.equal(joins().length, 4);
    assert.deepEqual(asked, [2, 3]);
  });

  it('a stream that stayed joined long enough waits the spread again, not the next step', () => {
    const { stream, asked, joins } = joinedStream();
    deliver(stream, endedByGateway);
    mock.timers.tick(SPREAD);
    acceptLastJoin(stream, joins);
    deliver(stream, endedByGateway);
    mock.timers.tick(200);
    acceptLastJoin(stream, joins);
    mock.timers.tick(REJOIN_SETTLED_MS);
    deliver(stream, endedByGateway);
    mock.timers.tick(SPREAD - 1);
    assert.equal(joins().length, 3);
    mock.timers.tick(1);
    assert.deepEqual(asked, [2]);
    assert.equal(joins().length, 4);
  });

  it('a request sent again after `unavailable` waits the backoff, and keeps its msg id', async () => {
    const { host, asked, written, joins } = recordingHost();
    const stream = new Stream(NAME, host);
    void stream.join({}).catch(() => {});
    acceptLastJoin(stream, joins);
    const reply = stream.request({ text: 'hi' }, { retries: 2 });
    const msgs = () => written.filter((f) => f.type === 'msg') as { ref: number; id: string }[];
    const refuse = async () => {
      deliver(stream, {
        type: 'error',
        ref: msgs().at(-1)!.ref,
        code: 'unavailable',
        message: 'no replica',
      });
      // Let withRetries see the rejection and start its pause.
      await Promise.resolve();
      await Promise.resolve();
    };
    for (const retry of [1, 2]) {
      await refuse();
      mock.timers.tick(retry * 100 - 1);
      assert.equal(msgs().length, retry, `retry ${retry} waits step ${retry}`);
      mock.timers.tick(1);
      await Promise.resolve();
      assert.equal(msgs().length, retry + 1);
    }
    deliver(stream, { type: 'reply', ref: msgs()[2]!.ref, payload: { ok: true } });
    assert.deepEqual(await reply, { ok: true });
    assert.deepEqual(asked, [1, 2]);
    assert.equal(new Set(msgs().map((m) => m.id)).size, 1);
  });
});
