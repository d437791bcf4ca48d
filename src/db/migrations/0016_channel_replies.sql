CREATE TABLE `channel_replies` (
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`holder` text NOT NULL,
	`claimed_until` text NOT NULL,
	`sent_at` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`channel`, `message_id`)
);
