// Service-to-service publishing: any Node process with a Bus can send to a
// group (every member, on every gateway) or to one connection's stream.
import type { Bus } from '../../bus/bus.ts';
import { publishToGroup } from '../../bus/groups.ts';
import { Subjects } from '../../bus/subjects.ts';
import { injectHeaders } from '../../bus/trace.ts';
import { SERVICE_CODE_RE } from '../../protocol/codes.ts';
import { encodeJson } from '../../protocol/json.ts';
import { groupNameProblem } from '../../protocol/names.ts';
import { Outbound, type OutboundProps } from '../../proto/index.ts';

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

  /** Publishes any Outbound frame to a connection address. */
  outbound(address: string, out: OutboundProps): void {
    if (!this.subjects.isAddress(address))
      throw new InvalidNameError(`not a connection address: ${address}`);
    this.bus.publish(address, Outbound.encode(out).finish(), { headers: injectHeaders() });
  }
}

export function assertGroup(group: string): void {
  const problem = groupNameProblem(group);
  if (problem) throw new InvalidNameError(`${problem}: ${JSON.stringify(group)}`);
}

export function assertServiceCode(code: string): void {
  if (!SERVICE_CODE_RE.test(code))
    throw new InvalidNameError(`a service code is [a-z_]{1,32}: ${JSON.stringify(code)}`);
}
