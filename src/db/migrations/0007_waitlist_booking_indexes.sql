CREATE INDEX `waitlist_patient_idx` ON `waitlist_entries` (`patient_id`,`status`);--> statement-breakpoint
CREATE INDEX `waitlist_offers_time_idx` ON `waitlist_offers` (`provider_id`,`start_time`);