ALTER TABLE "conversations" ADD COLUMN "held_by" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
-- Who held the conversation follows its holds, whichever code writes them (the conversation_holds_follow
-- trigger of migration 0018, an import): each agent once, in the order they first held it.
CREATE FUNCTION conversation_held_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations SET held_by = held_by || NEW.user_id
    WHERE id = NEW.conversation_id AND NOT (NEW.user_id = ANY (held_by));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER conversation_held_by AFTER INSERT ON conversation_holds
  FOR EACH ROW EXECUTE FUNCTION conversation_held_by();--> statement-breakpoint
UPDATE "conversations" c SET "held_by" = h.agents
  FROM (SELECT conversation_id, array_agg(user_id ORDER BY first) AS agents
        FROM (SELECT conversation_id, user_id, min(started_at) AS first FROM "conversation_holds"
              GROUP BY conversation_id, user_id) x
        GROUP BY conversation_id) h
  WHERE h.conversation_id = c.id;
