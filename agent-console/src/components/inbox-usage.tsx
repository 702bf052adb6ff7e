// A paying channel's spend this month on its inbox page (GET /inboxes/:id/usage): "spent $x of $y this
// month", and whether the hub slowed or stopped its reads to stay within the budget — never silently.
import { useEffect } from 'react';
import type { InboxUsageJson } from '#shared/api.schema.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useLoad } from './use-load.ts';

export function InboxUsage(props: { api: Api; inboxId: string; version: number }) {
  const { t, lang } = useI18n();
  const usage = useLoad(() =>
    props.api.get<InboxUsageJson | null>(`/inboxes/${props.inboxId}/usage`).then((r) => r.data),
  );
  const { reload } = usage;
  // A saved budget changes what the month's spend means: read it again after each save.
  useEffect(() => {
    if (props.version > 0) reload();
  }, [props.version, reload]);
  const u = usage.data;
  if (!u) return null;
  // Reads cost half a cent: $0.025 is shown as it is, not rounded to a cent it did not cost.
  const money = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
  });
  const spent = money.format(u.spentUsd);
  return (
    <p className="inbox-usage" role="status" aria-label={t('usageTitle')} data-state={u.state}>
      <strong>{t('usageTitle')}: </strong>
      {u.budgetUsd === null
        ? t('usageSpentNoBudget', { spent })
        : t('usageSpent', { spent, budget: money.format(u.budgetUsd) })}
      {u.state === 'slowed' && <span className="badge warn"> {t('usageSlowed')}</span>}
      {u.state === 'stopped' && <span className="badge warn"> {t('usageStopped')}</span>}
    </p>
  );
}
