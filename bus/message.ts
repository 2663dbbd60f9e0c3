// What travels on the bus: one message and its headers. Apart from bus.ts so
// that the durable store's types can use them without an import cycle.

/** Message headers. Keys are case-sensitive, as in NATS. */
export type Headers = Record<string, string>;

export interface BusMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Headers | undefined;
  /** Present when the sender expects an answer (a request). */
  readonly reply: string | undefined;
}
