// Where a stream stands in its durable group (protocol 1.1): the `pos` of
// the last message delivered, which a rejoin resumes after, and after a
// recovered rejoin the catch-up, until every missed message has been
// delivered and the stream can say how many there were.

/** The `recovered` event: every missed message has been delivered; how many. */
export interface Recovered {
  count: number;
}

export class Position {
  /** The last `pos` the stream delivered: a rejoin resumes after it. */
  #pos: string | undefined;
  /** While missed messages are replayed after a recovered rejoin: where they end, and how many came. */
  #catchingUp: { until: string; count: number } | undefined;

  get pos(): string | undefined {
    return this.#pos;
  }

  /** join(): resume after `since`, or start from the service's state. */
  startAt(since: string | undefined): void {
    this.#pos = since;
  }

  /**
   * The gateway answered a join with `joined` (at `pos`, and whether what was
   * missed follows). Returns the `recovered` event when it is due at once:
   * nothing was missed.
   */
  joined(pos: string | undefined, recovered: boolean | undefined): Recovered | undefined {
    // Resumed: the missed messages follow, the last at `pos`. Otherwise the
    // payload is the state, and a rejoin before the next message must not
    // claim a position the client may not have reached (a service snapshot
    // can be followed by a replay up to `pos`).
    const since = this.#pos;
    this.#catchingUp = undefined;
    if (recovered === true && pos !== undefined && since !== undefined) {
      if (since === pos) return { count: 0 };
      this.#catchingUp = { until: pos, count: 0 };
    } else this.#pos = undefined;
    return undefined;
  }

  /** A message was delivered; returns the `recovered` event when it was the last one missed. */
  delivered(pos: string | undefined): Recovered | undefined {
    if (pos !== undefined) this.#pos = pos;
    const catching = this.#catchingUp;
    if (!catching) return undefined;
    catching.count++;
    if (pos !== catching.until) return undefined;
    this.#catchingUp = undefined;
    return { count: catching.count };
  }
}
