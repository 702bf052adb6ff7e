// Creating and editing an inbox: the channel's config is validated by its adapter's schema, sealed at
// rest, and the running connection is restarted with it. Secrets are never shown back.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { channelRegistry } from '#channels/registry.ts';
import type { AnyChannelDefinition } from '#channels/types.ts';
import type { HubContext } from '#server/context.ts';
import { randomToken } from '#server/crypto/secrets.ts';
import { type Inbox, inboxes, teams } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { publicBaseUrl } from '#server/protocol/survey-token.ts';
import type { createInboxBody, testConnectionBody, updateInboxBody } from '#shared/api.schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { protocolName } from '#shared/protocol.schema.ts';

function definitionOf(channel: string): AnyChannelDefinition {
  const definition = channelRegistry[channel as ChannelKind];
  if (!definition)
    throw new AppError('channel_unavailable', `the ${channel} channel is not available in this hub yet`);
  return definition;
}

function validConfig(definition: AnyChannelDefinition, config: unknown): unknown {
  const result = definition.configSchema.safeParse(config);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new AppError(
      'invalid_config',
      `invalid ${definition.kind} config: ${first.path.join('.')}: ${first.message}`,
    );
  }
  return result.data;
}

async function checkTeam(ctx: HubContext, accountId: number, teamId: string | null | undefined) {
  if (!teamId) return;
  const [team] = await ctx.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, Number(teamId)), eq(teams.accountId, accountId)));
  if (!team) throw new AppError('bad_request', 'teamId names no team of this account');
}

const MASK = '********';
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Walks a dotted path (`imap.password`) to the object holding its last key. */
function holderOf(root: Obj, path: string): [Obj, string] | null {
  const keys = path.split('.');
  let node: unknown = root;
  for (const k of keys.slice(0, -1)) {
    if (!isObj(node)) return null;
    node = node[k];
  }
  return isObj(node) ? [node, keys.at(-1)!] : null;
}

function maskSecret(config: Obj, path: string): void {
  const h = holderOf(config, path);
  if (h && h[0][h[1]] !== undefined) h[0][h[1]] = MASK;
}

/** A secret sent back as the mask (or left out) keeps its saved value. */
function keepMaskedSecret(merged: Obj, saved: Obj, path: string): void {
  const target = holderOf(merged, path);
  const source = holderOf(saved, path);
  if (target && (target[0][target[1]] === MASK || target[0][target[1]] === undefined) && source) {
    target[0][target[1]] = source[0][source[1]];
  }
}

function deepMerge(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch))
    out[k] = isObj(v) && isObj(base[k]) ? deepMerge(base[k] as Obj, v) : v;
  return out;
}

/**
 * A JSON merge patch's `null` (RFC 7386): the key is removed, so an optional field can be cleared. Applied
 * after the masked secrets are put back, so a secret sent as null is cleared too, not restored.
 */
function dropNulls(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null) continue;
    out[k] = isObj(v) ? dropNulls(v) : v;
  }
  return out;
}

/** The settings a channel adds (web chat: the widget's pre-chat form, hours, offline inbox ...) must parse
 * before they are saved. */
function checkSettings(channel: string, settings: Record<string, unknown>): void {
  // Any channel may follow another protocol than its default ('none' turns the automatic steps off).
  if (
    settings.protocol !== undefined &&
    settings.protocol !== 'none' &&
    !protocolName.safeParse(settings.protocol).success
  ) {
    throw new AppError(
      'validation_failed',
      `invalid settings: protocol must be 'none' or one of ${protocolName.options.join(', ')}`,
    );
  }
  const definition = definitionOf(channel);
  const result = definition.settingsSchema?.safeParse(settings);
  if (result && !result.success) {
    const first = result.error.issues[0];
    throw new AppError(
      'validation_failed',
      `invalid ${definition.label} settings: ${first.path.join('.')}: ${first.message}`,
    );
  }
}

export function inboxToJson(ctx: HubContext, inbox: Inbox, extra: { secret?: string } = {}) {
  const definition = channelRegistry[inbox.channel as ChannelKind];
  let config: Record<string, unknown> = {};
  try {
    config = ctx.sealer.open<Record<string, unknown>>(inbox.configEncrypted);
  } catch {
    // Unreadable (HUB_SECRET changed): shown empty; the inbox's health says why, and saving it again mends it.
  }
  for (const path of definition?.secretFields ?? []) maskSecret(config, path);
  return {
    id: String(inbox.id),
    name: inbox.name,
    channel: inbox.channel as ChannelKind,
    token: inbox.token,
    teamId: inbox.teamId === null ? null : String(inbox.teamId),
    config,
    settings: inbox.settings,
    // This node's live view when it runs the inbox, else what was last recorded.
    health: ctx.channels.get(inbox.id)?.health.health ?? inbox.health,
    healthDetail:
      ctx.channels.get(inbox.id)?.health.detail ?? (ctx.channels.get(inbox.id) ? null : inbox.healthDetail),
    // A WhatsApp QR code or pairing code waiting to be scanned, while this node holds the session.
    ...(ctx.channels.get(inbox.id)?.pairing ? { pairing: ctx.channels.get(inbox.id)!.pairing } : {}),
    // Push channels: what the admin pastes into the provider's settings (Meta's callback URL).
    ...(definition?.webhook
      ? { inboundWebhookUrl: `${publicBaseUrl(ctx)}/webhooks/${inbox.channel}/${inbox.id}` }
      : {}),
    ...extra,
    createdAt: inbox.createdAt.toISOString(),
  };
}

export async function createInbox(ctx: HubContext, accountId: number, body: z.infer<typeof createInboxBody>) {
  const definition = definitionOf(body.channel);
  const config = validConfig(definition, body.config);
  await checkTeam(ctx, accountId, body.teamId);
  checkSettings(body.channel, body.settings);
  const secret = definition.signingSecret ? randomToken(32) : undefined;
  const [inbox] = await ctx.db
    .insert(inboxes)
    .values({
      accountId,
      name: body.name,
      channel: body.channel,
      configEncrypted: ctx.sealer.seal(config),
      secretEncrypted: secret ? ctx.sealer.seal(secret) : null,
      token: randomToken(18),
      teamId: body.teamId ? Number(body.teamId) : null,
      settings: body.settings,
    })
    .returning();
  await ctx.channels.reload(inbox.id);
  // The signing secret is shown once, to the admin who created the inbox.
  return inboxToJson(ctx, inbox, secret ? { secret } : {});
}

export async function updateInbox(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: z.infer<typeof updateInboxBody>,
) {
  const [existing] = await ctx.db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.id, id), eq(inboxes.accountId, accountId)));
  if (!existing) throw notFound('inbox');
  const patch: Partial<Inbox> = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.settings !== undefined) {
    patch.settings = dropNulls({ ...existing.settings, ...body.settings });
    checkSettings(existing.channel, patch.settings);
  }
  if (body.teamId !== undefined) {
    await checkTeam(ctx, accountId, body.teamId);
    patch.teamId = body.teamId === null ? null : Number(body.teamId);
  }
  if (body.config !== undefined) {
    const definition = definitionOf(existing.channel);
    // A secret left as the mask (or left out) keeps its saved value.
    let saved: Record<string, unknown> = {};
    try {
      saved = ctx.sealer.open<Record<string, unknown>>(existing.configEncrypted);
    } catch {
      // Unreadable old config: the new one must then be complete on its own.
    }
    const merged = deepMerge(saved, body.config);
    for (const path of definition.secretFields) keepMaskedSecret(merged, saved, path);
    patch.configEncrypted = ctx.sealer.seal(validConfig(definition, dropNulls(merged)));
  }
  const [inbox] = await ctx.db.update(inboxes).set(patch).where(eq(inboxes.id, id)).returning();
  await ctx.channels.reload(inbox.id);
  return inboxToJson(ctx, inbox);
}

export async function testInboxConnection(
  ctx: HubContext,
  accountId: number,
  body: z.infer<typeof testConnectionBody>,
) {
  const definition = definitionOf(body.channel);
  let config: Obj = body.config;
  if (body.inboxId) {
    const [saved] = await ctx.db
      .select()
      .from(inboxes)
      .where(and(eq(inboxes.id, Number(body.inboxId)), eq(inboxes.accountId, accountId)));
    if (!saved) throw notFound('inbox');
    const old = ctx.sealer.open<Obj>(saved.configEncrypted);
    config = deepMerge(old, body.config);
    for (const path of definition.secretFields) keepMaskedSecret(config, old, path);
    config = dropNulls(config);
  }
  const valid = validConfig(definition, config);
  if (!definition.testConnection) return { ok: true, checks: [{ step: 'config', ok: true }] };
  const checks = await definition.testConnection(valid);
  return { ok: checks.every((c) => c.ok), checks };
}
