// The echo service: a `msg` with a ref is answered with a `reply`; without
// one, the payload comes back as a `msg`.
import { defineService } from '../sdk/index.ts';

export const echoService = defineService({
  name: 'echo',
  receive(ctx, payload, ref) {
    if (ref !== undefined) ctx.reply(ref, payload);
    else ctx.send(payload);
  },
});
