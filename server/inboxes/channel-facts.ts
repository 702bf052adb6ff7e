// The channel facts core reads (channels/types.ts: label, capabilities, protocol family, inbound mode),
// looked up by kind, so that no core file has to name a channel kind to decide what to do.
import { noCapabilities } from '#channels/capabilities.ts';
import { channelRegistry } from '#channels/registry.ts';
import type { AnyChannelDefinition, ChannelCapabilities } from '#channels/types.ts';
import type { ChannelKind } from '#shared/channels.ts';

export const channelDefinitions = (): AnyChannelDefinition[] =>
  Object.values(channelRegistry).filter((d): d is AnyChannelDefinition => d !== undefined);

export const definitionOf = (kind: string): AnyChannelDefinition | undefined =>
  channelRegistry[kind as ChannelKind];

export const capabilitiesOf = (kind: string): ChannelCapabilities =>
  definitionOf(kind)?.capabilities ?? noCapabilities;

/** The kinds whose definition passes `test` (for queries over inboxes of several kinds). */
export const kindsWhere = (test: (d: AnyChannelDefinition) => boolean): ChannelKind[] =>
  channelDefinitions()
    .filter(test)
    .map((d) => d.kind);
