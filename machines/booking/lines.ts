/**
 * The parts a reply is made of, by name: the machine says `{ type: 'say', params: { line: 'booked' } }`
 * and this table turns the context into the sentence from locales/pt-BR/conversation.ts. Parts of one
 * turn are joined in order; a part may be empty (nothing to add).
 */
import * as pt from '../../locales/pt-BR/conversation';
import { ptBR } from '../../locales/pt-BR/messages';
import type { MessageTemplate } from '../../src/core/model';
import { clockTime, dayOfWeek, utcToLocal } from '../../src/core/time';
import { PERIOD_MINUTES } from '../../src/core/periods';
import {
  appointmentsInQuestion,
  providersOfForm,
  clinicQuestionDate,
  clinicQuestionTopics,
  askedProviderName,
  daysWithoutAppointment,
  specificTypeAsked,
  listedDay,
  missedToldOnly,
  earlierPick,
  hoursQuestionDays,
  locationsInQuestion,
  locationsForOthersAppointment,
  missingFact,
  providerChoicePending,
  namedByEachDay,
  pendingDayChoice,
  mentionsOffer,
  asksOfferDetails,
  asksWaitlistWait,
  asksYesOrNo,
  timedOutFacts,
  today,
  tomorrow,
  wishedPeriods,
  unknownProviderAsked,
  type BookingContext,
} from './dialogue';
import { UNANSWERED_TOPICS, saysFarewellUntil, asksWhetherOffered, askKindOfText, asksForCall, asksForSomeoneElse, asksOnlyWellbeing, asksWellbeing, clinicTopics, isThanks, onlyWellbeing, salutation, saysGoodbye, saysThanks, asksProviderSpecialty, asksWhereabouts, asksProviderAway, asksAboutOthersAppointment, asksWellbeingInGreeting } from './replies';
import type { ClinicInfo, PatientAppointment, PatientWaitlistEntry, RestingState, WorldActors } from './world';
import { CHILD_SPECIALTY } from '../../locales/pt-BR/symptoms';
import { foldKey } from '../../src/core/language/normalize';
import { monthLength } from '../../src/core/language/calendar';

type Line = (c: BookingContext) => string;

function opening(c: BookingContext): string {
  // "oi doutora, tudo bem?": how we are, answered right after the hello, whatever the message goes on to ask
  const hello = asksWellbeingInGreeting(c.text) ? `${pt.hello(c.firstName, salutation(c.text))} ${pt.imWell()}` : pt.hello(c.firstName, salutation(c.text));
  return c.resumedAfterTimeout ? `${hello} ${pt.startingAfresh()}` : hello;
}

/** The opening of this turn's reply answered "tudo bem?" already (the first reply of a conversation). */
function openingAnsweredWellbeing(c: BookingContext): boolean {
  return !c.greeted && c.reply !== '' && asksWellbeingInGreeting(c.text);
}

function askMissing(c: BookingContext): string {
  // "com o joão" with two Joãos: which one, before anything else
  if (providerChoicePending(c)) return pt.askWhichProvider(c.providerChoice!.names, c.providerChoice!.about ?? null);
  const missing = missingFact(c.facts);
  const question =
    missing === 'specialty_or_provider'
      ? pt.askSpecialtyOrProvider()
      : missing === 'date'
        ? pt.askDate(c.flow === 'reschedule', c.facts.period)
        : missing === 'appointment_type'
          ? pt.askAppointmentType()
          : '';
  // "sexta dia 5", the 5th a Saturday: which of the two days (said why when the message said it)
  const choice = missing === 'date' ? pendingDayChoice(c.facts) : null;
  if (choice) {
    const conflict = c.understanding?.resolved.date_conflict;
    const which = conflict ? pt.dateConflict(conflict.day, conflict.weekday) : pt.askWhichDay(choice[0]!, choice[1]!);
    return c.started && c.flow === 'waitlist' ? `${pt.waitlistIntro()} ${which}` : which;
  }
  // "pra ontem", "dia 31/11": say why the day is not taken before asking anything
  const passed = c.understanding?.resolved.date_passed;
  const invalid = c.understanding?.resolved.date_invalid;
  const why = passed ? pt.datePassed(passed, today(c)) : invalid ? pt.dateInvalid(invalid, monthLength(invalid.month, invalid.year)) : null;
  if (why && question) return [why, c.started && c.flow === 'waitlist' ? pt.waitlistIntro() : '', question].filter(Boolean).join(' ');
  if (!question || !c.started) return question;
  if (c.flow === 'waitlist') return `${pt.waitlistIntro()} ${question}`;
  // "Sure!" (pt.sure) answers a request that starts a booking; after a greeting it is one exclamation too many
  return c.flow === 'book' && c.reply === '' ? `${pt.sure()} ${question}` : question;
}

function offer(c: BookingContext): string {
  const kind = c.offerKind;
  const asked = c.facts;
  const searched = c.query?.facts ?? asked;
  // "sexta de tarde ou sábado de manhã" on Friday evening: this afternoon is over, said before the other day's times
  const passed = c.understanding?.resolved.period_passed;
  const over = passed && passed.date === today(c) ? `${pt.periodPassedToday(passed.period)} ` : '';
  return over + pt.offer({
    kind,
    slots: c.offered,
    specialty: kind === 'other_providers' ? asked.specialty : c.query?.facts.specialty ?? asked.specialty,
    providerName: askedProviderName(asked, c.offered, c.target),
    otherProviders: searched.provider_ids.length === 0 && searched.exclude_provider_ids.length > 0,
    asked,
    placeName: kind === 'other_places' ? c.target?.location_name ?? null : null,
    askedPlace: asked.location_id ? (c.offered.find((s) => s.location.id === asked.location_id)?.location.name ?? null) : null,
    movedFrom: c.flow === 'reschedule' ? c.target?.start_time ?? null : null,
    today: today(c),
    tomorrow: tomorrow(c),
  });
}

/** What a waitlist entry for the request waits for, as stored (its days and periods). */
function waitlistWish(c: BookingContext): string {
  const f = c.facts;
  return pt.waitlistWish({ date_from: f.date_from, date_to: f.date_to, dates: f.dates, periods: wishedPeriods(f), time: f.time, today: today(c), tomorrow: tomorrow(c) });
}

/**
 * A time window asked that no waitlist period says ("na hora do almoço", "depois das 19h"), as the offer's header says
 * it ("entre 12:00 e 14:00"); '' for an exact time, a whole part of the day or none.
 */
function askedWindow(c: BookingContext): string {
  const f = c.facts;
  if (f.time || !f.time_from || !f.time_to || (f.refused_periods?.length ?? 0) > 0) return '';
  const whole = Object.values(PERIOD_MINUTES).some(([from, to]) => clockTime(from) === f.time_from && clockTime(to) === f.time_to);
  return whole ? '' : pt.timeWish(f);
}

/** The question for the next specialty queued, with the days and time it will be searched on (those of the booking just made) */
function nextSpecialty(c: BookingContext): string {
  const wish = c.facts;
  const asked = wish.date_from ? wish : null;
  return pt.nextSpecialty(c.queuedSpecialties[0]!, asked ? { asked, today: today(c), tomorrow: tomorrow(c) } : undefined);
}

/** After a timeout, a reply to the old question: the times offered then may be gone; search again for that request? */
function searchAgainAfterTimeout(c: BookingContext): string {
  if (!c.timedOutRequest) return '';
  const f = timedOutFacts(c);
  const wish = pt.waitlistWish({ date_from: f.date_from, date_to: f.date_to, dates: f.dates, periods: wishedPeriods(f), time: f.time, today: today(c), tomorrow: tomorrow(c) });
  if (c.timedOutMove) return pt.searchAgainForMoveAfterTimeout(c.timedOutMove, wish);
  return pt.searchAgainAfterTimeout(f.specialty, askedProviderName(f, [], null), wish);
}

function confirmSummary(c: BookingContext): string {
  if (!c.chosen) return '';
  if (c.flow === 'reschedule' && c.target) return pt.confirmMove(c.target, c.chosen);
  // "pra minha mãe": the appointment goes in the record of whoever writes; said before the question
  return ownRecordNoteDue(c) ? `${pt.bookedInOwnRecord(c.firstName)}\n${pt.confirmBooking(c.chosen)}` : pt.confirmBooking(c.chosen);
}

/**
 * Whether a summary now says that the appointment goes in the patient's own record: the booking is for a relative,
 * and it was not said yet in this conversation about that relative (once per relative, not on every summary).
 */
export function ownRecordNoteDue(c: BookingContext): boolean {
  return c.forSomeoneElse && !(c.ownRecordToldFor ?? []).includes(c.relativeFor ?? '');
}

/** Whether a line about to be said tells that the appointment goes in the patient's own record (then noted as told). */
export function tellsOwnRecord(c: BookingContext, line: string): boolean {
  return ownRecordNoteDue(c) && line.includes(pt.bookedInOwnRecord(c.firstName));
}

/** The type of the appointment in play (chosen, just booked, or the times on offer), or null. */
function typeInPlay(c: BookingContext): string | null {
  if (c.chosen) return c.chosen.appointment_type_id;
  if (c.from === 'done' && c.lastAppointment && c.lastAppointment.status !== 'cancelled') return c.lastAppointment.appointment_type_id;
  return c.offered[0]?.appointment_type_id ?? null;
}

/** Minutes of the appointment in play (chosen, just booked, or every time on offer alike); null when not one length. */
function durationInPlay(c: BookingContext): number | null {
  const minutes = (s: { start_at: string; end_at: string }) => Math.round((Date.parse(s.end_at) - Date.parse(s.start_at)) / 60_000);
  if (c.chosen) return minutes(c.chosen);
  if (c.from === 'done' && c.lastAppointment && c.lastAppointment.status !== 'cancelled') return minutes(c.lastAppointment);
  const lengths = new Set(c.offered.map(minutes));
  return lengths.size === 1 ? [...lengths][0]! : null;
}

/** "o dr paulo é dermatologista?" of one who is not: no, and who of that specialty there is (`providers`) */
export function providerDoesNotPractise(c: BookingContext, providers: ReadonlyArray<{ name: string | null }>): string {
  const u = c.understanding;
  const name = u?.provider_names[0] ?? null;
  if (!u || !name || !u.resolved.specialty) return '';
  return pt.providerDoesNotPractise(name, u.resolved.specialty, providers.map((p) => p.name).filter((n): n is string => n !== null));
}

/** "vou chegar atrasada": thanked, with the patient's appointments of today (of those listed) named. */
export function lateNoted(c: BookingContext, appointments: readonly PatientAppointment[]): string {
  // "vou chegar atrasada amanhã": tomorrow's appointments, not today's
  const resolved = c.understanding?.resolved;
  const onTomorrow = !!resolved && resolved.date_from === tomorrow(c) && resolved.date_to === tomorrow(c);
  const day = onTomorrow ? tomorrow(c) : today(c);
  return pt.lateNoted(
    appointments.filter((a) => a.date === day),
    onTomorrow,
  );
}

/**
 * The clinic question asked beside being late ("vou chegar atrasada, onde estaciono?"), answered as with nothing else
 * pending, then one person offered: to tell the front desk, and to answer the question too when there is no data for
 * it here (one question in the reply, not one for each).
 */
export function lateAside(c: BookingContext): string {
  if (c.pendingAsk === '') return pt.offerLateHandoff();
  const asked = { ...c, text: c.pendingAsk, understanding: null, from: 'done' as const };
  return appendPart(clinicAnswer(asked), pt.offerLateHandoff(unansweredTopics(asked).length > 0));
}

/**
 * How long it takes: the appointment in play's length, else the clinic's types (the one the message names, else those
 * of the specialty in play and those of none), when each one's length is known; null when it is not.
 */
function durationAnswer(c: BookingContext, info: ClinicInfo | null): string | null {
  const types = info?.appointment_types ?? [];
  const u = c.understanding;
  const named = u?.entities.appointment_type ? types.find((t) => t.id === u.resolved.appointment_type_id) : undefined;
  // "e o retorno?" while consultas are on offer: the type named, not the one in play
  const inPlay = named && typeInPlay(c) !== named.id ? null : durationInPlay(c);
  if (inPlay !== null) return pt.appointmentDuration(inPlay);
  const specialty = c.facts.specialty ?? u?.resolved.specialty ?? null;
  const fits = (t: (typeof types)[number]) => t.specialty === null || (specialty !== null && foldKey(t.specialty) === foldKey(specialty));
  const asked = named ? [named] : types.some(fits) ? types.filter(fits) : types;
  if (asked.length === 0 || asked.some((t) => t.duration_minutes === null)) return null;
  return pt.typeDurations(asked.map((t) => ({ name: t.name, minutes: t.duration_minutes! })));
}

/** The clinic questions of the message there is no data for here (how long it takes is known for the appointment in play, or the clinic's types). */
export function unansweredTopics(c: BookingContext, info: ClinicInfo | null = c.info): pt.UnansweredTopic[] {
  const duration = durationAnswer(c, info);
  return clinicTopics(c.text).filter(
    (t): t is pt.UnansweredTopic =>
      (UNANSWERED_TOPICS.includes(t) && !(t === 'duration' && duration !== null)) || (t === 'children' && childSpecialty(info) === null),
  );
}

/** The catalog's specialty for children (Pediatria, as the clinic spells it), or null when it has none. */
export function childSpecialty(info: ClinicInfo | null): string | null {
  return info?.specialties.find((s) => foldKey(s) === foldKey(CHILD_SPECIALTY)) ?? null;
}

/** "tenho consulta sexta?" with none that day: that day (or those days), named before the appointments there are */
function missedListedDay(c: BookingContext): string {
  const day = listedDay(c);
  if (!day) return '';
  return day.from === day.to ? pt.noAppointmentOn([day.from], today(c), tomorrow(c)) : pt.noAppointmentInDays();
}

/** "onde vai ser a consulta de amanhã?" with none tomorrow: that day said; else (a provider, a specialty) none with those details. */
function addressedAppointmentMissing(c: BookingContext): string {
  const r = c.understanding?.resolved;
  const namesWhom = !!r && (r.provider_ids.length > 0 || (c.understanding?.entities.specialty != null && r.specialty !== null));
  const day = listedDay(c);
  if (!day || namesWhom) return pt.noSuchAppointment();
  return day.from === day.to ? pt.noAppointmentOn([day.from], today(c), tomorrow(c)) : pt.noAppointmentInDays();
}

/** Right after a booking or a move (done) to later today: that time, as it has no eve to be reminded on; else null. */
function justBookedToday(c: BookingContext): string | null {
  const last = c.lastAppointment;
  return c.from === 'done' && last !== null && last.status !== 'cancelled' && last.date === today(c) ? last.start_time : null;
}

function clinicAnswer(c: BookingContext): string {
  const locations = locationsInQuestion(c);
  const u = c.understanding;
  const duration = durationAnswer(c, c.info);
  const topics = clinicQuestionTopics(c);
  const unanswered = unansweredTopics(c);
  const known = topics
    .filter((t) => !(unanswered as string[]).includes(t))
    .map((topic) => {
      switch (topic) {
        case 'duration':
          return duration!;
        case 'address': {
          // asked where their own appointment is: where the patient's appointments are, when there are any; one named
          // that the patient does not have (a day, a provider) is said not found before them, never passed off as it
          // someone else's ("meu marido tem consulta amanhã, onde fica?"): only the patient's own are seen here; the clinic's addresses
          if (asksAboutOthersAppointment(c.text, c.firstName)) return `${pt.ownRecordListed()} ${pt.addresses(locationsForOthersAppointment(c))}`;
          const own = appointmentsInQuestion(c);
          if (own.appointments.length === 0) return pt.addresses(locations);
          return [own.missed ? addressedAppointmentMissing(c) : '', pt.appointmentAddresses(own.appointments)].filter(Boolean).join(' ');
        }
        case 'hours':
        {
          const day = clinicQuestionDate(c);
          return day ? pt.openingHoursOn(day, locations) : pt.openingHours(locations);
        }
        case 'bring':
          return pt.whatToBring();
        case 'price':
          return pt.prices();
        case 'fasting':
          return pt.fasting();
        case 'insurance':
          return pt.insurance();
        case 'children':
          return pt.childCare(childSpecialty(c.info)!);
        case 'specialties':
          return pt.specialtiesOffered(c.info?.specialties ?? []);
        case 'reminder':
          // right after booking a time later today: no eve to remind on (the booking's reply promised none)
          return pt.reminderSent(justBookedToday(c));
        default:
          return '';
      }
    });
  if (unanswered.length === 0) return known.join('\n');
  // no data here: say so; a person is offered as the question when nothing else is pending (offerStaffAnswer), else only said
  const pending = c.from !== 'idle' && c.from !== 'done';
  const none = [pt.noClinicInfo(unanswered), pending ? pt.staffCanAnswer() : ''].filter(Boolean).join(' ');
  return [...known, none].join('\n');
}

function appointmentPurpose(c: BookingContext): pt.AppointmentPurpose {
  return c.purpose === 'reschedule' ? 'reschedule' : c.purpose === 'confirm' || c.purpose === 'confirm_ask' ? 'confirm' : 'cancel';
}

/** The question a resting state is waiting on, asked again after a digression or a misunderstanding. */
export function pendingQuestion(c: BookingContext, state: RestingState): string {
  switch (state) {
    case 'idle':
      return pt.anythingElse();
    case 'collecting':
      // "Quer remarcar essa consulta?" still stands: it again
      if (c.sameDay) return pt.sameDayAgain(c.sameDay);
      return askMissing({ ...c, started: false, understanding: null });
    case 'offering':
      return pt.whichOne();
    case 'confirming':
      return confirmSummary(c);
    case 'done':
      if (c.followUp === 'next_specialty' && c.queuedSpecialties[0]) return nextSpecialty(c);
      if (c.followUp === 'handoff') return pt.offerStaffAnswer();
      if (c.followUp === 'patient_name') return pt.askPatientName();
      if (c.followUp === 'pending_ask' && c.pendingAsk) return pt.goOnWithAsk(askKindOfText(c.pendingAsk), c.pendingAsk);
      if (c.followUp === 'resume' && c.timedOutRequest) return searchAgainAfterTimeout(c);
      if (c.followUp === 'cancel_or_move' && c.target) return pt.cancelOrMoveQuestion(c.target);
      if (c.followUp === 'join_waitlist') return pt.joinWaitlistOf({ specialty: c.facts.specialty, provider_name: askedProviderName(c.facts, [], null), location_name: null }, false);
      return c.followUp === 'rebook' ? pt.wantAnotherTime() : c.followUp === 'book' ? pt.wantNewBooking() : pt.anythingElse();
    case 'choosing_appointment':
      return pt.whichAppointment(appointmentPurpose(c), c.appointments.length, c.appointments.length === 1 ? c.appointments[0]! : null);
    case 'confirming_cancel':
      return c.targets.length > 1 ? pt.cancelAllQuestion(c.targets.length) : c.target ? pt.confirmCancel(c.target) : '';
    case 'confirming_appointment':
      return c.target ? pt.confirmPresence(c.target) : '';
    case 'cancel_or_stop':
      return pt.cancelOrStop();
    case 'waitlist_offered':
      return pt.waitlistOffer(c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c), askedWindow(c));
    case 'handoff':
      return '';
  }
}

/**
 * The answer to "quais dias a dra ana atende?", "o dermato atende sábado?": each provider asked (or of the
 * specialty asked) with their weekly hours, and a yes or no to the place or weekday asked.
 */
export function hoursAnswer(c: BookingContext, found: WorldActors['specialtyHours']['output']): string {
  const r = c.understanding?.resolved;
  const place = r?.location_id ? (found.places.find((p) => p.id === r.location_id)?.name ?? null) : null;
  // one day asked ("sábado"): its weekday
  const day = r?.date_from && r.date_from === r.date_to ? new Date(`${r.date_from}T12:00:00Z`).getUTCDay() : null;
  // a period or time range asked ("de tarde", "depois das 15h")
  const period = r?.time_from && r.time_to ? { period: c.understanding?.entities.period ?? null, from: r.time_from, to: r.time_to } : null;
  const named = r?.provider_ids ?? [];
  const ids = named.length > 0 ? named : [...new Set(found.hours.map((h) => h.provider_id))];
  // the dates asked (or the coming week), read with their overrides: a day the weekly hours promise but a
  // blocked date takes away is said
  const dates = found.dayHours ? (hoursQuestionDays(c) ?? []) : [];
  const away = asksProviderAway(c.text);
  const whereabouts = asksWhereabouts(c.text);
  const answers = ids.flatMap((id) => {
    const own = found.hours.filter((h) => h.provider_id === id);
    const name = own[0]?.provider_name ?? c.understanding?.provider_names[named.indexOf(id)] ?? null;
    if (!name) return [];
    const atPlace = (locationId: string) => !r?.location_id || locationId === r.location_id;
    const daysOff = dates.filter(
      (date) =>
        own.some((h) => h.day_of_week === dayOfWeek(date) && atPlace(h.location_id)) &&
        !found.dayHours!.some((h) => h.provider_id === id && h.date === date && atPlace(h.location_id)),
    );
    const date = r?.date_from && r.date_from === r.date_to ? r.date_from : null;
    // "o dr paulo tá de férias?": what the coming week's schedule shows first (the days off said there, not again below)
    // (the days' overrides not read: nothing known of an absence)
    const awayLine = !away
      ? ''
      : found.dayHours
        ? pt.providerAway(name, { workDays: dates.filter((d) => found.dayHours!.some((h) => h.provider_id === id && h.date === d)), daysOff, span: dates.length })
        : pt.noInfoOnProvider([name]);
    const lead = awayLine ? `${awayLine} ` : '';
    // "o dr paulo tá de férias?" alone: that, then the weekly hours
    if (away && !whereabouts) return [`${lead}${pt.providerHours(name, own, { place, day: null, period })}`];
    // "cadê o dr paulo?", "ele tá aí hoje?": where and when they work, then whether they work today (and where)
    if (whereabouts && (date === null || date === today(c)) && place === null && period === null) {
      const todays = found.dayHours
        ? found.dayHours.filter((h) => h.provider_id === id && h.date === today(c))
        : own.filter((h) => h.day_of_week === dayOfWeek(today(c)));
      const now = utcToLocal(new Date(c.now), c.timezone).time;
      return [`${lead}${pt.providerHours(name, own, { place: null, day: null })} ${pt.providerToday(name, today(c), todays, now)}`];
    }
    return [pt.providerHours(name, own, { place, day, period, date, daysOff })];
  });
  // "quais dias a dra ana atende? e onde fica?": where asked too, the addresses of the places in the answer
  if (clinicTopics(c.text).includes('address')) {
    const placeIds = new Set(
      found.hours.filter((h) => ids.includes(h.provider_id) && (!r?.location_id || h.location_id === r.location_id) && (day === null || h.day_of_week === day)).map((h) => h.location_id),
    );
    const where = found.places.filter((p) => placeIds.has(p.id)).map((p) => ({ name: p.name, address: p.address, hours: [] }));
    if (where.length > 0) answers.push(pt.addresses(where));
  }
  return answers.join(' ');
}

/**
 * "tô na lista de espera?": the patient's entries (what each waits for, its place) and a freed time awaiting their
 * answer; "ainda tô na fila do dermato?" with none of Dermatologia: said so, and the entries there are
 */
function waitlistStatusLine(c: BookingContext): string {
  const s = c.waitlistStatus;
  if (!s) return '';
  const view = (e: PatientWaitlistEntry): pt.WaitlistEntryView => ({
    specialty: e.specialty,
    provider_name: e.provider_name,
    wish: pt.waitlistWish({ date_from: e.date_from, date_to: e.date_to, periods: e.periods, time: null, today: today(c), tomorrow: tomorrow(c) }),
    position: e.position,
  });
  const missed = s.asked && s.entries.length === 0 && s.others && s.others.length > 0 ? { asked: s.asked, others: s.others.map(view) } : null;
  // "recebi uma mensagem de vaga, ainda tá disponível?": whether the freed time is still there comes first
  if (mentionsOffer(c.text)) {
    if (s.offer) return asksOfferDetails(c.text) ? pt.offerDetails(s.offer) : pt.offerStillAvailable(s.offer);
    return `${pt.offerNoLongerAvailable()} ${pt.waitlistStatus(s.entries.map(view), null, missed, false)}`;
  }
  // "quanto tempo demora?": that it cannot be told, then where the patient is (no "Sim," opens it)
  if (asksWaitlistWait(c.text)) return `${pt.waitCannotBeTold()} ${pt.waitlistStatus(s.entries.map(view), s.offer, missed, false)}`;
  // "em quais listas eu estou?" asks which, not whether: no "Sim," before the entries
  return pt.waitlistStatus(s.entries.map(view), s.offer, missed, asksYesOrNo(c.text));
}

/** One of the patient's entries, as the replies name it. */
function waitlistEntryView(c: BookingContext, e: PatientWaitlistEntry): pt.WaitlistEntryView {
  return {
    specialty: e.specialty,
    provider_name: e.provider_name,
    wish: pt.waitlistWish({ date_from: e.date_from, date_to: e.date_to, periods: e.periods, time: null, today: today(c), tomorrow: tomorrow(c) }),
    position: e.position,
  };
}

/** "me tira da lista de espera do dermato" with no entry of it: said before the entries there are ('' otherwise) */
function missedWaitlistLine(c: BookingContext): string {
  const s = c.waitlistStatus;
  return s?.asked && s.entries.length === 0 && s.others?.length ? `${pt.notOnAskedWaitlistOf(s.asked)} ` : '';
}

/** "Não há atendimento de Cardiologia no domingo, 29/11.": a waitlist request for days no one works */
export function noHoursOnDays(c: BookingContext, days: readonly string[]): string {
  return pt.noHoursOnDays(c.facts.specialty, askedProviderName(c.facts, [], null), days);
}

/**
 * "Aqui vejo só as consultas do seu cadastro." before a list, or a cancel or a confirmation asked about, said for
 * someone else ("a consulta da minha filha"), or nothing
 */
function forSomeoneElse(c: BookingContext): string {
  const asked = c.purpose === 'list' || c.purpose === 'cancel' || c.purpose === 'reschedule' || c.purpose === 'confirm' || c.purpose === 'confirm_ask';
  return asked && asksForSomeoneElse(c.text, c.firstName) ? `${pt.ownRecordListed()} ` : '';
}

/** the reply so far already thanks the patient ("Tudo bem, obrigado!") */
function thankedInReply(c: BookingContext): boolean {
  return /\bobrigad[oa]\b/i.test(c.reply);
}

export const LINES = {
  opening,
  /** "bom dia": hello (unless the reply opened with it), and what we can do when nothing is pending */
  greeting: (c) => {
    // once greeted, a bare "how are you?" gets no second hello (a greeting word again does)
    const again = c.greeted && (onlyWellbeing(c.text) || asksOnlyWellbeing(c.text));
    const hello = c.reply === '' && !again ? pt.hello(c.firstName, salutation(c.text)) : '';
    const well = (asksWellbeing(c.text) || asksOnlyWellbeing(c.text)) && !openingAnsweredWellbeing(c) ? pt.imWell() : '';
    const pending = c.from === 'idle' || c.from === 'done' ? pt.howCanIHelp() : '';
    return [hello, well, pending].filter(Boolean).join(' ');
  },
  help: () => pt.help(),
  /** laughter or emoji alone as the first message: how we can help (later, the pending question follows instead) */
  reactionFirst: (c) => (!c.greeted && c.from === 'idle' ? pt.howCanIHelp() : ''),
  notUnderstood: (c) => {
    // the first message after a timeout may answer a question of the old conversation: no apology, what we can do
    if (c.resumedAfterTimeout && !c.greeted && c.from === 'idle') return pt.afreshWhatDoYouNeed();
    return c.from === 'idle' || c.from === 'done' ? pt.notUnderstoodWhatWeDo() : pt.notUnderstood();
  },
  searchAgainAfterTimeout,
  unreadable: () => pt.unreadable(),
  /** after three turns not understood the handoff says so */
  handoff: (c) => (c.struck ? pt.handoffAfterMisunderstanding() : asksForCall(c.text) ? pt.handoffNoCalls() : pt.handoff()),
  /** "me liga" and no person could be called either: what we can do here */
  handoffFailed: (c) => (asksForCall(c.text) ? pt.noCallsNoHandoff() : pt.handoffFailed()),
  youAreWelcome: () => pt.youAreWelcome(),
  goodbye: (c) => pt.goodbye(saysThanks(c.text) ? 'thanks' : saysGoodbye(c.text) || saysFarewellUntil(c.text) ? 'bye' : 'nothing'),
  leavingMidway: (c) => pt.leavingMidway(saysThanks(c.text)),
  /** "então me avisa" right after joining the waitlist */
  willLetYouKnow: () => pt.willLetYouKnow(),
  acknowledged: () => pt.acknowledged(),
  howCanIHelp: () => pt.howCanIHelp(),
  steppedBack: () => pt.steppedBack(),
  backToOptions: (c) => pt.backToOptions(c.offered),
  /** the booking set aside for a waitlist question, taken up again: the times on offer listed again, else its question */
  resumedBooking: (c) => (c.from === 'offering' && c.offered.length > 0 ? pt.offeredStill(c.offered) : pendingQuestion(c, c.from)),
  nothingToGoBack: () => pt.nothingToGoBack(),
  // another ask of the same message waits: it is read now, no question first
  anythingElse: (c) => (c.pendingAsk ? '' : pt.anythingElse()),
  /** the first of two asks turned down: whether to go on with the second, in the patient's words */
  goOnWithPendingAsk: (c) => pt.goOnWithAsk(askKindOfText(c.pendingAsk), c.pendingAsk),
  sureWhatDoYouNeed: () => pt.sureWhatDoYouNeed(),
  /** the question a resting state waits on: added only when the reply asks nothing yet */
  pending: (c) => (c.reply.includes('?') ? '' : pendingQuestion(c, c.from)),
  /** "ok" alone to an open question: it again, briefly, with an example of an answer */
  askMissingWithExample: (c) =>
    missingFact(c.facts) === 'specialty_or_provider' ? pt.askSpecialtyOrProviderWithExample(c.info?.specialties ?? []) : pt.askDateWithExample(c.flow === 'reschedule', c.facts.period),
  askMissing,
  /** "qualquer uma" to "Com qual especialidade ou profissional?": the clinic's specialties, and which one */
  specialtiesToChoose: (c) => pt.specialtiesToChoose(c.info?.specialties ?? []),
  /** specialties asked each with its own day, split into asks of their own: the specialties asked, one at a time */
  oneAtATimeAsked: (c) => {
    const asked = c.understanding?.resolved.specialties ?? [];
    return asked.length > 1 ? pt.oneAtATime(asked) : '';
  },
  /** "cardio e dermato": say the booking goes one specialty at a time (nothing otherwise) */
  oneAtATime: (c) => {
    const queued = c.queuedSpecialties;
    return c.flow === 'book' && c.facts.specialty && queued.length > 0 ? pt.oneAtATime([c.facts.specialty, ...queued]) : '';
  },
  /** "cancela a do dr paulo" with none with him; "a de segunda e a de quinta" with none on Thursday: that day, named */
  noSuchAppointment: (c) => {
    // a missed appointment told, none found: a new time is offered instead (machine.ts `listed`)
    if (!c.appointmentMissed || missedToldOnly(c)) return '';
    // "tenho consulta sexta?" with none that day: that day (or those days), named before the appointments there are
    if (c.purpose === 'list') return missedListedDay(c);
    const days = daysWithoutAppointment(c.appointments, c.text, today(c));
    if (days.length > 0) return pt.noAppointmentOn(days, today(c), tomorrow(c));
    // "a de cardio e a de ortopedia" with none of Ortopedia: that specialty named, not "with these details"
    const specialties = c.understanding?.entities.specialty ? (c.understanding.resolved.specialties ?? []) : [];
    const without = specialties.filter((s) => !c.appointments.some((a) => a.specialty === s));
    if (specialties.length > 1 && without.length > 0 && without.length < specialties.length) return pt.noAppointmentOfSpecialty(without);
    // "desmarca meu retorno" with only a consulta: the type there is, against the one asked
    const typeAsked = specificTypeAsked(c.understanding);
    const types = [...new Set(c.appointments.map((a) => a.appointment_type_name))];
    if (typeAsked !== null && types.length === 1 && !c.appointments.some((a) => a.appointment_type_id === typeAsked)) {
      return pt.otherTypeThanAsked(types[0]!, c.understanding!.entities.appointment_type!);
    }
    return pt.noSuchAppointment();
  },
  /** the same, of a list asked in the middle of a booking or a move (whose purpose stays the flow's) */
  noAppointmentOnListedDay: (c) => (c.appointmentMissed ? missedListedDay(c) : ''),
  /** "tem pediatra?" with nothing else asked: the clinic has it, said before when is asked */
  specialtyAvailable: (c) =>
    c.flow === 'book' &&
    c.facts.specialty &&
    !c.facts.date_from &&
    c.facts.provider_ids.length === 0 &&
    // "tem algum médico homem de cardio?": the providers of that form answer it
    !c.understanding?.resolved.provider_form &&
    asksWhetherOffered(c.text)
      ? pt.specialtyAvailable(c.facts.specialty)
      : '',
  /** "é pra minha filha de 8 anos" alone, while booking: taken in, the question follows */
  notedWhoFor: () => pt.notedWhoFor(),
  /** a health plan said with the booking: which plans are taken is not known here (the front desk confirms) */
  insuranceNotChecked: () => pt.insurance(),
  /** "o dr rui é dermatologista?" of one who is */
  providerPractises: (c) => {
    const u = c.understanding;
    const name = u?.provider_names[0] ?? null;
    return name && u?.resolved.specialty ? pt.providerPractises(name, u.resolved.specialty) : '';
  },
  /** "ontem a dra ana me atendeu muito bem, obrigada": thanks for a past visit taken in */
  gladToHear: () => pt.gladToHear(),
  /**
   * "o dr paulo atende criança?": the clinic has no ages on file, so nothing is claimed and a person is offered (the hours
   * follow); a provider of the clinic's specialty for children is of it, which is said instead
   */
  childrenOnProvider: (c) => {
    const u = c.understanding;
    if (!u || u.resolved.provider_ids.length !== 1 || !clinicTopics(c.text).includes('children')) return '';
    const name = u.provider_names[0] ?? null;
    const specialty = u.resolved.specialty;
    if (name && specialty && foldKey(specialty) === foldKey(CHILD_SPECIALTY)) return pt.providerSpecialty(name, specialty);
    return `${pt.noChildInfoOnProvider(name)} ${pt.staffCanAnswer()}`;
  },
  /** "não tem sexta?" to Friday's times: they already are */
  timesAreOfThatDay: (c) => (c.offered[0] ? pt.timesAreOfThatDay(c.offered[0].date, today(c), tomorrow(c)) : ''),
  /** "perdi minha consulta ontem": no blame, a new time offered (the booking's question follows) */
  missedAppointment: () => pt.missedAppointment(),
  /**
   * "ontem fui atendida pela dra ana": taken in, how we can help; "oi tudo bem? ontem fui atendida pelo dr paulo": after
   * "Tudo bem, obrigado!" no second thanks (here and in thanksForTelling)
   */
  pastVisitNoted: (c) => pt.pastVisitNoted(thankedInReply(c)),
  thanksForTelling: (c) => pt.thanksForTelling(thankedInReply(c)),
  /** "ontem fui atendida pela dra ana e ela pediu retorno": the return visit with her (the booking's question follows) */
  returnVisit: (c) => pt.returnVisit(c.understanding?.resolved.provider_ids.length === 1 ? (c.understanding.provider_names[0] ?? null) : null),
  /** "o dr paulo tem whatsapp?": no data on that; what the clinic has on them follows */
  // "a dra ana é cardiologista?": the specialty line that follows answers it
  // "qual a especialidade do dr rui?": the specialty line that follows answers it
  noInfoOnProvider: (c) => (asksProviderSpecialty(c.text) ? '' : pt.noInfoOnProvider(c.understanding?.provider_names ?? [])),
  /** the same, then that a person can answer (said, not asked) */
  // "o consultório do dr paulo é no centro?": the hours at that place that follow answer it
  noInfoOnProviderStaffCan: (c) => (asksProviderSpecialty(c.text) || c.understanding?.entities.location ? '' : `${pt.noInfoOnProvider(c.understanding?.provider_names ?? [])} ${pt.staffCanAnswer()}`),
  /** a provider asked about (not their hours): the specialty they see, when one */
  providerSpecialty: (c) => {
    const u = c.understanding;
    const name = u?.provider_names[0] ?? null;
    // only the specialty the provider's own resolves to: one named in the message ("o dr paulo é dermatologista?") may not be theirs
    // ("o dr paulo é no centro?": the hours at that place answer it, the yes or no first)
    return u && name && u.resolved.provider_ids.length === 1 && u.entities.specialty === null && u.entities.location === null && u.resolved.specialty ? pt.providerSpecialty(name, u.resolved.specialty) : '';
  },
  /** "o dr paulo é bom?": no opinion given, what the clinic has on them follows */
  noOpinion: () => pt.noOpinion(),
  noOpinionBeside: () => pt.noOpinionBeside(),
  /** "quero falar com o dr paulo": not put through here; the front desk can be called */
  cannotPutThrough: (c) => pt.cannotPutThrough(c.understanding?.provider_names[0] ?? null),
  /** an online visit asked with the booking: not booked here, the times are in person */
  onlineNotBooked: () => pt.onlineNotBooked(),
  squeezeInNotDone: () => pt.squeezeInNotDone(),
  specialtyNotPractised: (c) => {
    const u = c.understanding;
    const mismatch = u?.resolved.specialty_not_practised;
    const name = u?.resolved.provider_ids.length === 1 ? (c.facts.provider_name ?? u.provider_names[0] ?? null) : null;
    return mismatch && name ? pt.specialtyNotPractised(name, mismatch.asked, mismatch.practised) : '';
  },
  /** "dr joão" with no one of that name: said, and the booking goes on (its question, or whom of a form there is) */
  noSuchProvider: (c) => {
    const asked = unknownProviderAsked(c);
    return asked ? pt.noSuchProvider(asked.title, asked.name) : '';
  },
  /** "cardio e neuro" where the clinic has no neurology: say so, and go on with the others */
  specialtiesLeftOut: (c) => (c.droppedSpecialties.length > 0 ? pt.specialtiesLeftOut(c.droppedSpecialties) : ''),
  nextSpecialty: (c) => (c.queuedSpecialties[0] ? nextSpecialty(c) : pt.anythingElse()),
  waitlistIntro: () => pt.waitlistIntro(),
  offer,
  optionsAgain: (c) => pt.optionsAgain(c.offered),
  /** "sim" to "Qual prefere?" with several options: which one, and how to say it */
  whichOptionAgain: (c) => pt.whichOptionAgain(c.offered.length),
  whoOnOffer: (c) => pt.whoOnOffer(c.offered),
  whoChosen: (c) => (c.chosen ? pt.whoChosen(c.chosen) : ''),
  /** another doctor asked for and none is free: said, and the options on offer again */
  noOtherProvider: (c) => pt.nothingWithOtherProviders(c.query?.facts.specialty ?? c.facts.specialty),
  optionsStillThere: (c) => pt.optionsStillThere(c.offered),
  noneSuits: () => pt.noneSuits(),
  whichChangeAgain: () => pt.whichChangeAgain(),
  nothingLater: () => pt.nothingLater(),
  nothingEarlier: () => pt.nothingEarlier(),
  nothingElse: () => pt.nothingElse(),
  searchTrouble: () => pt.searchTrouble(),
  confirmSummary,
  booked: (c) => pt.booked(c.chosen, today(c)),
  /** after a booking, a patient known only by a phone: their full name, for the record (the reply's one question) */
  askPatientName: () => pt.askPatientName(),
  patientNameSaved: (c) => pt.patientNameSaved(c.firstName),
  patientNameNotGiven: () => pt.patientNameNotGiven(),
  patientNameNotSaved: () => pt.patientNameNotSaved(),
  moved: (c) => (c.chosen ? pt.moved(c.chosen, today(c), c.target !== null && c.chosen.provider_id !== c.target.provider_id) : ''),
  slotTaken: () => pt.slotTaken(),
  /** "a das 13:30" from an earlier list, no longer free */
  earlierOptionGone: (c) => {
    const picked = earlierPick(c);
    return picked ? pt.earlierOptionGone(picked.start_time) : pt.slotTaken();
  },
  slotRefused: () => pt.slotRefused(),
  writeTrouble: () => pt.writeTrouble(),
  /** "quero marcar dermato sexta" with a dermatology appointment that Friday: it, and whether to move it */
  sameDayAppointment: (c) => (c.sameDay ? pt.sameDayAppointment(c.sameDay) : ''),
  /** "quero outra cardio sexta" while moving: the appointment moved stays as it was */
  anotherBesideMove: (c) => (c.target ? pt.anotherOneBeside(c.target) : pt.anotherOne()),
  /** facts given instead of yes or no to moving the appointment that day: a new one besides it, which stays */
  anotherOneBeside: (c) => (c.sameDay ? pt.anotherOneBeside(c.sameDay) : pt.anotherOne()),
  anotherOne: (c) => pt.anotherOne(c.sameDay),
  /** "pediatra no centro", "clínico geral à noite": where or when there are hours instead */
  unservedAsk: (c) =>
    c.unserved ? pt.unservedAsk({ specialty: c.facts.specialty, providerName: askedProviderName(c.facts, [], null), ...c.unserved }) : '',
  specialtyNotOffered: (c) =>
    pt.specialtyNotOffered([c.facts.specialty, ...c.queuedSpecialties].filter((s): s is string => !!s), c.info?.specialties ?? []),
  /** "tem lista de espera?" while booking: yes, and joining it for this request asked */
  waitlistExists: (c) => pt.waitlistExists(c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c)),
  waitlistOffer: (c) => pt.waitlistOffer(c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c), askedWindow(c)),
  /** "tem vaga pra amanhã?" while the times of a waitlist request are on offer, and none then: joining that asked */
  noTimesThenWaitlist: (c) => pt.noTimesThenWaitlist(c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c)),
  /** the same waitlist request again: the entry there is (kept in waitlistStatus), no second one */
  alreadyOnWaitlist: (c) => {
    const e = c.waitlistStatus?.entries[0];
    if (!e) return '';
    const wish = pt.waitlistWish({ date_from: e.date_from, date_to: e.date_to, periods: e.periods, time: null, today: today(c), tomorrow: tomorrow(c) });
    return pt.alreadyOnWaitlist({ specialty: e.specialty, provider_name: e.provider_name, wish, position: e.position });
  },
  /** a waitlist request for a part of the day no one works: an entry for the parts they do work asked before it is written */
  joinOtherPeriods: (c) =>
    pt.waitlistOtherPeriods(c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c), c.periodUnworked?.periods ?? []),
  waitlistJoined: (c) => pt.waitlistJoined(c.waitlistPosition ?? 1, c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c)),
  /** "tô na lista de espera?": the patient's entries (waitlistStatusLine) */
  waitlistStatus: (c) => waitlistStatusLine(c),
  /** "ainda tô na fila do dermato?" with no entry for it: the entries there are (waitlistStatus), or none at all */
  notOnAskedWaitlist: (c) => (c.waitlistStatus?.others?.length ? waitlistStatusLine(c) : pt.notOnWaitlistNow()),
  /** then joining that waitlist offered ("também" beside the entries there are) */
  joinAskedWaitlist: (c) => {
    const asked = c.waitlistStatus?.asked;
    return asked ? pt.joinWaitlistOf(asked, (c.waitlistStatus?.others?.length ?? 0) > 0) : '';
  },
  notOnWaitlist: (c) => (mentionsOffer(c.text) ? `${pt.offerNoLongerAvailable()} ${pt.notOnWaitlist()}` : pt.notOnWaitlist()),
  notOnWaitlistNow: () => pt.notOnWaitlistNow(),
  waitlistHasRoom: () => pt.waitlistHasRoom(),
  waitlistIfNone: () => pt.waitlistIfNone(),
  waitlistFailed: () => pt.waitlistFailed(),
  offerBooked: (c) => (c.waitlistOffer ? pt.offerBooked(c.waitlistOffer, today(c)) : pt.booked()),
  offerTaken: () => pt.offerTaken(),
  offerRefused: () => pt.offerRefused(),
  offerDeclined: () => pt.offerDeclined(),
  okay: () => pt.okay(),
  /** "não sei" to "Para quando?": the nearest times follow */
  unsureOfDate: () => pt.unsureOfDate(),
  /** "ainda não sei se confirmo" to the summary: no rush (the summary follows) */
  noRush: () => pt.noRush(),
  /** "deu certo?" in the middle of a booking or a move: nothing done yet, and what is missing */
  notDoneYet: (c) => pt.notDoneYet(c.from === 'offering' ? 'pick' : c.from === 'confirming' ? 'confirm' : 'other', c.flow === 'reschedule', c.from === 'offering' ? c.offered : [], c.target),
  /** "deu certo?" right after a booking, a move or a cancel: yes, and what was done */
  itWorked: (c) => (c.lastAppointment ? pt.itWorked(c.lastAppointment, c.lastAppointment.status === 'cancelled') : ''),
  nothingToMoveTo: (c) =>
    c.otherProvider && c.facts.provider_ids.length === 0
      ? pt.nothingWithOtherProviders(c.facts.specialty)
      : pt.nothingToMoveTo(askedProviderName(c.facts, [], c.target)),
  /** the appointments; asked for someone else ("o pedro tem consulta sexta?"), said to be the patient's own record first */
  appointmentList: (c) => `${forSomeoneElse(c)}${pt.appointmentList(c.appointments)}`,
  noAppointments: (c) => `${forSomeoneElse(c)}${pt.noAppointments()}`,
  wantNewBooking: (c) => (c.pendingAsk ? '' : pt.wantNewBooking()),
  chooseAppointment: (c) => {
    // "remarcar a de segunda e a de terça": moves are one at a time; which one first
    const several = c.purpose === 'reschedule' && namedByEachDay(c.appointments, c.text, today(c)).length > 1;
    // "desmarca a consulta da minha filha": the patient's own record is what is listed, said first
    return appendPart(`${forSomeoneElse(c)}${several ? pt.oneMoveAtATime() : ''}`.trim(), pt.chooseAppointment(c.appointments, appointmentPurpose(c), several));
  },
  /** "com a dra juliana" to "which one?", none listed with her: said, and the list again */
  noneListedWithProvider: (c) => {
    const purpose = appointmentPurpose(c);
    const name = c.understanding?.provider_names[0] ?? null;
    return appendPart(name ? pt.noneListedWith(name) : '', pt.whichAppointmentAgain(c.appointments, purpose, purpose !== 'reschedule'));
  },
  /** a yes to "which one?": the list again, with how to answer ("as duas" only where it can be done to all) */
  whichAppointmentAgain: (c) => {
    const purpose = appointmentPurpose(c);
    return pt.whichAppointmentAgain(c.appointments, purpose, purpose !== 'reschedule');
  },
  /** "ok marca dermato sexta" to "Desmarco?": the cancel asked again, before the booking */
  cancelAskedAgain: (c) => pt.cancelAskedAgain(c.targets.length > 1 ? pt.cancelAllQuestion(c.targets.length) : c.target ? pt.cancelQuestionOf(c.target) : ''),
  confirmCancel: (c) => `${forSomeoneElse(c)}${c.targets.length > 1 ? pt.confirmCancelAll(c.targets) : c.target ? pt.confirmCancel(c.target) : ''}`,
  cancelled: (c) => pt.cancelled(c.lastAppointment ?? c.target),
  cancelledAll: (c) =>
    pt.cancelledAll(
      c.targets.filter((_, i) => c.outcomes[i] === true).map((a) => a.appointment_type_name),
      c.targets.filter((_, i) => c.outcomes[i] !== true).map((a) => a.appointment_type_name),
    ),
  /** "confirmo as duas": the ones confirmed, named, and those that could not be */
  confirmedAll: (c) => {
    const targets = c.targets;
    const outcomes = c.outcomes;
    return pt.presenceConfirmedAll(
      targets.filter((_, i) => outcomes[i] === true),
      targets.filter((_, i) => outcomes[i] !== true),
    );
  },
  wantAnotherTime: (c) => (c.pendingAsk ? '' : pt.wantAnotherTime()),
  cancelFailed: () => pt.cancelFailed(),
  keptAppointment: (c) => pt.keptAppointment(c.targets.length > 1, c.target),
  /** the appointment (or appointments) asked whether to cancel, left for another ask: it stays, named by its day */
  keptAskedAppointment: (c) => (c.targets.length > 1 ? pt.keptAppointment(true) : c.target ? pt.keptAppointmentOf(c.target) : pt.keptAppointment()),
  /** "não" to "which one?": every appointment listed stays */
  keptAppointments: (c) => pt.keptAppointment(c.appointments.length !== 1, c.appointments[0] ?? null),
  missedNoBlame: () => pt.missedNoBlame(),
  missedRebooked: (c) => (c.target ? pt.missedRebooked(c.target) : pt.missedAppointment()),
  movingAppointment: (c) => (c.target ? `${forSomeoneElse(c)}${pt.movingAppointment(c.target)}` : ''),
  /** the next of several appointments named to move, after the first was moved */
  nextMove: (c) => (c.target ? pt.nextMove(c.target) : ''),
  movingToOtherProvider: (c) => (c.target ? pt.movingToOtherProvider(c.target) : ''),
  /** "trocar a dra ana pelo dr paulo" */
  movingToNamedProvider: (c) => {
    const name = c.target ? askedProviderName(c.facts, [], null) : null;
    if (!c.target) return '';
    return name ? pt.movingToNamedProvider(c.target, name) : pt.movingToOtherProvider(c.target);
  },
  /** "trocar a dra ana pelo dr rui", a dermatologist, for a cardiology appointment: said, and it stays */
  providerOfOtherSpecialty: (c) => {
    const name = c.target ? askedProviderName(c.facts, [], null) : null;
    if (!c.target || !name) return '';
    const theirs = c.facts.specialty && c.facts.specialty !== c.target.specialty ? c.facts.specialty : null;
    return pt.providerOfOtherSpecialty(c.target, name, theirs);
  },
  confirmPresence: (c) => (c.target ? `${forSomeoneElse(c)}${pt.confirmPresence(c.target)}` : ''),
  presenceConfirmed: (c) => (c.target ? pt.presenceConfirmed(c.target) : ''),
  nothingToConfirm: () => pt.nothingToConfirm(),
  alreadyConfirmed: (c) => pt.alreadyConfirmed(c.appointments),
  isConfirmed: (c) => (c.target ? `${forSomeoneElse(c)}${pt.isConfirmed(c.target)}` : ''),
  notYetConfirmed: (c) => (c.target ? `${forSomeoneElse(c)}${pt.notYetConfirmed(c.target)}` : ''),
  /** a reminder of the appointment in play (REMIND): whether the patient will come, or, confirmed already, only when and where */
  reminder: (c) => {
    if (!c.target) return '';
    const days = reminderDays(c.now, c.target);
    return pt.appointmentReminder(c.firstName, c.target, days.today, days.tomorrow, c.target.status === 'confirmed');
  },
  /** "não vou poder ir" to a reminder: whether to cancel or move it */
  cannotCome: (c) => (c.target ? pt.cannotCome(c.target) : ''),
  confirmFailed: () => pt.confirmFailed(),
  cancelOrStop: () => pt.cancelOrStop(),
  urgentCare: () => pt.urgentCare(),
  /** a symptom said instead of a specialty: who sees it, as a question */
  suggestSpecialty: (c) =>
    c.suggestion?.kind === 'symptom' && c.suggestion.symptom && c.suggestion.specialty ? pt.suggestSpecialty(c.suggestion.symptom, c.suggestion.specialty) : '',
  wantToBook: () => pt.wantToBook(),
  /** after someone's hours asked while booking: whether to book with them instead */
  wantToBookWith: (c) => (c.suggestion?.kind === 'provider' && c.suggestion.provider_name ? pt.wantToBookWith(c.suggestion.provider_name) : ''),
  cancelOrStopAgain: () => pt.cancelOrStopAgain(),
  stopped: () => pt.stopped(),
  clinicAnswer,
  offerStaffAnswer: () => pt.offerStaffAnswer(),
  offerLateHandoff: () => pt.offerLateHandoff(),
  /** "me tira da lista de espera" on one entry: which it is, and whether to remove it (the question named nothing of it: said first) */
  confirmLeaveWaitlist: (c) => {
    const e = c.leaving[0];
    return e ? `${missedWaitlistLine(c)}${pt.confirmLeaveWaitlist(waitlistEntryView(c, e))}` : '';
  },
  /** on several: the numbered list, and which to leave (or all) */
  chooseWaitlistToLeave: (c) => `${missedWaitlistLine(c)}${pt.chooseWaitlistToLeave(c.leaving.map((e) => waitlistEntryView(c, e)))}`,
  leftWaitlist: (c) => (c.leaving.length === 1 ? pt.leftWaitlist(waitlistEntryView(c, c.leaving[0]!)) : pt.leftWaitlists(c.leaving.length)),
  keptOnWaitlist: () => pt.keptOnWaitlist(),
  /** after a booking: the waitlist entries it served, removed (storeServedEntries), or nothing */
  leftServedWaitlist: (c) =>
    c.leaving.length === 0 ? '' : c.leaving.length === 1 ? pt.leftServedWaitlist(waitlistEntryView(c, c.leaving[0]!)) : pt.leftServedWaitlists(c.leaving.length),
  /** "nao, me tira da lista" to a freed time: turned down, and the entry left */
  offerDeclinedAndLeft: (c) => {
    const o = c.waitlistOffer;
    if (!o) return '';
    // the entry's queue: the provider it waits for, else its specialty (the freed time's provider is one of many)
    return pt.offerDeclinedAndLeft(o.waits_for_provider ? { specialty: null, provider_name: o.provider_name } : { specialty: o.specialty, provider_name: null });
  },
  /** the days of the entry just written changed: the new entry, in place of the old one */
  waitlistChanged: (c) => pt.waitlistChanged(c.waitlistPosition ?? 1, c.facts.specialty, askedProviderName(c.facts, c.offered, c.target), waitlistWish(c)),
  noInfoHere: () => pt.noInfoHere(),
  staffCanAnswer: () => pt.staffCanAnswer(),
  lateHandoffAvailable: () => pt.lateHandoffAvailable(),
  complaintHeard: () => pt.complaintHeard(),
  anyProviderTaken: (c) => pt.anyProviderTaken(c.facts.specialty),
  offerComplaintHandoff: () => pt.offerComplaintHandoff(),
  complaintHandoffAvailable: () => pt.complaintHandoffAvailable(),
  infoTrouble: () => pt.infoTrouble(),
  /**
   * "voce e um robo?": who answers, the clinic named when its info was read; a person offered. "oi doutora, tudo bem?"
   * later in the conversation: how we are first (the first reply's opening says it)
   */
  aboutAssistant: (c) =>
    [asksWellbeingInGreeting(c.text) && !openingAnsweredWellbeing(c) ? pt.imWell() : '', pt.aboutAssistant(c.info?.name ?? null, c.from !== 'idle' && c.from !== 'done')]
      .filter(Boolean)
      .join(' '),
  /** "alguém aí?": here, and how we can help when nothing is pending (else the question pending follows) */
  stillHere: (c) => (c.from === 'idle' ? `${pt.stillHere()} ${pt.howCanIHelp()}` : pt.stillHere()),
  /** "sério?", "como assim?": the last question again, the times listed again; with nothing pending, what we do */
  sayAgain: (c) => (c.from === 'idle' ? pt.whatWeDo() : c.from === 'offering' && c.offered.length > 0 ? pt.optionsSaidAgain(c.offered) : pt.sayingAgain()),
  /** "e agora?", "como faço?": the question pending (follows), or what we do, with an example */
  whatNow: (c) => (c.from === 'idle' ? pt.help() : ''),
  /** "posso mandar áudio?": text reads best; photos and documents cannot be opened */
  attachments: (c) => (c.from === 'idle' ? `${pt.attachmentsHere()} ${pt.writeWhatYouNeed()}` : pt.attachmentsHere()),
  goAheadAndAsk: () => pt.goAheadAndAsk(),
} satisfies Record<string, Line>;

export type LineName = keyof typeof LINES;


/** Every provider of the specialty is on offer already ("quero outro médico"): named, with the options again. */
/**
 * Today and tomorrow where the appointment is: its date is local to its location, which may be in another zone than
 * the clinic's default, so "amanhã" is told by that location's calendar.
 */
function reminderDays(now: string, appointment: PatientAppointment): { today: string; tomorrow: string } {
  const at = { now, timezone: appointment.timezone };
  return { today: today(at), tomorrow: tomorrow(at) };
}

/**
 * The `reminder` line as the parameters of its WhatsApp template (locales/pt-BR/messages.ts
 * `whatsappTemplates.appointment_reminder`), for a channel that must send it so; null when no appointment is in play.
 */
export function reminderTemplate(c: Pick<BookingContext, 'target' | 'firstName' | 'now'>): MessageTemplate | null {
  if (!c.target) return null;
  const days = reminderDays(c.now, c.target);
  const { what, when, where, ending } = pt.appointmentReminderParts(c.target, days.today, days.tomorrow, c.target.status === 'confirmed');
  return { name: 'appointment_reminder', parameters: [c.firstName.trim() || ptBR.whatsappTemplates.nameless, what, when, where, ending] };
}

export function allProvidersOnOffer(c: BookingContext, names: string[]): string {
  return pt.allProvidersOnOffer(c.query?.facts.specialty ?? c.facts.specialty, names, c.offered);
}

/** The specialty has one provider ("quero outro médico"): named as the only one (the options follow). */
export function onlyProvider(c: BookingContext, name: string): string {
  return pt.onlyProvider(c.query?.facts.specialty ?? c.facts.specialty, name);
}

/** Another doctor asked for again, the others left out at the patient's request: all named, those said (the options follow). */
export function otherProvidersLeftOut(c: BookingContext, names: string[], leftOut: string[]): string {
  return pt.otherProvidersLeftOut(c.query?.facts.specialty ?? c.facts.specialty, names, leftOut);
}

/** Another doctor asked for again, the others without free time and some left out at the patient's request: both said (the options follow). */
export function otherProvidersBusyAndLeftOut(busy: string[], leftOut: string[]): string {
  return pt.otherProvidersBusyAndLeftOut(busy, leftOut);
}

/** A reply with one more part: a space between sentences, a line break after a list. */
export function appendPart(reply: string, part: string): string {
  if (!part) return reply;
  if (!reply) return part;
  return reply.includes('\n') ? `${reply}\n${part}` : `${reply} ${part}`;
}

/**
 * The hours of a provider appended to a reply that has just said their specialty: one sentence instead of their name
 * twice in a row ("O Dr. Paulo Lima é da área de Cardiologia e atende na Unidade Savassi…"); else appended as it is.
 */
export function afterSpecialtyLine(reply: string, hours: string): string {
  const at = hours.indexOf(' atende ');
  if (at <= 0) return appendPart(reply, hours);
  const subject = hours.slice(0, at);
  // "Sim, a Dra. Ana Souza é da área de…": the subject may be lowercased after a yes
  const leads = [subject, subject.charAt(0).toLowerCase() + subject.slice(1)].map((s) => `${s} é da área de `);
  const lead = leads.find((l) => reply.includes(l)) ?? leads[0]!;
  const from = reply.lastIndexOf(lead);
  // the specialty line last in the reply, the specialty one phrase ("Cardiologia.")
  if (from < 0 || (from > 0 && reply[from - 1] !== ' ' && reply[from - 1] !== '\n') || !/^[^.!?\n]+\.$/u.test(reply.slice(from + lead.length))) {
    return appendPart(reply, hours);
  }
  return `${reply.slice(0, -1)} e${hours.slice(at)}`;
}

/** Whether a reply ends asking "Posso ajudar em mais alguma coisa?". */
export function endsAskingAnythingElse(reply: string): boolean {
  return reply.trimEnd().endsWith(pt.anythingElse());
}

/** The reply asks, with nothing pending, what the patient needs (not understood, the help, the greeting's "Como posso ajudar?"). */
export function endsAskingWhatNeeded(reply: string): boolean {
  const end = reply.trimEnd();
  return [pt.notUnderstoodWhatWeDo(), pt.sureWhatDoYouNeed(), pt.help(), pt.howCanIHelp()].some((line) => end.endsWith(line));
}

/**
 * A doctor asked for by form of address: with a specialty in play, who of it has that form (or that none has); with
 * none, the specialties that have one, with their names.
 */
export function providerFormLine(c: BookingContext): string {
  const w = c.providerForm;
  if (!w) return '';
  const specialty = c.facts.specialty;
  if (specialty) {
    const found = providersOfForm(w, specialty);
    return found.length > 0 ? pt.providersOfFormIn(specialty, found.map((p) => p.name)) : pt.noProviderOfFormIn(w.form, specialty);
  }
  const bySpecialty = new Map<string, string[]>();
  for (const p of w.providers) for (const s of p.specialties) bySpecialty.set(s, [...(bySpecialty.get(s) ?? []), p.name]);
  return pt.providersOfForm(w.form, [...bySpecialty].map(([specialty, names]) => ({ specialty, names })));
}
