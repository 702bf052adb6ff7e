CREATE TABLE "conversation_holds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversation_holds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"conversation_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"team_id" bigint,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_met" boolean;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "waited_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversation_holds" ADD CONSTRAINT "conversation_holds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_holds" ADD CONSTRAINT "conversation_holds_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_holds" ADD CONSTRAINT "conversation_holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_holds_conversation_idx" ON "conversation_holds" USING btree ("conversation_id","started_at");--> statement-breakpoint
CREATE INDEX "conversation_holds_user_idx" ON "conversation_holds" USING btree ("account_id","user_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_holds_open_uq" ON "conversation_holds" USING btree ("conversation_id") WHERE "conversation_holds"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "conversations_account_contact_idx" ON "conversations" USING btree ("account_id","first_customer_message_at");--> statement-breakpoint
-- Who holds a conversation follows every change of its assignee or status, whichever code made it: the
-- hold of the agent who had it open ends, and one begins for the agent who has it open now. The time is
-- the transaction's, so a hold ends exactly when the next begins.
CREATE FUNCTION conversation_holds_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.assignee_id IS NOT DISTINCT FROM NEW.assignee_id AND OLD.status = NEW.status THEN
      RETURN NULL;
    END IF;
    IF OLD.assignee_id IS NOT NULL AND OLD.status = 'open' THEN
      UPDATE conversation_holds SET ended_at = now()
        WHERE conversation_id = NEW.id AND ended_at IS NULL;
    END IF;
  END IF;
  IF NEW.assignee_id IS NOT NULL AND NEW.status = 'open' THEN
    INSERT INTO conversation_holds (account_id, conversation_id, user_id, team_id, started_at)
      VALUES (NEW.account_id, NEW.id, NEW.assignee_id, NEW.team_id, now());
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER conversation_holds_follow AFTER INSERT OR UPDATE OF assignee_id, status ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversation_holds_follow();--> statement-breakpoint
-- Conversations held when this arrived: held since they were assigned.
INSERT INTO conversation_holds (account_id, conversation_id, user_id, team_id, started_at)
  SELECT account_id, id, assignee_id, team_id, coalesce(assigned_at, updated_at) FROM conversations
  WHERE assignee_id IS NOT NULL AND status = 'open';
