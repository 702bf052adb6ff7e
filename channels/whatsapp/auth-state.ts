// A WhatsApp session's credentials and signal keys, kept in the hub's database (the inbox's channel
// state) instead of files: every node can take the session over, and backups include it. Values go
// through Baileys' BufferJSON so Buffers and Uint8Arrays survive the JSON column.
import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import type { ChannelContext } from '../types.ts';

const PREFIX = 'wa:';
const CREDS = `${PREFIX}creds`;
const keyOf = (type: string, id: string) => `${PREFIX}key:${type}:${id}`;

// Wrapped in an object: a bare JSON string in a jsonb column comes back re-parsed by the driver layer
// (a numeric-looking LID mapping would turn into a number).
const toJson = (v: unknown) => ({ v: JSON.parse(JSON.stringify(v, BufferJSON.replacer)) });
const fromJson = <T>(stored: unknown): T =>
  JSON.parse(JSON.stringify((stored as { v: unknown }).v), BufferJSON.reviver) as T;

export type StoredAuthState = {
  state: AuthenticationState;
  saveCreds(): Promise<void>;
  /** Forgets the session (after the phone logged it out): the next start shows a new QR code. */
  clear(): Promise<void>;
};

export async function useStoredAuthState(store: ChannelContext<unknown>['cursor']): Promise<StoredAuthState> {
  const saved = await store.get<unknown>(CREDS);
  const creds: AuthenticationCreds = saved ? fromJson<AuthenticationCreds>(saved) : initAuthCreds();
  return {
    state: {
      creds,
      keys: {
        async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
          const found = await store.getMany(ids.map((id) => keyOf(type, id)));
          const out: { [id: string]: SignalDataTypeMap[T] } = {};
          for (const id of ids) {
            const raw = found[keyOf(type, id)];
            if (raw === undefined) continue;
            let value = fromJson<SignalDataTypeMap[T]>(raw);
            if (type === 'app-state-sync-key' && value) {
              value = proto.Message.AppStateSyncKeyData.fromObject(
                value as object,
              ) as unknown as SignalDataTypeMap[T];
            }
            out[id] = value;
          }
          return out;
        },
        async set(data) {
          const entries: Record<string, unknown> = {};
          for (const [type, values] of Object.entries(data)) {
            for (const [id, value] of Object.entries(values ?? {})) {
              entries[keyOf(type, id)] = value === null || value === undefined ? null : toJson(value);
            }
          }
          await store.setMany(entries);
        },
        async clear() {
          await store.deletePrefix(`${PREFIX}key:`);
        },
      },
    },
    async saveCreds() {
      await store.set(CREDS, toJson(creds));
    },
    async clear() {
      await store.deletePrefix(PREFIX);
    },
  };
}
