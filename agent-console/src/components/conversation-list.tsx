// The conversation list, virtualised: only the rows in view are in the DOM, so 10,000 conversations
// scroll as smoothly as 10; reaching the end asks for the next page (cursor pagination).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n.tsx';
import type { Conversation } from '../types.ts';
import { ChannelTag } from './channel-tag.tsx';
import { LabelChips } from './label-chips.tsx';
import { SnoozedBadge } from './snooze-menu.tsx';

const ROW = 64;

/** The row's second line: the last thing said ("Reply: …" when it was the team's), or that a file came. */
export function previewOf(c: Conversation, t: ReturnType<typeof useI18n>['t']): string {
  const m = c.lastMessage;
  if (!m) return '';
  const body = m.text || (m.contentType === 'text' ? '' : t('previewAttachment'));
  return m.direction === 'out' ? `${t('previewYou')}: ${body}` : body;
}

export function ConversationList(props: {
  items: Conversation[];
  selected: string | null;
  unread: Record<string, number>;
  onOpen(id: string): void;
  onEnd(): void;
}) {
  const { t } = useI18n();
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: props.items.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const rows = v.getVirtualItems();
  const last = rows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (last >= props.items.length - 5 && props.items.length) props.onEnd();
  }, [last, props.items.length, props.onEnd]);
  if (!props.items.length) return <p className="muted pad">{t('noConversations')}</p>;
  return (
    <div ref={parent} className="scroll" data-testid="conversation-list">
      <ul style={{ height: v.getTotalSize(), position: 'relative' }}>
        {rows.map((r) => {
          const c = props.items[r.index];
          const n = props.unread[c.id] ?? 0;
          return (
            <li
              key={c.id}
              data-id={c.id}
              className={`row ${c.id === props.selected ? 'sel' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                insetInlineStart: 0,
                width: '100%',
                height: ROW,
                transform: `translateY(${r.start}px)`,
              }}
            >
              <button type="button" onClick={() => props.onOpen(c.id)}>
                <span className="line">
                  <ChannelTag kind={c.channel} />
                  <span className="title">
                    {c.contactName ? <strong>{c.contactName}</strong> : null} #{c.id} {c.subject ?? ''}
                  </span>
                  {c.priority !== 'normal' && <span className={`prio ${c.priority}`}>{t(c.priority)}</span>}
                  {c.status === 'snoozed' && <SnoozedBadge until={c.snoozedUntil} />}
                  {c.queuePosition ? (
                    <span className="badge">{t('queuePosition', { n: c.queuePosition })}</span>
                  ) : null}
                  {n > 0 && <span className="unread">{n}</span>}
                </span>
                <span className="line">
                  <span className="preview" dir="auto">
                    {previewOf(c, t)}
                  </span>
                  <LabelChips labels={c.labels} max={3} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
