// What a service's Outbound frame asks of a stream, checked and encoded:
// services are trusted to be correct, not assumed to be, so what they send is
// checked once per message before it is spliced into client frames. Pure, so
// the stream only carries out the verdict.
import type { OutboundFrame } from '../proto/index.ts';
import { SERVICE_CODE_RE } from '../protocol/codes.ts';
import { jsonPayloadText, refFromJson } from '../protocol/json.ts';
import { groupNameProblem } from '../protocol/names.ts';
import type { Addressee, Encoded, Encoding } from './encoding.ts';

export type OutboundAction =
  | { kind: 'msg'; frame: Encoded }
  /** A reply, to be written only if its ref still waits for one. */
  | { kind: 'reply'; refJson: string; frame: Encoded }
  /** The service closes the stream: end it, then write `left`. */
  | { kind: 'close'; frame: Encoded; code: string | undefined; reason: string | undefined }
  | { kind: 'groupAdd'; groups: string[]; bad: string[] }
  | { kind: 'groupDiscard'; groups: string[] }
  | { kind: 'invalid'; problem: string };

export function interpretOutbound(
  out: OutboundFrame,
  to: Addressee,
  encoding: Encoding,
): OutboundAction {
  switch (out.kind) {
    case 'msg': {
      const payload = jsonPayloadText(out.msg.payload);
      if (payload === undefined) return { kind: 'invalid', problem: 'msg payload is not JSON' };
      return { kind: 'msg', frame: encoding.msg(to, payload) };
    }
    case 'reply': {
      const payload = jsonPayloadText(out.reply.payload);
      const ref = refFromJson(out.reply.ref);
      if (payload === undefined || ref === undefined)
        return { kind: 'invalid', problem: 'reply has a bad payload or ref' };
      const refJson = JSON.stringify(ref);
      return { kind: 'reply', refJson, frame: encoding.reply(to, ref, refJson, payload) };
    }
    case 'close': {
      const code =
        out.close.code && SERVICE_CODE_RE.test(out.close.code) ? out.close.code : undefined;
      const reason = out.close.reason || undefined;
      return { kind: 'close', frame: encoding.left(to, { code, reason }), code, reason };
    }
    case 'groupAdd': {
      const all = out.groupAdd.groups ?? [];
      const bad = all.filter((g) => groupNameProblem(g) !== null);
      return { kind: 'groupAdd', groups: all.filter((g) => !bad.includes(g)), bad };
    }
    case 'groupDiscard':
      return { kind: 'groupDiscard', groups: out.groupDiscard.groups ?? [] };
    default:
      return { kind: 'invalid', problem: 'Outbound frame without a kind' };
  }
}
