// The dashboard's relay is the binding's (services/sdk/binding/relay.ts);
// toEvent is its event for a board, as clients receive it.
import {
  BindingRelay,
  byPrefix,
  toBindingEvent,
  unseen,
  type Change,
  type Seen,
} from '../sdk/index.ts';
import type { BoardEvent } from './model.ts';

export { BindingRelay as Relay, unseen };

const boards = byPrefix(1, 128);

/** Folds one change into the relay's view of the bucket and returns its board event, if any. */
export function toEvent(c: Change, seen: Seen): BoardEvent | undefined {
  const e = toBindingEvent(c, seen, boards);
  if (!e) return undefined;
  const { group, ...rest } = e;
  return { ...rest, board: group };
}
