// The campaigns down the side of the Sales page: name, status, dates, and their entries by status as small
// counts; "All sales" above them, "New campaign" for those who keep campaigns.
import { navigate } from '../router.ts';
import {
  type Campaign,
  campaignStatusLabel,
  day,
  entryStatusLabel,
  entryStatusList,
  useSalesText,
} from './sales-text.ts';

export function CampaignDates(props: { campaign: Campaign }) {
  const { s, lang } = useSalesText();
  const { startsOn, endsOn } = props.campaign;
  if (!startsOn && !endsOn) return <span className="muted">{s('noDates')}</span>;
  return (
    <span className="muted">
      {startsOn && s('from', { d: day(startsOn, lang) })} {endsOn && s('until', { d: day(endsOn, lang) })}
    </span>
  );
}

export function EntryCounts(props: { campaign: Campaign }) {
  const { s } = useSalesText();
  const counts = entryStatusList.filter((k) => props.campaign.entries[k]);
  if (!counts.length) return null;
  return (
    <ul className="sales-counts">
      {counts.map((k) => (
        <li key={k} className={`entry-${k}`} data-status={k} title={entryStatusLabel(s, k)}>
          {entryStatusLabel(s, k)} <b>{props.campaign.entries[k]}</b>
        </li>
      ))}
    </ul>
  );
}

export function CampaignList(props: {
  campaigns: Campaign[] | null;
  selected: string | null;
  keeper: boolean;
  onNew(): void;
}) {
  const { s } = useSalesText();
  const go = (path: string) => (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate(path);
  };
  return (
    <aside className="sales-side" aria-label={s('campaigns')}>
      <a
        href="/sales"
        className={`sales-all ${props.selected === null ? 'active' : ''}`}
        onClick={go('/sales')}
      >
        {s('allSales')}
      </a>
      <div className="sales-side-head">
        <h2>{s('campaigns')}</h2>
        {props.keeper && (
          <button type="button" className="primary" onClick={props.onNew}>
            {s('newCampaign')}
          </button>
        )}
      </div>
      {props.campaigns?.length === 0 && <p className="empty">{s('noCampaigns')}</p>}
      <ul className="sales-campaigns">
        {props.campaigns?.map((c) => (
          <li key={c.id} data-campaign={c.id} className={c.id === props.selected ? 'active' : ''}>
            <a
              href={`/sales/${c.id}`}
              aria-current={c.id === props.selected ? 'page' : undefined}
              onClick={go(`/sales/${c.id}`)}
            >
              <span className="sales-campaign-name">
                <bdi>{c.name}</bdi>
                <span className={`sales-badge campaign-${c.status}`}>{campaignStatusLabel(s, c.status)}</span>
              </span>
              <CampaignDates campaign={c} />
              <EntryCounts campaign={c} />
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
