ALTER TABLE "campaigns" ADD COLUMN "documents_inbox_id" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "documents_template" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "fallback_inbox_id" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "documents_text" text;--> statement-breakpoint
ALTER TABLE "sale_documents" ADD COLUMN "message_id" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_documents_inbox_id_inboxes_id_fk" FOREIGN KEY ("documents_inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_fallback_inbox_id_inboxes_id_fk" FOREIGN KEY ("fallback_inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_documents" ADD CONSTRAINT "sale_documents_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;