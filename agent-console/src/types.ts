// Wire shapes the console uses: the hub's own zod schemas, as types only (nothing of zod is bundled).
import type { z } from 'zod';
import type { conversationJson, directoryJson, messageJson, userJson } from '#shared/api.schema.ts';

export type Conversation = z.infer<typeof conversationJson>;
export type Message = z.infer<typeof messageJson>;
export type User = z.infer<typeof userJson>;
/** GET /directory: colleagues and teams to hand a conversation to. */
export type Directory = z.infer<typeof directoryJson>['data'];
export type Team = {
  id: string;
  name: string;
  strategy: string;
  memberIds: string[];
  settings: Record<string, unknown>;
};
