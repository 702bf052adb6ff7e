// What marketing does to one item. Moderation and likes go to the network through the hub's queue: the
// hub answers 202 with the item marked pending, and the outcome (done, or the network's refusal) arrives
// later as `mention:updated`. Hide, delete and like are offered only where the channel can do them
// (GET /channels capabilities). Escalating hands the conversation to the care team with a note.
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';

/** A care team to escalate to, as the floor's directory lists it. */
type Team = { id: string; name: string };

import type { Mention, MentionCaps } from './mention-model.tsx';

export function MentionActions(props: {
  mention: Mention;
  caps: MentionCaps;
  teams: Team[] | null;
  request(path: string, body?: unknown): Promise<void>;
}) {
  const { t } = useI18n();
  const m = props.mention;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [armed, setArmed] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const [note, setNote] = useState('');
  const [teamId, setTeamId] = useState('');

  const run = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await props.request(path, body);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const act = (action: 'hide' | 'unhide' | 'delete' | 'like') => run('/actions', { action });
  const escalate = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run('/escalate', { note: note.trim(), ...(teamId ? { teamId } : {}) });
    if (ok) {
      setEscalating(false);
      setNote('');
    }
  };
  // One network action at a time: the next waits for the outcome of the last.
  const waiting = busy || m.pendingAction !== null;
  const network = props.caps.network;

  return (
    <>
      <div className="mention-actions">
        <button
          type="button"
          className="primary"
          onClick={() => navigate(`/conversations/${m.conversationId}`)}
        >
          {t('mentionOpenConversation')}
        </button>
        {m.status !== 'in_care' && m.status !== 'handled' && (
          <button type="button" disabled={busy} onClick={() => setEscalating(!escalating)}>
            {t('mentionEscalate')}
          </button>
        )}
        {m.status !== 'handled' && (
          <button type="button" disabled={busy} onClick={() => run('/handled')}>
            {t('mentionMarkHandled')}
          </button>
        )}
        <span className="sep" aria-hidden="true" />
        {props.caps.like && !m.removed && !m.liked && (
          <button
            type="button"
            disabled={waiting || m.liked}
            aria-pressed={m.liked}
            onClick={() => act('like')}
          >
            {m.liked ? t('mentionLiked') : t('mentionLike')}
          </button>
        )}
        {props.caps.hideDelete && !m.removed && (
          <>
            <button type="button" disabled={waiting} onClick={() => act(m.hidden ? 'unhide' : 'hide')}>
              {m.hidden ? t('mentionUnhide') : t('mentionHide')}
            </button>
            {armed ? (
              <>
                <button
                  type="button"
                  className="danger"
                  disabled={waiting}
                  onClick={() => {
                    setArmed(false);
                    act('delete');
                  }}
                >
                  {t('mentionDeleteConfirm', { network })}
                </button>
                <button type="button" onClick={() => setArmed(false)}>
                  {t('cancel')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="danger-quiet"
                disabled={waiting}
                onClick={() => setArmed(true)}
              >
                {t('mentionDelete')}
              </button>
            )}
          </>
        )}
        {!m.removed && (
          <button type="button" className="link" disabled={busy} onClick={() => run('/refresh')}>
            {t('mentionRefresh')}
          </button>
        )}
      </div>
      {error && (
        <p className="mention-error" role="alert">
          {error}
        </p>
      )}
      {escalating && (
        <form className="mention-escalate" aria-label={t('mentionEscalateTitle')} onSubmit={escalate}>
          <strong>{t('mentionEscalateTitle')}</strong>
          <label>
            {t('mentionEscalateNote')}
            <textarea
              required
              maxLength={2000}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          {props.teams && props.teams.length > 0 && (
            <label>
              {t('mentionEscalateTeam')}
              <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('mentionEscalateTeamAuto')}</option>
                {props.teams.map((tm) => (
                  <option key={tm.id} value={tm.id}>
                    {tm.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="mention-actions">
            <button type="submit" className="primary" disabled={busy || !note.trim()}>
              {t('mentionEscalateSend')}
            </button>
            <button type="button" onClick={() => setEscalating(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
