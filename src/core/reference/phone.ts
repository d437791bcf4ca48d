/**
 * Phone numbers: whatever a person types in, stored as E.164.
 *
 * Uses libphonenumber-js with its complete (`max`) metadata: the default `min` set only checks
 * lengths, so it would accept "99999-8888" (no area code) or "(31) 19999-8888" (no such mobile range)
 * as Brazilian numbers. Numbers without a country code are read as Brazilian.
 *
 * Decisions:
 * - Parsing is strict (`extract: false`): the text must be a phone number, not a sentence with one in it.
 * - Digits that start with 55 but carry no `+` (e.g. "5531999998888") are ambiguous: 55 is Brazil's
 *   country code and also an area code (DDD 55, Santa Maria/RS). libphonenumber first reads them as a
 *   national number and only strips a leading 55 when that reading is invalid and the rest is valid:
 *   "5531999998888" (13 digits, too long to be national) is +55 31 99999-8888, while "55999998888"
 *   (11 digits) is the Santa Maria mobile +55 55 99999-8888.
 * - Extensions ("x12", ";ext=12") are refused: a patient's phone is a line we can message.
 * - Foreign numbers written with their `+` country code are fine.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ValidationError } from '../errors';

/** Inputs longer than this are not phone numbers, however they are written. */
const MAX_PHONE_TEXT = 64;

export const INVALID_PHONE_MESSAGE =
  'not a valid phone number: include the area code, e.g. (31) 99999-8888, or the country code, e.g. +55 31 99999-8888';

/** The E.164 form of `text` (e.g. "+5531999998888"), or null when it is not a valid phone number. */
export function tryNormalizePhone(text: string): string | null {
  if (text.length > MAX_PHONE_TEXT) return null;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: 'BR', extract: false });
  if (!parsed || !parsed.isValid() || parsed.ext) return null;
  return parsed.number;
}

/** The E.164 form of `text`; a ValidationError on `field` when it is not a valid phone number. */
export function normalizePhone(text: string, field = 'phone'): string {
  const phone = tryNormalizePhone(text);
  if (phone === null) throw ValidationError.field(field, INVALID_PHONE_MESSAGE);
  return phone;
}
