// The sales desk (issue 17, DOMAIN.md §3), fetched when first opened: campaigns down the side; in a
// campaign the advisor's work (next customer, checks, outcome), its portfolio, and for supervisors the
// import of portfolio files and the campaign's settings; without one, the sales. /sales/<campaignId>.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { CampaignForm } from '../components/sales-campaign-form.tsx';
import { CampaignDates, CampaignList, EntryCounts } from '../components/sales-campaign-list.tsx';
import { SaleDetail } from '../components/sales-detail.tsx';
import { EntriesTable } from '../components/sales-entries.tsx';
import { SaleAlerts } from '../components/sales-handover-alerts.tsx';
import { HandoverQueue } from '../components/sales-handover-queue.tsx';
import { HandoverView } from '../components/sales-handover-view.tsx';
import { PortfolioImportPanel } from '../components/sales-import.tsx';
import { SalesList } from '../components/sales-list.tsx';
import { type Campaign, campaignStatusLabel, useSalesText } from '../components/sales-text.ts';
import { AdvisorWork } from '../components/sales-work.tsx';
import '../components/sales.css';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import type { User } from '../types.ts';

type Tab = 'work' | 'entries' | 'imports';
const keeps = (u: User) => u.role === 'admin' || u.role === 'supervisor';
const advises = (u: User) => keeps(u) || u.role === 'agent';
const advisorAlerts = ['returned'] as const;

export function SalesPage(props: {
  api: Api;
  user: User;
  token: string;
  socket: AgentSocket | null;
  path: string;
}) {
  const { s } = useSalesText();
  const { t } = useI18n();
  const { api, user } = props;
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<'new' | 'edit' | null>(null);
  const [tab, setTab] = useState<Tab>(user.role === 'agent' ? 'work' : 'entries');
  // Bumped after work elsewhere on the page, so the portfolio table asks again.
  const [version, setVersion] = useState(0);
  const selected = props.path.match(/^\/sales\/(\d+)$/)?.[1] ?? null;
  // One sale: /sales/s/<saleId>, opened from the sales list.
  const saleId = props.path.match(/^\/sales\/s\/(\d+)$/)?.[1] ?? null;
  const [desk, setDesk] = useState<'sales' | 'handover'>(user.role === 'back_office' ? 'handover' : 'sales');
  // The officer's view of a sale: always for the officer, for a supervisor opening it from the hand-over.
  const handoverId = user.role === 'back_office' || desk === 'handover' ? saleId : null;
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const campaign = campaigns?.find((c) => c.id === selected) ?? null;

  const reload = useCallback(() => {
    api.get<Campaign[]>('/campaigns').then(
      (r) => {
        setCampaigns(r.data);
        setError(null);
      },
      (e) => setError((e as Error).message),
    );
    setVersion((v) => v + 1);
  }, [api]);
  useEffect(reload, [reload]);
  // Another campaign: its own form state.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the campaign changes
  useEffect(() => setForm((f) => (f === 'edit' ? null : f)), [selected]);

  const saved = (c: Campaign) => {
    const isNew = form === 'new';
    setForm(null);
    reload();
    if (isNew) {
      setTab('imports');
      navigate(`/sales/${c.id}`);
    }
  };
  const setStatus = async (status: Campaign['status']) => {
    if (!campaign) return;
    try {
      await api.patch(`/campaigns/${campaign.id}`, { status });
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const tabs: { key: Tab; label: string }[] = [
    ...(advises(user) ? [{ key: 'work' as const, label: s('tabWork') }] : []),
    ...(advises(user)
      ? [{ key: 'entries' as const, label: keeps(user) ? s('tabPortfolio') : s('tabMine') }]
      : []),
    ...(keeps(user) ? [{ key: 'imports' as const, label: s('tabImports') }] : []),
  ];
  const shownTab = tabs.some((x) => x.key === tab) ? tab : tabs[0]?.key;

  return (
    <main className="page sales-page">
      <CampaignList
        campaigns={campaigns}
        selected={selected}
        keeper={keeps(user)}
        onNew={() => setForm('new')}
      />
      <div className="sales-main">
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        {user.role === 'agent' && (
          <SaleAlerts api={api} socket={props.socket} kinds={advisorAlerts} onEvent={bump} />
        )}
        {form === 'new' ? (
          <CampaignForm api={api} campaign={null} onSaved={saved} onCancel={() => setForm(null)} />
        ) : handoverId ? (
          <HandoverView api={api} socket={props.socket} user={user} saleId={handoverId} />
        ) : saleId ? (
          <SaleDetail api={api} socket={props.socket} saleId={saleId} />
        ) : !selected ? (
          <>
            <h1>{desk === 'handover' ? s('handoverTitle') : s('title')}</h1>
            <p className="muted">{desk === 'handover' ? s('handoverHint') : s('hint')}</p>
            {keeps(user) && (
              <div className="tabs sales-tabs sales-desks" role="tablist">
                {(['sales', 'handover'] as const).map((d) => (
                  <button
                    key={d}
                    type="button"
                    role="tab"
                    data-desk={d}
                    aria-selected={desk === d}
                    onClick={() => setDesk(d)}
                  >
                    {d === 'sales' ? s('tabSales') : s('tabHandover')}
                  </button>
                ))}
              </div>
            )}
            {desk === 'handover' ? (
              <HandoverQueue api={api} socket={props.socket} />
            ) : (
              <SalesList api={api} user={user} campaigns={campaigns} version={version} />
            )}
          </>
        ) : !campaign ? (
          campaigns && <p className="empty">{t('notFoundPage')}</p>
        ) : form === 'edit' ? (
          <CampaignForm api={api} campaign={campaign} onSaved={saved} onCancel={() => setForm(null)} />
        ) : (
          <>
            <header className="sales-campaign-head">
              <div>
                <h1>
                  <bdi>{campaign.name}</bdi>{' '}
                  <span className={`sales-badge campaign-${campaign.status}`}>
                    {campaignStatusLabel(s, campaign.status)}
                  </span>
                </h1>
                <CampaignDates campaign={campaign} />
                {campaign.description && (
                  <p className="muted" dir="auto">
                    {campaign.description}
                  </p>
                )}
                {campaign.products.length > 0 && (
                  <ul className="chips sales-products" aria-label={s('products')}>
                    {campaign.products.map((p) => (
                      <li key={p} className="chip">
                        <bdi>{p}</bdi>
                      </li>
                    ))}
                  </ul>
                )}
                <EntryCounts campaign={campaign} />
              </div>
              {keeps(user) && (
                <div className="sales-actions">
                  <button type="button" onClick={() => setForm('edit')}>
                    {s('edit')}
                  </button>
                  {campaign.status === 'active' && (
                    <button type="button" onClick={() => setStatus('paused')}>
                      {s('pause')}
                    </button>
                  )}
                  {campaign.status === 'paused' && (
                    <button type="button" onClick={() => setStatus('active')}>
                      {s('resume')}
                    </button>
                  )}
                  {campaign.status !== 'closed' ? (
                    <button type="button" onClick={() => setStatus('closed')}>
                      {s('close')}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setStatus('active')}>
                      {s('reopen')}
                    </button>
                  )}
                </div>
              )}
            </header>
            {tabs.length > 0 && (
              <div className="tabs sales-tabs" role="tablist">
                {tabs.map((x) => (
                  <button
                    key={x.key}
                    type="button"
                    role="tab"
                    data-tab={x.key}
                    aria-selected={shownTab === x.key}
                    onClick={() => setTab(x.key)}
                  >
                    {x.label}
                  </button>
                ))}
              </div>
            )}
            <div role="tabpanel" className="sales-panel">
              {shownTab === 'work' && <AdvisorWork api={api} campaign={campaign} onChanged={reload} />}
              {shownTab === 'entries' && (
                <EntriesTable api={api} campaignId={campaign.id} version={version} />
              )}
              {shownTab === 'imports' && (
                <PortfolioImportPanel
                  api={api}
                  token={props.token}
                  socket={props.socket}
                  campaignId={campaign.id}
                  onChanged={reload}
                />
              )}
            </div>
          </>
        )}
      </div>
    </main>
  );
}
