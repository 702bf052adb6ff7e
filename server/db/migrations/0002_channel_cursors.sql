CREATE TABLE "channel_cursors" (
	"inbox_id" bigint NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_cursors_inbox_id_key_pk" PRIMARY KEY("inbox_id","key")
);
--> statement-breakpoint
ALTER TABLE "channel_cursors" ADD CONSTRAINT "channel_cursors_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;