CREATE INDEX `conversation_turns_created_idx` ON `conversation_turns` (`created_at`);--> statement-breakpoint
CREATE INDEX `channel_replies_created_idx` ON `channel_replies` (`created_at`);