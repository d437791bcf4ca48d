import { z } from '@hono/zod-openapi';
import { SCOPES } from '../../core/model';
import { Timestamp, Uuid } from './common';

const ScopeList = z
  .array(z.enum(SCOPES as unknown as ['read', 'write', 'admin']))
  .min(1, 'name at least one scope')
  .openapi({ description: '`read` (GET), `write` (other writes), `admin` (keys, webhooks; implies the others).' });

export const ApiKeySchema = z
  .object({
    id: Uuid,
    name: z.string().nullable(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to recognise it.' }),
    scopes: ScopeList,
    created_at: Timestamp,
    revoked_at: Timestamp.nullable(),
  })
  .openapi('ApiKey', {
    example: {
      id: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
      name: 'reception desk',
      prefix: 'agd_Xk3v9QpL',
      scopes: ['read', 'write'],
      created_at: '2026-11-25T12:00:00.000Z',
      revoked_at: null,
    },
  });

export const ApiKeyCreatedSchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The key itself. Shown only in this response; store it now.' }),
}).openapi('ApiKeyCreated');

export const ApiKeyCreateSchema = z
  .object({ scopes: ScopeList, name: z.string().trim().min(1).max(100).optional() })
  .openapi('ApiKeyCreate', { example: { scopes: ['read', 'write'], name: 'reception desk' } });
