// Creates or edits one inbox: name, team, the channel's config (a form generated from its JSON Schema), a
// web-chat inbox's widget settings with the live preview and embed snippet, and "test connection" where the
// channel can try its settings (e-mail: DNS, TLS and login, mailbox). The hub's own error is shown as is.
import { useState } from 'react';
import type { z } from 'zod';
import type { inboxJson } from '#shared/api.schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { Api } from '../api.ts';
import { factsOf } from '../channels.ts';
import { useI18n } from '../i18n.tsx';
import type { Team } from '../types.ts';
import { type ChannelInfo, ConfigForm, completeConfig, type Obj } from './inbox-config-form.tsx';
import { InboxUsage } from './inbox-usage.tsx';
import { WebhookSetup } from './inbox-webhook-setup.tsx';
import { EmbedSnippet, WidgetPreview } from './inbox-widget-preview.tsx';
import { WidgetSettingsForm } from './inbox-widget-settings.tsx';
import { withClearedKeys } from './merge-patch.ts';

export type Inbox = z.infer<typeof inboxJson>;
type Check = { step: string; ok: boolean; detail?: string };

export function InboxEditor(props: {
  api: Api;
  inbox: Inbox | null;
  channels: ChannelInfo[];
  teams: Team[];
  inboxes: Inbox[];
  onSaved(inbox: Inbox, created: boolean): void;
}) {
  const { t } = useI18n();
  const initial = props.inbox;
  const [name, setName] = useState(initial?.name ?? '');
  const [channel, setChannel] = useState<ChannelKind | undefined>(
    initial?.channel ?? props.channels[0]?.kind,
  );
  const [teamId, setTeamId] = useState(initial?.teamId ?? '');
  const [config, setConfig] = useState<Obj>(initial?.config ?? {});
  const [settings, setSettings] = useState<Obj>(initial?.settings ?? {});
  const [error, setError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedNote, setSavedNote] = useState(false);
  const [version, setVersion] = useState(0);
  const info = props.channels.find((c) => c.kind === channel);
  const fullConfig = () => (info ? completeConfig(info.configSchema, config) : config);

  const save = async () => {
    setBusy(true);
    setError(null);
    setSavedNote(false);
    try {
      const body = { name, teamId: teamId || null, config: fullConfig(), settings };
      const saved = initial
        ? (
            await props.api.patch<Inbox>(`/inboxes/${initial.id}`, {
              ...body,
              config: withClearedKeys(initial.config ?? {}, body.config),
              settings: withClearedKeys(initial.settings ?? {}, settings),
            })
          ).data
        : (await props.api.post<Inbox>('/inboxes', { ...body, channel })).data;
      setVersion((v) => v + 1);
      setSavedNote(true);
      props.onSaved(saved, !initial);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const test = async () => {
    setChecks(null);
    setError(null);
    try {
      const res = await props.api.post<{ ok: boolean; checks: Check[] }>('/inboxes/test-connection', {
        channel,
        config: fullConfig(),
        ...(initial ? { inboxId: initial.id } : {}),
      });
      setChecks(res.data.checks);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const form = (
    <form
      className="card"
      aria-label={initial ? initial.name : t('newInbox')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label>
        {t('name')}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('channel')}
        <select
          name="channel"
          value={channel}
          disabled={initial !== null}
          onChange={(e) => {
            setChannel(e.target.value as ChannelKind);
            setConfig({});
            setChecks(null);
          }}
        >
          {props.channels.map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('team')}
        <select name="teamId" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">—</option>
          {props.teams.map((tm) => (
            <option key={tm.id} value={tm.id}>
              {tm.name}
            </option>
          ))}
        </select>
      </label>
      {initial && info?.usage && <InboxUsage api={props.api} inboxId={initial.id} version={version} />}
      {info && (
        <fieldset className="inbox-config">
          <legend>{t('config')}</legend>
          <ConfigForm
            key={channel}
            schema={info.configSchema}
            value={config}
            onChange={setConfig}
            secretFields={info.secretFields}
            unchangedLabel={t('secretUnchanged')}
          />
        </fieldset>
      )}
      {info?.webhook && (
        <WebhookSetup
          url={initial?.inboundWebhookUrl}
          // Meta's handshake token, by the key both Meta adapters give it in their config.
          verifyField={info.configSchema.properties?.verifyToken ? 'verifyToken' : null}
          config={config}
          onConfig={setConfig}
        />
      )}
      {info?.inbound === 'widget' && (
        <WidgetSettingsForm
          value={settings}
          onChange={setSettings}
          // The offline form's messages go to an inbox that can answer by mail.
          emailInboxes={props.inboxes.filter(
            (i) => factsOf(props.channels, i.channel)?.capabilities.richEmail,
          )}
        />
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {checks && (
        <ul className="checks" aria-label={t('testConnection')}>
          {checks.map((c) => (
            <li key={c.step} data-ok={c.ok} style={c.ok ? undefined : { color: '#b91c1c' }}>
              {c.ok ? '✓' : '✗'} {c.step}
              {c.detail ? `: ${c.detail}` : ''}
            </li>
          ))}
        </ul>
      )}
      <span className="inline">
        <button type="submit" className="primary" disabled={busy}>
          {initial ? t('save') : t('create')}
        </button>
        {savedNote && initial && <span role="status">{t('saved')}</span>}
        {info?.testConnection && (
          <button type="button" onClick={test}>
            {t('testConnection')}
          </button>
        )}
      </span>
    </form>
  );
  // The widget's own inbox: a live preview beside the form.
  if (!initial || factsOf(props.channels, initial.channel)?.inbound !== 'widget') return form;
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1fr) 500px',
        gap: '1rem',
        alignItems: 'start',
      }}
    >
      {form}
      <div>
        <WidgetPreview token={initial.token} version={version} />
        <EmbedSnippet token={initial.token} />
      </div>
    </div>
  );
}
