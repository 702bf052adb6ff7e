// The Mentions desk's settings, in a drawer beside the list (issue 15): the influence tiers' thresholds and
// the score's weights (admin and marketing change them; a supervisor reads them), and, for admins only,
// whether marketing may answer customers itself. The form refuses what the hub would refuse before
// sending, and shows the hub's own words when it refuses anyway (a role changed meanwhile). Saving makes
// the hub score the desk's items again; `onSaved` reloads what the page shows.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { InfluencePartKey, InfluenceThresholds, InfluenceWeights } from '#shared/influence.schema.ts';
import type { SocialSettings } from '#shared/mentions.schema.ts';
import type { Api } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import type { User } from '../types.ts';
import { partKey, tierKey } from './mention-model.tsx';

type View = { thresholds: InfluenceThresholds; weights: InfluenceWeights; customWeights: boolean };
type Draft = {
  thresholds: Record<keyof InfluenceThresholds, string>;
  weights: Record<InfluencePartKey, string>;
};

const levels = ['medium', 'high', 'critical'] as const;
const parts = ['reach', 'verified', 'listed', 'engagement', 'velocity'] as const;
const partHint: Record<InfluencePartKey, Key> = {
  reach: 'settingsWeightReach',
  verified: 'settingsWeightVerified',
  listed: 'settingsWeightListed',
  engagement: 'settingsWeightEngagement',
  velocity: 'settingsWeightVelocity',
};

const text = <K extends string>(o: Record<K, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) as Record<K, string>;
const draftOf = (v: View): Draft => ({ thresholds: text(v.thresholds), weights: text(v.weights) });
const num = <K extends string>(o: Record<K, string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v)])) as Record<K, number>;
/** A whole number within [min, max], or null. */
const whole = (s: string, min: number, max: number) => {
  const n = /^\s*\d{1,3}\s*$/.test(s) ? Number(s) : Number.NaN;
  return n >= min && n <= max ? n : null;
};

/** The hub's rules (shared/influence.schema.ts), said in the user's words before anything is sent. */
function check(d: Draft) {
  const th = levels.map((k) => whole(d.thresholds[k], 1, 100));
  const w = parts.map((k) => whole(d.weights[k], 0, 100));
  const sum = parts.reduce((s, k) => s + (Number(d.weights[k].trim() || 0) || 0), 0);
  const thresholdsError: Key | null = th.includes(null)
    ? 'settingsThresholdRange'
    : th[0]! < th[1]! && th[1]! < th[2]!
      ? null
      : 'settingsThresholdOrder';
  const weightsError: Key | null = w.includes(null)
    ? 'settingsWeightRange'
    : sum !== 100
      ? 'settingsWeightSum'
      : null;
  return { thresholdsError, weightsError, sum };
}

export function MentionSettings(props: { api: Api; onSaved: () => void }) {
  const { t } = useI18n();
  const { api } = props;
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<User['role'] | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [social, setSocial] = useState<SocialSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [socialNote, setSocialNote] = useState<{ ok: boolean; text: string } | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  // Asked each time the drawer opens: another admin may have changed them meanwhile.
  useEffect(() => {
    if (!open) return;
    setNote(null);
    setSocialNote(null);
    heading.current?.focus();
    api.get<User>('/me').then(
      (r) => {
        setRole(r.data.role);
        if (r.data.role === 'admin')
          api.get<SocialSettings>('/social/settings').then((s) => setSocial(s.data));
      },
      () => {},
    );
    api.get<View>('/influence/settings').then(
      (r) => {
        setView(r.data);
        setDraft(draftOf(r.data));
      },
      (e) => setNote({ ok: false, text: (e as Error).message }),
    );
  }, [open, api]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const editable = role === 'admin' || role === 'marketing';
  const problems = draft && check(draft);
  const changed = (section: keyof Draft) =>
    Boolean(view && draft && JSON.stringify(draftOf(view)[section]) !== JSON.stringify(draft[section]));
  const dirty = changed('thresholds') || changed('weights');

  const send = async (body: { thresholds?: InfluenceThresholds; weights?: InfluenceWeights | null }) => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api.patch<View>('/influence/settings', body);
      setView(r.data);
      // What was not sent stays as typed.
      setDraft((d) => ({
        thresholds: body.thresholds || !d ? text(r.data.thresholds) : d.thresholds,
        weights: body.weights !== undefined || !d ? text(r.data.weights) : d.weights,
      }));
      setNote({ ok: true, text: t('settingsSaved') });
      props.onSaved();
    } catch (e) {
      setNote({ ok: false, text: t('settingsRefused', { message: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !problems || problems.thresholdsError || problems.weightsError) return;
    send({
      ...(changed('thresholds') ? { thresholds: num(draft.thresholds) } : {}),
      ...(changed('weights') ? { weights: num(draft.weights) } : {}),
    });
  };
  const flip = async (marketingMayReply: boolean) => {
    setSocialNote(null);
    try {
      const r = await api.patch<SocialSettings>('/social/settings', { marketingMayReply });
      setSocial(r.data);
      setSocialNote({
        ok: true,
        text: t(r.data.marketingMayReply ? 'settingsSocialOn' : 'settingsSocialOff'),
      });
    } catch (e) {
      setSocialNote({ ok: false, text: t('settingsRefused', { message: (e as Error).message }) });
    }
  };

  const field = (section: keyof Draft, k: string, min: number) => (
    <input
      id={`${id}-${k}`}
      type="number"
      inputMode="numeric"
      min={min}
      max={100}
      step={1}
      required
      readOnly={!editable}
      value={draft?.[section][k as never] ?? ''}
      aria-invalid={Boolean(problems?.[section === 'thresholds' ? 'thresholdsError' : 'weightsError'])}
      onChange={(e) => {
        setNote(null);
        setDraft((d) => d && { ...d, [section]: { ...d[section], [k]: e.target.value } });
      }}
    />
  );
  // The scale previews the thresholds as typed, once they make sense.
  const th = draft && !problems?.thresholdsError ? num(draft.thresholds) : view?.thresholds;
  const drawer = (
    <aside
      id={id}
      className="mention-settings"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <div className="settings-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('settingsTitle')}
        </h2>
        <button type="button" className="settings-close" aria-label={t('settingsClose')} onClick={close}>
          ×
        </button>
      </div>
      {role && !editable && <p className="settings-readonly">{t('settingsReadOnly')}</p>}
      {!draft && note && (
        <p className="alert" role="alert">
          {note.text}
        </p>
      )}
      {draft && problems && (
        <form onSubmit={save} aria-label={t('settingsInfluence')} noValidate>
          <fieldset>
            <legend>{t('settingsTiers')}</legend>
            <p className="muted settings-hint">{t('settingsTiersHint')}</p>
            {th && (
              <div className="tier-scale" aria-hidden="true">
                {(['low', ...levels] as const).map((k, i) => {
                  const from = i === 0 ? 0 : th[levels[i - 1]];
                  const to = i === 3 ? 100 : th[levels[i]];
                  return (
                    <span
                      key={k}
                      className={`tier-band tier-fill-${k}`}
                      style={{ flexGrow: Math.max(1, to - from) }}
                    >
                      {from}
                    </span>
                  );
                })}
              </div>
            )}
            <div className="threshold-row">
              {levels.map((k) => (
                <label key={k} htmlFor={`${id}-${k}`}>
                  {t('settingsTierFrom', { tier: t(tierKey[k]) })}
                  {field('thresholds', k, 1)}
                </label>
              ))}
            </div>
            {problems.thresholdsError && (
              <p className="settings-problem" role="alert">
                {t(problems.thresholdsError)}
              </p>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('settingsWeights')}</legend>
            <p className="muted settings-hint">{t('settingsWeightsHint')}</p>
            <ul className="weight-list">
              {parts.map((k) => (
                <li key={k}>
                  <label htmlFor={`${id}-${k}`}>
                    <span className="weight-name">{t(partKey[k])}</span>
                    {field('weights', k, 0)}
                  </label>
                  <span className="weight-hint">{t(partHint[k])}</span>
                </li>
              ))}
            </ul>
            <p className={`weight-sum ${problems.sum === 100 ? 'ok' : 'bad'}`}>
              <output aria-live="polite">{t('settingsWeightTotal', { sum: problems.sum })}</output>
              {view?.customWeights && editable && (
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  onClick={() => send({ weights: null })}
                >
                  {t('settingsWeightsDefault')}
                </button>
              )}
            </p>
            {problems.weightsError && (
              <p className="settings-problem" role="alert">
                {t(problems.weightsError, { sum: problems.sum })}
              </p>
            )}
          </fieldset>
          {editable && (
            <div className="settings-actions">
              <button
                type="submit"
                className="primary"
                disabled={busy || !dirty || Boolean(problems.thresholdsError || problems.weightsError)}
              >
                {t('settingsSave')}
              </button>
              {note && (
                <span className={note.ok ? 'settings-ok' : 'alert'} role={note.ok ? 'status' : 'alert'}>
                  {note.text}
                </span>
              )}
            </div>
          )}
        </form>
      )}
      {role === 'admin' && social && (
        <section className="settings-social" aria-label={t('settingsSocial')}>
          <h3>{t('settingsSocial')}</h3>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              aria-checked={social.marketingMayReply}
              checked={social.marketingMayReply}
              onChange={(e) => flip(e.target.checked)}
            />
            {t('settingsMarketingMayReply')}
          </label>
          <p className="muted settings-hint">{t('settingsMarketingMayReplyHint')}</p>
          {socialNote && (
            <p className={socialNote.ok ? 'settings-ok' : 'alert'} role={socialNote.ok ? 'status' : 'alert'}>
              {socialNote.text}
            </p>
          )}
        </section>
      )}
    </aside>
  );
  return (
    <>
      <button
        type="button"
        ref={toggle}
        className="settings-toggle"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('settingsToggle')}
      </button>
      {open && createPortal(drawer, document.body)}
    </>
  );
}
