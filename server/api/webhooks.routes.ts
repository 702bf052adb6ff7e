// Push channels' webhooks, outside /api/v1: `GET /webhooks/:channel/:inboxId` answers the provider's
// subscription handshake, `POST` carries events. The body is kept as raw bytes and read as JSON only after
// the channel accepted its signature, so a forged request is refused before anything of it is parsed or
// stored. The 200 goes out only once the channel's handler has committed every message and receipt; a
// failure answers 5xx and the provider delivers again (stored once: external ids are unique per inbox).
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { ZodError, z } from 'zod';
import { ChannelError } from '#channels/errors.ts';
import type { WebhookRequest } from '#channels/types.ts';
import type { HubContext, RunningInbox } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import { idParam } from '#shared/api.schema.ts';
import { describeInputProblem, inputProblem, storableCopy } from '#shared/input-guard.ts';

export function webhookRoutes(ctx: HubContext): Router {
  const router = Router();
  router.use(express.raw({ type: () => true, limit: '5mb' }));

  /** The running inbox named by the path, if it is of that channel and takes webhooks. */
  async function target(
    req: Request,
  ): Promise<RunningInbox & { webhook: NonNullable<RunningInbox['definition']['webhook']> }> {
    const { channel, inboxId } = req.params as { channel: string; inboxId: string };
    const running = idParam.safeParse(inboxId).success
      ? await ctx.channels.ensure(Number(inboxId))
      : undefined;
    // An unknown inbox and an inbox of another channel answer alike: nothing here to deliver to.
    const webhook = running?.definition.webhook;
    if (!running || running.inbox.channel !== channel || !webhook) {
      throw new AppError('not_found', `no ${channel} inbox ${inboxId} takes webhooks here`);
    }
    return { ...running, webhook };
  }

  router.get('/:channel/:inboxId', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const t = await target(req);
      const answer = t.webhook.verifyChallenge?.(req.query as Record<string, unknown>, t.context.config);
      if (answer === undefined || answer === null) {
        throw new AppError(
          'webhook_verification_failed',
          'the verification request does not match this inbox',
        );
      }
      if (typeof answer === 'string') res.status(200).type('text/plain').send(answer);
      else res.status(200).json(answer.json);
    } catch (err) {
      next(err);
    }
  });

  router.post('/:channel/:inboxId', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const t = await target(req);
      const request: WebhookRequest = {
        headers: req.headers,
        query: req.query as Record<string, unknown>,
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        body: undefined,
      };
      if (!t.webhook.verify(request, { config: t.context.config, secret: t.context.secret })) {
        throw new AppError('invalid_signature', 'the webhook signature is missing or wrong');
      }
      if (request.rawBody.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(request.rawBody.toString('utf8'));
        } catch {
          throw new AppError('invalid_json', 'the body is not valid JSON');
        }
        // A shape no provider sends is refused; text PostgreSQL cannot store (a NUL, a lone surrogate in
        // a customer's name) is cleaned, not refused: the provider cannot resend it any better.
        const problem = inputProblem(parsed, { text: false });
        if (problem) {
          throw new AppError(problem.code, `invalid webhook payload: ${describeInputProblem(problem)}`);
        }
        request.body = storableCopy(parsed);
      }
      await t.webhook.handle(request, t.context);
      res.status(200).json({ ok: true });
    } catch (err) {
      next(asAppError(err));
    }
  });

  return router;
}

/**
 * A payload the channel's schema refuses is the sender's fault (400); a channel that could not finish
 * (the provider's media server down, say) asks for the delivery again (503); anything else is ours (500).
 */
function asAppError(err: unknown): unknown {
  if (err instanceof ZodError) {
    const first = err.issues[0];
    return new AppError(
      'validation_failed',
      `invalid webhook payload: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
      { details: z.treeifyError(err) },
    );
  }
  if (err instanceof ChannelError) {
    return new AppError('unavailable', `the webhook could not be processed yet: ${err.message}`, {
      cause: err,
    });
  }
  return err;
}
