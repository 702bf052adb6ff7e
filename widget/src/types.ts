// Wire shapes the widget uses. Message and conversation come from the hub's shared schemas as types only
// (erased at build: zod never reaches the bundle); the config
// shape is widget/PROTOCOL.md's, from shared/widget.schema.ts.
import type { z } from 'zod';
import type { attachmentJson } from '#shared/api.schema.ts';
import type { WidgetConversationJson, WidgetMessageJson } from '#shared/socket-events.ts';
import type { preChatField, widgetConfigJson } from '#shared/widget.schema.ts';

/** As the widget receives them (shared/socket-events.ts): a conversation has no assignee or team, only
 * whether someone has taken it; a message no delivery-error details or mail headers. */
export type Message = WidgetMessageJson;
export type Conversation = WidgetConversationJson;
export type Attachment = z.infer<typeof attachmentJson>;

export type PreChatField = z.infer<typeof preChatField>;
export type WidgetConfig = z.infer<typeof widgetConfigJson>;

export type Lang = 'es' | 'en' | 'ar';
/** What the app keeps per inbox, under `hub:<inboxToken>:<key>`. */
export type StoreKey = 'visitor' | 'outbox' | 'prechat' | 'lang';

/** Messages between the loader (host page) and the app (iframe), checked by origin and source on both sides. */
export type ToApp =
  | { hub: 1; type: 'init'; visible: boolean; identity: Identity | null; storage: Record<string, string> }
  | { hub: 1; type: 'visible'; visible: boolean }
  | { hub: 1; type: 'identify'; identity: Identity };
export type ToLoader =
  | { hub: 1; type: 'ready' }
  | { hub: 1; type: 'close' }
  | { hub: 1; type: 'unread'; count: number }
  | { hub: 1; type: 'session'; ongoing: boolean }
  | { hub: 1; type: 'store'; key: StoreKey; value: string | null }
  | { hub: 1; type: 'message'; message: Message }
  | { hub: 1; type: 'lang'; lang: Lang };

export type Identity = {
  user: { id: string; name?: string; email?: string; [k: string]: unknown };
  hash: string;
};

/** A bridge message as written by its sender (the `hub: 1` marker is added when posting). */
export type Unmarked<T> = T extends unknown ? Omit<T, 'hub'> : never;
