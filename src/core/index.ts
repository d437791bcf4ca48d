/** The scheduling core, wired from its ports. Entry points build it; routes and machines call it. */
import type { Clock, IdGenerator } from './clock';
import type { Repositories } from './ports';
import { DEFAULT_CORE_SETTINGS, NO_NETWORK, type CoreSettings, type Network } from './deps';
import { makeKeyService } from './keys';
import { makeLocationService } from './reference/locations';
import { makeAppointmentTypeService } from './reference/appointment-types';
import { makePatientService } from './reference/patients';
import { makeProviderService } from './providers/providers';
import { makeScheduleService } from './providers/schedules';
import { makeAppointmentService } from './appointments/service';
import { makeAvailabilityService } from './availability/service';
import { makeWaitlistService } from './waitlist/service';
import { makeScheduleViewService } from './availability/schedule-view';
import { makeWebhookService } from './webhooks/service';

import { makeLanguageService } from './language/service';
import type { LanguageModel, Transcriber } from './language/types';
import { makeVoiceService } from './language/voice';
import { makeNoShowService } from './no-show/service';
import { makeHistoryImportService } from './no-show/import';

/** Optional outside services the core can use. */
export interface CoreExtras {
  /** an LLM the language layer asks when its rules are unsure; none: rules alone */
  languageModel?: LanguageModel | null;
  /** DNS for the webhook URL guard; none: host names do not resolve */
  network?: Network;
  /** speech to text for voice notes; none: POST /voice answers 503 */
  transcriber?: Transcriber | null;
  /** Workers: no request may await a promise another request made (AppDeps.requestScopedIo) */
  requestScopedIo?: boolean;
}

export function buildCore(
  repos: Repositories,
  clock: Clock,
  ids: IdGenerator,
  settings: CoreSettings = DEFAULT_CORE_SETTINGS,
  extras: CoreExtras = {},
) {
  const deps = { repos, clock, ids, settings, network: extras.network ?? NO_NETWORK };
  const availability = makeAvailabilityService(deps);
  const appointments = makeAppointmentService(deps);
  const language = makeLanguageService(deps, { availability, languageModel: extras.languageModel ?? null });
  return {
    clock,
    idempotency: repos.idempotency,
    serverSettings: repos.serverSettings,
    keys: makeKeyService(deps),
    locations: makeLocationService(deps),
    appointmentTypes: makeAppointmentTypeService(deps),
    patients: makePatientService(deps),
    providers: makeProviderService(deps),
    schedules: makeScheduleService(deps),
    appointments,
    availability,
    language,
    voice: makeVoiceService(deps, { language, transcriber: extras.transcriber ?? null }),
    waitlist: makeWaitlistService(deps, { appointments }),
    scheduleView: makeScheduleViewService(deps),
    webhooks: makeWebhookService(deps),
    noShow: makeNoShowService(deps, { shareTraining: !extras.requestScopedIo }),
    historyImport: makeHistoryImportService(deps),
  };
}

export type Core = ReturnType<typeof buildCore>;
