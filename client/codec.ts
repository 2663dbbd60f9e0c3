// JSON text frames of PROTOCOL.md §1. The frame types come from protocol/
// as types only, so the browser bundle does not carry the gateway's zod
// schemas.
import type { ClientFrame } from '../protocol/frames.ts';
import { isServerFrameType, type ServerFrame } from '../protocol/server-frames.ts';
import { SUBPROTOCOL_JSON } from '../protocol/version.ts';

export const SUBPROTOCOL = SUBPROTOCOL_JSON;

export type { ClientFrame, ServerFrame };
export type Welcome = Extract<ServerFrame, { type: 'welcome' }>;

export function encodeFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

/**
 * Parses one text frame from the gateway; null for anything that is not a
 * known frame. The gateway is trusted, so only the discriminant is checked:
 * unknown fields are ignored, as the protocol asks.
 */
export function decodeFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && isServerFrameType(type) ? (value as ServerFrame) : null;
}

const utf8 = new TextEncoder();

/** UTF-8 size of a frame, computed only when the UTF-16 length cannot settle it. */
export function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return utf8.encode(text).length > max;
}
