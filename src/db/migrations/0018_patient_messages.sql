DROP INDEX `outbound_pending_idx`;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `dedupe_key` text;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `send_before` text;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `next_attempt_at` text;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `lease` text;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `locked_until` text;--> statement-breakpoint
ALTER TABLE `outbound_messages` ADD `last_error` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_messages_dedupe_uq` ON `outbound_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbound_messages_due_idx` ON `outbound_messages` (`next_attempt_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbound_messages_lease_idx` ON `outbound_messages` (`lease`) WHERE lease IS NOT NULL;--> statement-breakpoint
CREATE INDEX `outbound_messages_patient_idx` ON `outbound_messages` (`patient_id`,`created_at`);--> statement-breakpoint
-- messages written before the channels sent any rode in the waitlist.slot_available webhook for the
-- clinic's system to relay: they are not sent now, days late
UPDATE `outbound_messages` SET `status` = CASE WHEN `sent_at` IS NULL THEN 'skipped' ELSE 'sent' END, `last_error` = CASE WHEN `sent_at` IS NULL THEN 'written before the channels sent messages' END;
