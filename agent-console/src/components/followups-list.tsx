// The manager's daily dashboard (GET /follow-ups): every follow-up by status, due date (overdue marked),
// owner, kind and customer, with its conversation; filters status, owner, kind and due before. A
// follow_up user or an agent sees their own (the hub answers only those).
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import type { People } from './followups-people.ts';
import {
  type FollowUp,
  followUpKinds,
  followUpManagers,
  followUpStatuses,
  instantOf,
  nameOf,
  readsConversations,
  refusal,
  useFollowUpText,
  whenOf,
  withSentNames,
} from './followups-text.ts';

const go = (path: string) => (e: React.MouseEvent) => {
  e.preventDefault();
  navigate(path);
};

export function FollowUpList(props: { api: Api; user: User; people: People }) {
  const { f, lang } = useFollowUpText();
  const [filters, setFilters] = useState({ status: '', ownerId: '', kind: '', dueBefore: '' });
  const [rows, setRows] = useState<FollowUp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = new URLSearchParams();
    if (filters.status) q.set('status', filters.status);
    if (filters.ownerId) q.set('ownerId', filters.ownerId);
    if (filters.kind) q.set('kind', filters.kind);
    const before = instantOf(filters.dueBefore ? `${filters.dueBefore}T23:59:59` : '');
    if (before) q.set('dueBefore', before);
    let live = true;
    props.api.get<FollowUp[]>(`/follow-ups${q.size ? `?${q}` : ''}`).then(
      (r) => {
        if (!live) return;
        setRows(r.data);
        setError(null);
      },
      (e) => live && setError(refusal(f, e)),
    );
    return () => {
      live = false;
    };
  }, [props.api, filters, f]);
  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setFilters((old) => ({ ...old, [k]: e.target.value }));
  const now = Date.now();
  return (
    <section className="fu-dashboard" aria-label={f('followUps')}>
      <form className="fu-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{f('fuStatus')}</span>
          <select name="status" value={filters.status} onChange={set('status')}>
            <option value="">{f('fuAll')}</option>
            {followUpStatuses.map((s) => (
              <option key={s} value={s}>
                {f(`status_${s}`)}
              </option>
            ))}
          </select>
        </label>
        {followUpManagers(props.user.role) && (
          <label>
            <span>{f('fuOwner')}</span>
            <select name="ownerId" value={filters.ownerId} onChange={set('ownerId')}>
              <option value="">{f('fuAll')}</option>
              {props.people.owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{f('fuKind')}</span>
          <select name="kind" value={filters.kind} onChange={set('kind')}>
            <option value="">{f('fuAll')}</option>
            {followUpKinds.map((k) => (
              <option key={k} value={k}>
                {f(`kind_${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{f('fuDueBefore')}</span>
          <input type="date" name="dueBefore" value={filters.dueBefore} onChange={set('dueBefore')} />
        </label>
      </form>
      {error && (
        <p className="fu-notice bad" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted fu-none">{f('fuNone')}</p>}
      {rows && rows.length > 0 && (
        <div className="fu-table-wrap">
          <table className="grid fu-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{f('fuStatus')}</th>
                <th>{f('fuDue')}</th>
                <th>{f('fuKind')}</th>
                <th>{f('fuCustomer')}</th>
                <th>{f('fuOwner')}</th>
                <th>{f('fuConversation')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => {
                const live = x.status === 'open' || x.status === 'forwarded';
                const overdue = live && new Date(x.dueAt).getTime() < now;
                return (
                  <tr
                    key={x.id}
                    data-id={x.id}
                    data-status={x.status}
                    data-conversation={x.conversationId}
                    className={overdue ? 'fu-overdue' : ''}
                  >
                    <td>{x.id}</td>
                    <td>
                      <span className={`badge fu-status ${x.status}`}>{f(`status_${x.status}`)}</span>
                    </td>
                    <td className="fu-due">
                      {whenOf(x.dueAt, lang)}
                      {overdue && <span className="badge warn fu-overdue-mark"> {f('fuOverdue')}</span>}
                    </td>
                    <td className="fu-kind">{f(`kind_${x.kind}`)}</td>
                    <td>{x.contactName ?? '—'}</td>
                    <td className="fu-owner">
                      {nameOf(
                        f,
                        withSentNames(props.people.names, [[x.ownerId, x.ownerName]]),
                        props.user.id,
                        x.ownerId,
                      )}
                    </td>
                    <td>
                      {readsConversations(props.user.role) ? (
                        <a
                          href={`/conversations/${x.conversationId}`}
                          onClick={go(`/conversations/${x.conversationId}`)}
                        >
                          #{x.conversationId}
                        </a>
                      ) : (
                        `#${x.conversationId}`
                      )}
                    </td>
                    <td>
                      <a className="fu-open" href={`/follow-ups/${x.id}`} onClick={go(`/follow-ups/${x.id}`)}>
                        {f('fuOpen')}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
