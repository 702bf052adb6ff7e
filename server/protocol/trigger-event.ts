// What started a run of a protocol trigger (run-trigger.ts), as the steps and their detections see it.
import type { Message } from '#server/db/schema.ts';

export type TriggerEvent = {
  instance: string;
  message?: Message;
  assigneeId?: number | null;
  /** Only look for agent steps that happened (a later customer message): automatic steps ran already. */
  detectOnly?: boolean;
};
