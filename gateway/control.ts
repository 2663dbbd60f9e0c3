// The server API's commands (protocol 1.1 §4.6), as one gateway carries them
// out: each gateway hears every command on `mux.control` (bus/control.ts)
// and applies it to the connections it holds, so "every connection of this
// user, on every gateway" needs no directory of who is where.
import type { Bus, Subscription } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import type { Logger } from '../lib/log.ts';
import { Control } from '../proto/index.ts';
import { CloseCode } from '../protocol/codes.ts';
import type { Hub } from './hub.ts';

export class ControlListener {
  #sub: Subscription | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: Subjects,
    private readonly hub: Hub,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#sub = this.bus.subscribe(this.subjects.control(), (m) => {
      let cmd;
      try {
        cmd = Control.decode(m.data);
      } catch (err) {
        return this.log.warn({ err }, 'undecodable Control');
      }
      this.#apply(cmd.conn, cmd.user, cmd.stream, cmd.reason);
    });
  }

  stop(): void {
    this.#sub?.unsubscribe();
  }

  #apply(conn: string, user: string, stream: string, reason: string): void {
    const why = reason || 'disconnected by the server';
    if (conn && stream) {
      const kicked = this.hub.connection(conn)?.kick(stream, reason || 'removed by the server');
      if (kicked) this.log.info({ conn, stream }, 'stream kicked by the server API');
      return;
    }
    const targets = conn
      ? [this.hub.connection(conn)].filter((c) => c !== undefined)
      : user
        ? [...this.hub.connections()].filter((c) => c.user === user)
        : [];
    for (const c of targets) c.shutdown(CloseCode.Disconnected, why);
    if (targets.length)
      this.log.info({ conn, user, count: targets.length }, 'disconnected by the server API');
  }
}
