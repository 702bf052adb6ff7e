// What one message says in the timeline: a mail's subject and copies, the text (a formatted reply as the
// customer sees it), and a received mail's own HTML on request, in a sandboxed frame that runs nothing and
// loads nothing but the hub's own attachment links.
import { useState } from 'react';
import { markdownLiteToHtml } from '#shared/markdown-lite.ts';
import { useI18n } from '../i18n.tsx';
import type { Message } from '../types.ts';
import { mailDocument } from './mail-document.ts';

export function MessageBody(props: { m: Message }) {
  const { t } = useI18n();
  const { m } = props;
  const [formatted, setFormatted] = useState(false);
  const mail = m.email;
  return (
    <>
      {mail && (mail.subject || mail.cc.length > 0 || (mail.bcc?.length ?? 0) > 0) && (
        <div className="mail-head" dir="auto">
          {mail.subject && <span className="subject">{mail.subject}</span>}
          {mail.cc.length > 0 && (
            <span className="copies">
              {t('cc')}: {mail.cc.join(', ')}
            </span>
          )}
          {(mail.bcc?.length ?? 0) > 0 && (
            <span className="copies">
              {t('bcc')}: {mail.bcc?.join(', ')}
            </span>
          )}
        </div>
      )}
      {m.format === 'markdown' && m.text ? (
        <div
          className="text formatted"
          dir="auto"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: markdownLiteToHtml escapes every character typed; only its own tags remain
          dangerouslySetInnerHTML={{ __html: markdownLiteToHtml(m.text) }}
        />
      ) : formatted && m.html ? (
        <iframe
          className="mail-html"
          title={mail?.subject ?? t('preview')}
          sandbox=""
          srcDoc={mailDocument(m.html)}
        />
      ) : (
        <div className="text" dir="auto">
          {m.text}
        </div>
      )}
      {m.direction === 'in' && m.html && m.format !== 'markdown' && (
        <button
          type="button"
          className="link"
          aria-pressed={formatted}
          onClick={() => setFormatted(!formatted)}
        >
          {formatted ? t('showText') : t('showFormatted')}
        </button>
      )}
    </>
  );
}
