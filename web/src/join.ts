// Joins a stream for a panel. A service that is not running yet (the gateway
// answers `unavailable`) may start later, as in a rolling deploy: the panel
// keeps trying instead of staying dead until a reload. Rejoins after a
// reconnect are the client's job, not this one's.
import {
  ErrorCode,
  isMuxError,
  type JoinOptions,
  type Stream,
  type StreamTypes,
} from '../../client/index.ts';

const RETRY_MS = 3000;

export function joinPanel<T extends StreamTypes>(
  stream: Stream<T>,
  payload: Parameters<Stream<T>['join']>[0],
  report: (err: unknown) => void,
  opts: JoinOptions = {},
): void {
  let reported = false;
  const attempt = (): void => {
    stream.join(payload, opts).catch((err: unknown) => {
      if (!reported) report(err);
      reported = true;
      if (isMuxError(err, ErrorCode.Unavailable)) setTimeout(attempt, RETRY_MS);
    });
  };
  attempt();
}
