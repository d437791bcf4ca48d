/**
 * What a birth date may be: a calendar date from 1900-01-01 (nobody alive was born earlier; an older
 * date is a typo or a placeholder, and would skew the no-show model's age feature) up to today.
 */
import { isValidDate, localDate } from '../time';

export const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * "Today" for a birth date is the date in Brazil's easternmost zone (Fernando de Noronha, UTC-2), the
 * first place in the country where a new day begins: a baby born today is never refused, wherever
 * the clinic is.
 */
const BIRTH_DATE_ZONE = 'America/Noronha';

/** Why `date` cannot be a birth date at `now`, or null if it can. */
export function birthDateProblem(date: string, now: Date): string | null {
  if (!isValidDate(date)) return 'expected a calendar date YYYY-MM-DD';
  if (date < EARLIEST_BIRTH_DATE) return `must not be before ${EARLIEST_BIRTH_DATE}`;
  if (date > localDate(now, BIRTH_DATE_ZONE)) return 'must not be in the future';
  return null;
}
