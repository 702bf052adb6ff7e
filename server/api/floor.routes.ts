// The supervisors' live floor as one REST read (the console then keeps it live over the agent socket).
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { liveFloor } from '#server/reports/live-floor.ts';
import { floorJson, floorRoles } from '#shared/floor.schema.ts';
import type { RouteTable } from './route.ts';

export function floorRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/floor',
      tag: 'Reports',
      summary:
        "The live floor: per team who waits, the longest wait, a queue estimate and today's service level; every agent's presence and load per channel; today's breaches",
      roles: floorRoles,
      response: z.object({ data: floorJson }),
    },
    async ({ auth }) => ({ data: await liveFloor(ctx, auth.accountId) }),
  );
}
