CREATE TABLE `appointment_imports` (
	`tenant_id` text NOT NULL,
	`import_key` text NOT NULL,
	`appointment_id` text NOT NULL,
	`imported_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `import_key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_imports_appointment_idx` ON `appointment_imports` (`appointment_id`);--> statement-breakpoint
CREATE TABLE `no_show_models` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`algorithm` text NOT NULL,
	`trained_at` text NOT NULL,
	`samples` integer NOT NULL,
	`no_shows` integer NOT NULL,
	`trigger` text NOT NULL,
	`model` text NOT NULL,
	`holdout` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `no_show_models_tenant_version_uq` ON `no_show_models` (`tenant_id`,`version`);--> statement-breakpoint
CREATE TABLE `patient_external_ids` (
	`tenant_id` text NOT NULL,
	`external_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `external_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_tenant_day_idx` ON `appointments` (`tenant_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `appointments_tenant_status_idx` ON `appointments` (`tenant_id`,`status`);