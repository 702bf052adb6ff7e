// The composer on a channel with public items (a Page comment, a mention): says plainly when the answer is
// public, offers to answer the author privately instead (the hub's `privately`: a Messenger private reply,
// a direct message), and counts the text as the channel counts it (GET /channels: maxText and textLength,
// shared/weighted-length.ts — the rule the hub refuses with), live, refusing to send what is over the
// limit before it leaves the browser. Which limit applies depends on where the answer goes.
import { useEffect, useState } from 'react';
import { lengthOf } from '#shared/weighted-length.ts';
import { useI18n } from '../i18n.tsx';
import type { Message } from '../types.ts';
import type { ChannelInfo } from './inbox-config-form.tsx';

export type SocialReply = {
  /** The customer's latest item is public: an answer goes under it unless sent privately. */
  publicItem: boolean;
  privately: boolean;
  setPrivately(on: boolean): void;
  length: number;
  max: number | undefined;
  weighted: boolean;
  over: boolean;
};

/** A public item as the adapters mark it: `social` on the message, `visibility` 'private' for a DM. */
export const isPublicItem = (m: Message | undefined): boolean =>
  Boolean(m?.social) && m?.social?.visibility !== 'private';

/** The social state of a reply, or null on a channel without public items (or while writing a note). */
export function useSocialReply(
  facts: ChannelInfo | undefined,
  conversationId: string,
  lastCustomerMessage: Message | undefined,
  text: string,
  replying: boolean,
): SocialReply | null {
  const [privately, setPrivately] = useState(false);
  // A choice made for one conversation is not carried to the next.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the conversation changes
  useEffect(() => setPrivately(false), [conversationId]);
  const can = facts?.capabilities;
  if (!can?.publicItems || !replying) return null;
  const publicItem = isPublicItem(lastCustomerMessage);
  const goesPublic = publicItem && !privately;
  const privateLimit = can.maxPrivateText !== undefined;
  const max = goesPublic || !privateLimit ? can.maxText : can.maxPrivateText;
  const weighted = (goesPublic || !privateLimit) && can.textLength === 'weighted';
  const length = lengthOf(text, weighted ? 'weighted' : 'characters');
  return {
    publicItem,
    privately: publicItem && privately,
    setPrivately,
    length,
    max,
    weighted,
    over: max !== undefined && length > max,
  };
}

/** The public-answer note, the "reply privately" switch, the counter and the refusal. */
export function SocialReplyBar(props: { state: SocialReply; channelLabel: string }) {
  const { t } = useI18n();
  const s = props.state;
  const vars = { channel: props.channelLabel, length: s.length, max: s.max ?? 0 };
  return (
    <div className="social-reply">
      <div className="social-row">
        {s.publicItem && !s.privately && (
          <p className="public-note" role="note">
            <GlobeIcon /> {t('publicAnswerNote')}
          </p>
        )}
        {s.publicItem && s.privately && <p className="private-note">{t('replyPrivatelyHint')}</p>}
        <span className="spacer" />
        {s.publicItem && (
          <label className="reply-privately">
            <input type="checkbox" checked={s.privately} onChange={(e) => s.setPrivately(e.target.checked)} />
            {t('replyPrivately')}
          </label>
        )}
        {s.max !== undefined && (
          <output
            className="text-counter"
            data-over={s.over}
            aria-label={t('textCounter', { channel: props.channelLabel })}
            dir="ltr"
          >
            {s.length} / {s.max}
          </output>
        )}
      </div>
      {s.over && (
        <p role="alert" className="error text-too-long">
          {t(s.weighted ? 'textTooLong' : 'textTooLongPlain', vars)}
        </p>
      )}
    </div>
  );
}

// Drawn, not emoji: not every agent's machine has an emoji font.
function GlobeIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
    </svg>
  );
}
