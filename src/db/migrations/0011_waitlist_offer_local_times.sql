ALTER TABLE `waitlist_offers` ADD `local_start` text;--> statement-breakpoint
ALTER TABLE `waitlist_offers` ADD `local_end` text;--> statement-breakpoint
CREATE INDEX `waitlist_offers_location_idx` ON `waitlist_offers` (`location_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `waitlist_type_idx` ON `waitlist_entries` (`appointment_type_id`,`status`);