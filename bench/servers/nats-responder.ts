// The bare NATS responder: answers every request with its own data. With the
// nats-client worker it measures request/reply on the same nats-server the
// gateway uses, with no gateway or SDK code in the path.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { serve } from '../lib/rpc.ts';

let nc: NatsConnection | undefined;

serve({
  async start(args: { url: string; subject: string }): Promise<void> {
    nc = await connect({ servers: args.url, name: 'bench bare responder' });
    nc.subscribe(args.subject, { callback: (err, msg) => void (err || msg.respond(msg.data)) });
    await nc.flush();
  },
});
