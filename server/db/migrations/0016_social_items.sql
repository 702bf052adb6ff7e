CREATE TABLE "social_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "social_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"inbox_id" bigint NOT NULL,
	"conversation_id" bigint NOT NULL,
	"message_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"score" integer,
	"tier" text,
	"status" text DEFAULT 'new' NOT NULL,
	"hidden_at" timestamp (3) with time zone,
	"removed_at" timestamp (3) with time zone,
	"liked_at" timestamp (3) with time zone,
	"pending_action" text,
	"action_error" text,
	"escalation" jsonb,
	"tier_raised_at" timestamp (3) with time zone,
	"refreshed_at" timestamp (3) with time zone,
	"next_refresh_at" timestamp (3) with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "social_items" ADD CONSTRAINT "social_items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_items" ADD CONSTRAINT "social_items_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_items" ADD CONSTRAINT "social_items_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_items" ADD CONSTRAINT "social_items_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "social_items_message_uq" ON "social_items" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "social_items_rank_idx" ON "social_items" USING btree ("account_id",coalesce("score", -1) desc,"id");--> statement-breakpoint
CREATE INDEX "social_items_newest_idx" ON "social_items" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "social_items_conversation_idx" ON "social_items" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "social_items_refresh_idx" ON "social_items" USING btree ("inbox_id","next_refresh_at") WHERE "social_items"."next_refresh_at" is not null;