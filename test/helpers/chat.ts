// The chat service as the system tests drive it: started the way
// `muxgate service chat` starts it, tokens, rooms, and the client-side
// helpers that read its events and replies (chat*.test.ts).
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { SERVICES } from '../../services/registry.ts';
import { ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from './client.ts';
import { serviceEnv, type TestSystem } from './system.ts';

export const SECRET = 'chat-test-secret';
export const token = (sub: string): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

// Unique per test process: each test file runs in its own.
let roomSeq = 0;
export const newRoom = (): string => `chat:room-${++roomSeq}`;

/** Starts the chat service the way `muxgate service chat` does. */
export async function startChat(sys: TestSystem): Promise<{ stop(): Promise<void> }> {
  const env = await serviceEnv(sys.source, 'chat', sys.prefix);
  const svc = await SERVICES.chat!(env);
  const runner = await ServiceRunner.start(env.bus, svc.definition!, { prefix: sys.prefix });
  return {
    async stop() {
      await svc.close?.();
      await runner.drain();
    },
  };
}

export type Payload = Record<string, unknown>;
export type Frame = TestClient['frames'][number];
export const payloadOf = (f: object): Payload => (f as { payload?: unknown }).payload as Payload;

/** The next `msg` on `stream` whose payload has `type`. */
export async function eventFrame(c: TestClient, stream: string, type: string): Promise<Frame> {
  return c.next((x) => x.type === 'msg' && x.stream === stream && payloadOf(x).type === type);
}
export const event = async (c: TestClient, stream: string, type: string): Promise<Payload> =>
  payloadOf(await eventFrame(c, stream, type));

export async function joinError(
  c: TestClient,
  stream: string,
  payload?: unknown,
): Promise<Payload> {
  const ref = `j${Math.random()}`;
  c.send(
    payload === undefined ? { type: 'join', stream, ref } : { type: 'join', stream, ref, payload },
  );
  const f = await c.next((x) => x.ref === ref);
  assert.equal(f.type, 'error', `join ${JSON.stringify(payload)} should be refused`);
  return f as Payload;
}

/** Sends a message with a ref and resolves with the service's reply payload. */
export async function say(c: TestClient, stream: string, payload: unknown): Promise<Payload> {
  const ref = `m${Math.random()}`;
  c.send({ type: 'msg', stream, ref, payload });
  return payloadOf(await c.next((x) => x.type === 'reply' && x.ref === ref, 10_000));
}

export const messageFrames = (c: TestClient, stream: string): Frame[] =>
  c.frames.filter(
    (f) => f.type === 'msg' && f.stream === stream && payloadOf(f).type === 'message',
  );
export const messagesOn = (c: TestClient, stream: string): Payload[] =>
  messageFrames(c, stream).map(payloadOf);
export const historyOf = (joined: object): Payload[] =>
  (payloadOf(joined) as { history: Payload[] }).history;
