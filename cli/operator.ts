// The commands that act on a running system through the bus and exit: a
// message to a group (`publish`) and the server API's Control messages
// (`disconnect`, `disconnect-user`, `kick`; PROTOCOL.md §4.6).
import { publishControl, type ControlCommand } from '../bus/control.ts';
import type { NatsBus } from '../bus/nats.ts';
import { Subjects } from '../bus/subjects.ts';
import { CONN_ID_RE, groupNameProblem, MAX_USER_LENGTH, parseStream } from '../protocol/names.ts';
import { Publisher } from '../services/sdk/index.ts';
import { UsageError } from './errors.ts';
import { findCommand, type Command } from './help.ts';
import { loadCliSettings, type CliSettings } from './settings.ts';

export interface OperatorDeps {
  /** NATS with the settings' servers, credentials and TLS; one line on failure. */
  connect(settings: CliSettings, name: string): Promise<NatsBus>;
}

export async function publish(d: OperatorDeps, group: string, json: string): Promise<number> {
  // Usage errors are reported before connecting, so they read the same
  // whether or not NATS is reachable.
  const usage = findCommand('publish');
  const problem = groupNameProblem(group);
  if (problem) throw new UsageError(`publish: ${problem}: ${JSON.stringify(group)}`, usage);
  const settings = loadCliSettings();
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new UsageError(`publish: the message is not valid JSON: ${json}`, usage);
  }
  const bus = await d.connect(settings, 'muxgate publish');
  try {
    new Publisher(bus, settings.prefix).toGroup(group, payload);
    await bus.flush();
  } catch (err) {
    console.error(`publish: ${(err as Error).message}`);
    return 2;
  } finally {
    await bus.drain();
  }
  console.log(`published to ${group}`);
  return 0;
}

/** The server API's commands (§4.6): one Control message, which every gateway applies. */
export async function control(
  d: OperatorDeps,
  command: Command,
  cmd: ControlCommand,
): Promise<number> {
  const name = command.name;
  if ('conn' in cmd && !CONN_ID_RE.test(cmd.conn))
    throw new UsageError(`${name}: not a connection id: ${JSON.stringify(cmd.conn)}`, command);
  if ('user' in cmd && (!cmd.user || cmd.user.length > MAX_USER_LENGTH))
    throw new UsageError(`${name}: a user is 1 to ${MAX_USER_LENGTH} characters`, command);
  if ('stream' in cmd && !parseStream(cmd.stream))
    throw new UsageError(`${name}: not a stream name: ${JSON.stringify(cmd.stream)}`, command);
  const settings = loadCliSettings();
  const bus = await d.connect(settings, `muxgate ${name}`);
  try {
    publishControl(bus, new Subjects(settings.prefix), cmd);
    await bus.flush();
  } catch (err) {
    console.error(`${name}: ${(err as Error).message}`);
    return 2;
  } finally {
    await bus.drain();
  }
  console.log(`${name}: sent to every gateway`);
  return 0;
}
