// The History contract (services/chat/history.ts), run on the in-memory
// storage and on JetStream storage on a real nats-server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  ChatHistory,
  chatStreamName,
  HISTORY_LIMIT,
  type History,
} from '../../services/chat/index.ts';
import { JetStreamStorage, MemoryStorage } from '../../services/sdk/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { uniquePrefix } from '../helpers/system.ts';

interface Store {
  /** A store; every replica() of one factory shares its messages, as chat replicas do. */
  replica(): Promise<History>;
  close(): Promise<void>;
}

const at = (i: number) => ({
  user: `u${i % 3}`,
  text: `m${i}`,
  ts: 1_700_000_000_000 + i,
  verified: i % 2 === 0,
});
const room = (): string => `r${Math.random().toString(36).slice(2, 10)}`;

function historyContract(name: string, make: () => Promise<Store>): void {
  describe(`History contract: ${name}`, () => {
    let store: Store;
    let h: History;
    before(async () => {
      store = await make();
      h = await store.replica();
    });
    after(() => store.close());

    it('reads back an empty room as no messages', async () => {
      assert.deepEqual(await h.recent(room()), []);
    });

    it('returns what it stored, with an id, oldest first', async () => {
      const r = room();
      const a = await h.append(r, at(1));
      const b = await h.append(r, at(2));
      assert.deepEqual({ ...a, id: undefined }, { ...at(1), id: undefined });
      assert.equal(typeof a.id, 'string');
      assert.notEqual(a.id, b.id);
      assert.deepEqual(await h.recent(r), [a, b]);
    });

    it(`keeps the last ${HISTORY_LIMIT} messages of a room`, async () => {
      const r = room();
      const stored = [];
      for (let i = 0; i < HISTORY_LIMIT + 7; i++) stored.push(await h.append(r, at(i)));
      const recent = await h.recent(r);
      assert.equal(recent.length, HISTORY_LIMIT);
      assert.deepEqual(recent, stored.slice(7));
    });

    it('keeps rooms apart, whatever characters their names hold', async () => {
      // Topics may hold '.', ':', '~', '@', '=' and '+', and run to 128 characters.
      const rooms = ['lobby', 'Lobby', 'a.b', 'a:b', 'a~b@c=d+e', 'x.y', 'x', 'z'.repeat(128)];
      const prefix = room();
      for (const [i, r] of rooms.entries()) await h.append(prefix + r, at(i));
      for (const [i, r] of rooms.entries())
        assert.deepEqual(
          (await h.recent(prefix + r)).map((m) => m.text),
          [`m${i}`],
          r,
        );
    });

    it('gives unique ids to concurrent appends from two replicas, and both read them all', async () => {
      const r = room();
      const other = await store.replica();
      const stored = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? h : other).append(r, at(i))),
      );
      assert.equal(new Set(stored.map((m) => m.id)).size, 40);
      const fromA = await h.recent(r);
      assert.deepEqual(await other.recent(r), fromA);
      assert.deepEqual(fromA.map((m) => m.id).sort(), stored.map((m) => m.id).sort());
    });
  });
}

historyContract('MemoryStorage', async () => {
  // One storage, as one `muxgate dev` process has: every replica opens the same history.
  const storage = new MemoryStorage();
  const prefix = uniquePrefix();
  return { replica: () => ChatHistory.open(storage, prefix), close: async () => {} };
});

describe('ChatHistory on JetStreamStorage', () => {
  let nats: NatsServer;
  const conns: NatsConnection[] = [];
  const open = async (prefix: string): Promise<ChatHistory> => {
    const nc = await connect({ servers: nats.url });
    conns.push(nc);
    return ChatHistory.open(new JetStreamStorage(nc), prefix);
  };
  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await nats.close();
  });

  historyContract('JetStreamStorage', async () => {
    const prefix = uniquePrefix();
    return { replica: () => open(prefix), close: async () => {} };
  });

  it('keeps messages across a new connection, and ids follow store order', async () => {
    const prefix = uniquePrefix();
    const first = await open(prefix);
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push(await first.append('lobby', at(i)));
    const ids = stored.map((m) => Number(m.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    await conns.at(-1)!.close();
    const second = await open(prefix);
    assert.deepEqual(await second.recent('lobby'), stored);
  });

  it('names its stream after the prefix and limits it per room subject', async () => {
    const prefix = `${uniquePrefix()}.deploy`;
    const h = await open(prefix);
    const jsm = await jetstreamManager(conns.at(-1)!);
    const name = chatStreamName(prefix);
    const info = await jsm.streams.info(name);
    assert.equal(name, `${prefix.replace('.', '_').toUpperCase()}_CHAT`);
    assert.deepEqual(info.config.subjects, [`${prefix}.chat.history.>`]);
    assert.equal(info.config.max_msgs_per_subject, HISTORY_LIMIT);
    await h.append('lobby', at(1));
    // Opening again (another replica, a restart) keeps the messages and what
    // an operator set, and puts right what the service relies on.
    await jsm.streams.update(name, { max_bytes: 1 << 20, max_msgs_per_subject: 10 });
    await open(prefix);
    const after = await jsm.streams.info(name);
    assert.equal(after.config.max_bytes, 1 << 20);
    assert.equal(after.config.max_msgs_per_subject, HISTORY_LIMIT);
    assert.equal(after.state.messages, 1);
  });

  it('leaves no consumers behind after reading a room', async () => {
    const prefix = uniquePrefix();
    const h = await open(prefix);
    await h.append('lobby', at(1));
    for (let i = 0; i < 3; i++) await h.recent('lobby');
    const jsm = await jetstreamManager(conns.at(-1)!);
    assert.equal((await jsm.streams.info(chatStreamName(prefix))).state.consumer_count, 0);
  });

  it('rejects when its connection is gone, rather than dropping the message', async () => {
    const h = await open(uniquePrefix());
    await conns.at(-1)!.close();
    await assert.rejects(h.append('lobby', at(1)));
    await assert.rejects(h.recent('lobby'));
  });
});
