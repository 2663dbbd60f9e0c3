// A message to a group: every member, on every gateway, receives it as a
// `msg` (PROTOCOL.md §2). The services SDK (Publisher.toGroup) and the
// gateway's HTTP publish API both send it through here, so both put the same
// bytes and trace headers on the bus.
import { encodeJson } from '../protocol/json.ts';
import { GroupMessage } from '../proto/index.ts';
import type { Bus } from './bus.ts';
import type { Subjects } from './subjects.ts';
import { injectHeaders } from './trace.ts';

/**
 * The header the gateway's HTTP publish API puts on its group messages, with
 * the value `api`: members receive them as `msg` frames with `"via": "api"`,
 * so a client can tell them from a service's (docs/PROTOCOL.md §4.11). A
 * header, not the payload, so the payload stays byte-exact and an API caller
 * cannot remove it.
 */
export const VIA_HEADER = 'Mux-Via';
export const VIA_API = 'api';

/** Publishes `payload` to `group`; the caller has checked the group name, each in its own words. */
export function publishToGroup(
  bus: Bus,
  subjects: Subjects,
  group: string,
  payload: unknown,
  opts: { via?: typeof VIA_API } = {},
): void {
  const trace = injectHeaders();
  bus.publish(
    subjects.group(group),
    GroupMessage.encode({ group, payload: encodeJson(payload) }).finish(),
    { headers: opts.via ? { ...trace, [VIA_HEADER]: opts.via } : trace },
  );
}
