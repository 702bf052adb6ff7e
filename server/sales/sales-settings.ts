// The sales desk's settings of an account (accounts.settings.sales): the address format (Annex 1), the
// observation glosses (Annex 2), the two document checklists and the commercial plans. A part the account
// never saved reads as the seed's default, and reading never writes: the defaults can improve in a later
// version and every account that kept them follows. A stored part that no longer passes (an older version
// wrote it) reads as the default too, part by part, so one bad part does not take the others with it.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { accounts } from '#server/db/schema.ts';
import { defaultAddressFormat } from '#shared/sales/address-format.ts';
import { defaultCiChecklist, defaultLetterClauses } from '#shared/sales/document-review.ts';
import { defaultGlosses, glossFields } from '#shared/sales/glosses.ts';
import {
  type SalesSettings,
  type SalesSettingsJson,
  type SalesSettingsPatch,
  salesSettingsSchema,
} from '#shared/sales-settings.schema.ts';

type Part = keyof SalesSettings;

const defaults = (): Required<SalesSettings> => ({
  addressFormat: defaultAddressFormat,
  glosses: defaultGlosses,
  ciChecklist: defaultCiChecklist,
  letterClauses: defaultLetterClauses,
  plans: [],
});

export function salesSettingsOf(accountSettings: Record<string, unknown>): Required<SalesSettings> {
  const stored = accountSettings.sales;
  const out = defaults();
  if (typeof stored !== 'object' || stored === null) return out;
  const raw = stored as Record<string, unknown>;
  for (const part of Object.keys(salesSettingsSchema.shape) as Part[]) {
    if (raw[part] === undefined) continue;
    const one = salesSettingsSchema.shape[part].safeParse(raw[part]);
    if (one.success && one.data !== undefined) Object.assign(out, { [part]: one.data });
  }
  return out;
}

export async function loadSalesSettings(db: Db | Tx, accountId: number): Promise<Required<SalesSettings>> {
  const [row] = await db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return salesSettingsOf(row?.settings ?? {});
}

export function salesSettingsToJson(s: Required<SalesSettings>): SalesSettingsJson {
  return {
    addressFormat: s.addressFormat,
    glosses: s.glosses.map((g) => ({ ...g, fields: glossFields(g.text) })),
    ciChecklist: s.ciChecklist,
    letterClauses: s.letterClauses,
    plans: s.plans,
  };
}

/**
 * An admin's change: the parts given replace the account's (validated whole at the edge). Only the parts
 * given are stored — the others keep following the defaults. The account row is locked so that a change
 * to another key of accounts.settings at the same time is not lost.
 */
export async function updateSalesSettings(
  ctx: HubContext,
  accountId: number,
  patch: SalesSettingsPatch,
): Promise<Required<SalesSettings>> {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    const current = typeof a.settings.sales === 'object' && a.settings.sales !== null ? a.settings.sales : {};
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const sales = { ...current, ...given };
    await tx
      .update(accounts)
      .set({ settings: { ...a.settings, sales } })
      .where(eq(accounts.id, accountId));
    return salesSettingsOf({ sales });
  });
}
