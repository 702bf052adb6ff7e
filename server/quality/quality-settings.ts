// The account's quality settings (accounts.settings.quality): the evaluation criteria with their weights,
// the three error grades with the points they take off, the sampling rule and the KPI weights. A part the
// account never saved reads as QP-14's default (shared/quality/criteria.ts), and reading never writes; a
// stored part that no longer passes reads as the default too, part by part — as the sales settings do.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { accounts } from '#server/db/schema.ts';
import {
  CRITERION_MAX,
  defaultCriteria,
  defaultGrades,
  defaultKpiWeights,
  defaultSampling,
  errorGrades,
} from '#shared/quality/criteria.ts';
import {
  type QualitySettings,
  type QualitySettingsJson,
  type QualitySettingsPatch,
  qualitySettingsSchema,
} from '#shared/quality.schema.ts';

type Part = keyof QualitySettings;

const defaults = (): QualitySettings => ({
  criteria: defaultCriteria,
  grades: defaultGrades,
  sampling: defaultSampling,
  kpiWeights: defaultKpiWeights,
});

export function qualitySettingsOf(accountSettings: Record<string, unknown>): QualitySettings {
  const stored = accountSettings.quality;
  const out = defaults();
  if (typeof stored !== 'object' || stored === null) return out;
  const raw = stored as Record<string, unknown>;
  for (const part of Object.keys(qualitySettingsSchema.shape) as Part[]) {
    if (raw[part] === undefined) continue;
    const one = qualitySettingsSchema.shape[part].safeParse(raw[part]);
    if (one.success) Object.assign(out, { [part]: one.data });
  }
  // The grades in their fixed order (major, minor, d_minor), whatever order they were saved in.
  out.grades = [...out.grades].sort((a, b) => errorGrades.indexOf(a.key) - errorGrades.indexOf(b.key));
  return out;
}

export async function loadQualitySettings(db: Db | Tx, accountId: number): Promise<QualitySettings> {
  const [row] = await db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return qualitySettingsOf(row?.settings ?? {});
}

export const qualitySettingsToJson = (s: QualitySettings): QualitySettingsJson => ({
  ...s,
  criterionMax: CRITERION_MAX,
});

/**
 * The manager's change: the parts given replace the account's (validated whole at the edge); the others
 * keep following the defaults. The account row is locked so that a change to another key of
 * accounts.settings at the same time is not lost.
 */
export async function updateQualitySettings(
  ctx: HubContext,
  accountId: number,
  patch: QualitySettingsPatch,
): Promise<QualitySettings> {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    const current =
      typeof a.settings.quality === 'object' && a.settings.quality !== null ? a.settings.quality : {};
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const quality = { ...current, ...given };
    await tx
      .update(accounts)
      .set({ settings: { ...a.settings, quality } })
      .where(eq(accounts.id, accountId));
    return qualitySettingsOf({ quality });
  });
}
