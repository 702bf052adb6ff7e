// Every channel kind an inbox can be made of, by name: the one list, read by shared/channels.ts (the wire
// schemas, the console's types) as well as by the registry. No Node code here: browser bundles see it.
// A kind listed without a line in registry.ts cannot have an inbox.
export const channelKinds = [
  'webchat',
  'email',
  'whatsapp',
  'whatsapp_cloud',
  'facebook',
  'twitter',
  'api',
] as const;
