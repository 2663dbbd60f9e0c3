// The echo service: a `msg` with a ref is answered with a `reply`; without
// one, the payload comes back as a `msg`. Byte for byte, as the client wrote it.
import { defineService } from '../sdk/index.ts';

export const echoService = defineService({
  name: 'echo',
  receive(ctx, payload, ref) {
    const echoed = ctx.rawPayload ?? payload;
    if (ref !== undefined) ctx.reply(ref, echoed);
    else ctx.send(echoed);
  },
});
