import { z } from '@hono/zod-openapi';
import { PATIENT_CHANNELS } from '../../core/model';
import { EARLIEST_BIRTH_DATE } from '../../core/reference/birth-date';
import { IsoDate, Timestamp, Uuid } from './common';

const Name = z.string().trim().min(1, 'must not be empty').max(200);

export const PatientChannel = z
  .enum(PATIENT_CHANNELS, { message: `expected one of ${PATIENT_CHANNELS.join(', ')}` })
  .openapi({ description: 'The channel to reach the patient on.', example: 'whatsapp' });

const PhoneInput = z
  .string()
  .max(64)
  .nullable()
  .openapi({
    description:
      'Any usual format: `(31) 99999-8888`, `31 99999-8888`, `+55 31 99999-8888`, `5531999998888`. Numbers ' +
      'without a country code are Brazilian; foreign numbers need their `+` code. Stored and returned as E.164. ' +
      'Unique within the clinic (409 when another patient has it, active or not). Extensions are refused. Null clears it.',
    example: '(31) 99999-8888',
  });

const Email = z
  .email({ message: 'expected an email address' })
  .max(254)
  .nullable()
  .openapi({ example: 'maria.silva@example.com' });

const BirthDate = IsoDate.nullable().openapi({ description: `YYYY-MM-DD, from ${EARLIEST_BIRTH_DATE} to today.`, example: '1987-04-12' });

export const PatientSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    phone: z.string().nullable().openapi({ description: 'E.164', example: '+5531999998888' }),
    email: z.string().nullable(),
    birth_date: z.string().nullable().openapi({ format: 'date' }),
    preferred_channel: PatientChannel.nullable(),
    is_active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Patient', {
    example: {
      id: '8d4e2f1a-6b3c-4d7e-a9f0-1b2c3d4e5f60',
      name: 'Maria da Silva',
      phone: '+5531999998888',
      email: 'maria.silva@example.com',
      birth_date: '1987-04-12',
      preferred_channel: 'whatsapp',
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    },
  });

export const PatientCreateSchema = z
  .object({
    name: Name,
    phone: PhoneInput.optional(),
    email: Email.optional(),
    birth_date: BirthDate.optional(),
    preferred_channel: PatientChannel.nullable().optional(),
  })
  .openapi('PatientCreate', {
    example: {
      name: 'Maria da Silva',
      phone: '(31) 99999-8888',
      email: 'maria.silva@example.com',
      birth_date: '1987-04-12',
      preferred_channel: 'whatsapp',
    },
  });

export const PatientUpdateSchema = z
  .object({
    name: Name.optional(),
    phone: PhoneInput.optional(),
    email: Email.optional(),
    birth_date: BirthDate.optional(),
    preferred_channel: PatientChannel.nullable().optional(),
    is_active: z.boolean().optional(),
  })
  .openapi('PatientUpdate', { example: { phone: '+55 31 98888-7777', email: null } });

export const PatientListQuery = z.object({
  phone: z
    .string()
    .max(64)
    .optional()
    .openapi({
      description:
        'Only the patient with this phone, in any accepted format (normalised before matching; URL-encode `+` as `%2B`). Not a phone number: 422.',
      example: '+5531999998888',
    }),
});
