// One follow-up (GET /follow-ups/:id): its customer, conversation, owner, team and due date; the steps
// the user's role may take — close (solved, the customer told, a note), forward to a team with a note,
// reassign (the manager: owner, due date) — and its compensation, each step only for its role: the
// manager estimates (Bs, reason), finance credits (in its queue), the owner tells the customer (a message
// through the conversation, or "told by phone"), the manager closes. The history: every event, who, when.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import type { People } from './followups-people.ts';
import {
  type Compensation,
  type F,
  type FKey,
  type FollowUp,
  type FollowUpEvent,
  followUpManagers,
  instantOf,
  nameOf,
  readsConversations,
  refusal,
  useFollowUpText,
  whenOf,
  withSentNames,
} from './followups-text.ts';

type Detail = { data: FollowUp; events: FollowUpEvent[]; compensation: Compensation | null };

const go = (path: string) => (e: React.MouseEvent) => {
  e.preventDefault();
  navigate(path);
};

function eventText(f: F, e: FollowUpEvent): string {
  const d = e.data as Record<string, string | undefined>;
  const key = `ev_${e.type.replace('.', '_')}` as FKey;
  return f(key, {
    team: `\u2068${d.teamName ?? ''}\u2069`,
    amount: d.amount ?? '',
    reference: d.reference ?? '',
    via: d.via === 'message' || d.via === 'call' ? f(`via_${d.via}`) : '',
  });
}

export function FollowUpView(props: { api: Api; user: User; id: string; people: People }) {
  const { f, lang } = useFollowUpText();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({
    closeNote: '',
    teamId: '',
    forwardNote: '',
    ownerId: '',
    dueAt: '',
    amount: '',
    reason: '',
  });
  const load = useCallback(
    () =>
      props.api.get<FollowUp>(`/follow-ups/${props.id}`).then(
        (r) => setDetail(r as unknown as Detail),
        (e) => setNotice({ text: refusal(f, e), bad: true }),
      ),
    [props.api, props.id, f],
  );
  useEffect(() => {
    load();
  }, [load]);
  const step = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await props.api.post(path, body);
      // Said once the follow-up as it is now is shown.
      await load();
      setNotice({ text: done, bad: false });
    } catch (e) {
      setNotice({ text: refusal(f, e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  const set =
    (k: keyof typeof form) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm((old) => ({ ...old, [k]: e.target.value }));
  const back = (
    <a className="fu-back" href="/follow-ups" onClick={go('/follow-ups')}>
      {f('fuBack')}
    </a>
  );
  if (!detail)
    return (
      <main className="page fu-page" aria-busy={!notice}>
        {back}
        {notice && (
          <p className="fu-notice bad" role="alert">
            {notice.text}
          </p>
        )}
      </main>
    );
  const x = detail.data;
  const c = detail.compensation;
  const live = x.status === 'open' || x.status === 'forwarded';
  const manager = followUpManagers(props.user.role);
  const owner = x.ownerId === props.user.id;
  const names = withSentNames(props.people.names, [
    [x.ownerId, x.ownerName],
    [x.createdById, x.createdByName],
    ...detail.events.map((e) => [e.actorId, e.actorName] as const),
  ]);
  const name = (id: string | null) => nameOf(f, names, props.user.id, id);
  const overdue = live && new Date(x.dueAt).getTime() < Date.now();
  return (
    <main className="page fu-page fu-view" data-status={x.status}>
      {back}
      <h1>{f('fuTitle', { id: x.id, kind: f(`kind_${x.kind}`) })}</h1>
      <dl className="fu-facts">
        <dt>{f('fuStatus')}</dt>
        <dd>
          <span className={`badge fu-status ${x.status}`} data-status={x.status}>
            {f(`status_${x.status}`)}
          </span>
        </dd>
        <dt>{f('fuCustomer')}</dt>
        <dd>{x.contactName ?? '—'}</dd>
        <dt>{f('fuConversation')}</dt>
        <dd>
          {readsConversations(props.user.role) ? (
            <a
              className="fu-conversation"
              href={`/conversations/${x.conversationId}`}
              onClick={go(`/conversations/${x.conversationId}`)}
            >
              #{x.conversationId}
            </a>
          ) : (
            `#${x.conversationId}`
          )}
        </dd>
        <dt>{f('fuOwner')}</dt>
        <dd className="fu-owner">{name(x.ownerId)}</dd>
        <dt>{f('fuTeam')}</dt>
        <dd className="fu-team">
          {x.teamId
            ? (props.people.teams.find((t) => t.id === x.teamId)?.name ?? x.teamName ?? `#${x.teamId}`)
            : '—'}
        </dd>
        <dt>{f('fuDue')}</dt>
        <dd>
          {whenOf(x.dueAt, lang)}
          {overdue && <span className="badge warn"> {f('fuOverdue')}</span>}
        </dd>
        {x.note && (
          <>
            <dt>{f('fuNote')}</dt>
            <dd>{x.note}</dd>
          </>
        )}
      </dl>
      {notice && (
        <p className={`fu-notice ${notice.bad ? 'bad' : ''}`} role={notice.bad ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <div className="fu-columns">
        <div className="fu-actions">
          {live && (
            <form
              className="fu-close"
              onSubmit={(e) => {
                e.preventDefault();
                step(
                  `/follow-ups/${x.id}/close`,
                  { customerTold: true, ...(form.closeNote.trim() ? { note: form.closeNote.trim() } : {}) },
                  f('fuClosed'),
                );
              }}
            >
              <label>
                <span>{f('fuCloseNote')}</span>
                <textarea name="closeNote" rows={2} value={form.closeNote} onChange={set('closeNote')} />
              </label>
              <button type="submit" disabled={busy}>
                {f('fuClose')}
              </button>
            </form>
          )}
          {live && props.people.teams.length > 0 && (
            <form
              className="fu-forward"
              onSubmit={(e) => {
                e.preventDefault();
                const team = props.people.teams.find((t) => t.id === form.teamId);
                step(
                  `/follow-ups/${x.id}/forward`,
                  { teamId: form.teamId, note: form.forwardNote.trim() },
                  f('fuForwarded', { team: team?.name ?? '' }),
                );
              }}
            >
              <label>
                <span>{f('fuForward')}</span>
                <select name="teamId" value={form.teamId} onChange={set('teamId')} required>
                  <option value="">{f('fuChooseTeam')}</option>
                  {props.people.teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{f('fuForwardNote')}</span>
                <textarea
                  name="forwardNote"
                  rows={2}
                  value={form.forwardNote}
                  onChange={set('forwardNote')}
                  required
                />
              </label>
              <button type="submit" disabled={busy || !form.teamId || !form.forwardNote.trim()}>
                {f('fuForward')}
              </button>
            </form>
          )}
          {live && manager && (
            <form
              className="fu-reassign"
              onSubmit={(e) => {
                e.preventDefault();
                const dueAt = instantOf(form.dueAt);
                step(
                  `/follow-ups/${x.id}/reassign`,
                  { ownerId: form.ownerId, ...(dueAt ? { dueAt } : {}) },
                  f('fuReassigned'),
                );
              }}
            >
              <label>
                <span>{f('fuNewOwner')}</span>
                <select name="ownerId" value={form.ownerId} onChange={set('ownerId')} required>
                  <option value="">{f('fuChooseOwner')}</option>
                  {props.people.owners.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{f('fuNewDue')}</span>
                <input type="datetime-local" name="dueAt" value={form.dueAt} onChange={set('dueAt')} />
              </label>
              <button type="submit" disabled={busy || !form.ownerId}>
                {f('fuReassign')}
              </button>
            </form>
          )}
          <section className="fu-compensation" data-status={c?.status ?? 'none'}>
            <h2>{f('compensation')}</h2>
            {c ? (
              <dl className="fu-facts">
                <dt>{f('fuStatus')}</dt>
                <dd>
                  <span className={`badge fu-comp-status ${c.status}`}>{f(`cstatus_${c.status}`)}</span>
                </dd>
                <dt>{f('compAmount')}</dt>
                <dd className="fu-amount">{f('compAmountText', { amount: c.amount })}</dd>
                <dt>{f('compReason')}</dt>
                <dd>{c.reason}</dd>
                {c.creditReference && (
                  <>
                    <dt>{f('compReference')}</dt>
                    <dd className="fu-reference">{c.creditReference}</dd>
                  </>
                )}
              </dl>
            ) : (
              <p className="muted">{f('compNone')}</p>
            )}
            {!c && live && manager && (
              <form
                className="fu-estimate"
                onSubmit={(e) => {
                  e.preventDefault();
                  step(
                    `/follow-ups/${x.id}/compensation`,
                    { amount: Number(form.amount.replace(',', '.')), reason: form.reason.trim() },
                    f('compEstimated'),
                  );
                }}
              >
                <label>
                  <span>{f('compAmount')}</span>
                  <input
                    name="amount"
                    inputMode="decimal"
                    value={form.amount}
                    onChange={set('amount')}
                    required
                  />
                </label>
                <label>
                  <span>{f('compReason')}</span>
                  <input name="reason" value={form.reason} onChange={set('reason')} required />
                </label>
                <button type="submit" disabled={busy || !form.amount.trim() || !form.reason.trim()}>
                  {f('compEstimate')}
                </button>
              </form>
            )}
            {c?.status === 'credited' && owner && (
              <div className="fu-tell">
                <button
                  type="button"
                  className="fu-tell-message"
                  disabled={busy}
                  onClick={() => step(`/compensations/${c.id}/tell`, { via: 'message' }, f('compToldNow'))}
                >
                  {f('compTellMessage')}
                </button>
                <button
                  type="button"
                  className="fu-tell-call"
                  disabled={busy}
                  onClick={() => step(`/compensations/${c.id}/tell`, { via: 'call' }, f('compToldNow'))}
                >
                  {f('compTellCall')}
                </button>
              </div>
            )}
            {c?.status === 'told' && manager && (
              <button
                type="button"
                className="fu-comp-close"
                disabled={busy}
                onClick={() => step(`/compensations/${c.id}/close`, undefined, f('compClosedNow'))}
              >
                {f('compClose')}
              </button>
            )}
          </section>
        </div>
        <section className="fu-history" aria-labelledby="fu-history-title">
          <h2 id="fu-history-title">{f('fuHistory')}</h2>
          <ol>
            {detail.events.map((e) => (
              <li key={e.id} data-type={e.type}>
                <span className="fu-event">{eventText(f, e)}</span>
                <span className="muted">
                  {' '}
                  — {e.actorId ? name(e.actorId) : f('evBySystem')} · {whenOf(e.createdAt, lang)}
                </span>
                {typeof e.data.note === 'string' && <p className="fu-event-note">{e.data.note}</p>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
