// The /widget socket namespace (widget/PROTOCOL.md): an inbox token and a visitor token (or a verified
// identity) on connect, then `session` with the visitor's conversation and its public messages. Every
// client event is validated with its zod schema and answered with an ack; bad input — wrong types,
// unknown ids, oversized text — gets {ok:false, error:{code,message}} and never reaches a throw outside.
import type { Server } from 'socket.io';
import type { ZodType } from 'zod';
import type { HubContext } from '#server/context.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { AppError } from '#server/errors.ts';
import { type WidgetNamespace, type WidgetSocket, widgetNamespaceOf } from '#server/realtime/namespaces.ts';
import { describeInputProblem, inputProblem } from '#shared/input-guard.ts';
import type { SocketAck, WidgetClientEvents } from '#shared/socket-events.ts';
import {
  identifyBody,
  readBody,
  surveyBody,
  transcriptBody,
  typingBody,
  widgetAuth,
  widgetSendBody,
} from '#shared/widget.schema.ts';
import { addressKey, forwardedAddress, type TrustProxy } from './client-address.ts';
import { identifyVisitor } from './identify-visitor.ts';
import { markReadByVisitor } from './mark-read.ts';
import { requestTranscript } from './request-transcript.ts';
import { sendVisitorMessage } from './send-visitor-message.ts';
import { submitSurvey } from './submit-survey.ts';
import {
  currentConversation,
  publicHistory,
  type VisitorScope,
  visitorContact,
  visitorContactJson,
  visitorScopeOf,
  webchatInboxByToken,
} from './visitor.ts';
import { identityHashMatches } from './visitor-token.ts';
import { conversationRoom, visitorRoom, widgetConversation } from './widget-link.ts';
import { readWidgetSettings } from './widget-settings.ts';

type Request = keyof WidgetClientEvents;
/** What a request's ack carries besides `ok: true`, from the contract. */
type AnswerOf<E extends Request> = Omit<
  Extract<Parameters<NonNullable<Parameters<WidgetClientEvents[E]>[1]>>[0], { ok: true }>,
  'ok'
>;

export function attachWidgetNamespace(
  io: Server,
  getCtx: () => HubContext,
  ingestor: Ingestor,
  trustProxy: TrustProxy,
): WidgetNamespace {
  const ns = widgetNamespaceOf(io);
  ns.use(async (socket, next) => {
    try {
      const ctx = getCtx();
      const { address: peer, headers } = socket.handshake;
      socket.data.address = addressKey(forwardedAddress(peer, headers['x-forwarded-for'], trustProxy));
      refuseHostile(socket.handshake.auth, 'auth');
      const auth = widgetAuth.safeParse(socket.handshake.auth ?? {});
      if (!auth.success) throw new AppError('inbox_not_found', 'connect with auth {inboxToken}');
      const inbox = await webchatInboxByToken(ctx, auth.data.inboxToken);
      let visitor = auth.data.visitorToken ? ctx.visitorTokens.open(inbox.id, auth.data.visitorToken) : null;
      if (auth.data.verified) {
        const secret = inbox.secretEncrypted ? ctx.sealer.open<string>(inbox.secretEncrypted) : null;
        if (!secret || !identityHashMatches(secret, auth.data.verified.id, auth.data.verified.hash)) {
          throw new AppError('identity_not_verified', 'verified.hash does not match verified.id');
        }
        visitor = ctx.visitorTokens.verified(inbox.id, auth.data.verified.id);
      } else if (visitor?.verified) {
        // A verified visitor's token is only honoured with the identity that earned it.
        visitor = null;
      }
      if (!visitor) {
        // A new visitor is who a script makes by the hundred; one coming back with their token is not.
        const rates = readWidgetSettings(inbox.settings).rateLimits;
        await ctx.limits.take('session', { inboxId: inbox.id, address: socket.data.address }, rates);
      }
      visitor ??= ctx.visitorTokens.fresh(inbox.id);
      socket.data.visitor = visitorScopeOf(inbox, visitor.externalId);
      socket.data.visitorToken = visitor.token;
      socket.data.language = auth.data.language;
      next();
    } catch (err) {
      const e =
        err instanceof AppError ? err : new AppError('unavailable', 'the chat cannot connect right now');
      if (!(err instanceof AppError)) getCtx().log.error({ err }, 'widget connect failed');
      next(Object.assign(new Error(e.message), { data: { code: e.code, ...retryAfterOf(e) } }));
    }
  });

  ns.on('connection', (socket) => {
    const v = socket.data.visitor;
    socket.join(visitorRoom(v.inboxId, v.externalId));
    const on = <E extends Request, T>(event: E, schema: ZodType<T>, run: (body: T) => Promise<AnswerOf<E>>) =>
      handle(getCtx, socket, event, schema, run);
    on('message:send', widgetSendBody, (body) => sendVisitorMessage(getCtx(), ingestor, socket, v, body));
    on('identify', identifyBody, (body) => identifyVisitor(getCtx(), v, body));
    on('typing', typingBody, async ({ on: typing }) => {
      const ctx = getCtx();
      const c = await currentConversation(ctx, v);
      if (c && c.status !== 'resolved') {
        ctx.publisher.typing(c, { conversationId: String(c.id), on: typing, who: 'contact' });
      }
      return {};
    });
    on('messages:read', readBody, (body) => markReadByVisitor(getCtx(), v, Number(body.upToMessageId)));
    on('survey:submit', surveyBody, (body) => submitSurvey(getCtx(), v, body));
    on('transcript:request', transcriptBody, (body) =>
      requestTranscript(getCtx(), v, body.email, socket.data.address),
    );
    void sendSession(getCtx(), socket, v).catch((err: unknown) => {
      getCtx().log.error({ err }, 'widget session failed');
      socket.emit('error:session', { code: 'unavailable', message: 'the conversation could not be loaded' });
    });
  });
  return ns;
}

async function sendSession(ctx: HubContext, socket: WidgetSocket, v: VisitorScope): Promise<void> {
  const [conversation, contact] = await Promise.all([currentConversation(ctx, v), visitorContact(ctx, v)]);
  if (conversation) socket.join(conversationRoom(conversation.id));
  socket.emit('session', {
    visitorToken: socket.data.visitorToken,
    conversation: conversation ? widgetConversation(conversationToJson(conversation, v.channel)) : null,
    messages: conversation ? await publicHistory(ctx, conversation.id) : [],
    contact: visitorContactJson(contact?.contact ?? null),
  });
}

/** Text PostgreSQL cannot store, prototype keys, absurd nesting: refused with a code before any schema. */
function refuseHostile(payload: unknown, where: string): void {
  const problem = inputProblem(payload);
  if (problem) throw new AppError(problem.code, `invalid ${where}: ${describeInputProblem(problem)}`);
}

/** When a refused client may try again (`rate_limited`), for its ack or connect error. */
function retryAfterOf(e: AppError): { retryAfterMs?: number } {
  const ms = (e.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === 'number' ? { retryAfterMs: ms } : {};
}

/** One client event: parse, run, ack. A client that sent no ack callback gets nothing back. */
function handle<E extends Request, T>(
  getCtx: () => HubContext,
  socket: WidgetSocket,
  event: E,
  schema: ZodType<T>,
  run: (body: T) => Promise<AnswerOf<E>>,
): void {
  // What arrives is whatever the client sent (its type is the contract's promise, not a fact): the
  // payload is parsed, and the ack may be missing or in the first place.
  const listener = async (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (answer: SocketAck<object>) => void) : () => {};
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    try {
      refuseHostile(payload, event);
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first?.path.length ? `${first.path.join('.')}: ` : '';
        throw new AppError('validation_failed', `invalid ${event}: ${where}${first?.message ?? 'invalid'}`);
      }
      ack({ ok: true, ...(await run(parsed.data)) });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('internal', 'something went wrong on our side');
      if (!(err instanceof AppError)) getCtx().log.error({ err, event }, 'widget event failed');
      const field = (e.details as { field?: string } | undefined)?.field;
      ack({
        ok: false,
        error: { code: e.code, message: e.message, ...(field ? { field } : {}), ...retryAfterOf(e) },
      });
    }
  };
  socket.on(event as Request, listener);
}
