import type { AppDatabase } from '../database';
import type { Repositories } from '../../core/ports';
import { apiKeyRepo, idempotencyStore, serverSettingsRepo, tenantRepo } from './tenants';
import { locationRepo } from './locations';
import { appointmentTypeRepo } from './appointment-types';
import { patientRepo } from './patients';
import { providerRepo } from './providers';
import { templateRepo } from './templates';
import { overrideRepo } from './overrides';
import { appointmentRepo } from './appointments';
import { availabilityRepo } from './availability';
import { waitlistRepo } from './waitlist';
import { scheduleViewRepo } from './schedule-view';
import { webhookDeliveryRepo, webhookRepo } from './webhooks';
import { languageCatalogRepo } from './language';
import { conversationStore } from './conversations';
import { noShowRepo } from './no-show';
import { historyImportRepo } from './history-import';
import { channelReplyRepo } from './channel-replies';
import { outboundMessageRepo } from './outbound-messages';

/** The core's ports over a drizzle database (better-sqlite3 today, D1 through the same code). */
export function createRepositories(db: AppDatabase): Repositories {
  return {
    tenants: tenantRepo(db),
    apiKeys: apiKeyRepo(db),
    serverSettings: serverSettingsRepo(db),
    idempotency: idempotencyStore(db),
    locations: locationRepo(db),
    appointmentTypes: appointmentTypeRepo(db),
    patients: patientRepo(db),
    providers: providerRepo(db),
    templates: templateRepo(db),
    overrides: overrideRepo(db),
    appointments: appointmentRepo(db),
    availability: availabilityRepo(db),
    waitlist: waitlistRepo(db),
    scheduleView: scheduleViewRepo(db),
    webhooks: webhookRepo(db),
    webhookDeliveries: webhookDeliveryRepo(db),
    languageCatalog: languageCatalogRepo(db),
    conversations: conversationStore(db),
    noShow: noShowRepo(db),
    historyImport: historyImportRepo(db),
    channelReplies: channelReplyRepo(db),
    outboundMessages: outboundMessageRepo(db),
  };
}
