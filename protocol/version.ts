// The protocol version's subprotocol names. Dependency-free, so the browser
// client can import it without pulling in zod.
export const SUBPROTOCOL_JSON = 'muxgate.v1.json';
/** Reserved for the binary encoding; not served by protocol version 1 gateways. */
export const SUBPROTOCOL_PROTO = 'muxgate.v1.proto';
