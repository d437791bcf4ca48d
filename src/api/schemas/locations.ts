import { z } from '@hono/zod-openapi';
import { Timestamp, TimeZone, Uuid } from './common';

const RoomSchema = z.object({ id: Uuid, name: z.string() }).openapi('Room');

const TRAVEL_MESSAGE = 'expected whole minutes from 0 to 1440';

/**
 * Its keys are ids, read in any letter case (`Uuid`): two keys that differ only in case name one location,
 * and would silently keep whichever came last, so they are refused.
 */
const TravelMinutes = z
  .preprocess((raw, ctx) => {
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const seen = new Set<string>();
      for (const key of Object.keys(raw)) {
        const id = key.toLowerCase();
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [key], message: 'names a location already named in another letter case' });
        seen.add(id);
      }
    }
    return raw;
  }, z.record(Uuid, z.number({ message: TRAVEL_MESSAGE }).int(TRAVEL_MESSAGE).min(0, TRAVEL_MESSAGE).max(1440, TRAVEL_MESSAGE)))
  .openapi({
    description:
      'Minutes of travel to other locations of the tenant, by location id (any letter case; one location named twice is a 422); pairs not named count as 30.',
    example: { '9a1c7c52-5b8e-4a3f-8f0e-3b1e2d4c5a6b': 25 },
  });

const Name = z.string().trim().min(1, 'must not be empty').max(200);

export const LocationSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    address: z.string().nullable(),
    timezone: z.string(),
    rooms: z.array(RoomSchema),
    travel_minutes: z.record(z.string(), z.number()),
    is_active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Location', {
    example: {
      id: '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b',
      name: 'Unidade Centro',
      address: 'Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG',
      timezone: 'America/Sao_Paulo',
      rooms: [{ id: '7e9f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', name: 'Sala 1' }],
      travel_minutes: { '9a1c7c52-5b8e-4a3f-8f0e-3b1e2d4c5a6b': 25 },
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    },
  });

export const LocationCreateSchema = z
  .object({
    name: Name,
    address: z.string().max(500).nullable().optional(),
    timezone: TimeZone.optional().openapi({ description: 'IANA time zone; default America/Sao_Paulo.' }),
    rooms: z.array(z.object({ name: Name })).max(200).optional(),
    travel_minutes: TravelMinutes.optional(),
  })
  .openapi('LocationCreate', {
    example: {
      name: 'Unidade Centro',
      address: 'Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG',
      timezone: 'America/Sao_Paulo',
      rooms: [{ name: 'Sala 1' }, { name: 'Sala 2' }],
    },
  });

export const LocationUpdateSchema = z
  .object({
    name: Name.optional(),
    address: z.string().max(500).nullable().optional(),
    timezone: TimeZone.optional(),
    rooms: z
      .array(z.object({ id: Uuid.optional(), name: Name }))
      .max(200)
      .optional()
      .openapi({
        description:
          'The new room list. An entry with the `id` of an existing room keeps (and may rename) it; entries without `id` are new rooms; rooms left out are retired.',
      }),
    travel_minutes: TravelMinutes.optional(),
    is_active: z.boolean().optional(),
  })
  .openapi('LocationUpdate', { example: { name: 'Unidade Centro (Afonso Pena)', rooms: [{ name: 'Sala 3' }] } });
