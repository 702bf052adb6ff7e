// The customer an advisor is working: name, CI, phones to dial (tel: links), service number, address,
// the file's extra columns, how often they were called and what came of the last call.
import {
  type Entry,
  entryStatusLabel,
  outcomeLabel,
  technologyLabel,
  useSalesText,
  when,
} from './sales-text.ts';

export function CustomerCard(props: { entry: Entry }) {
  const { s, lang } = useSalesText();
  const e = props.entry;
  const extra = Object.entries(e.attributes);
  return (
    <section className="sales-customer" aria-label={s('customer')} data-entry={e.id}>
      <header>
        <h2>
          <bdi>{e.name}</bdi>
        </h2>
        <span className={`sales-badge entry-${e.status}`}>{entryStatusLabel(s, e.status)}</span>
      </header>
      <dl>
        {e.nationalId && (
          <div>
            <dt>{s('nationalId')}</dt>
            <dd>
              <bdi>{e.nationalId}</bdi>
            </dd>
          </div>
        )}
        <div>
          <dt>{s('phones')}</dt>
          <dd className="sales-phones">
            {e.phones.map((p) => (
              <a key={p} href={`tel:${p}`} dir="ltr">
                {p}
              </a>
            ))}
          </dd>
        </div>
        {e.serviceNumber && (
          <div>
            <dt>{s('serviceNumber')}</dt>
            <dd>
              <bdi>{e.serviceNumber}</bdi>
            </dd>
          </div>
        )}
        {e.address && (
          <div className="wide">
            <dt>{s('address')}</dt>
            <dd dir="auto">{e.address}</dd>
          </div>
        )}
        {extra.map(([k, v]) => (
          <div key={k}>
            <dt dir="auto">{k}</dt>
            <dd dir="auto">{v}</dd>
          </div>
        ))}
        <div>
          <dt>{s('attempts')}</dt>
          <dd>{e.attempts}</dd>
        </div>
        {e.outcome && (
          <div>
            <dt>{s('previousOutcome')}</dt>
            <dd>
              {outcomeLabel(s, e.outcome)}
              {e.outcomeReason && <span dir="auto"> — {e.outcomeReason}</span>}
            </dd>
          </div>
        )}
        {e.technology && (
          <div>
            <dt>{s('technology')}</dt>
            <dd>{technologyLabel(s, e.technology)}</dd>
          </div>
        )}
        {e.status === 'callback' && e.callbackAt && (
          <div>
            <dt>{s('entryCallback')}</dt>
            <dd>{s('callbackDue', { at: when(e.callbackAt, lang) })}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
