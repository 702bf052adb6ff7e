// The hub cannot reach the operator's CRM, so the CRM (or whatever the account connects) hears of sales:
// a signed POST of `sale.registered` and `sale.installed` to the account's sales webhook, signed like the
// API channel's (X-Hub-Signature-256: sha256=<HMAC of the raw body with the secret>). Queued in the
// transaction of the step, retried with backoff until a 2xx; the last failure is recorded on the sale.
import { eq } from 'drizzle-orm';
import { signBody } from '#channels/api/index.ts';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Sale, sales } from '#server/db/sales-schema.ts';
import { accounts } from '#server/db/schema.ts';
import { jobNames } from '#server/queue/queue.ts';
import { saleJsonOf } from './list-sales.ts';
import { registrationToJson } from './registration-data.ts';
import { recordSaleEvent } from './sale-events.ts';

export type SaleWebhookEvent = 'sale.registered' | 'sale.installed';
export type WebhookJob = {
  kind: 'sale-webhook';
  accountId: number;
  saleId: number;
  event: SaleWebhookEvent;
  at: string;
};

/** The account's sales webhook: where to POST, and the sealed signing secret. */
export type SalesWebhook = { url: string; secret: string };

export function salesWebhookOf(ctx: HubContext, settings: Record<string, unknown>): SalesWebhook | null {
  const hook = settings.salesWebhook as { url?: string; secretSealed?: string } | undefined;
  if (!hook?.url || !hook.secretSealed) return null;
  return { url: hook.url, secret: ctx.sealer.open<string>(hook.secretSealed) };
}

export async function queueSaleWebhook(
  ctx: HubContext,
  tx: Tx,
  sale: Sale,
  event: SaleWebhookEvent,
): Promise<void> {
  const [account] = await tx
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, sale.accountId));
  if (!salesWebhookOf(ctx, account?.settings ?? {})) return;
  const job: WebhookJob = {
    kind: 'sale-webhook',
    accountId: sale.accountId,
    saleId: sale.id,
    event,
    at: ctx.clock.now().toISOString(),
  };
  await ctx.queue.send(jobNames.sales, job, { tx });
}

/** One delivery attempt; throws (and the queue retries) unless the receiver answers 2xx. */
export async function deliverSaleWebhook(ctx: HubContext, job: WebhookJob): Promise<void> {
  const [account] = await ctx.db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, job.accountId));
  const hook = salesWebhookOf(ctx, account?.settings ?? {});
  if (!hook) return; // removed since: nobody to tell
  const [sale] = await ctx.db.select().from(sales).where(eq(sales.id, job.saleId));
  if (!sale) return;
  const body = JSON.stringify({
    event: job.event,
    at: job.at,
    sale: await saleJsonOf(ctx, sale),
    registration: registrationToJson(sale),
  });
  const res = await fetch(hook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(hook.secret, body) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`the sales webhook answered ${res.status}`);
}

export async function giveUpSaleWebhook(ctx: HubContext, job: WebhookJob, reason: string): Promise<void> {
  const [sale] = await ctx.db.select().from(sales).where(eq(sales.id, job.saleId));
  if (!sale) return;
  await recordSaleEvent(
    ctx.db,
    { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId: sale.id },
    'sale.webhook_failed',
    null,
    { event: job.event, reason },
  );
}
