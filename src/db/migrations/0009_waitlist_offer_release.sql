ALTER TABLE `waitlist_offers` ADD `released_at` text;--> statement-breakpoint
ALTER TABLE `waitlist_offers` ADD `release_id` text;