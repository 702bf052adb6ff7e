// The words a person reads for values the hub sends as machine names: an inbox's health and a
// service-level target that was missed (server/routing/sla.ts). A value these lists do not know shows as
// it came (a health) or with its underscores as spaces (a target).
import type { Key } from '../i18n.tsx';

const health: Record<string, Key> = {
  connecting: 'healthConnecting',
  ready: 'healthReady',
  needs_auth: 'healthNeedsAuth',
  failed: 'healthFailed',
};

const slaTargets: Record<string, Key> = {
  first_response: 'slaTargetFirstResponse',
  next_response: 'slaTargetNextResponse',
  resolution: 'slaTargetResolution',
  unanswered: 'slaTargetUnanswered',
};

type T = (key: Key) => string;

export const healthLabel = (t: T, value: string): string => (health[value] ? t(health[value]) : value);

/** `first_response` → "first response" in the user's language (the alert "Service level missed: …"). */
export const slaTargetLabel = (t: T, value: string): string =>
  slaTargets[value] ? t(slaTargets[value]) : value.replaceAll('_', ' ');
