ALTER TABLE `webhook_subscriptions` ADD `previous_secrets` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- a secret replaced before this migration keeps signing until its deadline
UPDATE `webhook_subscriptions` SET `previous_secrets` = json_array(json_object('secret', `previous_secret`, 'until', `previous_secret_until`))
  WHERE `previous_secret` IS NOT NULL AND `previous_secret_until` IS NOT NULL;
