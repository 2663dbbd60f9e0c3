// Protocol 1.1 §4.9, server-opened streams on one connection: asks the
// connect service (connect.ts) which streams to open and opens them, each
// `joined` without ref, before any client frame is answered. The session
// gives it a small host: it keeps the table of streams and the frames read
// meanwhile.
import type { Logger } from '../lib/log.ts';
import type { ScopeProps } from '../proto/index.ts';
import type { ConnectHook, ServerStream } from './connect.ts';
import type { StreamAddress } from './router.ts';
import type { Stream } from './stream.ts';

/** What opening the server's streams needs from the connection (the Session). */
export interface ConnectOpenHost {
  readonly conn: string;
  readonly connSubject: string;
  readonly scope: ScopeProps;
  readonly log: Logger;
  /** How many streams the connection may still hold. */
  room(): number;
  /** Stops reading the client until `until` settles (Transport.hold). */
  hold(until: Promise<void>): void;
  /** Makes a stream and puts it in the connection's table. */
  addStream(address: StreamAddress): Stream;
  /** Every stream is open (or failed) and reading has resumed: answer the frames read meanwhile. */
  resume(): void;
}

/**
 * The socket is not read while the streams open, and the host keeps the
 * frames already read until resume().
 */
export function openServerStreams(hook: ConnectHook, host: ConnectOpenHost): void {
  let done!: () => void;
  const connected = new Promise<void>((resolve) => (done = resolve));
  host.hold(connected);
  hook.ask(host.connSubject, host.scope, host.room(), (plan) => {
    // Streams are made and their memberships added now, in the bus's
    // dispatch order, so that what their service sends and what reaches
    // their groups after its answer waits for their `joined`. Each opens
    // once its own new groups are confirmed, so their `joined` frames may
    // come in another order than the reply's.
    const opening = plan.streams.map((s) => openOne(host, hook.service, s));
    void Promise.all(opening).then(async () => {
      done();
      // The transport resumes reading once `connected` settles, before the
      // early frames run: a hold they ask for (Intake) is then not ignored.
      await connected;
      host.resume();
    });
  });
}

function openOne(host: ConnectOpenHost, service: string, opened: ServerStream): Promise<void> {
  const stream = host.addStream({
    service,
    stream: opened.stream,
    topic: opened.topic,
    connSubject: host.connSubject,
    scope: host.scope,
  });
  return stream.openByServer(opened).catch((err: unknown) => {
    host.log.error({ err, conn: host.conn, stream: opened.stream }, 'server open failed');
  });
}
