// What each channel kind of the hub can do (GET /channels: label, capabilities, inbound mode, config
// schema). The console reads these facts instead of naming channel kinds, so a new channel needs no
// console change. Loaded once per signed-in session and shared by every view.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Api } from './api.ts';
import type { ChannelInfo } from './components/inbox-config-form.tsx';

const loaded = new WeakMap<Api, Promise<ChannelInfo[]>>();

// The last list loaded, for views with no Api at hand (a conversation's channel tag in a list row).
let known: ChannelInfo[] | null = null;
const listeners = new Set<() => void>();

export function loadChannels(api: Api): Promise<ChannelInfo[]> {
  let p = loaded.get(api);
  if (!p) {
    p = api.get<ChannelInfo[]>('/channels').then((r) => {
      known = r.data;
      for (const l of listeners) l();
      return r.data;
    });
    // A failed load is tried again by the next view that asks.
    p.catch(() => loaded.delete(api));
    loaded.set(api, p);
  }
  return p;
}

/** The hub's channel kinds, or null while they load (or when the hub could not be asked). */
export function useChannels(api: Api): ChannelInfo[] | null {
  const [channels, setChannels] = useState<ChannelInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    loadChannels(api).then(
      (c) => live && setChannels(c),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  return channels;
}

/** The channel's facts; unknown (or not loaded yet) means it can do nothing special. */
export const factsOf = (channels: ChannelInfo[] | null, kind: string): ChannelInfo | undefined =>
  channels?.find((c) => c.kind === kind);

/** The channel kinds as last loaded by any view (null before the first load). */
export function useKnownChannels(): ChannelInfo[] | null {
  return useSyncExternalStore(
    (on) => {
      listeners.add(on);
      return () => listeners.delete(on);
    },
    () => known,
  );
}
