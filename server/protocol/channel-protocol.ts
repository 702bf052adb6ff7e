// What a protocol family adds to the template-driven engine (engine.ts): its own actions (e-mail's
// `classify`) and the inbox settings that replace a step's text.
import type { HubContext } from '#server/context.ts';
import type { Conversation, Inbox, Message } from '#server/db/schema.ts';
import type { ProtocolName, StepAction } from '#shared/protocol.schema.ts';

export type StepScope = { conversation: Conversation; inbox: Inbox };

export type ChannelProtocol = {
  /** The family of templates it serves (a channel's default, or what an inbox chose). */
  protocol: ProtocolName;
  /** The `classify` action (e-mail: request kind). */
  /** 'turned_off': the inbox does not classify (the step does not apply; compliance leaves it out). */
  classify?(
    ctx: HubContext,
    s: StepScope & { message?: Message },
  ): Promise<'done' | 'skipped' | 'turned_off'>;
  /** An inbox setting replacing a step's text (a string) or turning it off (false). */
  inboxText?(inbox: Inbox, action: StepAction): string | false | undefined;
};
