// The account's influence settings (shared/influence.ts): the tier thresholds and weights of the score
// that ranks social items and feeds the routing condition `influenceTier`. Marketing tunes them with the
// admin; every user reads them, since the console shows each item's tier and parts.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { loadInfluenceSettings } from '#server/social/influence-settings.ts';
import { influenceSettingsView, updateInfluenceSettings } from '#server/social/update-influence-settings.ts';
import {
  influenceSettingsPatch,
  influenceThresholdsSchema,
  influenceWeightsSchema,
} from '#shared/influence.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Social';
const view = z.object({
  data: z.object({
    thresholds: influenceThresholdsSchema,
    weights: influenceWeightsSchema,
    /** False: the default weights are in force. */
    customWeights: z.boolean(),
  }),
});

export function influenceRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/influence/settings',
      tag,
      summary: 'Influence settings: tier thresholds (medium, high, critical) and the weights in force',
      response: view,
    },
    async ({ auth }) => ({
      data: influenceSettingsView(await loadInfluenceSettings(ctx.db, auth.accountId)),
    }),
  );
  t.route(
    {
      method: 'patch',
      path: '/influence/settings',
      tag,
      summary:
        'Change influence settings: thresholds {medium, high, critical} rising within 1..100; weights {reach, verified, listed, engagement, velocity} adding up to 100 (null: the defaults)',
      roles: ['admin', 'marketing'],
      body: influenceSettingsPatch,
      response: view,
    },
    async ({ auth, body }) => ({ data: await updateInfluenceSettings(ctx, auth.accountId, body) }),
  );
}
