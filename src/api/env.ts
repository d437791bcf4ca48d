import type { ApiKey } from '../core/model';
import type { Core } from '../core';
import type { CursorCodec } from './pagination';
import type { Logger } from './logger';
import type { IdempotencyClaim } from './middleware/idempotency';
import type { ConversationRuntime } from '../../machines/runtime/run-turn';

/** What every request carries through the middleware chain. */
export interface AppEnv {
  Variables: {
    requestId: string;
    core: Core;
    cursors: CursorCodec;
    logger: Logger;
    conversations: ConversationRuntime;
    /** set by the auth middleware on /v1 routes */
    apiKey: ApiKey;
    tenantId: string;
    /** set by the idempotency middleware on a POST that carries an Idempotency-Key it claimed */
    idempotency?: IdempotencyClaim;
  };
}
