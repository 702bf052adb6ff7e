ALTER TABLE "conversations" ADD COLUMN "first_response_started_at" timestamp (3) with time zone;--> statement-breakpoint
-- Conversations from before the column: their clock started at the first message, as it then did.
UPDATE "conversations" SET "first_response_started_at" = "first_customer_message_at" WHERE "first_customer_message_at" IS NOT NULL;
