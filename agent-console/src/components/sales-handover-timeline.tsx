// A sale's history as a timeline, newest last: what happened, who did it (the hub for its timers) and
// when, with what the officer wrote — the reasons of a return, the note of an approval and whether it
// came in time, why the terms could not be mailed.
import type { User } from '../types.ts';
import { eventLabel, notMailedReason, type SaleEvent } from './sales-handover-model.ts';
import { type Sale, useSalesText, when } from './sales-text.ts';

export function HandoverTimeline(props: { sale: Sale; user: User; events: SaleEvent[] }) {
  const { s, lang } = useSalesText();
  const { sale, user } = props;
  const who = (e: SaleEvent) =>
    e.actorId === null
      ? s('byHub')
      : (e.actorName ??
        (e.actorId === sale.advisorId
          ? sale.advisorName
          : e.actorId === user.id
            ? user.name
            : s('userN', { id: e.actorId })));
  const reasons = (e: SaleEvent) => (Array.isArray(e.data.reasons) ? e.data.reasons.map(String) : []);

  return (
    <section className="handover-timeline" aria-label={s('timeline')}>
      <h2>{s('timeline')}</h2>
      <ol>
        {props.events.map((e) => (
          <li key={e.id} data-event={e.type}>
            <strong>{eventLabel(s, e.type)}</strong>
            {e.type === 'sale.approved' && <span> ({e.data.inTime ? s('inTime') : s('late')})</span>}
            <span className="muted">
              {' '}
              — {s('byWhom', { who: `\u2068${who(e)}\u2069`, when: when(e.createdAt, lang) })}
            </span>
            {e.type === 'sale.returned' && (
              <ul className="handover-reasons">
                {reasons(e).map((r) => (
                  <li key={r} dir="auto">
                    {r}
                  </li>
                ))}
              </ul>
            )}
            {typeof e.data.note === 'string' && <p dir="auto">{e.data.note}</p>}
            {e.type === 'sale.terms_not_mailed' && <p>{notMailedReason(s, e.data.reason)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
