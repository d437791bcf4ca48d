CREATE TABLE `conversation_waiters` (
	`tenant_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`channel` text NOT NULL,
	`holder` text NOT NULL,
	`seq` integer NOT NULL,
	`seen_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `patient_id`, `channel`, `holder`)
);
