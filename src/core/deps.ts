import type { Clock, IdGenerator } from './clock';
import type { Repositories } from './ports';
import type { ResolveHost } from './webhooks/address';

/** Clinic-wide settings the core's rules read. */
export interface CoreSettings {
  /** slots start at least this many minutes from now */
  minNoticeMinutes: number;
  /** slot search keeps at most this many provider-days between searches (0: none); see slot-cache.ts */
  slotCacheMaxDays?: number;
  /** webhook URLs may point at private, loopback or link-local addresses (WEBHOOK_ALLOW_PRIVATE_URLS) */
  allowPrivateWebhookUrls?: boolean;
  /** outcomes (completed, no_show) a tenant needs before its own no-show model replaces the prior */
  noShowMinOutcomes?: number;
  /** a model older than this is retrained, when scoring, if new outcomes exist */
  noShowRetrainHours?: number;
}

/** What the core asks of the network. */
export interface Network {
  /** every address a host name resolves to (for the webhook address guard) */
  resolveHost: ResolveHost;
}

/** No network: host names do not resolve (URLs with IP literals can still be checked). */
export const NO_NETWORK: Network = {
  resolveHost: async () => {
    throw new Error('no resolver configured');
  },
};

export const DEFAULT_CORE_SETTINGS: CoreSettings = { minNoticeMinutes: 60, noShowMinOutcomes: 200, noShowRetrainHours: 24 };

/** What every core service is built from. */
export interface CoreDeps {
  repos: Repositories;
  clock: Clock;
  ids: IdGenerator;
  settings: CoreSettings;
  network: Network;
}
