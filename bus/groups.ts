// A message to a group: every member, on every gateway, receives it as a
// `msg` (PROTOCOL.md §2). The services SDK (Publisher.toGroup) and the
// gateway's HTTP publish API both send it through here, so both put the same
// bytes and trace headers on the bus.
import { encodeJson } from '../protocol/json.ts';
import { GroupMessage } from '../proto/index.ts';
import type { Bus } from './bus.ts';
import type { Subjects } from './subjects.ts';
import { injectHeaders } from './trace.ts';

/** Publishes `payload` to `group`; the caller has checked the group name, each in its own words. */
export function publishToGroup(
  bus: Bus,
  subjects: Subjects,
  group: string,
  payload: unknown,
): void {
  bus.publish(
    subjects.group(group),
    GroupMessage.encode({ group, payload: encodeJson(payload) }).finish(),
    { headers: injectHeaders() },
  );
}
