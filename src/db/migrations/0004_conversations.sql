CREATE TABLE `conversation_leases` (
	`tenant_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`channel` text NOT NULL,
	`holder` text NOT NULL,
	`until` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `patient_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `conversation_turns` (
	`tenant_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `patient_id`, `channel`, `message_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`tenant_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`channel` text NOT NULL,
	`state` text NOT NULL,
	`snapshot` text NOT NULL,
	`revision` integer NOT NULL,
	`expires_at` text NOT NULL,
	`change_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `patient_id`, `channel`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
