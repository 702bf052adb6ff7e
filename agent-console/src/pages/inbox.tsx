// The unified inbox: the conversation list (mine, unassigned, all; by status), live from the agent
// socket and refetched after a reconnect, beside the open conversation. A search box above the list
// shows contacts and conversations found instead of the list; keyboard shortcuts move through the list
// and act on the open conversation. (Notifications work on every page: app.tsx.)
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';
import { ConversationList } from '../components/conversation-list.tsx';
import { ConversationView } from '../components/conversation-view.tsx';
import { LabelFilter } from '../components/label-filter.tsx';
import { appendPage, completeRow, placeRow } from '../components/list-ops.ts';
import { SearchBox, SearchResults } from '../components/search-box.tsx';
import { neighbour } from '../components/shortcut-keys.ts';
import { focusComposer, ShortcutHelp, useShortcuts } from '../components/shortcuts.tsx';
import { TeamFilter } from '../components/team-filter.tsx';
import { UndoToast } from '../components/undo-toast.tsx';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import type { Conversation, User } from '../types.ts';

type View = 'mine' | 'unassigned' | 'all';
type Status = 'open' | 'pending' | 'snoozed' | 'resolved';

const matches = (c: Conversation, view: View, status: Status, me: string) =>
  c.status === status && (view === 'all' || (view === 'mine' ? c.assigneeId === me : c.assigneeId === null));

export function InboxPage(props: { api: Api; user: User; socket: AgentSocket | null; path: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>('mine');
  const [status, setStatus] = useState<Status>('open');
  const [label, setLabel] = useState('');
  const [team, setTeam] = useState('');
  const [items, setItems] = useState<Conversation[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const [cursor, setCursor] = useState<string | null>(null);
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;
  const selectedRef = useRef<string | null>(null);
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [search, setSearch] = useState('');
  const [help, setHelp] = useState(false);
  // The conversation the `e` shortcut just resolved, while its Undo toast shows.
  const [resolved, setResolved] = useState<string | null>(null);
  const selected = props.path.match(/^\/conversations\/(\d+)/)?.[1] ?? null;
  selectedRef.current = selected;

  const query = useCallback(
    (after: string | null, id?: string) => {
      const q = new URLSearchParams({ status, limit: '50' });
      if (id) q.set('id', id);
      if (view === 'mine') q.set('assigneeId', 'me');
      if (view === 'unassigned') q.set('assigneeId', 'none');
      if (label) q.set('label', label);
      if (team) q.set('teamId', team);
      if (after) q.set('cursor', after);
      return props.api.get<Conversation[]>(`/conversations?${q}`);
    },
    [props.api, view, status, label, team],
  );
  // The hub keeps what each agent has read: a page brings its unread counts (kept across reloads).
  const countsOf = useCallback((page: Conversation[]) => {
    setUnread((u) => {
      const next = { ...u };
      // The open one is being read right now.
      for (const c of page) next[c.id] = c.id === selectedRef.current ? 0 : (c.unreadCount ?? 0);
      return next;
    });
  }, []);
  // Every list request belongs to the filters it was asked for. Switching tab, status, label or team
  // starts a new generation, and a late answer from an earlier one is dropped: on a slow network the
  // list must show what was chosen last, not what answered last.
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const gen = ++generation.current;
    const r = await query(null);
    if (gen !== generation.current) return;
    setItems(r.data);
    countsOf(r.data);
    setCursor(r.nextCursor ?? null);
  }, [query, countsOf]);
  useEffect(() => {
    reload().catch(() => {});
  }, [reload]);
  // One page request at a time: the list asks again on every scroll frame near its end.
  const loading = useRef<string | null>(null);
  const more = useCallback(async () => {
    if (!cursor || loading.current === cursor) return;
    loading.current = cursor;
    const gen = generation.current;
    try {
      const r = await query(cursor);
      if (gen !== generation.current) return;
      setItems((list) => appendPage(list, r.data));
      countsOf(r.data);
      setCursor(r.nextCursor ?? null);
    } finally {
      loading.current = null;
    }
  }, [cursor, query, countsOf]);
  // A conversation that enters the list by a live update (reassigned or transferred to this agent) comes
  // without its name and preview: such an update says only what changed. Its row is asked of the list
  // endpoint, which serialises it as on every page, and completes the row placed meanwhile.
  const complete = useCallback(
    async (id: string) => {
      const gen = generation.current;
      const r = await query(null, id);
      const row = r.data[0];
      if (!row || gen !== generation.current) return;
      setItems((list) => completeRow(list, row));
      countsOf([row]);
    },
    [query, countsOf],
  );

  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    const belongs = (merged: Conversation) =>
      matches(merged, view, status, props.user.id) &&
      (!label || Boolean(merged.labels?.some((l) => l.id === label))) &&
      (!team || merged.teamId === team);
    const onConversation = ({ conversation }: { conversation: Conversation }) => {
      setItems((list) => {
        const old = list.find((c) => c.id === conversation.id);
        // An update without labels leaves them as they were (see shared/api.schema.ts).
        const merged = { ...old, ...conversation };
        return placeRow(list, merged, belongs(merged), cursorRef.current === null);
      });
      const known = itemsRef.current.some((c) => c.id === conversation.id);
      const partial = conversation.contactName === undefined || conversation.lastMessage === undefined;
      if (!known && partial && belongs(conversation)) complete(conversation.id).catch(() => {});
    };
    const onMessage = ({ message }: { message: { conversationId: string; direction: string } }) => {
      if (message.direction === 'in' && message.conversationId !== selected) {
        setUnread((u) => ({ ...u, [message.conversationId]: (u[message.conversationId] ?? 0) + 1 }));
      }
    };
    // Back after a drop: what changed meanwhile comes from the API, not from events we missed.
    const onReconnect = () => reload().catch(() => {});
    s.on('conversation:updated', onConversation);
    s.on('message:new', onMessage);
    s.io.on('reconnect', onReconnect);
    return () => {
      s.off('conversation:updated', onConversation);
      s.off('message:new', onMessage);
      s.io.off('reconnect', onReconnect);
    };
  }, [props.socket, view, status, label, team, props.user.id, selected, reload, complete]);

  const open = (id: string) => navigate(`/conversations/${id}`);
  // However it was opened (the list, a shortcut, a notification, a link), an open conversation is read.
  useEffect(() => {
    if (selected) setUnread((u) => (u[selected] ? { ...u, [selected]: 0 } : u));
  }, [selected]);
  useShortcuts((s) => {
    if (s === 'help') return setHelp(true);
    if (s === 'reply' || s === 'note') return selected && focusComposer(s);
    if (s === 'resolve') {
      const id = selected;
      if (id)
        props.api.post(`/conversations/${id}/status`, { status: 'resolved' }).then(
          () => setResolved(id),
          () => {},
        );
      return;
    }
    if (s === 'undo') return resolved && undo(resolved);
    const next = neighbour(
      items.map((c) => c.id),
      selected,
      s === 'next' ? 1 : -1,
    );
    if (next && next !== selected) open(next);
  });

  // Reopened the way the conversation's own Reopen button does it.
  const undo = (id: string) => {
    setResolved(null);
    props.api.post(`/conversations/${id}/status`, { status: 'open' }).catch(() => {});
  };

  return (
    <div className="inbox">
      <aside className="lists" aria-label={t('inbox')}>
        <div className="tabs" role="tablist">
          {(['mine', 'unassigned', 'all'] as View[]).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)}>
              {t(v as Key)}
            </button>
          ))}
        </div>
        <SearchBox query={search} onQuery={setSearch} />
        <select aria-label="status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {(['open', 'pending', 'snoozed', 'resolved'] as Status[]).map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
        <LabelFilter api={props.api} value={label} onChange={setLabel} />
        <TeamFilter api={props.api} me={props.user.id} value={team} onChange={setTeam} />
        {search ? (
          <SearchResults api={props.api} query={search} onOpen={open} />
        ) : (
          <ConversationList items={items} selected={selected} unread={unread} onOpen={open} onEnd={more} />
        )}
      </aside>
      {selected ? (
        <ConversationView
          key={selected}
          api={props.api}
          socket={props.socket}
          user={props.user}
          id={selected}
        />
      ) : (
        <section className="empty">
          {t('selectConversation')}
          <span className="muted">{t('shortcutsHint')}</span>
        </section>
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {resolved && (
        <UndoToast
          key={resolved}
          id={resolved}
          onUndo={() => undo(resolved)}
          onClose={() => setResolved(null)}
        />
      )}
    </div>
  );
}
