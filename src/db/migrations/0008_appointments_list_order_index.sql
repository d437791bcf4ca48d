DROP INDEX `appointments_tenant_order_idx`;--> statement-breakpoint
CREATE INDEX `appointments_tenant_time_idx` ON `appointments` (`tenant_id`,`start_time`,`id`);