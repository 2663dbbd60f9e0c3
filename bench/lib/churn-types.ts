// What a churn run is told and what it reports: the soak's vocabulary, shared
// by the worker that runs the churn and the scenario that reads its reports.
import type { HistogramData } from './stats.ts';

export interface ChurnArgs {
  url: string;
  /** Source addresses, used round-robin: each gives its own range of ephemeral ports. */
  localAddresses: string[];
  /** Connections to hold. */
  connections: number;
  /** Share of the connections ended, and replaced, each second (0.01: 1 %). */
  churnPerSec: number;
  /** Chat rooms the connections spread over: chat:soak-0 … chat:soak-<rooms-1>. */
  rooms: number;
  /**
   * Connections opened per second until all are (the ramp): paced, so their
   * joins do not reach the services all at once.
   */
  rampPerSec: number;
  /**
   * Connections being set up (upgrade, welcome, joins answered) at once, at
   * most: a guard only. Churned connections are replaced at once, however
   * slowly the ones before them are answered, as new users arrive whether
   * or not others are still waiting.
   */
  concurrency: number;
  /** An echo stream sends a msg this often, in ms; 0 for never. */
  echoEveryMs: number;
  /** False: connections join, leave and close, and send no msg at all. */
  msgs?: boolean;
}

export interface ChurnCounts {
  /** Connections that got their `welcome`. */
  opened: number;
  /** Connections that never got one (refused upgrade, reset, closed first). */
  openFailed: number;
  firstError: string | undefined;
  /** Sockets destroyed right after sending a join, before its answer. */
  abortedInJoin: number;
  /** Ended with a close handshake (1000). */
  closed: number;
  /** Ended with the socket destroyed, no close frame. */
  destroyed: number;
  /** Closed by the gateway, which the soak never asks for. */
  serverClosed: number;
  serverCloseCodes: Record<string, number>;
  joins: number;
  joined: number;
  joinErrors: number;
  msgs: number;
  replies: number;
  msgErrors: number;
  leaves: number;
  lefts: number;
  /** `left` frames nobody asked for: a stream the service or gateway closed. */
  unaskedLefts: number;
  /** Joins, msgs and leaves still unanswered when their connection ended (aborted joins aside). */
  unanswered: number;
  /** Error frames by code. */
  errorCodes: Record<string, number>;
  /** Chat messages and notices delivered to members. */
  deliveries: number;
}

export interface ChurnStatus {
  /** Connections set up and not ending. */
  live: number;
  /** Connections being set up, and replacements waiting for a free setup slot. */
  opening: number;
  waiting: number;
  counts: ChurnCounts;
  /** This process's event-loop delay, ms: a load generator that cannot keep up shows it here. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface ChurnResult extends ChurnStatus {
  /** Join to joined (or its error), µs. */
  joinLatency: HistogramData;
  /** Echo msg to its reply, µs. */
  msgLatency: HistogramData;
}

export function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function emptyCounts(): ChurnCounts {
  return {
    opened: 0,
    openFailed: 0,
    firstError: undefined,
    abortedInJoin: 0,
    closed: 0,
    destroyed: 0,
    serverClosed: 0,
    serverCloseCodes: {},
    joins: 0,
    joined: 0,
    joinErrors: 0,
    msgs: 0,
    replies: 0,
    msgErrors: 0,
    leaves: 0,
    lefts: 0,
    unaskedLefts: 0,
    unanswered: 0,
    errorCodes: {},
    deliveries: 0,
  };
}
