// The server API (protocol 1.1 §4.6) on the bus: one command, published to
// `mux.control`, which every gateway applies to its own connections. The
// HTTP API, the SDK's Publisher and the command line all send it from here.
import { Control } from '../proto/index.ts';
import type { Bus } from './bus.ts';
import type { Subjects } from './subjects.ts';

export type ControlCommand =
  /** Disconnect one connection (close 4000). */
  | { conn: string; reason?: string }
  /** Disconnect every connection of a JWT subject, on every gateway. */
  | { user: string; reason?: string }
  /** Make one stream of one connection leave (`left` code `kicked`). */
  | { conn: string; stream: string; reason?: string };

export function publishControl(bus: Bus, subjects: Subjects, cmd: ControlCommand): void {
  bus.publish(
    subjects.control(),
    Control.encode({
      conn: 'conn' in cmd ? cmd.conn : '',
      user: 'user' in cmd ? cmd.user : '',
      stream: 'stream' in cmd ? cmd.stream : '',
      reason: cmd.reason ?? '',
    }).finish(),
  );
}
