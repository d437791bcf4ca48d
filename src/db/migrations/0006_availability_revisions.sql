CREATE TABLE `availability_revisions` (
	`tenant_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `provider_id`)
);
--> statement-breakpoint
-- Written by hand (drizzle-kit knows tables, not triggers): every change that can alter a slot search's
-- answer bumps revisions in its own transaction (src/db/schema/availability.ts says which rows).
-- Rows are created with the tenant or the provider (INSERT ... WHERE NOT EXISTS: it cannot conflict,
-- so no outer OR REPLACE/IGNORE policy can reset a revision) and only ever incremented; a row that is
-- missing anyway reads as "not cacheable". Rows for what exists already:
INSERT INTO availability_revisions (tenant_id, provider_id, revision) SELECT id, '', 1 FROM tenants;
--> statement-breakpoint
INSERT INTO availability_revisions (tenant_id, provider_id, revision) SELECT id, '*', 1 FROM tenants;
--> statement-breakpoint
INSERT INTO availability_revisions (tenant_id, provider_id, revision) SELECT tenant_id, id, 1 FROM providers;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_tenants_insert` AFTER INSERT ON `tenants` BEGIN
  INSERT INTO availability_revisions (tenant_id, provider_id, revision)
    SELECT NEW.id, '', 1 WHERE NOT EXISTS (SELECT 1 FROM availability_revisions WHERE tenant_id = NEW.id AND provider_id = '');
  INSERT INTO availability_revisions (tenant_id, provider_id, revision)
    SELECT NEW.id, '*', 1 WHERE NOT EXISTS (SELECT 1 FROM availability_revisions WHERE tenant_id = NEW.id AND provider_id = '*');
END;
--> statement-breakpoint
-- Appointments: slot search reads their provider, times, local date and whether the status holds the
-- time (active), only counts for the daily limit (completed, no-show) or neither (cancelled). Keep the
-- active list in step with ACTIVE_STATUSES (src/core/model.ts).
CREATE TRIGGER `availability_rev_appointments_insert` AFTER INSERT ON `appointments` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.provider_profile_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_appointments_update` AFTER UPDATE OF provider_profile_id, tenant_id, start_time, end_time, local_date, status ON `appointments`
  WHEN OLD.provider_profile_id IS NOT NEW.provider_profile_id OR OLD.tenant_id IS NOT NEW.tenant_id
    OR OLD.start_time IS NOT NEW.start_time OR OLD.end_time IS NOT NEW.end_time OR OLD.local_date IS NOT NEW.local_date
    OR (CASE WHEN OLD.status IN ('requested', 'confirmed', 'checked_in', 'in_progress') THEN 2 WHEN OLD.status = 'cancelled' THEN 0 ELSE 1 END) <> (CASE WHEN NEW.status IN ('requested', 'confirmed', 'checked_in', 'in_progress') THEN 2 WHEN NEW.status = 'cancelled' THEN 0 ELSE 1 END) BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.provider_profile_id, '*');
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.provider_profile_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_appointments_delete` AFTER DELETE ON `appointments` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.provider_profile_id, '*');
END;
--> statement-breakpoint
-- Templates and overrides: their provider's row.
CREATE TRIGGER `availability_rev_templates_insert` AFTER INSERT ON `schedule_templates` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.provider_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_templates_update` AFTER UPDATE ON `schedule_templates` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.provider_id, '*');
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.provider_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_templates_delete` AFTER DELETE ON `schedule_templates` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.provider_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_overrides_insert` AFTER INSERT ON `schedule_overrides` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.provider_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_overrides_update` AFTER UPDATE ON `schedule_overrides` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.provider_id, '*');
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.provider_id, '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_overrides_delete` AFTER DELETE ON `schedule_overrides` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.provider_id, '*');
END;
--> statement-breakpoint
-- Providers: the provider's own row, and the tenant's (which providers a search finds, and their fields).
CREATE TRIGGER `availability_rev_providers_insert` AFTER INSERT ON `providers` BEGIN
  INSERT INTO availability_revisions (tenant_id, provider_id, revision)
    SELECT NEW.tenant_id, NEW.id, 1 WHERE NOT EXISTS (SELECT 1 FROM availability_revisions WHERE tenant_id = NEW.tenant_id AND provider_id = NEW.id);
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN ('', '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_providers_update` AFTER UPDATE ON `providers` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.id, '', '*');
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN (NEW.id, '', '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_providers_delete` AFTER DELETE ON `providers` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN (OLD.id, '', '*');
END;
--> statement-breakpoint
-- Locations (time zone, active, name): every row of the tenant.
CREATE TRIGGER `availability_rev_locations_insert` AFTER INSERT ON `locations` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_locations_update` AFTER UPDATE ON `locations` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_locations_delete` AFTER DELETE ON `locations` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id;
END;
--> statement-breakpoint
-- Appointment types (duration, active): the tenant's row.
CREATE TRIGGER `availability_rev_appointment_types_insert` AFTER INSERT ON `appointment_types` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN ('', '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_appointment_types_update` AFTER UPDATE ON `appointment_types` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = NEW.tenant_id AND provider_id IN ('', '*');
END;
--> statement-breakpoint
CREATE TRIGGER `availability_rev_appointment_types_delete` AFTER DELETE ON `appointment_types` BEGIN
  UPDATE availability_revisions SET revision = revision + 1 WHERE tenant_id = OLD.tenant_id AND provider_id IN ('', '*');
END;
