ALTER TABLE "conversations" ADD COLUMN "first_responder_id" bigint;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "steps_done" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "steps_not_applicable" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- The first reply's sender, for conversations answered before this was stored.
UPDATE "conversations" c SET "first_responder_id" = m.sender_id
  FROM (SELECT DISTINCT ON (conversation_id) conversation_id, sender_id FROM "messages"
        WHERE direction = 'out' AND sender_type = 'agent' AND private = false
        ORDER BY conversation_id, id) m
  WHERE m.conversation_id = c.id AND c.first_agent_reply_at IS NOT NULL;--> statement-breakpoint
-- The checklist in brief follows every change of a step, whichever code makes it. A step is "not
-- applicable" when the hub skipped it for one of the reasons of server/reports/definitions.ts
-- notApplicableReasons (a spec checks the two lists agree).
CREATE FUNCTION conversation_steps_brief() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_done boolean := false;
  was_na boolean := false;
  old_key text := NEW.step_key;
  is_done boolean := NEW.status = 'done';
  is_na boolean := NEW.status = 'skipped'
    AND coalesce(NEW.data->>'reason', '') IN ('public_item', 'turned_off', 'automated_sender');
BEGIN
  IF TG_OP = 'UPDATE' THEN
    was_done := OLD.status = 'done';
    was_na := OLD.status = 'skipped'
      AND coalesce(OLD.data->>'reason', '') IN ('public_item', 'turned_off', 'automated_sender');
    old_key := OLD.step_key;
    IF was_done = is_done AND was_na = is_na AND old_key = NEW.step_key THEN
      RETURN NULL;
    END IF;
  ELSIF NOT is_done AND NOT is_na THEN
    RETURN NULL;
  END IF;
  UPDATE conversations SET
    steps_done = array_remove(array_remove(steps_done, old_key), NEW.step_key)
      || CASE WHEN is_done THEN ARRAY[NEW.step_key] ELSE '{}'::text[] END,
    steps_not_applicable = array_remove(array_remove(steps_not_applicable, old_key), NEW.step_key)
      || CASE WHEN is_na THEN ARRAY[NEW.step_key] ELSE '{}'::text[] END
    WHERE id = NEW.conversation_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER conversation_steps_brief AFTER INSERT OR UPDATE ON conversation_steps
  FOR EACH ROW EXECUTE FUNCTION conversation_steps_brief();--> statement-breakpoint
UPDATE "conversations" c SET "steps_done" = s.done, "steps_not_applicable" = s.na
  FROM (SELECT conversation_id,
          coalesce(array_agg(step_key) FILTER (WHERE status = 'done'), '{}') AS done,
          coalesce(array_agg(step_key) FILTER (WHERE status = 'skipped'
            AND coalesce(data->>'reason', '') IN ('public_item', 'turned_off', 'automated_sender')), '{}') AS na
        FROM "conversation_steps" GROUP BY conversation_id) s
  WHERE s.conversation_id = c.id;
