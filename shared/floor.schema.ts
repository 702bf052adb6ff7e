// The supervisors' live floor (GET /api/v1/floor, and `floor:update` on the agent socket): per team who
// waits and for how long, a queue estimate and today's service level; every agent's presence and load;
// today's service-level breaches. One shape for the hub, the console and the OpenAPI document.
import { z } from 'zod';

/** Today's service level of a team or the account, as the service-level report counts it. */
export const floorServiceLevelJson = z.object({
  /** Answered within target ÷ contacts, over the channels that have a target; null before anyone wrote. */
  percent: z.number().nullable(),
  registered: z.number(),
  answeredWithinTarget: z.number(),
  channels: z.array(
    z.object({
      channel: z.string(),
      targetSeconds: z.number().nullable(),
      registered: z.number(),
      answeredWithinTarget: z.number().nullable(),
      percent: z.number().nullable(),
    }),
  ),
});

export const floorTeamJson = z.object({
  /** null: the conversations that wait in no team (the account's pool). */
  id: z.string().nullable(),
  name: z.string().nullable(),
  waiting: z.number(),
  waitingByChannel: z.record(z.string(), z.number()),
  /** When the longest-waiting conversation entered the queue: the console counts the wait up from it. */
  oldestQueuedAt: z.string().nullable(),
  longestWaitSeconds: z.number().nullable(),
  /** See `etaNote`; null when nothing waits or it cannot be told. */
  etaSeconds: z.number().nullable(),
  online: z.number(),
  /** null for the conversations in no team. */
  serviceLevel: floorServiceLevelJson.nullable(),
  agentIds: z.array(z.string()),
});

export const floorAgentJson = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  teamIds: z.array(z.string()),
  presence: z.object({
    status: z.enum(['online', 'away', 'auxiliary', 'offline']),
    reason: z.string().nullable(),
    /** Since when (users.presence_changed_at): the console counts the time in state up from it. */
    since: z.string().nullable(),
  }),
  /** Open conversations against capacity, for each channel the agent has a place in or work on. */
  load: z.array(z.object({ channel: z.string(), open: z.number(), capacity: z.number() })),
});

export const floorBreachJson = z.object({
  id: z.string(),
  conversationId: z.string(),
  teamId: z.string().nullable(),
  /** Which target was missed: first_response, next_response, resolution. */
  kind: z.string(),
  targetSeconds: z.number().nullable(),
  at: z.string(),
});

export const floorJson = z.object({
  /** The hub's clock when this was computed. */
  at: z.string(),
  timeZone: z.string(),
  /** Today in the account's time zone: [from, to). */
  day: z.object({ date: z.string(), from: z.string(), to: z.string() }),
  serviceLevel: floorServiceLevelJson,
  teams: z.array(floorTeamJson),
  agents: z.array(floorAgentJson),
  /** Today's breaches, newest first (the last 20). */
  breaches: z.array(floorBreachJson),
  breachesToday: z.number(),
  etaNote: z.string(),
});

export type FloorJson = z.infer<typeof floorJson>;
export type FloorTeamJson = z.infer<typeof floorTeamJson>;
export type FloorAgentJson = z.infer<typeof floorAgentJson>;
export type FloorBreachJson = z.infer<typeof floorBreachJson>;
export type FloorServiceLevelJson = z.infer<typeof floorServiceLevelJson>;

/** Who may watch the floor. */
export const floorRoles = ['admin', 'supervisor'] as const;
