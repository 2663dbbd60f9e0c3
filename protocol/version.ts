// The protocol version (`welcome.protocol`) and its subprotocol names. Dependency-free, so the browser
// client can import it without pulling in zod.
/** What `welcome.protocol` says: every part of PROTOCOL.md §4 is served. */
export const PROTOCOL_VERSION = '1.1';

export const SUBPROTOCOL_JSON = 'muxgate.v1.json';
/** The binary encoding (PROTOCOL.md §4.8): protobuf messages of proto/client.proto. */
export const SUBPROTOCOL_PROTO = 'muxgate.v1.proto';

export const SUBPROTOCOLS: readonly string[] = [SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO];

/** The first offered subprotocol this version speaks (the client's order is its preference). */
export function pickSubprotocol(offered: Iterable<string>): string | undefined {
  for (const p of offered) if (SUBPROTOCOLS.includes(p.trim())) return p.trim();
  return undefined;
}
