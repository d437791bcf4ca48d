/**
 * Each operation's `operationId` in /openapi.json: the name client generators give its method. Kept in
 * one table, by method and path as the document lists them; test/api/system/operation-ids.test.ts
 * fails for an operation without one, so a new route is named here when it is added.
 */
const OPERATION_IDS: Record<string, string> = {
  'GET /health': 'getHealth',
  'POST /v1/scheduling/api-keys': 'createApiKey',
  'GET /v1/scheduling/api-keys': 'listApiKeys',
  'GET /v1/scheduling/api-keys/{id}': 'getApiKey',
  'DELETE /v1/scheduling/api-keys/{id}': 'revokeApiKey',
  'POST /v1/scheduling/locations': 'createLocation',
  'GET /v1/scheduling/locations': 'listLocations',
  'GET /v1/scheduling/locations/{id}': 'getLocation',
  'PUT /v1/scheduling/locations/{id}': 'updateLocation',
  'DELETE /v1/scheduling/locations/{id}': 'deleteLocation',
  'POST /v1/scheduling/appointment-types': 'createAppointmentType',
  'GET /v1/scheduling/appointment-types': 'listAppointmentTypes',
  'GET /v1/scheduling/appointment-types/{id}': 'getAppointmentType',
  'PUT /v1/scheduling/appointment-types/{id}': 'updateAppointmentType',
  'DELETE /v1/scheduling/appointment-types/{id}': 'deleteAppointmentType',
  'POST /v1/scheduling/patients': 'createPatient',
  'GET /v1/scheduling/patients': 'listPatients',
  'GET /v1/scheduling/patients/{id}': 'getPatient',
  'PUT /v1/scheduling/patients/{id}': 'updatePatient',
  'DELETE /v1/scheduling/patients/{id}': 'deletePatient',
  'POST /v1/scheduling/providers': 'createProvider',
  'GET /v1/scheduling/providers': 'listProviders',
  'GET /v1/scheduling/providers/{id}': 'getProvider',
  'PUT /v1/scheduling/providers/{id}': 'updateProvider',
  'DELETE /v1/scheduling/providers/{id}': 'deleteProvider',
  'GET /v1/scheduling/providers/{id}/templates': 'listProviderTemplates',
  'POST /v1/scheduling/providers/{id}/templates': 'createProviderTemplate',
  'GET /v1/scheduling/providers/{id}/templates/{tid}': 'getProviderTemplate',
  'PUT /v1/scheduling/providers/{id}/templates/{tid}': 'updateProviderTemplate',
  'DELETE /v1/scheduling/providers/{id}/templates/{tid}': 'deleteProviderTemplate',
  'GET /v1/scheduling/providers/{id}/overrides': 'listProviderOverrides',
  'POST /v1/scheduling/providers/{id}/overrides': 'createProviderOverride',
  'GET /v1/scheduling/providers/{id}/overrides/{oid}': 'getProviderOverride',
  'DELETE /v1/scheduling/providers/{id}/overrides/{oid}': 'deleteProviderOverride',
  'GET /v1/scheduling/providers/{id}/cross-location-conflicts': 'getProviderCrossLocationConflicts',
  'GET /v1/scheduling/providers/{id}/locations-schedule': 'getProviderLocationsSchedule',
  'POST /v1/scheduling/appointments': 'createAppointment',
  'GET /v1/scheduling/appointments': 'listAppointments',
  'GET /v1/scheduling/appointments/{id}': 'getAppointment',
  'PUT /v1/scheduling/appointments/{id}': 'updateAppointment',
  'DELETE /v1/scheduling/appointments/{id}': 'deleteAppointment',
  'POST /v1/scheduling/appointments/{id}/confirm': 'confirmAppointment',
  'POST /v1/scheduling/appointments/{id}/check-in': 'checkInAppointment',
  'POST /v1/scheduling/appointments/{id}/start': 'startAppointment',
  'POST /v1/scheduling/appointments/{id}/complete': 'completeAppointment',
  'POST /v1/scheduling/appointments/{id}/no-show': 'markAppointmentNoShow',
  'POST /v1/scheduling/appointments/{id}/cancel': 'cancelAppointment',
  'POST /v1/scheduling/appointments/{id}/reschedule': 'rescheduleAppointment',
  'GET /v1/scheduling/slots': 'searchSlots',
  'POST /v1/scheduling/waitlist': 'createWaitlistEntry',
  'GET /v1/scheduling/waitlist': 'listWaitlistEntries',
  'GET /v1/scheduling/waitlist/position/{id}': 'getWaitlistPosition',
  'GET /v1/scheduling/waitlist/{id}': 'getWaitlistEntry',
  'DELETE /v1/scheduling/waitlist/{id}': 'deleteWaitlistEntry',
  'POST /v1/scheduling/webhooks': 'createWebhook',
  'GET /v1/scheduling/webhooks': 'listWebhooks',
  'GET /v1/scheduling/webhooks/dead-letters': 'listWebhookDeadLetters',
  'POST /v1/scheduling/webhooks/dead-letters/{id}/redeliver': 'redeliverWebhookDeadLetter',
  'GET /v1/scheduling/webhooks/{id}': 'getWebhook',
  'PUT /v1/scheduling/webhooks/{id}': 'updateWebhook',
  'DELETE /v1/scheduling/webhooks/{id}': 'deleteWebhook',
  'POST /v1/scheduling/webhooks/{id}/rotate-secret': 'rotateWebhookSecret',
  'POST /v1/scheduling/webhooks/{id}/test': 'testWebhook',
  'GET /v1/scheduling/webhooks/{id}/deliveries': 'listWebhookDeliveries',
  'POST /v1/scheduling/natural-language': 'understandMessage',
  'POST /v1/scheduling/voice': 'understandVoiceNote',
  'POST /v1/scheduling/conversation': 'sendConversationMessage',
  'GET /v1/scheduling/conversation/{patient_id}/{channel}/state': 'getConversationState',
  'DELETE /v1/scheduling/conversation/{patient_id}/{channel}': 'resetConversation',
  'GET /v1/scheduling/no-show/appointments/{appointment_id}/risk': 'getNoShowRisk',
  'GET /v1/scheduling/no-show/daily-risks': 'listDailyNoShowRisks',
  'GET /v1/scheduling/no-show/model-info': 'getNoShowModelInfo',
};

/** The document with each operation's `operationId` from the table (operations it does not name keep none). */
export function withOperationIds<T extends { paths?: object }>(document: T): T {
  for (const [path, operations] of Object.entries((document.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const id = OPERATION_IDS[`${method.toUpperCase()} ${path}`];
      if (id) operation.operationId = id;
    }
  }
  return document;
}
