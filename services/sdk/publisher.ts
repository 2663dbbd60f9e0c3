// Service-to-service publishing: any Node process with a Bus can send to a
// group (every member, on every gateway) or to one connection's stream.
import type { Bus } from '../../bus/bus.ts';
import { publishControl } from '../../bus/control.ts';
import { publishToGroup, VIA_API, VIA_HEADER } from '../../bus/groups.ts';
import { Subjects } from '../../bus/subjects.ts';
import { injectHeaders } from '../../bus/trace.ts';
import { SERVICE_CODE_RE } from '../../protocol/codes.ts';
import { encodeJson, jsonPayloadText } from '../../protocol/json.ts';
import { CONN_ID_RE, groupNameProblem } from '../../protocol/names.ts';
import { GroupMessage, Outbound, type OutboundProps } from '../../proto/index.ts';
import { formatPosition, MSG_ID_HEADER } from '../../bus/durable.ts';

export interface DurableMessage {
  readonly pos: string;
  readonly payload: unknown;
  /**
   * "api" when it came through the gateway's HTTP publish API, as members
   * saw it live (PROTOCOL.md §4.11): its payload is whatever an API key
   * holder wrote. Absent for messages published on the bus.
   */
  readonly via?: typeof VIA_API;
}

export interface DurableSnapshot {
  /** The group's position the messages reflect. */
  readonly pos: string;
  readonly messages: DurableMessage[];
}

export class InvalidNameError extends Error {
  override name = 'InvalidNameError';
}

export class Publisher {
  readonly subjects: Subjects;

  constructor(
    readonly bus: Bus,
    prefix?: string,
  ) {
    this.subjects = new Subjects(prefix);
  }

  /** Sends `payload` as a `msg` to every member of `group`. Throws InvalidNameError for a bad group name. */
  toGroup(group: string, payload: unknown): void {
    assertGroup(group);
    publishToGroup(this.bus, this.subjects, group, payload);
  }

  /** Sends `payload` as a `msg` on one stream of one connection, by the address from its JoinRequest. */
  toConnection(address: string, stream: string, payload: unknown): void {
    this.outbound(address, { stream, msg: { payload: encodeJson(payload) } });
  }

  /**
   * The server API (protocol 1.1 §4.6): disconnects one connection (by its
   * id, `welcome.conn`, or the address from its JoinRequest) or every
   * connection of a JWT subject, on every gateway. The client gets close
   * 4000 and does not reconnect without a new token.
   */
  disconnect(who: { conn: string } | { user: string }, reason?: string): void {
    if ('conn' in who) publishControl(this.bus, this.subjects, { conn: connId(who.conn), reason });
    else if (who.user) publishControl(this.bus, this.subjects, { user: who.user, reason });
    else throw new InvalidNameError('disconnect: an empty user names nobody');
  }

  /** The server API: makes one stream of one connection leave; the client gets `left` `kicked`. */
  kick(conn: string, stream: string, reason?: string): void {
    publishControl(this.bus, this.subjects, { conn: connId(conn), stream, reason });
  }

  /**
   * Protocol 1.1: sends `payload` to a durable group and resolves with its
   * `pos` once it is stored; rejects when the store cannot take it, so the
   * caller can tell its client (toGroup cannot: the store would miss it).
   */
  async toGroupStored(
    group: string,
    payload: unknown,
    opts: { msgId?: string } = {},
  ): Promise<string> {
    assertGroup(group);
    const store = this.bus.durable;
    if (!store) throw new InvalidNameError(`not a durable group: ${JSON.stringify(group)}`);
    const data = GroupMessage.encode({ group, payload: encodeJson(payload) }).finish();
    // The store keeps one message per id for a while: a retry resolves with
    // the first one's position. Ids are per group, so one reused elsewhere is no duplicate.
    const headers = {
      ...injectHeaders(),
      ...(opts.msgId !== undefined && { [MSG_ID_HEADER]: `${group}/${opts.msgId}` }),
    };
    return formatPosition(await store.publish(this.subjects.group(group), data, headers));
  }

  /**
   * Protocol 1.1: the last `n` messages of a durable group, oldest first,
   * each with its `pos`, and the group's position they reflect: hand that to
   * accept({ snapshotPos }) and the gateway delivers every later message.
   */
  async recent(group: string, n: number): Promise<DurableSnapshot> {
    assertGroup(group);
    const store = this.bus.durable;
    const subject = this.subjects.group(group);
    const at = store && (await store.last(subject));
    if (!store || !at) throw new InvalidNameError(`not a durable group: ${JSON.stringify(group)}`);
    const kept = n > 0 ? await store.tail(subject, n, at.seq) : [];
    const messages: DurableMessage[] = [];
    for (const m of kept) {
      const payload = jsonPayloadText(GroupMessage.decode(m.data).payload);
      if (payload !== undefined)
        messages.push({
          pos: formatPosition({ epoch: at.epoch, seq: m.seq }),
          payload: JSON.parse(payload),
          ...(m.headers?.[VIA_HEADER] === VIA_API && { via: VIA_API }),
        });
    }
    return { pos: formatPosition(at), messages };
  }

  /** Publishes any Outbound frame to a connection address. */
  outbound(address: string, out: OutboundProps): void {
    if (!this.subjects.isAddress(address))
      throw new InvalidNameError(`not a connection address: ${address}`);
    this.bus.publish(address, Outbound.encode(out).finish(), { headers: injectHeaders() });
  }
}

/** A connection id from an id or an address (`<prefix>.conn.<gateway>.<conn>`). */
function connId(conn: string): string {
  const id = conn.slice(conn.lastIndexOf('.') + 1);
  if (!CONN_ID_RE.test(id)) throw new InvalidNameError(`not a connection id or address: ${conn}`);
  return id;
}

export function assertGroup(group: string): void {
  const problem = groupNameProblem(group);
  if (problem) throw new InvalidNameError(`${problem}: ${JSON.stringify(group)}`);
}

export function assertServiceCode(code: string): void {
  if (!SERVICE_CODE_RE.test(code))
    throw new InvalidNameError(`a service code is [a-z_]{1,32}: ${JSON.stringify(code)}`);
}
