// Admin → Sales desk: the sales desk's procedure as the account's data (GET/PUT /sales-settings) — plans,
// observation glosses (Annex 2), the two document checklists, the address format (Annex 1) with a box to
// try an address — and the signed sales webhook. Loaded only when opened (admin.tsx), with its strings.
// Each part saves on its own; a saved part replaces only that part of what is shown.
import { useState } from 'react';
import { defaultAddressFormat } from '#shared/sales/address-format.ts';
import { defaultCiChecklist, defaultLetterClauses } from '#shared/sales/document-review.ts';
import { defaultGlosses } from '#shared/sales/glosses.ts';
import type { Api } from '../api.ts';
import { AddressPart, AddressTry } from '../components/admin-sales-address.tsx';
import { ChecklistPart } from '../components/admin-sales-checklists.tsx';
import { GlossesPart } from '../components/admin-sales-glosses.tsx';
import { PlansPart } from '../components/admin-sales-plans.tsx';
import { type DeskSettings, type PartName, useDeskText } from '../components/admin-sales-text.ts';
import { WebhookPart } from '../components/admin-sales-webhook.tsx';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';
import '../components/admin-sales.css';

export function SalesDeskAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const d = useDeskText();
  const loaded = useLoad(() => props.api.get<DeskSettings>('/sales-settings').then((r) => r.data));
  const [changed, setChanged] = useState<Partial<DeskSettings>>({});
  if (!loaded.data) {
    return (
      <section aria-busy={!loaded.error}>
        <h1>{t('adminSalesDesk')}</h1>
        {loaded.error && <p className="error">{loaded.error}</p>}
      </section>
    );
  }
  const s: DeskSettings = { ...loaded.data, ...changed };
  const saved =
    <P extends PartName>(part: P) =>
    (value: DeskSettings[P]) =>
      setChanged((c) => ({ ...c, [part]: value }));
  return (
    <section className="sales-desk-admin">
      <h1>{t('adminSalesDesk')}</h1>
      <p className="muted">{d('intro')}</p>
      <PlansPart api={props.api} saved={s.plans} onSaved={saved('plans')} />
      <GlossesPart api={props.api} saved={s.glosses} defaults={defaultGlosses} onSaved={saved('glosses')} />
      <ChecklistPart
        api={props.api}
        part="ciChecklist"
        saved={s.ciChecklist}
        defaults={defaultCiChecklist}
        onSaved={saved('ciChecklist')}
      />
      <ChecklistPart
        api={props.api}
        part="letterClauses"
        saved={s.letterClauses}
        defaults={defaultLetterClauses}
        onSaved={saved('letterClauses')}
      />
      <AddressPart
        api={props.api}
        saved={s.addressFormat}
        defaults={defaultAddressFormat}
        onSaved={saved('addressFormat')}
      />
      <AddressTry api={props.api} />
      <WebhookPart api={props.api} />
    </section>
  );
}
