CREATE TABLE `appointment_status_history` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`changed_by` text,
	`reason` text,
	`notes` text,
	`changed_at` text NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `history_appointment_idx` ON `appointment_status_history` (`appointment_id`,`changed_at`,`seq`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`provider_profile_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`appointment_type_id` text NOT NULL,
	`location_id` text NOT NULL,
	`room_id` text,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`notes` text,
	`internal_notes` text,
	`external_reference` text,
	`metadata` text NOT NULL,
	`version` integer NOT NULL,
	`change_id` text NOT NULL,
	`rescheduled_from_id` text,
	`rescheduled_to_id` text,
	`cancellation_reason` text,
	`cancelled_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_profile_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_type_id`) REFERENCES `appointment_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_tenant_order_idx` ON `appointments` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `appointments_provider_time_idx` ON `appointments` (`provider_profile_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `appointments_patient_time_idx` ON `appointments` (`patient_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `appointments_room_time_idx` ON `appointments` (`room_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `appointments_provider_day_idx` ON `appointments` (`provider_profile_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`event_type` text NOT NULL,
	`aggregate_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`dispatched_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`dispatched_at`,`created_at`);