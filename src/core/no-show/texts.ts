/**
 * The pt-BR texts of a risk answer (locales/pt-BR/messages.ts, `noShow`): the recommendation for a
 * level, and each factor described from the appointment's own facts, for the clinic's staff.
 */
import { ptBR } from '../../../locales/pt-BR/messages';
import { fillTemplate } from '../waitlist/messages';
import { leadDays, timeOfDay, type AppointmentFacts, type BookingHistory, type FactorGroup, type PatientHistory } from './features';
import { daysBetween } from '../time';

const t = ptBR.noShow;

export type RiskLevel = 'low' | 'medium' | 'high';

/** The recommendation for a score: by level, and the strongest one (overbooking) from `veryHighFrom` up. */
export function recommendationText(level: RiskLevel, score: number, veryHighFrom: number): string {
  if (level === 'high' && score >= veryHighFrom) return t.recommendation.veryHigh;
  return t.recommendation[level];
}

export interface FactorContext {
  facts: AppointmentFacts;
  history: PatientHistory;
  bookings: BookingHistory;
  /** display names of the categorical keys in facts */
  names: { type: string | null; specialty: string | null; location: string | null };
}

const count = (n: number, none: string, one: string, many: string, values: Record<string, string>) =>
  fillTemplate(n === 0 ? none : n === 1 ? one : many, values);

export function describeFactor(group: FactorGroup, { facts, history, bookings, names }: FactorContext): string {
  const f = t.factors;
  switch (group) {
    case 'lead_time': {
      const days = leadDays(facts);
      return count(days, f.leadSameDay, f.leadOne, f.leadMany, { dias: String(days) });
    }
    case 'weekday':
      return fillTemplate(f.weekday, { artigo: ptBR.weekdayArticles[facts.weekday] ?? 'em', diaDaSemana: ptBR.weekdays[facts.weekday] ?? '' });
    case 'time_of_day': {
      const period = timeOfDay(facts.hour) as keyof typeof f.timeOfDay | null;
      return period ? f.timeOfDay[period] : f.timeOfDay.outro;
    }
    case 'age':
      return facts.age === null ? f.ageUnknown : fillTemplate(f.age, { idade: String(facts.age) });
    case 'first_visit':
      return history.visits + history.noShows === 0 ? f.firstVisit : f.returning;
    case 'no_show_history': {
      const total = history.visits + history.noShows;
      const only = total === 1 && history.noShows === 1;
      const text = only
        ? f.noShowsOnly
        : count(history.noShows, f.noShowsNone, f.noShowsOne, f.noShowsMany, { faltas: String(history.noShows), total: String(total) });
      const last = history.lastNoShow && history.noShows > 0 && !only ? f.noShowsLast : '';
      const since = history.noShowsSinceBooked;
      const sinceText = since === 0 ? '' : fillTemplate(since === 1 ? f.noShowsSinceBookedOne : f.noShowsSinceBookedMany, { n: String(since) });
      return `${text}${last}${sinceText}`;
    }
    case 'visit_history':
      return count(history.visits, f.visitsNone, f.visitsOne, f.visitsMany, { visitas: String(history.visits) });
    case 'days_since_last_visit': {
      if (history.lastDate === null) return f.sinceLastNone;
      const days = daysBetween(history.lastDate, facts.date);
      return fillTemplate(days === 1 ? f.sinceLastOne : f.sinceLastMany, { dias: String(days) });
    }
    case 'appointment_type':
      return fillTemplate(f.appointmentType, { tipo: names.type ?? facts.type ?? '' });
    case 'specialty':
      return facts.specialty ? fillTemplate(f.specialty, { especialidade: names.specialty ?? facts.specialty }) : f.specialtyNone;
    case 'booking_channel':
      return fillTemplate(f.channel, { canal: facts.channel ?? '' });
    case 'location':
      return fillTemplate(f.location, { unidade: names.location ?? facts.location ?? '' });
    case 'booking_history': {
      if (bookings.daysSinceLastBooking === null) return f.bookingsFirst;
      const days = bookings.daysSinceLastBooking;
      const since = count(days, f.bookingsSinceSameDay, f.bookingsSinceOne, f.bookingsSinceMany, { dias: String(days) });
      const others = bookings.otherBookingsSameDay;
      return others > 0 ? `${since}; ${count(others, '', f.bookingsSameDayOne, f.bookingsSameDayMany, { n: String(others) })}` : since;
    }
    case 'booking_time':
      return facts.bookedHour === null ? f.bookingTimeUnknown : fillTemplate(f.bookingTime, { hora: String(facts.bookedHour) });
  }
}
