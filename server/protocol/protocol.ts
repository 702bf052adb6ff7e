// Channel protocols: the steps the hub itself takes in a conversation, driven by the account's protocol
// templates (DOMAIN.md §1; engine.ts). The engine runs from a queue job enqueued in the very transaction
// that stored the customer's message, the agent's reply, the assignment or the resolution, so a step is
// never lost and never holds up ingest; a retried job is harmless because every automatic message a step
// sends has a per-conversation idempotency key.
// Automatic messages leave through sendAutomatic (send-automatic.ts).
import type { HubContext } from '#server/context.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { ChannelProtocol } from './channel-protocol.ts';
import { installProtocolEngine, type ProtocolJob, runProtocolJob } from './engine.ts';

/** Wires the protocol engine into ingest, replies, assignment and resolution; once per hub. */
export function installProtocols(ctx: HubContext, protocols: ChannelProtocol[]): void {
  installProtocolEngine(ctx, new Map(protocols.map((p) => [p.protocol, p])));
}

export async function startProtocolWorkers(ctx: HubContext): Promise<void> {
  await ctx.queue.work<ProtocolJob>(jobNames.protocol, (job) => runProtocolJob(ctx, job.data));
}
