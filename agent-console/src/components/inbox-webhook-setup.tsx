// What an admin pastes into a push channel's provider settings (Meta's app dashboard → Webhooks): the
// callback URL the hub gives the inbox (`inboundWebhookUrl`, from the hub's PUBLIC_URL) with a copy
// button, and the verify token. The verify token stays a sealed secret like every other: the hub never
// shows a saved one back (one rule for every secret field; whoever can read an inbox page could otherwise
// subscribe another app to it). So the page shows the token while the admin types or generates it — the
// moment it is pasted into Meta — and, once saved, says it is the value saved in the form.
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { MASK, type Obj } from './inbox-config-form.tsx';

/** A token nobody guesses: 24 random bytes, URL-safe. */
const generateToken = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function WebhookSetup(props: {
  /** Known once the inbox exists. */
  url: string | undefined;
  /** The config key of the provider's verify token, when the channel has one. */
  verifyField: string | null;
  config: Obj;
  onConfig(next: Obj): void;
}) {
  const { t } = useI18n();
  const token = props.verifyField ? props.config[props.verifyField] : undefined;
  const typed = typeof token === 'string' && token !== '' && token !== MASK ? token : null;
  const saved = token === MASK;
  return (
    <section className="card webhook-setup" aria-label={t('webhookSetup')}>
      <strong>{t('webhookSetup')}</strong>
      <p className="muted">{t('webhookSetupHint')}</p>
      {props.url ? (
        <CopyField label={t('webhookCallbackUrl')} value={props.url} className="webhook-url" />
      ) : (
        <p className="muted">{t('webhookUrlAfterCreate')}</p>
      )}
      {props.verifyField && typed && (
        <CopyField label={t('webhookVerifyToken')} value={typed} className="webhook-verify-token" />
      )}
      {props.verifyField && !typed && (
        <p className="verify-token-note">
          <strong>{t('webhookVerifyToken')}: </strong>
          {saved ? t('webhookVerifyTokenSaved') : t('webhookVerifyTokenNew')}{' '}
          <button
            type="button"
            className="link"
            onClick={() => props.onConfig({ ...props.config, [props.verifyField!]: generateToken() })}
          >
            {t('webhookVerifyTokenGenerate')}
          </button>
        </p>
      )}
    </section>
  );
}

function CopyField(props: { label: string; value: string; className: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(t('copied'));
    } catch {
      // No clipboard (plain http, permission refused): the text is selectable for Ctrl+C instead.
      setCopied(t('copyManually'));
    }
  };
  return (
    <span className="inline">
      <label>
        {props.label}
        <input
          readOnly
          dir="ltr"
          className={`code ${props.className}`}
          value={props.value}
          size={Math.min(70, props.value.length + 2)}
          onFocus={(e) => e.target.select()}
        />
      </label>
      <button type="button" onClick={copy} aria-label={`${t('copy')}: ${props.label}`}>
        {t('copy')}
      </button>
      {copied && <span role="status">{copied}</span>}
    </span>
  );
}
