/**
 * The booking dialogue's pure logic: its context, how a reading of a message changes the facts, what
 * to search for, which appointment a message means. The machine (machine.ts) decides when; these
 * functions decide what. No I/O, no Portuguese, no Dates in the context (ISO strings only), so
 * snapshots stay small JSON.
 */
import type { ProviderFormAsked, Understanding } from '../../src/core/language/types';
import { fold, foldKey } from '../../src/core/language/normalize';
import { locationNamedIn, providerFormOf, type ProviderForm } from '../../src/core/language/entities';
import { extractWhen } from '../../src/core/language/when';
import { DEFAULT_TYPE_WORD, LOCATION_LEADS, PROVIDER_TITLES, RELATIVE_POSSESSIVES, SPECIALTIES } from '../../locales/pt-BR/lexicon';
import { PROVIDER_CHOICE_ANY, PROVIDER_CHOICE_ORDINALS, JUST_MADE_POINTERS, LISTED_APPOINTMENT_ARTICLES, LISTED_APPOINTMENT_JOINERS, LISTED_APPOINTMENT_LINKS, OFFER_MENTION, ORDINAL_WEEKDAYS, WAITLIST_LEAVE_ASK, WAITLIST_LEAVE_IT, NO_LONGER_WANTED, WAITLIST_STATUS_QUESTION, OFFER_DETAIL_ASK, WAITLIST_WAIT_QUESTION, WAITLIST_EXISTS_QUESTION, NOT_YES_NO_QUESTION } from '../../locales/pt-BR/conversation-lexicon';
import { classifyIntent, CONFIDENCE, periodNotGoing, asksAnotherDay } from '../../src/core/language/intent';
import { addDays, clockTime, dayOfWeek, localDate, minutesOfDay, utcToLocal } from '../../src/core/time';
import { OPEN_RANGE_END, OPEN_RANGE_START } from '../../src/core/language/time-of-day';
import { PERIOD_MINUTES, periodOf } from '../../src/core/periods';
import { DAY_PERIODS, type DayPeriod } from '../../src/core/model';
import { presentableName, type OfferKind } from '../../locales/pt-BR/conversation';
import { CHILD_SPECIALTY, CHILD_WORDS } from '../../locales/pt-BR/symptoms';
import type { BookingFacts, ClinicInfo, DayHours, OfferedSlot, PatientAppointment, PatientWaitlistEntry, Reading, RestingState, WaitlistOfferView, WeeklyHours } from './world';
import {
  asksProviderAway,
  refersToProvider,
  acceptsShowingAgain,
  onlyAnyDate,
  asksAnyDate,
  asksOnlyNearest,
  asksEarlier,
  asksLater,
  asksOtherDay,
  asksOthers,
  asksOtherProvider,
  afterLeadingNo,
  clinicTopics,
  followsUp,
  pointsThere,
  dateMentions,
  carriesNo,
  namesOptionPlainly,
  ordinalPick,
  pointsAtOne,
  ordinalWord,
  givesUp,
  isAcknowledgement,
  asksWhatNow,
  isWaiting,
  isNo,
  isThanks,
  isYes,
  isBareOk,
  carriesCancelWord,
  carriesMoveWord,
  numberBeyondList,
  goesBack,
  referenceTimes,
  acceptsAnyOption,
  meansAll,
  mentionsOwnAppointment,
  asksAboutOthersAppointment,
  normalizeReply,
  namesAnAsk,
  pickIndex,
  rejectsAll,
  rightAfter,
  rightBefore,
  sameDay,
  sameWeek,
  sameTime,
  wantsToCancelBooked,
  wantsToContinue,
  wantsAnotherOne,
  meansOtherAppointment,
  wantsToStop,
  providerNameAsked,
  type ClinicTopic,
  type DateMention,
  namesNotGoing,
  saysActionAsked,
  saysAnyProvider,
  saysFarewellUntil,
} from './replies';

/** How many options an offer shows (CONVERSATION.md: at most 3–5). */
export const OFFER_LIMIT = 3;
/**
 * How many slots, best first, a search whose options are spread over the days asked reads, so the first
 * days with room are all in it (a day's best slot is in a best-first page whenever any of its slots is).
 */
export const SPREAD_SEARCH_LIMIT = 200;
/** How far "nothing fits" and "outro dia" look: this many days from the first day asked. */
export const WIDER_DAYS = 14;
/** Turns in a row not understood before a person takes over. */
export const STRIKES_BEFORE_HANDOFF = 3;

/** What the patient is doing: booking, moving an appointment, or joining the waitlist. */
export type Flow = 'book' | 'reschedule' | 'waitlist';
/** Why the appointments were listed. */
export type Purpose = 'list' | 'cancel' | 'reschedule' | 'confirm' | 'confirm_ask';
/**
 * The question `done` asked: anything else, book another time (after a cancel), book anew, book the next
 * specialty asked (two specialties in one request), or call a person to answer what there is no data for.
 * `pending_ask`: whether to go on with the second of two asks after the first was turned down ('não' to 'Desmarco?').
 * `resume`: whether to search again for the booking in progress when the previous conversation timed out.
 * `patient_name`: the full name of a patient known only by a phone, asked after their booking (once per conversation).
 * `cancel_or_move`: whether to cancel or move the appointment reminded of, after the patient said they cannot come.
 * `reminded`: a reminder of a confirmed appointment was said, and nothing asked.
 */
export type FollowUp =
  | 'more'
  | 'rebook'
  | 'book'
  | 'next_specialty'
  | 'handoff'
  | 'pending_ask'
  | 'resume'
  | 'join_waitlist'
  | 'leave_waitlist'
  | 'patient_name'
  | 'cancel_or_move'
  | 'reminded';
/** The booking states a "cancelar" interrupts. */
export type InterruptedState = 'collecting' | 'offering' | 'confirming' | 'waitlist_offered';

export interface SearchQuery {
  facts: BookingFacts;
  kind: OfferKind;
  /** start instants not to offer: taken ones, and those already on offer when the patient asks for other times */
  exclude: string[];
}

/**
 * The conversation's memory. Every key is set by initialContext and none is ever undefined (JSON would
 * drop it): an assign that adds a key the context lacks turns the object into a slow dictionary-mode
 * object in V8, and each later assign copies it at several times the cost.
 */
export interface BookingContext {
  firstName: string;
  timezone: string;
  resumedAfterTimeout: boolean;
  /**
   * the booking in progress when the previous conversation timed out: a reply to its old question ("2", "sim")
   * is asked whether to search again (kept while that is asked; null otherwise)
   */
  timedOutRequest: BookingFacts | null;
  /** with `timedOutRequest`, when that request was a move: the appointment it moved (null: a booking, or none) */
  timedOutMove: PatientAppointment | null;
  /** a first reply was sent: later replies do not open with the greeting again */
  greeted: boolean;

  // --- this turn (the runtime reads reply, options, appointmentId after each turn)
  text: string;
  /** the turn's instant (ISO); "hoje"/"amanhã" are read in `timezone` */
  now: string;
  /** the previous turn's instant ('' before the first): what the patient last read from us was sent then */
  previousNow: string;
  /** the resting state the turn started in */
  from: RestingState;
  reply: string;
  options: OfferedSlot[];
  appointmentId: string | null;
  /** the language layer's reading of this turn's message, with the clinic's names of the providers it resolved (cleared when the turn ends) */
  understanding: Reading | null;
  /** a flow started this turn ("Claro!" before its first question) */
  started: boolean;
  /** turns in a row not understood; `struck` says this turn was one */
  strikes: number;
  struck: boolean;

  // --- a booking, a move, or a waitlist entry in progress
  flow: Flow;
  facts: BookingFacts;
  query: SearchQuery | null;
  /** while another doctor's times are searched ("quero outro médico"): the query of the options on offer, restored when there are none (this turn only) */
  queryBefore: SearchQuery | null;
  offered: OfferedSlot[];
  /**
   * the options of earlier lists of this booking, no longer on offer (another list replaced them): "a das 13:30"
   * picks one of them by its time (empty when the flow starts or closes)
   */
  offeredBefore: OfferedSlot[];
  offerKind: OfferKind;
  /** the patient said none of the options suits ("nenhum"): "segunda" is a day now, not the second */
  optionsDeclined: boolean;
  /**
   * the providers left out at the patient's request whose times the reply offered to show again (the offer
   * closing pt.otherProvidersLeftOut): a yes to the offer shows them (kept while it is on offer)
   */
  leftOutToShow: Array<{ id: string; name: string }>;
  chosen: OfferedSlot | null;
  /** instants that were taken under us: never offered again in this flow */
  taken: string[];
  /** the last specialty asked that the clinic was found to offer (not checked again in this conversation) */
  specialtyChecked: string | null;
  /** the specialty or providers, place and period whose weekly hours were last checked (hoursKey; '' none) */
  hoursChecked: string;
  /** what of the request no weekly hours serve, said before going on without it (this turn only) */
  unserved: UnservedAsk | null;
  /**
   * the period asked, not served at the place asked, served at one other place ("À tarde ela atende na Unidade
   * Savassi."): a yes or that place's name takes it (kept while collecting); null none
   */
  placeForPeriod: PlaceForPeriod | null;
  /** the specialty or providers and days whose appointments of the patient were last looked at (sameDayKey; '' none) */
  sameDayChecked: string;
  /** an appointment the patient already has of the specialty asked on the day asked: whether to move it is asked (kept while collecting) */
  sameDay: PatientAppointment | null;
  /**
   * appointments the patient kept when asked whether to move them ("não, quero mais uma"): not asked about again while
   * this booking goes on, whatever it corrects (reset with each new flow; absent in snapshots saved before it was kept)
   */
  sameDayKept: string[];
  /**
   * "volta" at the times: the search stepped back from (its facts, query and options), which 'as outras opcoes' to
   * "Para quando?" goes back to; dropped once the message gives facts (null none; absent in snapshots saved before it was kept)
   */
  steppedBackFrom?: { facts: BookingFacts; query: BookingContext['query']; offered: OfferedSlot[] } | null;
  /** "the same time" in a move: the time of the appointment moved */
  keepTime: boolean;
  /**
   * the appointment this conversation last booked, moved or cancelled: a later booking request's "the same
   * day", "the same time" or "right after" refer to it (null: none yet)
   */
  lastAppointment: PatientAppointment | null;
  /** "mudar pra mais tarde" before the appointment is known: around its time once the patient says which (kept while choosing) */
  moveDirection: 'later' | 'earlier' | 'postpone' | 'bring_forward' | null;
  /** "adiar em 2 semanas" before the appointment is known: the days to shift it by once the patient says which (kept while choosing) */
  shiftDays: number | null;
  /** "trocar de médico": the move is to another provider of the appointment's specialty (kept for the whole move) */
  otherProvider: boolean;
  /**
   * "não consegui ir na consulta de hoje, posso remarcar?": the move is of an appointment missed, looked up from this local
   * date on (the day missed; null: not a missed appointment's move)
   */
  missedSince: string | null;
  /**
   * the appointment being moved was picked from the list of the patient's appointments (the "which one?"
   * question): "volta" to its "Para quando?" asks which one again (kept for the whole move)
   */
  pickedFromList: boolean;
  interrupted: InterruptedState | null;
  /** "cardio e dermato": the specialties still to book, one at a time, after the one in progress */
  queuedSpecialties: string[];
  /** the queue was just made: "one at a time" is still to be said (once the clinic's specialties are checked) */
  queueToAnnounce: boolean;
  /** a waitlist request was searched for free times that fit it (offered first): now it joins */
  waitlistSearched: boolean;
  /**
   * a waitlist request for a part of the day no one asked for ever works ("do dr carlos amanhã à noite"): the part
   * refused and the parts they do work, so no entry for the other parts is written before the patient agrees to them
   */
  periodUnworked: { period: DayPeriod; periods: DayPeriod[] } | null;
  /**
   * "tem vaga pra amanhã?" while the free times of a waitlist request are on offer: searched again for what it asks,
   * and with none, joining is asked, not done (this turn only)
   */
  waitlistQuestion: boolean;
  /** this turn's message named an appointment the patient does not have ("a do dr paulo"): said before the list */
  appointmentMissed: boolean;
  /** specialties asked this turn that the clinic does not offer, while others it does go on */
  droppedSpecialties: string[];

  // --- the patient's appointments
  purpose: Purpose | null;
  appointments: PatientAppointment[];
  /**
   * the numbered list of the patient's appointments the last reply showed: "cancelar a primeira" on the next turn
   * picks from it (`fresh` while the turn that showed it runs; kept for the next turn only; null none)
   */
  shownAppointments: { fresh: boolean; appointments: PatientAppointment[] } | null;
  target: PatientAppointment | null;
  /** "no, the other one": the appointment the patient said is not the one (left out of the next listing, this turn only) */
  notTarget: string | null;
  /** "desmarcar as duas", "confirmo as duas": every appointment to cancel or confirm, when the patient asked for all of them (else empty) */
  targets: PatientAppointment[];
  /** "remarcar a de segunda e a de terça": the appointments still to move, one at a time, after the one being moved */
  queuedMoves: PatientAppointment[];
  /** while cancelling or confirming `targets`: whether each one so far went through */
  outcomes: boolean[];
  followUp: FollowUp;
  /** the last turn rested in idle asking "Posso ajudar em mais alguma coisa?" (after a clinic answer): a "sim" is a yes to it */
  askedMore: boolean;
  /** the last turn rested in idle asking what the patient needs (after a message not understood, or the help text): a bare yes answers nothing */
  askedWhatNeeded: boolean;

  // --- replies that need data from the world (this turn only)
  info: ClinicInfo | null;
  /**
   * the opening hours or address question answered, with the place and day it named, so that a short follow-up on the
   * next turn ("e no centro?", "e no domingo?") asks it again of another place or day; null none
   */
  clinicAsked: ClinicQuestion | null;
  /**
   * a doctor asked for by form of address ("tem com médica mulher?"): the providers of that form, and the specialty they
   * were last narrowed to (kept while the flow goes on; null none)
   */
  providerForm: ProviderFormWish | null;
  /**
   * one name said that fits several providers ("com o joão" with two Joãos): their ids and names, asked which before any
   * search (kept while the facts name just them; null none; absent in snapshots saved before it was kept)
   */
  providerChoice?: {
    ids: string[];
    names: string[];
    specialty?: string | null;
    asked?: boolean;
    /**
     * who is who, in the order of `ids`: each one's specialties and the units they work at, said when which one is
     * asked (absent until read; absent in snapshots saved before it was kept)
     */
    about?: Array<{ specialties: string[]; places: string[] }>;
    /** the units were read (or could not be): `about` is as complete as it will be */
    described?: boolean;
  } | null;
  /**
   * the providers the conversation last named (the patient, a past visit told, the appointments shown, the times offered):
   * "com ela", "com o mesmo doutor" on a later turn is the one of them of that form of address (absent in snapshots saved
   * before it was kept)
   */
  namedProviders?: Array<{ id: string; name: string }>;
  /** a relative named while booking ("pra minha mãe"): the summary says the appointment goes in the patient's own record */
  forSomeoneElse: boolean;
  /** the relative the booking in progress was last said to be for ('mae', 'filho'; folded), kept as `forSomeoneElse` is (null none) */
  relativeFor?: string | null;
  /**
   * the patient's words of the last complaint heard in this conversation ("não fui atendida hoje, esperei duas horas"; null
   * none): a person called after it is called for it, and is told what it was (cleared once a person is called)
   */
  complaint: string | null;
  /**
   * the relatives "A consulta fica no seu cadastro" was said about in this conversation (folded; '' for one not
   * named): said once each, not on every summary (absent in snapshots saved before it was kept)
   */
  ownRecordToldFor?: string[];
  /** the patient's upcoming appointments, read to answer where their appointment is */
  addressAppointments: PatientAppointment[];
  waitlistPosition: number | null;
  /** the last turn put the patient on the waitlist: "então me avisa" now is answered that we will let them know */
  joinedWaitlist: boolean;
  /** the entry the last turn wrote (kept one turn, with joinedWaitlist): a change of its days right after replaces it */
  joinedEntryId: string | null;
  /** the entry a waitlist request in progress replaces once written ("na verdade pode ser sábado" right after joining); null none */
  replacingEntryId: string | null;
  /**
   * "me tira da lista de espera": the entries the question to leave is about (one: whether to; several: which), kept
   * while it stands (followUp 'leave_waitlist'); empty otherwise
   */
  leaving: PatientWaitlistEntry[];
  /** the waitlist offer this turn's "sim" or "não" answers (this turn only) */
  waitlistOffer: WaitlistOfferView | null;
  /** the patient's waitlist entries and standing offer, read to answer "tô na lista de espera?" (this turn only) */
  waitlistStatus: WaitlistStatus | null;
  /** our last reply named the patient's waitlist entries ("Você está na lista de espera de …"): "me tira dela" is about them */
  waitlistShown: boolean;
  /** our last reply named a freed time awaiting the patient's answer: this turn's "sim" or "não" may answer it, though made before that reply */
  offerNamed: boolean;
  /**
   * the second of two asks in one message ("cancela a de sexta e marca dermato segunda": "marca dermato
   * segunda"), read once the first is done; '' when none waits
   */
  pendingAsk: string;
  /**
   * a booking proposed as a question, kept while collecting: a symptom's specialty ("Quer marcar com
   * Ortopedia?"), or booking with whom the hours were asked of ("Quer marcar?"); null none
   */
  suggestion: Suggestion | null;
  /**
   * a patient known only by a phone (no first name) was asked their full name after a booking: not again in this
   * conversation, whether they gave it or not
   */
  nameAsked: boolean;
  /**
   * the appointment a reminder (a turn the clinic starts, REMIND) was about: while its question stands (or, for a confirmed
   * one, until the patient's next turn) a "não", "desmarca" or "remarcar" is about it, never about which one; null otherwise
   */
  reminded: string | null;
}

/**
 * A booking proposed as a yes/no question: `symptom` names the specialty to take; `hours` goes on with the
 * facts as they are; `provider` (someone's hours asked in the middle of a booking) takes `facts`, the booking
 * with that provider.
 */
export interface Suggestion {
  kind: 'symptom' | 'hours' | 'provider';
  /** the clinic's spelling of the specialty suggested (symptom only) */
  specialty: string | null;
  /** how the reply named the symptom (symptom only) */
  symptom: string | null;
  /** the provider proposed, as the clinic spells the name (provider only) */
  provider_name?: string | null;
  /** the booking's facts with the provider proposed and what the hours question said (provider only) */
  facts?: BookingFacts;
}

/** The first name of a full name as stored ("Maria das Graças" → "Maria"); '' when it has no letter (a phone). */
export function firstNameOf(name: string): string {
  if (!/\p{L}/u.test(name)) return '';
  return name.trim().split(/\s+/)[0] ?? '';
}

export function emptyFacts(): BookingFacts {
  return {
    specialty: null,
    provider_ids: [],
    provider_name: null,
    exclude_provider_ids: [],
    appointment_type_id: null,
    location_id: null,
    date_from: null,
    date_to: null,
    dates: null,
    any_date: false,
    period: null,
    time: null,
    time_from: null,
    time_to: null,
    refused_periods: [],
    day_periods: null,
  };
}

export function initialContext(input: {
  firstName: string;
  timezone: string;
  resumedAfterTimeout?: boolean;
  previousTurnAt?: string;
  previousRequest?: BookingFacts;
  previousMove?: PatientAppointment;
}): BookingContext {
  return {
    firstName: input.firstName,
    timezone: input.timezone,
    resumedAfterTimeout: input.resumedAfterTimeout ?? false,
    timedOutRequest: input.previousRequest ? { ...input.previousRequest } : null,
    timedOutMove: input.previousRequest && input.previousMove ? { ...input.previousMove } : null,
    greeted: false,
    text: '',
    now: '',
    from: 'idle',
    reply: '',
    options: [],
    appointmentId: null,
    understanding: null,
    started: false,
    strikes: 0,
    struck: false,
    flow: 'book',
    facts: emptyFacts(),
    query: null,
    queryBefore: null,
    offered: [],
    offeredBefore: [],
    offerKind: 'asked',
    optionsDeclined: false,
    leftOutToShow: [],
    chosen: null,
    taken: [],
    specialtyChecked: null,
    hoursChecked: '',
    unserved: null,
    placeForPeriod: null,
    sameDayChecked: '',
    sameDay: null,
    sameDayKept: [],
    steppedBackFrom: null,
    keepTime: false,
    lastAppointment: null,
    moveDirection: null,
    shiftDays: null,
    otherProvider: false,
    missedSince: null,
    pickedFromList: false,
    interrupted: null,
    queuedSpecialties: [],
    queueToAnnounce: false,
    waitlistSearched: false,
    periodUnworked: null,
    waitlistQuestion: false,
    appointmentMissed: false,
    droppedSpecialties: [],
    purpose: null,
    appointments: [],
    shownAppointments: null,
    target: null,
    notTarget: null,
    targets: [],
    queuedMoves: [],
    outcomes: [],
    followUp: 'more',
    askedMore: false,
    askedWhatNeeded: false,
    info: null,
    clinicAsked: null,
    providerForm: null,
    providerChoice: null,
    namedProviders: [],
    forSomeoneElse: false,
    relativeFor: null,
    complaint: null,
    ownRecordToldFor: [],
    addressAppointments: [],
    waitlistPosition: null,
    joinedWaitlist: false,
    joinedEntryId: null,
    replacingEntryId: null,
    leaving: [],
    previousNow: input.previousTurnAt ?? '',
    waitlistOffer: null,
    waitlistStatus: null,
    waitlistShown: false,
    offerNamed: false,
    pendingAsk: '',
    suggestion: null,
    nameAsked: false,
    reminded: null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Days

/**
 * A missed appointment being looked up in this turn because the patient told of it with nothing pending ("perdi minha
 * consulta ontem"), not because they asked to move it ("faltei hoje, dá pra remarcar?" is a move asked); a later turn
 * of that move ("não, era a outra") is the move's.
 */
export function missedToldOnly(context: Pick<BookingContext, 'missedSince' | 'understanding' | 'from'>): boolean {
  return context.missedSince !== null && context.understanding?.intent !== 'reschedule' && (context.from === 'idle' || context.from === 'done');
}

/** Today in the clinic's zone, at the turn's instant. */
export function today(c: Pick<BookingContext, 'now' | 'timezone'>): string {
  // asked many times in a turn, of one instant and zone: the last answer is kept
  if (c.now === lastToday.now && c.timezone === lastToday.timezone) return lastToday.date;
  const instant = new Date(c.now);
  const date = localDate(Number.isNaN(instant.getTime()) ? new Date(0) : instant, c.timezone);
  lastToday = { now: c.now, timezone: c.timezone, date };
  return date;
}

/** The instant and zone today() last read, and the local date it gave. */
let lastToday = { now: '', timezone: '', date: '' };

export function tomorrow(c: Pick<BookingContext, 'now' | 'timezone'>): string {
  return addDays(today(c), 1);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}


// ---------------------------------------------------------------------------------------------------
// Facts

/** The words a reading names to book with, as written (a specialty, a provider, a day, a time, a place); none without a reading. */
export function namedToBook(u: Understanding | null): string[] {
  if (!u) return [];
  const e = u.entities;
  return [e.specialty, e.provider_name, e.date_text, e.time, e.location].filter((w): w is string => w !== null && w !== '');
}

/** "dr joão", "com a dra camila": a provider asked for by a name the language layer found no one of in the clinic, or null. */
export function unknownProviderAsked(c: Pick<BookingContext, 'text' | 'understanding'>): { title: 'Dr.' | 'Dra.' | null; name: string } | null {
  const u = c.understanding;
  if (!u || u.resolved.provider_ids.length > 0) return null;
  return providerNameAsked(c.text, [...namedToBook(u), u.entities.appointment_type ?? ''].filter(Boolean));
}

/** Whether a reading names anything the booking can use (a specialty, a provider, a date, a time, a place, a type). */
export function hasUsableFacts(u: Understanding): boolean {
  return factsBesideType(u) || (u.entities.appointment_type !== null && u.resolved.appointment_type_id !== null);
}

/**
 * "to indo pra consulta", "a consulta": a booking the rules are unsure of whose only fact is the appointment type named
 * by the word "consulta" itself (lexicon DEFAULT_TYPE_WORD): no ask and nothing to book by.
 */
export function namesOnlyConsulta(u: Understanding): boolean {
  return u.confidence < CONFIDENCE.strong && !factsBesideType(u) && foldKey(u.entities.appointment_type ?? '') === DEFAULT_TYPE_WORD;
}

/** The facts of a reading other than its appointment type. */
function factsBesideType(u: Understanding): boolean {
  const r = u.resolved;
  return (
    (u.entities.specialty !== null && r.specialty !== null) ||
    r.provider_ids.length > 0 ||
    r.date_from !== null ||
    r.date_passed !== undefined ||
    r.date_conflict !== undefined ||
    r.date_invalid !== undefined ||
    r.time !== null ||
    r.time_from !== null ||
    (u.entities.location !== null && r.location_id !== null)
  );
}

/**
 * The facts after a reading: each fact the message names replaces the old one, the others stay
 * ("na verdade prefiro de manhã" changes only the time of day). A single provider named is kept as the
 * clinic spells them (`clinicNames`, from the reading) so the replies need no slot to name them.
 */
export function mergeFacts(facts: BookingFacts, u: Understanding, clinicNames: readonly string[] = []): BookingFacts {
  const r = u.resolved;
  const e = u.entities;
  const next: BookingFacts = { ...facts, provider_ids: [...facts.provider_ids] };

  if (r.provider_ids.length > 0) {
    // a provider named: their specialty when they have one, else the one asked stays
    next.provider_ids = [...r.provider_ids];
    next.provider_name = r.provider_ids.length === 1 && clinicNames.length === 1 ? clinicNames[0]! : e.provider_name;
    // a provider named now is who the patient wants, even one a change of doctor had left out
    next.exclude_provider_ids = [];
    // "cardio com o dr rui", who does not practise it: his own specialty, so that "cardio" said next is another one
    // (every provider of it) rather than him again
    next.specialty = r.specialty_not_practised ? (r.specialty_not_practised.practised ?? r.specialty) : (r.specialty ?? facts.specialty);
  } else if (e.specialty && r.specialty) {
    // the specialty named again ("quero marcar cardio amanhã") is a new request: every provider of it again
    next.exclude_provider_ids = [];
    if (r.specialty !== facts.specialty) {
      // another specialty: the provider named before belongs to the old one
      next.specialty = r.specialty;
      next.provider_ids = [];
      next.provider_name = null;
    }
  } else if (!facts.specialty && facts.provider_ids.length === 0 && r.specialty) {
    // the specialty of a named appointment type
    next.specialty = r.specialty;
  }

  // a booking asked for in so many words ("quero marcar pra sexta") starts over on who: a doctor left out
  // by "quero outro médico" is offered again
  if (u.intent === 'book' && u.confidence >= CONFIDENCE.strong) next.exclude_provider_ids = [];

  // a type said replaces; the language layer's default only fills a gap
  if (r.appointment_type_id && (e.appointment_type !== null || facts.appointment_type_id === null)) {
    next.appointment_type_id = r.appointment_type_id;
  }
  if (r.location_id && e.location !== null) next.location_id = r.location_id;

  const choice = pendingDayChoice(facts);
  if (r.date_passed || r.date_invalid) {
    // "ontem", "31/11": that day cannot be booked, and the day asked before is no longer what the patient wants
    next.dates = null;
    next.any_date = false;
    next.date_from = null;
    next.date_to = null;
  } else if (r.date_conflict) {
    // "sexta dia 5", the 5th a Saturday: no date yet, the two days kept for the question (pendingDayChoice)
    next.dates = [r.date_conflict.day, r.date_conflict.weekday].sort();
    next.any_date = false;
    next.date_from = null;
    next.date_to = null;
  } else if (choice && r.date_from && r.date_from === r.date_to && !r.dates) {
    // "sexta" to "sexta, dia 4, ou sábado, dia 5?": the day of the two with that weekday, not the nearest Friday
    const day = choice.find((d) => d !== r.date_from && d > r.date_from! && dayOfWeek(d) === dayOfWeek(r.date_from!)) ?? r.date_from;
    next.dates = null;
    next.any_date = false;
    next.date_from = day;
    next.date_to = day;
  } else if (r.date_from) {
    // days said replace the days asked, alternatives and any date included
    next.dates = null;
    next.any_date = false;
    next.date_from = r.date_from;
    next.date_to = r.date_to ?? r.date_from;
    if (r.dates && r.dates.length > 1) next.dates = [...r.dates];
  }
  // "sexta de tarde ou sábado de manhã": each day's own part of the day, kept only with the days it was said of; a time or
  // part of the day said alone afterwards ("na verdade de manhã") is wished on every day asked
  if (r.date_from || r.date_passed || r.date_conflict || r.date_invalid) next.day_periods = r.day_periods ? r.day_periods.map((d) => ({ ...d })) : null;
  else if (r.time || (r.time_from && r.time_to)) next.day_periods = null;
  if (r.time) {
    next.time = r.time;
    next.time_from = null;
    next.time_to = null;
    next.period = e.period;
    next.refused_periods = [];
  } else if (r.time_from && r.time_to) {
    next.time = null;
    next.time_from = r.time_from;
    next.time_to = r.time_to;
    next.period = e.period;
    // "à tarde não posso": the morning and the evening, the afternoon between them left out
    next.refused_periods = [...(r.refused_periods ?? [])];
  }
  return next;
}

/**
 * The parts of the day kept on some of the days a search asks for ("sexta de tarde ou sábado de manhã", "qualquer dia
 * menos quarta à noite": Wednesday morning and afternoon), only those of its days; null none.
 */
export function dayPeriodsSearched(facts: BookingFacts): Array<{ date: string; period: DayPeriod }> | null {
  const from = facts.date_from;
  if (!from || !facts.day_periods || facts.day_periods.length === 0) return null;
  const to = facts.date_to ?? from;
  const kept = facts.day_periods.filter((d) => d.date >= from && d.date <= to && (!facts.dates || facts.dates.includes(d.date)));
  return kept.length > 0 ? kept.map((d) => ({ ...d })) : null;
}

/**
 * The two days asked between after a weekday said beside a date that is another weekday ("sexta dia 5": Friday the
 * 4th, Saturday the 5th), while no date is taken; null otherwise.
 */
export function pendingDayChoice(facts: Pick<BookingFacts, 'date_from' | 'dates'>): string[] | null {
  return facts.date_from === null && facts.dates !== null && facts.dates.length === 2 ? facts.dates : null;
}

/** The days and time of day a request asks for. */
export type WhenFacts = Pick<BookingFacts, 'date_from' | 'date_to' | 'dates' | 'any_date' | 'period' | 'time' | 'time_from' | 'time_to'>;

/** The days and time of day of the facts, to ask them again for another specialty. */
export function whenOf(facts: BookingFacts): WhenFacts {
  const { date_from, date_to, any_date, period, time, time_from, time_to } = facts;
  return { date_from, date_to, dates: facts.dates ? [...facts.dates] : null, any_date, period, time, time_from, time_to };
}

/**
 * The periods of the day a waitlist entry for the facts waits for (empty: any time): the period of the
 * exact time asked (10:00 → morning), those a time window spans (from 15:00 → afternoon, evening), or
 * the period asked. The waitlist keeps periods only; the conversation names the same ones.
 */
export function wishedPeriods(facts: BookingFacts): DayPeriod[] {
  if (facts.time) {
    const period = periodOf(facts.time);
    return period ? [period] : [];
  }
  if (facts.time_from && facts.time_to) {
    const from = minutesOfDay(facts.time_from);
    const to = minutesOfDay(facts.time_to);
    const refused = facts.refused_periods ?? [];
    return DAY_PERIODS.filter((p) => PERIOD_MINUTES[p][0] < to && from < PERIOD_MINUTES[p][1] && !refused.includes(p));
  }
  return facts.period ? [facts.period] : [];
}

/**
 * "pode ser de tarde também" right after joining: the parts of the day of `merged` (the entry's facts with the message
 * merged) added to those of `before` instead of put in their place. An entry for any part of the day stays so.
 */
export function widenedPeriods(before: BookingFacts, merged: BookingFacts): BookingFacts {
  const had = wishedPeriods(before);
  const said = wishedPeriods(merged);
  if (had.length === 0) return { ...merged, period: null, time: null, time_from: null, time_to: null, refused_periods: [] };
  const union = DAY_PERIODS.filter((p) => had.includes(p) || said.includes(p));
  if (union.length === had.length || said.length === 0) return { ...merged, period: before.period, time: before.time, time_from: before.time_from, time_to: before.time_to, refused_periods: before.refused_periods };
  const first = union[0]!;
  const last = union[union.length - 1]!;
  return {
    ...merged,
    period: union.length === 1 ? first : null,
    time: null,
    time_from: clockTime(PERIOD_MINUTES[first][0]),
    time_to: clockTime(PERIOD_MINUTES[last][1]),
    refused_periods: DAY_PERIODS.filter((p) => !union.includes(p) && PERIOD_MINUTES[p][0] >= PERIOD_MINUTES[first][0] && PERIOD_MINUTES[p][1] <= PERIOD_MINUTES[last][1]),
  };
}

/** The slots a waitlist entry for the facts would be offered: those in its periods. */
export function slotsWithinWish(slots: readonly OfferedSlot[], facts: BookingFacts): OfferedSlot[] {
  const periods = wishedPeriods(facts);
  if (periods.length === 0) return [...slots];
  return slots.filter((s) => {
    const period = periodOf(s.start_time);
    return period !== null && periods.includes(period);
  });
}

/** The facts without the exact time asked ("quero remarcar a das 15h": 15:00 named the appointment). */
export function withoutTime(facts: BookingFacts): BookingFacts {
  return { ...facts, time: null };
}

/** The facts asking for every day from `from` to `to` (days offered as alternatives, and any date, are forgotten). */
export function withDays(facts: BookingFacts, from: string | null, to: string | null): BookingFacts {
  return { ...facts, date_from: from, date_to: to, dates: null, any_date: false };
}

/**
 * "quinta" alone said to a request over several days ("semana que vem"), or to one day past the coming week (next
 * week's Friday): that weekday within those days, or that week (next week's Thursday), not the nearest one the language
 * layer reads; anything more precise ("quinta que vem", "dia 26", "amanhã", "quinta dessa semana") stays as read.
 */
export function weekdayWithinRange(before: BookingFacts, after: BookingFacts, text: string, todayDate: string): BookingFacts {
  if (before.any_date || !before.date_from || !before.date_to) return after;
  // one day past the coming week ("sexta" of next week), then "não, era quinta": the days of that week
  let from = before.date_from;
  let to = before.date_to;
  if (from === to) {
    if (from <= addDays(todayDate, 6)) return after;
    from = addDays(from, -((dayOfWeek(from) + 6) % 7));
    to = addDays(from, 6);
    if (from < todayDate) from = todayDate;
  }
  if (!after.date_from || after.date_from !== after.date_to) return after;
  if (after.date_from >= from && after.date_from <= to) return after;
  const mentions = dateMentions(text);
  const m = mentions.length === 1 ? mentions[0]! : null;
  if (!m || m.weekday === null || m.day !== null || m.offset !== null || m.reference) return after;
  if (dayOfWeek(after.date_from) !== m.weekday || fold(text).split(/[^\p{L}\p{N}]+/u).some((w) => w === 'semana' || w === 'vem')) return after;
  for (let d = from; d <= to; d = addDays(d, 1)) if (dayOfWeek(d) === m.weekday) return withDays(after, d, d);
  return after;
}

/** One step back from the times: the facts without the day and time asked (who, what and where stay). */
export function withoutWhen(facts: BookingFacts): BookingFacts {
  return { ...withDays(facts, null, null), period: null, time: null, time_from: null, time_to: null, refused_periods: [] };
}

/** One step back from "Para quando?": the facts without the specialty or provider asked (what and where stay). */
export function withoutWho(facts: BookingFacts): BookingFacts {
  return { ...facts, specialty: null, provider_ids: [], provider_name: null, exclude_provider_ids: [] };
}

/** "volta" to "Para quando?" in a booking or a waitlist request: the specialty or provider question is the step before. */
export function canStepBackToWho(c: BookingContext): boolean {
  return c.flow !== 'reschedule' && missingFact(c.facts) === 'date' && (c.facts.specialty !== null || c.facts.provider_ids.length > 0);
}

export type MissingFact = 'specialty_or_provider' | 'date' | 'appointment_type';

/** Which of the providers one name fits is still to be asked: the facts name just them. */
export function providerChoicePending(c: Pick<BookingContext, 'providerChoice' | 'facts'>): boolean {
  const choice = c.providerChoice;
  if (!choice || choice.ids.length < 2 || choice.specialty) return false;
  const ids = c.facts.provider_ids;
  return ids.length === choice.ids.length && ids.every((id) => choice.ids.includes(id));
}

/** "tanto faz", "qualquer um", "os dois" to "Com qual deles?": any of them (lexicon PROVIDER_CHOICE_ANY). */
export function takesAnyProvider(text: string): boolean {
  return PROVIDER_CHOICE_ANY.includes(normalizeReply(text));
}

/**
 * The one of the providers a name fitted that the answer names by a word of their name the others do not have ("o
 * silva", "batista", "joão silva"), or by its place in the question ("o primeiro", "2"); null none or several.
 */
export function pickFromProviderChoice(choice: { ids: string[]; names: string[] }, text: string): { id: string; name: string } | null {
  const said = normalizeReply(text).split(' ').filter(Boolean);
  const own = choice.names.map((n) => foldKey(n).split(/[^\p{L}]+/u).filter((w) => w.length >= 3));
  const shared = own.length > 0 ? own.reduce((a, b) => a.filter((w) => b.includes(w))) : [];
  const hits = own.flatMap((words, i) => (words.some((w) => !shared.includes(w) && !PROVIDER_TITLES.includes(w) && said.includes(w)) ? [i] : []));
  let index = hits.length === 1 ? hits[0]! : null;
  if (index === null && said.length <= 3) {
    const ordinal = said.map((w) => PROVIDER_CHOICE_ORDINALS[w]).find((n) => n !== undefined);
    if (ordinal !== undefined) index = ordinal === -1 ? choice.ids.length - 1 : ordinal;
  }
  if (index === null || index >= choice.ids.length) return null;
  return { id: choice.ids[index]!, name: choice.names[index] ?? '' };
}

/** The facts booking with the provider picked from those one name fitted (their name as the clinic writes it, when known). */
export function withPickedProvider(facts: BookingFacts, picked: { id: string; name: string }): BookingFacts {
  return { ...facts, provider_ids: [picked.id], provider_name: picked.name || facts.provider_name };
}

/** The first thing still needed, in the order the dialogue asks: who, when, what. */
export function missingFact(facts: BookingFacts): MissingFact | null {
  if (!facts.specialty && facts.provider_ids.length === 0) return 'specialty_or_provider';
  if (!facts.date_from) return 'date';
  if (!facts.appointment_type_id) return 'appointment_type';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The same specialty twice on one day

/** What a look at the patient's appointments on the days asked depends on. */
export function sameDayKey(f: BookingFacts): string {
  return JSON.stringify([f.specialty, f.provider_ids, f.date_from, f.date_to, f.dates]);
}

/** A booking for a day (or days) said, not yet compared with the patient's appointments then. */
export function sameDayToCheck(c: BookingContext): boolean {
  const f = c.facts;
  if (c.flow !== 'book' || f.any_date || f.date_from === null || (!f.specialty && f.provider_ids.length === 0)) return false;
  return sameDayKey(f) !== c.sameDayChecked;
}

/**
 * The patient's appointment of the specialty asked (or with the provider asked) on a day asked, if any; not one of
 * `kept`, which the patient already chose to keep beside this booking.
 */
export function sameDayAppointment(f: BookingFacts, list: readonly PatientAppointment[], kept: readonly string[] = []): PatientAppointment | null {
  const from = f.date_from;
  if (from === null) return null;
  const to = f.date_to ?? from;
  const specialty = f.specialty ? foldKey(f.specialty) : null;
  return (
    list.find(
      (a) =>
        !kept.includes(a.id) &&
        a.date >= from &&
        a.date <= to &&
        (f.dates === null || f.dates.includes(a.date)) &&
        (specialty !== null ? a.specialty !== null && foldKey(a.specialty) === specialty : f.provider_ids.includes(a.provider_id)),
    ) ?? null
  );
}

// ---------------------------------------------------------------------------------------------------
// Weekly hours

/** What of a request the weekly hours of the providers asked cannot serve at all. */
export interface UnservedAsk {
  /** the place asked, where none of them works (null: the place is served, or none was asked) */
  place: string | null;
  /** the places where they do work, when the place asked is not one */
  elsewhere: string[];
  /** the period asked, in which none of them works there (null: served, or none asked) */
  period: DayPeriod | null;
  /** the place asked, when the period was checked at it alone (they may work that period elsewhere); null: at every place */
  periodPlace: string | null;
  /** the periods they do work in */
  periods: DayPeriod[];
  /** the other places where they do work the period asked, when it was checked at the place asked alone */
  periodElsewhere: string[];
  /** the one day asked, when the period was checked on its weekday alone (null: several days, or the whole week) */
  periodDate: string | null;
  /** the period was checked on the weekdays asked alone, not the whole week */
  periodOnDays: boolean;
}

/** The period asked, with its bounds, at the one other place that serves it. */
export interface PlaceForPeriod {
  /** the one other place that serves the period; null when several do (a yes searches them all, each option naming its place) */
  location_id: string | null;
  /** every other place that serves the period (absent in snapshots saved before it was kept) */
  location_ids?: string[];
  period: DayPeriod;
  time_from: string | null;
  time_to: string | null;
}

/** What a check of the weekly hours depends on. */
export function hoursKey(f: BookingFacts): string {
  return JSON.stringify([f.specialty, f.provider_ids, f.location_id, f.period, f.date_from, f.date_to, f.dates]);
}

/** A booking or waitlist request names a place or period not yet checked against the weekly hours of whom it asks. */
export function hoursToCheck(c: BookingContext): boolean {
  const f = c.facts;
  if (c.flow === 'reschedule' || (!f.specialty && f.provider_ids.length === 0)) return false;
  if (f.location_id === null && f.period === null) return false;
  return hoursKey(f) !== c.hoursChecked;
}

/** The days asked, when they fall within a week (a day, "segunda ou terça", "essa semana"); null: no day or a wider span. */
export function daysAsked(f: BookingFacts): string[] | null {
  if (f.dates !== null && f.dates.length > 0) return f.dates;
  if (f.any_date || f.date_from === null || f.date_to === null) return null;
  const span = daysBetween(f.date_from, f.date_to);
  if (span < 0 || span > 6) return null;
  return Array.from({ length: span + 1 }, (_, i) => addDays(f.date_from!, i));
}

/**
 * "não consigo ir à tarde" while booking: the reading with that part of the day refused, the rest of the day wished
 * (as the language layer reads it beside a booking word; for a cancel it reads the part as the appointment's).
 */
export function withPeriodRefused<T extends Understanding>(u: T, c: Pick<BookingContext, 'text' | 'now' | 'timezone'>): T {
  const reference = new Date(c.now);
  if (Number.isNaN(reference.getTime())) return u;
  const w = extractWhen(c.text, { reference, timezone: c.timezone });
  if (!w.absent_period) return u;
  return {
    ...u,
    entities: { ...u.entities, period: w.period, time: w.time_text },
    resolved: {
      ...u.resolved,
      time: w.time,
      time_from: w.time_from,
      time_to: w.time_to,
      // the afternoon refused between a morning and an evening left (as the language service reads it)
      refused_periods: !w.time && w.refused_periods ? [...w.refused_periods] : undefined,
    },
  };
}

/** Whether the message names a day or a time (as the language layer would read it). */
export function mentionsWhen(c: Pick<BookingContext, 'text' | 'now' | 'timezone'>): boolean {
  const reference = new Date(c.now);
  if (Number.isNaN(reference.getTime())) return false;
  const w = extractWhen(c.text, { reference, timezone: c.timezone });
  return w.date_from !== null || w.time !== null || w.time_from !== null || w.period !== null;
}

const TITLE_WORDS = new Set(PROVIDER_TITLES.map((t) => foldKey(t)));

/** A title ("dr", "dra", "doutora") or a pronoun for a provider named before ("com ela"): someone is named. */
function namesProviderWord(text: string): boolean {
  return foldKey(text).split(/\s+/).some((w) => TITLE_WORDS.has(w)) || refersToProvider(text) !== null;
}

const SPECIALTY_FORMS = SPECIALTIES.flatMap((e) => [e.canonical, ...e.forms]).map((f) => foldKey(f));

function namesSpecialty(text: string): boolean {
  const folded = ` ${foldKey(text)} `;
  return SPECIALTY_FORMS.some((f) => folded.includes(` ${f} `));
}

/**
 * Two specialties asked in one message, each with its own day (cardiology tomorrow at ten and dermatology
 * on Friday afternoon) or its own place ("cardio no centro e dermato na savassi"): the first ask and the rest, as
 * written, to book one after the other with their own days or places; null when the day is shared or the parts do not
 * each name a specialty and a day (or a place). `place`: the place the language layer read last in the whole message.
 */
export function splitSpecialtyAsks(text: string, c: Pick<BookingContext, 'now' | 'timezone'>, place: string | null = null): [string, string] | null {
  const words = text.trim().split(/\s+/);
  const reference = new Date(c.now);
  if (Number.isNaN(reference.getTime())) return null;
  const dated = (part: string) => extractWhen(part, { reference, timezone: c.timezone }).date_from !== null;
  // the last part names the place read; the first one a place of its own: a lead ("no", "na", "unidade") and a word
  // that is no day, time or relative ("no centro", not "na sexta", "no meu filho")
  const leads = LOCATION_LEADS.map((l) => foldKey(l));
  const placedFirst = (part: string) => {
    const all = foldKey(part).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return all.some((w, i) => {
      const next = all[i + 1];
      if (!leads.includes(w) || !next || RELATIVE_POSSESSIVES.includes(next)) return false;
      const when = extractWhen(`${w} ${next}`, { reference, timezone: c.timezone });
      return when.date_from === null && when.time === null && when.time_from === null;
    });
  };
  const placedLast = (part: string) => place !== null && foldKey(part).includes(foldKey(place));
  const ownPlaces = (head: string, rest: string) => placedFirst(head) && placedLast(rest) && !placedLast(head);
  for (let i = 1; i < words.length - 1; i++) {
    const joined = words[i]!.toLowerCase() === 'e';
    const ended = /[,;.]$/.test(words[i - 1]!);
    if (!joined && !ended) continue;
    const head = words.slice(0, i).join(' ').replace(/[,;.]+$/, '');
    const rest = words.slice(joined ? i + 1 : i).join(' ');
    if (!namesSpecialty(head) || !namesSpecialty(rest)) continue;
    if ((dated(head) && dated(rest)) || ownPlaces(head, rest)) return [head, rest];
  }
  return null;
}

/** The one provider the dialogue is about (asked for, chosen, of the appointment in play, or of every option); null when not one. */
export function providerInPlay(c: Pick<BookingContext, 'facts' | 'chosen' | 'target' | 'offered'>): { id: string; name: string | null } | null {
  if (c.facts.provider_ids.length === 1) return { id: c.facts.provider_ids[0]!, name: c.facts.provider_name };
  if (c.facts.provider_ids.length > 1) return null;
  if (c.chosen) return { id: c.chosen.provider_id, name: c.chosen.provider_name };
  if (c.target) return { id: c.target.provider_id, name: c.target.provider_name };
  const ids = new Set(c.offered.map((o) => o.provider_id));
  return ids.size === 1 ? { id: c.offered[0]!.provider_id, name: c.offered[0]!.provider_name } : null;
}

/**
 * The providers this turn named, for a pronoun on a later turn: those the message resolved, else those of the
 * appointments the reply showed, else those of the times on offer, else the one chosen or asked about; the ones named
 * before when this turn named none.
 */
export function providersNamed(
  c: Pick<BookingContext, 'understanding' | 'shownAppointments' | 'offered' | 'chosen' | 'target' | 'namedProviders'>,
  offering: boolean,
): Array<{ id: string; name: string }> {
  const distinct = (list: Array<{ provider_id: string; provider_name: string | null }>) => {
    const seen = new Map<string, string>();
    for (const p of list) if (p.provider_name && !seen.has(p.provider_id)) seen.set(p.provider_id, p.provider_name);
    return [...seen].map(([id, name]) => ({ id, name }));
  };
  const u = c.understanding;
  if (u && u.resolved.provider_ids.length > 0 && u.provider_names.length === u.resolved.provider_ids.length) {
    return u.resolved.provider_ids.map((id, i) => ({ id, name: u.provider_names[i]! }));
  }
  if (c.shownAppointments?.fresh && c.shownAppointments.appointments.length > 0) return distinct(c.shownAppointments.appointments);
  if (offering && c.offered.length > 0) return distinct(c.offered);
  if (c.chosen) return distinct([c.chosen]);
  if (c.target) return distinct([c.target]);
  return c.namedProviders ?? [];
}

/** The one provider named earlier that "ela"/"ele" or "o mesmo doutor" of `form` can mean; null when none or several fit. */
export function namedProviderOfForm(c: Pick<BookingContext, 'namedProviders'>, form: ProviderForm): { id: string; name: string } | null {
  const fit = (c.namedProviders ?? []).filter((p) => providerFormOf(p.name) === form);
  return fit.length === 1 ? fit[0]! : null;
}

/**
 * "quero marcar outra com ela" with no provider named in the conversation: the one provider of that form among the
 * patient's upcoming appointments (null when none, or several, fit).
 */
export function appointmentProviderOfForm(appointments: readonly PatientAppointment[], form: ProviderForm): { id: string; name: string } | null {
  const fit = new Map<string, string>();
  for (const a of appointments) if (a.provider_name !== null && providerFormOf(a.provider_name) === form) fit.set(a.provider_id, a.provider_name);
  return fit.size === 1 ? [...fit].map(([id, name]) => ({ id, name }))[0]! : null;
}

/** The days "está de férias?" is answered for, from today (the hours lookup reads a week at most). */
export const AWAY_SPAN_DAYS = 7;

/**
 * The dates a question about someone's hours is about, to read them with that week's date overrides: the
 * days asked when they fall within a week (a weekday, next week), else the coming week when no day is
 * asked (which days does a provider work); null for a wider span.
 */
export function hoursQuestionDays(c: Pick<BookingContext, 'understanding' | 'now' | 'timezone' | 'text'>): string[] | null {
  const r = c.understanding?.resolved;
  // "o dr paulo tá de férias?": the coming week, whatever day is asked beside it ("… ele tá aí hoje?": today is in it)
  if (asksProviderAway(c.text)) {
    const first = today(c);
    return Array.from({ length: AWAY_SPAN_DAYS }, (_, i) => addDays(first, i));
  }
  if (r?.dates && r.dates.length > 0) return r.dates.length <= 7 ? [...r.dates] : null;
  const from = r?.date_from ?? null;
  const to = r?.date_to ?? from;
  if (from === null || to === null) {
    const first = today(c);
    return Array.from({ length: 7 }, (_, i) => addDays(first, i));
  }
  const span = daysBetween(from, to);
  if (span < 0 || span > 6) return null;
  return Array.from({ length: span + 1 }, (_, i) => addDays(from, i));
}

/** What the hours lookup (`specialtyHours`) is asked for an hours question: whom, and which days. */
export function hoursQuestionInput(c: Pick<BookingContext, 'understanding' | 'now' | 'timezone' | 'text'>) {
  return {
    specialty: c.understanding?.resolved.specialty ?? null,
    provider_ids: [...(c.understanding?.resolved.provider_ids ?? [])],
    dates: hoursQuestionDays(c),
  };
}

function servesPeriod(hours: readonly WeeklyHours[], period: DayPeriod): boolean {
  const [from, to] = PERIOD_MINUTES[period];
  return hours.some((h) => minutesOfDay(h.start_time) < to && minutesOfDay(h.end_time) > from);
}

/**
 * The place or period asked where or when no weekly hours of the providers asked fall: left out of the
 * facts (the place becomes the one other place they work at, if only one), and said. No hours known at
 * all: nothing changes (the search decides).
 */
export function checkHours(
  facts: BookingFacts,
  /** `dayHours`: the hours on the days asked, date overrides included (when read); else the weekly hours on their weekdays */
  found: { hours: readonly WeeklyHours[]; places: ReadonlyArray<{ id: string; name: string }>; dayHours?: readonly DayHours[] },
  /** check the period on the weekdays asked (a booking); else on the whole week (a waitlist wish stays as asked) */
  byDay = true,
): { facts: BookingFacts; unserved: UnservedAsk | null; placeForPeriod: PlaceForPeriod | null } {
  if (found.hours.length === 0) return { facts, unserved: null, placeForPeriod: null };
  let hours = found.hours;
  let next = facts;
  let placeForPeriod: PlaceForPeriod | null = null;
  const unserved: UnservedAsk = { place: null, elsewhere: [], period: null, periodPlace: null, periods: [], periodElsewhere: [], periodDate: null, periodOnDays: false };
  let placeAsked: string | null = null;
  if (facts.location_id !== null) {
    const there = hours.filter((h) => h.location_id === facts.location_id);
    if (there.length > 0) {
      hours = there;
      placeAsked = there[0]!.location_name;
    } else {
      const ids = [...new Set(hours.map((h) => h.location_id))];
      unserved.place = found.places.find((p) => p.id === facts.location_id)?.name ?? null;
      unserved.elsewhere = ids.map((id) => hours.find((h) => h.location_id === id)!.location_name);
      next = { ...next, location_id: ids.length === 1 ? ids[0]! : null };
    }
  }
  // the period is checked on the weekdays asked, when they work any of them (else on the whole week)
  const days = byDay ? daysAsked(facts) : null;
  const weekdays = days ? new Set(days.map(dayOfWeek)) : null;
  // the hours of those very dates (overrides applied) when known, as weekly hours of their weekdays
  const dated: WeeklyHours[] | null =
    days && found.dayHours ? found.dayHours.filter((h) => days.includes(h.date)).map(({ date, ...h }) => ({ ...h, day_of_week: dayOfWeek(date) })) : null;
  const onDays = (list: readonly WeeklyHours[]) => (weekdays ? list.filter((h) => weekdays.has(h.day_of_week)) : list);
  const atPlace = (list: readonly WeeklyHours[]) => (placeAsked !== null ? list.filter((h) => h.location_id === facts.location_id) : list);
  const dayHours = dated ? atPlace(dated) : onDays(hours);
  const checkedHours = dayHours.length > 0 ? dayHours : hours;
  const allHours = dayHours.length > 0 ? (dated ?? onDays(found.hours)) : found.hours;
  if (facts.period !== null && !servesPeriod(checkedHours, facts.period)) {
    unserved.period = facts.period;
    unserved.periodPlace = placeAsked;
    unserved.periodOnDays = weekdays !== null && dayHours.length > 0;
    unserved.periodDate = unserved.periodOnDays && days!.length === 1 ? days![0]! : null;
    unserved.periods = DAY_PERIODS.filter((p) => servesPeriod(checkedHours, p));
    if (placeAsked !== null) {
      const period = facts.period;
      const others = [...new Set(allHours.filter((h) => h.location_id !== facts.location_id).map((h) => h.location_id))].filter((id) =>
        servesPeriod(
          allHours.filter((h) => h.location_id === id),
          period,
        ),
      );
      unserved.periodElsewhere = others.map((id) => allHours.find((h) => h.location_id === id)!.location_name);
      if (others.length > 0) {
        placeForPeriod = { location_id: others.length === 1 ? others[0]! : null, location_ids: others, period, time_from: facts.time_from, time_to: facts.time_to };
      }
    }
    // the period's bounds came with it ("à noite": 18:00–22:00)
    next = { ...next, period: null, time_from: null, time_to: null };
  }
  return { facts: next, unserved: unserved.place === null && unserved.period === null ? null : unserved, placeForPeriod };
}

/**
 * "nenhum desses, tem de manhã?" when the days asked have no morning hours: the part of the day asked kept, searched
 * on the days after them (the next ones it is served on come first); null when the period is served on no weekday
 * (at the place asked), or the days asked are not known. `asked`: the facts before checkHours left the period out.
 */
export function periodOnLaterDays(asked: BookingFacts, found: { hours: readonly WeeklyHours[] }, unserved: UnservedAsk | null): BookingFacts | null {
  if (!unserved?.period || !unserved.periodOnDays || !asked.date_to) return null;
  const hours = asked.location_id !== null ? found.hours.filter((h) => h.location_id === asked.location_id) : found.hours;
  if (!servesPeriod(hours, unserved.period)) return null;
  const from = addDays(asked.date_to, 1);
  return withDays(asked, from, addDays(from, WIDER_DAYS - 1));
}

/**
 * "na verdade prefiro à tarde" to the times on offer or the summary: a part of the day said alone (no day, no time, not a
 * part refused), a change of the period wished for the booking in play.
 */
export function changesOnlyPeriod(c: BookingContext): boolean {
  if (c.from !== 'offering' && c.from !== 'confirming') return false;
  return saysOnlyPeriod(c);
}

/** A part of the day said alone: no day, no time, not a part refused ("de tarde", "pra tarde", "à tarde"). */
function saysOnlyPeriod(c: Pick<BookingContext, 'understanding' | 'text'>): boolean {
  const u = c.understanding;
  if (!u) return false;
  const e = u.entities;
  return !!e.period && !e.date_text && !u.resolved.time && !(u.resolved.refused_periods?.length ?? 0) && periodNotGoing(fold(c.text)) === null;
}

/**
 * "pra tarde", "de tarde" alone to "Para quando?" (a booking's, or a move's): no day is coming, so the nearest days'
 * afternoons are searched (as "tanto faz" with that part of the day), never the same question again.
 */
export function answersDateWithPeriod(c: BookingContext): boolean {
  const asked = c.flow === 'book' || (c.flow === 'reschedule' && c.target !== null);
  return asked && c.from === 'collecting' && missingFact(c.facts) === 'date' && saysOnlyPeriod(c);
}

/** "tanto faz", "o quanto antes": the next days from today, marked as any date. */
export function anyDateFacts(facts: BookingFacts, c: Pick<BookingContext, 'now' | 'timezone'>): BookingFacts {
  // "tanto faz" to "sexta, dia 4, ou sábado, dia 5?": either of the two days
  const choice = pendingDayChoice(facts);
  if (choice) return { ...withDays(facts, choice[0]!, choice[1]!), dates: [...choice] };
  const from = today(c);
  return { ...withDays(facts, from, addDays(from, WIDER_DAYS - 1)), any_date: true };
}

/**
 * A move keeps the provider and type of the appointment moved, and its place unless the patient names
 * another ("remarcar pra segunda na Savassi"); it takes the new date and time.
 */
export function moveFacts(facts: BookingFacts, target: PatientAppointment, keepTime: boolean): BookingFacts {
  const next: BookingFacts = {
    ...facts,
    specialty: target.specialty,
    provider_ids: [target.provider_id],
    provider_name: target.provider_name,
    appointment_type_id: target.appointment_type_id,
    location_id: facts.location_id ?? target.location_id,
  };
  if (keepTime) {
    next.time = target.start_time;
    next.time_from = null;
    next.time_to = null;
    next.period = null;
  }
  return next;
}

/**
 * A move to a new exact time with no day said ("remarca a das 9 pras 10", "passa a das 9 pra 10h"), or to another part
 * of the day ("remarca a das 9 pra de tarde", "passa a das 9 pra tarde"): that time or part of the day on the
 * appointment's own day (the search goes on to the nearest days when it has none); so is a window of the day its own time
 * is not in ("passar a de amanhã pra depois das 11"). "The same time" is no new time (its day is still to ask), nor is the
 * appointment's own time, part of the day or a window holding it. Another place with no day said ("a de
 * cardio no centro em vez da savassi"): the appointment's own day there, nearest to its own time first.
 */
export function onTargetDay(facts: BookingFacts, target: PatientAppointment, keepTime: boolean): BookingFacts {
  if (keepTime) return facts;
  const newTime = facts.time !== null && facts.time !== target.start_time;
  const newPeriod = facts.time === null && facts.period !== null && facts.period !== periodOf(target.start_time);
  // "pra depois das 11", "entre 14 e 16h": a window of the day the appointment's own time is not in
  const newWindow =
    facts.time === null && facts.period === null && facts.time_from !== null && facts.time_to !== null && !(target.start_time >= facts.time_from && target.start_time < facts.time_to);
  const newPlace = facts.location_id !== null && facts.location_id !== target.location_id;
  if (!newTime && !newPeriod && !newWindow && !newPlace) return facts;
  if (facts.date_from !== null || facts.dates !== null || facts.any_date) return facts;
  const onDay = withDays(facts, target.date, target.date);
  // only the place changes ("no centro em vez da savassi"): its own clock time first, else the nearest to it
  const saysTime = facts.time !== null || facts.time_from !== null || facts.period !== null;
  return newPlace && !saysTime ? { ...onDay, time: target.start_time } : onDay;
}

/**
 * "trocar de médico": the move of `target` to another provider of its specialty and type (the one named,
 * "trocar a dra ana pelo dr paulo"), at any place
 * unless the patient named one, on the days asked, else from the appointment's day on (the nearest to
 * the date the patient had chosen); the appointment's own provider is left out.
 */
export function providerChangeFacts(facts: BookingFacts, target: PatientAppointment, keepTime: boolean, todayDate: string): BookingFacts {
  const moved = moveFacts(facts, target, keepTime);
  const from = later(target.date, todayDate);
  // "trocar a dra ana pelo dr paulo": the provider named to come instead, else any other
  const named = newProviderIds(facts, target);
  return {
    ...moved,
    provider_ids: named,
    provider_name: named.length > 0 ? facts.provider_name : null,
    exclude_provider_ids: [target.provider_id],
    // the appointment's place is the move's default, not a wish: other providers may be elsewhere
    location_id: facts.location_id === target.location_id ? null : facts.location_id,
    ...(facts.date_from ? {} : { date_from: from, date_to: addDays(from, WIDER_DAYS - 1), dates: null }),
  };
}

/** The providers named to take over the appointment ("trocar a dra ana pelo dr paulo": Dr. Paulo); empty when none is, or it is its own. */
export function newProviderIds(facts: BookingFacts, target: PatientAppointment): string[] {
  return facts.provider_ids.includes(target.provider_id) ? [] : [...facts.provider_ids];
}

/**
 * A booking request that points at the appointment just booked, moved or cancelled (`last`): "the same day"
 * takes its date, "right after" / "before it" (or "the same day, later" / "earlier") that date after its end or
 * before its start, "the same time" its time (the pt-BR phrases are in the lexicon). Only what the request
 * itself has not set yet is taken (a day or time said wins).
 */
export function referToLast(facts: BookingFacts, text: string, last: PatientAppointment | null, todayDate: string | null = null): BookingFacts {
  if (!last) return facts;
  let next = facts;
  // "no mesmo dia mais cedo" / "mais tarde": that day, before its start or after its end, as "antes dessa" / "logo depois"
  const sameDayLater = sameDay(text) && asksLater(text);
  const sameDayEarlier = sameDay(text) && !sameDayLater && asksEarlier(text);
  const around = rightAfter(text) || sameDayLater ? 'after' : rightBefore(text) || sameDayEarlier ? 'before' : null;
  if (next.date_from === null && (sameDay(text) || around !== null)) {
    next = { ...withDays(next, last.date, last.date), any_date: false };
  }
  // "na mesma semana": Monday to Sunday of that appointment's week (the search starts no earlier than today)
  if (next.date_from === null && sameWeek(text)) {
    const monday = addDays(last.date, -((dayOfWeek(last.date) + 6) % 7));
    const from = todayDate !== null && todayDate > monday ? todayDate : monday;
    next = { ...withDays(next, from, addDays(monday, 6)), any_date: false };
  }
  const timeSet = next.time !== null || next.time_from !== null;
  if (!timeSet && around !== null && next.date_from === last.date) {
    const end = utcToLocal(new Date(last.end_at), last.timezone).time;
    next = {
      ...next,
      period: null,
      time_from: around === 'after' ? end : clockTime(OPEN_RANGE_START),
      time_to: around === 'after' ? clockTime(OPEN_RANGE_END) : last.start_time,
    };
  } else if (!timeSet && keepsTime(text)) {
    next = { ...next, time: last.start_time, time_from: null, time_to: null, period: null };
  }
  return next;
}

/** "nesse mesmo dia" to "Para quando?": the message adds to the booking by pointing at the appointment just booked or cancelled. */
export function refersToLast(c: Pick<BookingContext, 'flow' | 'facts' | 'text' | 'lastAppointment' | 'now' | 'timezone'>): boolean {
  return c.flow === 'book' && referToLast(c.facts, c.text, c.lastAppointment, today(c)) !== c.facts;
}

/** After a cancel, "I want to book another time": the same kind of appointment, any place, date to ask. */
export function rebookFacts(target: PatientAppointment): BookingFacts {
  return {
    ...emptyFacts(),
    specialty: target.specialty,
    provider_ids: [target.provider_id],
    provider_name: target.provider_name,
    appointment_type_id: target.appointment_type_id,
  };
}

// ---------------------------------------------------------------------------------------------------
// Searches

/** Options in reading order: by day, then time, then provider. */
export function sortSlots(slots: readonly OfferedSlot[]): OfferedSlot[] {
  return [...slots].sort((a, b) => a.start_at.localeCompare(b.start_at) || (a.provider_name ?? '').localeCompare(b.provider_name ?? ''));
}

/**
 * Whether the options of this search are spread over its days: a booking or a move asked for a range of
 * several days ("semana que vem", "de segunda a sexta", "pra depois de 15 dias") with no time or period
 * wish, so the patient sees the choice of days, not one morning. A waitlist request's free times keep
 * their own order. Days offered as alternatives take turns in the search itself; a day
 * or time wish keeps the best times, wherever they fall, and so does any day ("tanto faz", "o quanto
 * antes": the nearest first).
 */
export function spreadsDays(c: Pick<BookingContext, 'flow' | 'query' | 'facts'>): boolean {
  const q = c.query;
  const f = q?.facts ?? c.facts;
  if (c.flow === 'waitlist' || (q !== null && q.kind !== 'asked')) return false;
  if (!f.date_from || !f.date_to || f.date_from === f.date_to || (f.dates && f.dates.length > 0) || f.any_date) return false;
  return f.time === null && f.time_from === null && f.time_to === null && f.period === null;
}

/**
 * Options spread over days, from slots best first: the best slot of each of the first days with room, in
 * the order of the days, up to `limit`; with fewer days than that, the next best slots fill the rest.
 */
export function spreadOverDays(slots: readonly OfferedSlot[], limit: number): OfferedSlot[] {
  const bestOfDay = new Map<string, OfferedSlot>();
  for (const s of slots) if (!bestOfDay.has(s.date)) bestOfDay.set(s.date, s);
  const days = [...bestOfDay.keys()].sort().slice(0, limit);
  const picked = days.map((d) => bestOfDay.get(d)!);
  for (const s of slots) {
    if (picked.length >= limit) break;
    if (!picked.includes(s)) picked.push(s);
  }
  return picked;
}

/** The facts the current offer came from (after any widening), else the patient's. */
function offerBase(c: BookingContext): BookingFacts {
  return c.query?.facts ?? c.facts;
}

/**
 * The facts to search for the request. A move asked from the appointment's own time on ("mais tarde",
 * "depois das 11:30" for the one at 11:30) searches strictly after it: a minute later, so no day offers
 * that same time as a later one. The facts keep the patient's words (the replies name 11:30).
 */
export function searchFacts(c: Pick<BookingContext, 'flow' | 'target' | 'facts' | 'moveDirection'>, asked: BookingFacts = c.facts): BookingFacts {
  const t = c.target;
  if (c.flow !== 'reschedule' || !t) return asked;
  const facts = c.moveDirection === 'postpone' || c.moveDirection === 'bring_forward' ? directedDays(asked, t.date, c.moveDirection) : asked;
  if (facts.time !== null || facts.time_from !== t.start_time || facts.time_to === null) return facts;
  const after = clockTime(minutesOfDay(t.start_time) + 1);
  return after < facts.time_to ? { ...facts, time_from: after } : facts;
}

/**
 * "adiar pra semana que vem" with the appointment inside those days: the days after it ("antecipar": the
 * days before it), when the range reaches past its day.
 */
function directedDays(facts: BookingFacts, day: string, way: 'postpone' | 'bring_forward'): BookingFacts {
  const { date_from: from, date_to: to } = facts;
  if (!from || !to || facts.dates !== null || from > day || to < day) return facts;
  if (way === 'postpone' && to > day) return { ...facts, date_from: addDays(day, 1) };
  if (way === 'bring_forward' && from < day) return { ...facts, date_to: addDays(day, -1) };
  return facts;
}

/** The search for a kind of offer; the one asked when there is nothing on offer to move from. */
export function planQuery(c: BookingContext, kind: OfferKind): SearchQuery {
  const taken = [...c.taken];
  if (kind === 'asked' || c.offered.length === 0) return { facts: searchFacts(c), kind: 'asked', exclude: taken };
  const base = offerBase(c);
  const times = c.offered.map((s) => s.start_time).sort();
  const dates = c.offered.map((s) => s.date).sort();
  const onOffer = c.offered.map((s) => s.start_at);
  // "mais tarde" on one day offered means that day; over several days, the same days
  const days = dates[0] === dates[dates.length - 1] ? { date_from: dates[0]!, date_to: dates[0]! } : {};
  switch (kind) {
    case 'later':
      // from the latest time on offer, those on offer excluded: strictly later
      return {
        facts: { ...base, ...days, time: null, period: null, time_from: times[times.length - 1]!, time_to: '23:59' },
        kind,
        exclude: [...taken, ...onOffer],
      };
    case 'earlier':
      return { facts: { ...base, ...days, time: null, period: null, time_from: '00:00', time_to: times[0]! }, kind, exclude: taken };
    case 'next_days': {
      // the patient's own wishes on the next days (a "mais tarde" was about the day on offer)
      const from = addDays(dates[dates.length - 1]!, 1);
      return { facts: searchFacts(c, withDays(c.facts, from, addDays(from, WIDER_DAYS - 1))), kind, exclude: taken };
    }
    case 'others':
      return { facts: base, kind, exclude: [...taken, ...onOffer] };
    case 'another_provider': {
      // the same days and wishes with the specialty's other providers: the one named, else the one of the
      // option being confirmed, else those on offer, left out
      const named =
        c.facts.provider_ids.length > 0 ? c.facts.provider_ids : c.chosen && c.from === 'confirming' ? [c.chosen.provider_id] : c.offered.map((s) => s.provider_id);
      const left = [...new Set([...base.exclude_provider_ids, ...named])];
      return {
        facts: { ...base, specialty: base.specialty ?? c.facts.specialty, provider_ids: [], provider_name: null, exclude_provider_ids: left },
        kind,
        exclude: taken,
      };
    }
    default:
      return { facts: c.facts, kind: 'asked', exclude: taken };
  }
}

/**
 * Another doctor asked for and none is free on the days on offer: the same search over the next days from
 * the first of them. Null when it already spans that much (or it is no such search).
 */
export function widerOtherProvidersQuery(c: BookingContext): SearchQuery | null {
  const q = c.query;
  if (!q || q.kind !== 'another_provider' || !q.facts.date_from) return null;
  const from = later(q.facts.date_from, today(c));
  if (q.facts.date_to && !q.facts.dates && daysBetween(from, q.facts.date_to) >= WIDER_DAYS - 1) return null;
  return { ...q, facts: withDays(q.facts, from, addDays(from, WIDER_DAYS - 1)) };
}

/** Whether another doctor can be searched for: the options on offer have a specialty to look in. */
export function canSeekAnotherProvider(c: BookingContext): boolean {
  return c.flow !== 'reschedule' && c.offered.length > 0 && (offerBase(c).specialty ?? c.facts.specialty) !== null;
}

/** Nothing on the days asked: the nearest days, with the same wishes. Null when the ask already spans that much. */
export function widerDaysQuery(c: BookingContext): SearchQuery | null {
  const asked = c.facts;
  if (!asked.date_from) return null;
  const from = later(asked.date_from, today(c));
  const to = addDays(from, WIDER_DAYS - 1);
  if (asked.date_to && daysBetween(from, asked.date_to) >= WIDER_DAYS - 1) return null;
  return { facts: searchFacts(c, withDays(asked, from, to)), kind: 'other_days', exclude: [...c.taken] };
}

/**
 * A move finds nothing at the place of the appointment moved, on the days asked: the same provider at
 * their other places, on those days (the offer names each place, the confirmation too). Only while the
 * place is the one the move kept, not one the patient asked for.
 */
export function otherPlacesQuery(c: BookingContext): SearchQuery | null {
  const asked = c.facts;
  if (c.flow !== 'reschedule' || !c.target || asked.location_id === null || asked.location_id !== c.target.location_id) return null;
  return { facts: searchFacts(c, { ...asked, location_id: null }), kind: 'other_places', exclude: [...c.taken] };
}

/**
 * A move finds nothing on the nearest days at the appointment's place either (its last slot of the day,
 * moved later): the same nearest days at any place the provider works. Only after the days were widened
 * at the place the move kept, not one the patient asked for.
 */
export function widerOtherPlacesQuery(c: BookingContext): SearchQuery | null {
  const q = c.query;
  if (!q || q.kind !== 'other_days' || q.facts.location_id === null || otherPlacesQuery(c) === null) return null;
  return { facts: { ...q.facts, location_id: null }, kind: 'other_days', exclude: [...c.taken] };
}

/** Still nothing with the provider asked: the other providers of the specialty, anywhere (not for a move). */
export function otherProvidersQuery(c: BookingContext): SearchQuery | null {
  const asked = c.facts;
  if (c.flow === 'reschedule' || !asked.specialty || asked.provider_ids.length === 0) return null;
  const days = widerDaysQuery(c)?.facts ?? asked;
  return {
    facts: { ...days, provider_ids: [], provider_name: null, location_id: null },
    kind: 'other_providers',
    exclude: [...c.taken],
  };
}

/**
 * The provider's name when the request names one provider: as the clinic spells it (from a slot or the
 * appointment moved), else as the patient typed it, made presentable.
 */
export function askedProviderName(facts: BookingFacts, slots: readonly OfferedSlot[], target: PatientAppointment | null): string | null {
  if (facts.provider_ids.length !== 1) return null;
  const id = facts.provider_ids[0];
  const known = slots.find((s) => s.provider_id === id)?.provider_name ?? (target && target.provider_id === id ? target.provider_name : null);
  return known ?? (facts.provider_name ? presentableName(facts.provider_name) : null);
}

// ---------------------------------------------------------------------------------------------------
// Short replies

export type ReplyKind =
  | 'pick'
  | 'yes'
  | 'no'
  | 'later'
  | 'earlier'
  | 'other_day'
  | 'others'
  /** "quero outro médico", "tem outra médica?": another provider than the one(s) on offer */
  | 'other_provider'
  /** a yes (or "mostra") to the offer to show the times of the providers left out again (leftOutToShow) */
  | 'show_again'
  | 'none'
  | 'stop'
  /** "deixa pra lá", "desisto": stop the booking in progress, whatever was asked */
  | 'give_up'
  | 'cancel_booked'
  | 'continue'
  /** "ok", "obrigado", 👍: closes a finished exchange */
  | 'thanks'
  /** "obrigado!" and nothing else, in the middle of something */
  | 'gratitude'
  /** "então me avisa", "fico no aguardo": waiting to hear from us (after joining the waitlist; a yes to joining it) */
  | 'waiting'
  | 'any_date'
  /** "qualquer uma", "tanto faz" to "Com qual especialidade ou profissional?": the clinic's specialties to choose from */
  | 'any_specialty'
  /** "tem o quanto antes?" to the times on offer or the summary of a booking: the day asked let go, the nearest days */
  | 'nearest'
  /** "ok", "tá bom" alone: taken in, no answer to an open question */
  | 'bare_ok'
  /** "não", "quero mais uma" to whether to move the appointment already booked that day */
  | 'another_one'
  /** "as duas", "ambas", "todas" when asked which appointment to cancel or confirm: every one listed */
  | 'all'
  /** "no, the other one" about the appointment asked about: another of the patient's appointments */
  | 'other_appointment'
  /** "3" to a numbered list of two appointments: a number past the end of the list */
  | 'number_beyond'
  /** "volta", "quero voltar": one step back */
  | 'back';

/** Whether this turn's message is that kind of short reply, in the state it came to. */
/** The action a yes/no question asks about (cancelling it, booking or moving to the time summed up) said in the reply. */
function saysActionAskedAbout(c: BookingContext): boolean {
  if (c.from === 'confirming_cancel') return saysActionAsked(c.text, 'cancel');
  if (c.from === 'confirming') return saysActionAsked(c.text, c.flow === 'reschedule' ? 'move' : 'book');
  return false;
}

/** "obrigada, até amanhã" with nothing pending: a goodbye, not "até amanhã" as the last day of a booking. */
function leavesUntil(c: BookingContext): boolean {
  return (c.from === 'done' || c.from === 'idle') && saysFarewellUntil(c.text);
}

export function repliesWith(c: BookingContext, kind: ReplyKind): boolean {
  const text = c.text;
  switch (kind) {
    case 'pick':
      return c.from === 'choosing_appointment' ? pickedAppointment(c) !== null : pickedSlot(c) !== null;
    case 'yes':
      // after "anything else?", "quero remarcar" is a new ask for the language layer, not a bare yes
      // "esse" to several options: a yes that has not said which (asked again by number); to the summary: that one, yes
      if ((c.from === 'offering' || c.from === 'confirming') && pointsAtOne(text)) return true;
      // "cancela", "não, pode cancelar" to "Desmarco?"; "marca", "não, pode marcar" to the summary: the action asked, said
      if (saysActionAskedAbout(c)) return true;
      // "pode cancelar" says yes to "Desmarco?" only: to the summary of a booking or a move it asks to call it off
      if (c.from !== 'confirming_cancel' && carriesCancelWord(text)) return false;
      // "pode remarcar" to "Desmarco?" or to whether to confirm presence: a move asked for, neither a cancel nor a confirmation
      if ((c.from === 'confirming_cancel' || c.from === 'confirming_appointment') && carriesMoveWord(text)) return false;
      // "quero lista de espera" to the times of a booking: the waitlist asked for, not a yes that picks none
      if (c.from === 'offering' && classifyIntent(fold(text)).intent === 'waitlist') return false;
      // (also after a clinic answer's "Posso ajudar em mais alguma coisa?", and after "Como posso ajudar? Posso marcar, …":
      // "quero marcar" asks to book)
      return isYes(text) && !(((c.from === 'done' && c.followUp === 'more') || (c.from === 'idle' && (c.askedMore || c.askedWhatNeeded))) && namesAnAsk(text));
    case 'no':
      return isNo(text) && !saysActionAskedAbout(c);
    case 'later':
      return asksLater(text);
    case 'earlier':
      return asksEarlier(text);
    case 'other_day':
      return asksOtherDay(text);
    case 'others':
      // "tem outro horario com a dra ana?", "… com ela?": a provider named, for the language layer (their times only)
      return asksOthers(text) && !namesProviderWord(text);
    case 'other_provider':
      return asksOtherProvider(text);
    case 'show_again':
      return c.leftOutToShow.length > 0 && acceptsShowingAgain(text);
    case 'none':
      // none of these, with a day or time beside it: a new request, for the language layer; with a wish
      // to be told when a time opens: the waitlist, for the language layer too
      return rejectsAll(text) && !mentionsWhen(c) && classifyIntent(fold(text)).intent !== 'waitlist';
    case 'stop':
      return wantsToStop(text);
    case 'give_up':
      return givesUp(text);
    case 'cancel_booked':
      return wantsToCancelBooked(text);
    case 'continue':
      return wantsToContinue(text);
    case 'thanks':
      // "então?" asks what now (the question pending again), no "ok"
      return (isAcknowledgement(text) || leavesUntil(c)) && !asksWhatNow(text);
    case 'gratitude':
      return isThanks(text) && (isAcknowledgement(text) || leavesUntil(c));
    case 'waiting':
      return isWaiting(text);
    case 'any_date': {
      const missing = missingFact(c.facts);
      // "o mais cedo possível" to "Com qual especialidade ou profissional?": a when said first, kept (no day said yet)
      if (missing === 'specialty_or_provider') return c.facts.date_from === null && onlyAnyDate(text) && asksAnyDate(text);
      // "sim", "pode ser" to "Para quando?" (a when, which no yes answers): whenever, the nearest times
      return missing === 'date' && (onlyAnyDate(text) || (isYes(text) && !isBareOk(text)));
    }
    case 'nearest':
      return c.flow === 'book' && (c.from === 'offering' || c.from === 'confirming') && asksOnlyNearest(text);
    case 'any_specialty':
      // "tanto faz", "qualquer uma", "qualquer médico" (not "o quanto antes", a when): no specialty in mind
      return missingFact(c.facts) === 'specialty_or_provider' && !asksAnyDate(text) && (onlyAnyDate(text) || acceptsAnyOption(text) || saysAnyProvider(text));
    case 'bare_ok':
      return isBareOk(text);
    case 'another_one':
      return wantsAnotherOne(text);
    case 'all':
      return actsOnAll(c.purpose) && meansAll(text, c.appointments.length);
    case 'other_appointment':
      return c.target !== null && meansOtherAppointment(text);
    case 'number_beyond':
      return c.from === 'choosing_appointment' && numberBeyondList(text, c.appointments.length);
    case 'back':
      return goesBack(text);
  }
}

// ---------------------------------------------------------------------------------------------------
// Appointments

function matchesMention(a: PatientAppointment, m: DateMention, todayDate: string | null): boolean {
  return isMentionedDate(a.date, m, todayDate);
}

function isMentionedDate(date: string, m: DateMention, todayDate: string | null): boolean {
  if (m.offset !== null) return todayDate !== null && date === addDays(todayDate, m.offset);
  if (m.weekday !== null) return dayOfWeek(date) === m.weekday;
  if (m.day === null || Number(date.slice(8, 10)) !== m.day) return false;
  return m.month === null || Number(date.slice(5, 7)) === m.month;
}

export interface AppointmentMatch {
  /** the appointments the message may mean (all of them when it names none that fits) */
  candidates: PatientAppointment[];
  /** the date the language layer read names the appointment meant, not a new date (moves only) */
  dateIsReference: boolean;
  /** the time the language layer read names the appointment meant ("a das 15h"), not a new time (moves only) */
  timeIsReference: boolean;
  /** the message named a provider, specialty, day or time that none of the appointments has */
  missed: boolean;
  /** "a de segunda e a de terça": each of several days named one appointment, these (else empty) */
  eachNamed: PatientAppointment[];
}

/** The days a message says as an appointment's ("a de segunda", "a do dia 30"), not as a new date. */
function appointmentDays(text: string): DateMention[] {
  return dateMentions(text).filter((m) => m.reference);
}

/** Whether one of the days said is the day of none of `list` ("a de quinta" with nothing on Thursday). */
function namesDayWithout(mentions: readonly DateMention[], list: readonly PatientAppointment[], todayDate: string | null): boolean {
  return mentions.some((m) => !list.some((a) => matchesMention(a, m, todayDate)));
}

/**
 * The appointments several days name, one each ("a de segunda e a de terça"): empty unless the message
 * names more than one day as an appointment's ("de", "do", "da" before it) and each day is the day of
 * exactly one of `list`.
 */
export function namedByEachDay(list: readonly PatientAppointment[], text: string, todayDate: string | null): PatientAppointment[] {
  const mentions = appointmentDays(text);
  if (mentions.length < 2) return [];
  const named = mentions.map((m) => list.filter((a) => matchesMention(a, m, todayDate)));
  if (named.some((n) => n.length !== 1)) return [];
  const each = [...new Set(named.map((n) => n[0]!))];
  return each.length === mentions.length ? list.filter((a) => each.includes(a)) : [];
}

/**
 * The date a day said names: "amanhã" from today; a weekday or a day of the month, the first such date
 * on or after `from` (days said one after another, "a de segunda e a de quinta", are read in order).
 */
function mentionDate(m: DateMention, todayDate: string, from: string): string | null {
  if (m.offset !== null) return addDays(todayDate, m.offset);
  for (let i = 0, d = from; i < 400; i++, d = addDays(d, 1)) {
    if (isMentionedDate(d, m, todayDate)) return d;
  }
  return null;
}

/**
 * "cancela a de segunda e a de quinta" with nothing on Thursday: the dates of the days the message names
 * as an appointment's, one of several, that none of `list` is on (to say which; empty otherwise).
 */
export function daysWithoutAppointment(list: readonly PatientAppointment[], text: string, todayDate: string): string[] {
  const mentions = appointmentDays(text);
  if (mentions.length < 2) return [];
  const missing: string[] = [];
  let from = todayDate;
  for (const m of mentions) {
    const date = mentionDate(m, todayDate, from);
    if (date === null) continue;
    from = addDays(date, 1);
    if (!list.some((a) => matchesMention(a, m, todayDate))) missing.push(date);
  }
  return missing;
}

/**
 * The appointment type a message names by more than the generic word ("retorno", "primeira consulta"; not "consulta",
 * which any appointment is called by): its id, else null.
 */
export function specificTypeAsked(u: Understanding | null): string | null {
  const written = u?.entities.appointment_type ?? null;
  if (!u || written === null || u.resolved.appointment_type_id === null) return null;
  return foldKey(written).replace(/s$/, '') === foldKey(DEFAULT_TYPE_WORD) ? null : u.resolved.appointment_type_id;
}

/**
 * "desmarca a consulta da minha filha", "remarca a do meu filho" (a child named with "meu"/"minha", CHILD_WORDS): of the
 * patient's appointments, those of the specialty that sees children (CHILD_SPECIALTY), when some but not all are; else
 * none (the list as it was). The channel sees only the patient's own record, so this is a guess to ask about, never done.
 */
export function childAppointments(text: string, appointments: readonly PatientAppointment[]): PatientAppointment[] {
  const all = fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  const child = all.some((w, i) => i > 0 && CHILD_WORDS.includes(w) && RELATIVE_POSSESSIVES.includes(all[i - 1]!));
  if (!child || appointments.length < 2) return [];
  const ofChildren = appointments.filter((a) => a.specialty !== null && foldKey(a.specialty) === foldKey(CHILD_SPECIALTY));
  return ofChildren.length < appointments.length ? ofChildren : [];
}

/**
 * Which of the patient's appointments a message means: by the provider, specialty, date or time it
 * names. For a move, a date after "do/da/de" ("a do dia 3") names the appointment and one after
 * "pra/para" the new date ("pra dia 10").
 */
export function matchAppointments(
  list: readonly PatientAppointment[],
  u: Understanding | null,
  text: string,
  purpose: Purpose,
  todayDate: string | null = null,
): AppointmentMatch {
  let pool = purpose === 'confirm' || purpose === 'confirm_ask' ? list.filter((a) => a.status === 'requested') : [...list];
  if (!u) return { candidates: pool, dateIsReference: false, timeIsReference: false, missed: false, eachNamed: [] };
  const r = u.resolved;
  let missed = false;
  const narrow = (keep: (a: PatientAppointment) => boolean) => {
    const kept = pool.filter(keep);
    if (kept.length > 0) pool = kept;
    else missed = true;
  };
  // "trocar a dra ana pelo dr paulo": the appointment is the one with Dra. Ana (Dr. Paulo comes instead)
  const byProvider = r.replaced_provider_ids ?? r.provider_ids;
  // "desmarca a de cardio e a de dermato": an appointment of each specialty (a move takes one at a time, as it reads them)
  const specialties = purpose !== 'reschedule' && u.entities.specialty ? (r.specialties ?? []) : [];
  if (byProvider.length > 0) narrow((a) => byProvider.includes(a.provider_id));
  else if (specialties.length > 1) {
    narrow((a) => a.specialty !== null && specialties.includes(a.specialty));
    // "a de cardio e a de ortopedia" with no Ortopedia one: said, as a day none is on
    if (specialties.some((s) => !pool.some((a) => a.specialty === s))) missed = true;
  }
  else if (u.entities.specialty && r.specialty) narrow((a) => a.specialty === r.specialty);
  // "desmarca meu retorno": a type named by more than the generic word names the appointments of that type
  const typeAsked = specificTypeAsked(u);
  if (typeAsked !== null) narrow((a) => a.appointment_type_id === typeAsked);

  let dateIsReference = false;
  let timeIsReference = false;
  if (purpose === 'reschedule') {
    const mentions = dateMentions(text);
    // "não vou conseguir ir amanhã, tem outro dia?": the day said is the appointment's, the new one still to ask
    const anotherDay = asksAnotherDay(fold(text));
    // "não vou conseguir ir hoje, dá pra remarcar?": the one day said is the one the patient cannot come, never the new one
    const notGoingOn = mentions.length === 1 && namesNotGoing(text);
    const references = mentions.filter(
      (m) => m.reference || ((anotherDay || notGoingOn) && !m.target) || (!m.target && mentions.length > 1 && m !== mentions[mentions.length - 1]),
    );
    if (references.length > 0) {
      const named = pool.filter((a) => references.some((m) => matchesMention(a, m, todayDate)));
      narrow((a) => named.includes(a));
      // "remarcar a de segunda e a de quinta" with none on Thursday: a day said as an appointment's, one
      // of several, that none is on was missed (like a cancel), not a new date
      const said = mentions.filter((m) => m.reference);
      if (said.length > 1 && namesDayWithout(said, pool, todayDate)) missed = true;
      // the only date said names the appointment: the new date is still to ask (unless the language
      // layer read another date, one no appointment named is on: "a de amanhã pra semana que vem";
      // a day said as an appointment's is not another date)
      const readOther =
        named.length > 0 &&
        !!r.date_from &&
        !named.some((a) => a.date >= r.date_from! && a.date <= (r.date_to ?? r.date_from!)) &&
        !(said.length > 1 && said.some((m) => isMentionedDate(r.date_from!, m, todayDate)));
      dateIsReference = !mentions.some((m) => m.target) && mentions.length === references.length && !readOther;
    }
    // "remarca a das 9 pras 10", "quero remarcar a das 15h": the time names the appointment, not the new time
    const times = referenceTimes(text);
    if (times.length > 0) {
      const sameHour = (a: PatientAppointment, t: string) => a.start_time.slice(0, 2) === t.slice(0, 2);
      narrow((a) => times.some((m) => m.times.some((t) => a.start_time === t || (!m.exact && sameHour(a, t)))));
      timeIsReference = !!r.time && times.some((m) => m.times.includes(r.time!));
    }
  } else {
    // only days said as an appointment's ("a de segunda"): "entre segunda e sexta" is the language layer's range
    const mentions = appointmentDays(text);
    if (mentions.length > 1) {
      // "cancela a de segunda e a de terça": every day said names an appointment (the language layer reads one day)
      narrow((a) => mentions.some((m) => matchesMention(a, m, todayDate)));
      if (namesDayWithout(mentions, pool, todayDate)) missed = true;
    } else if (r.date_from && r.date_to) {
      const inRange = pool.filter((a) => a.date >= r.date_from! && a.date <= r.date_to!);
      // "confirmo minha consulta de sábado" with none this Saturday but one the next: a bare weekday names the
      // appointment on that weekday (the language layer reads the nearest one)
      const weekdays = dateMentions(text).filter((m) => m.weekday !== null && !m.target);
      const onWeekday = weekdays.length === 1 && r.date_from === r.date_to ? pool.filter((a) => matchesMention(a, weekdays[0]!, todayDate)) : [];
      if (inRange.length === 0 && onWeekday.length > 0) pool = onWeekday;
      else narrow((a) => inRange.includes(a));
    }
    // "confirmo as duas": both appointments, not a time "às duas"
    if (r.time && !meansAll(text, pool.length)) narrow((a) => a.start_time === r.time);
    // a part of the day said ("the morning one"): the appointments in it, when some are (else it names none of them)
    else if (!r.time && u.entities.period && r.time_from && r.time_to) {
      const inPeriod = pool.filter((a) => a.start_time >= r.time_from! && a.start_time < r.time_to!);
      if (inPeriod.length > 0) pool = inPeriod;
    } else if (!r.time) {
      // "não vou poder ir de manhã": the language layer reads the morning refused; for a cancel it names the morning one
      const period = periodNotGoing(fold(text));
      const inPeriod = period ? pool.filter((a) => minutesOfDay(a.start_time) >= PERIOD_MINUTES[period][0] && minutesOfDay(a.start_time) < PERIOD_MINUTES[period][1]) : [];
      if (inPeriod.length > 0) pool = inPeriod;
    }
  }
  const byDay = namedByEachDay(pool, text, todayDate);
  const eachNamed = byDay.length > 0 ? byDay : specialties.length > 1 ? namedByEachSpecialty(pool, specialties) : namedByEachProvider(pool, byProvider, text);
  return { candidates: pool, dateIsReference, timeIsReference, missed, eachNamed };
}

/**
 * The appointments several providers name, one each ("a da dra ana e a do dr rui"): empty unless each provider with an
 * appointment in `list` has exactly one and two or more do, and the providers are joined by "e", not offered as
 * alternatives ("a da dra ana ou a do dr rui" asks which).
 */
function namedByEachProvider(list: readonly PatientAppointment[], providerIds: readonly string[], text: string): PatientAppointment[] {
  if (providerIds.length < 2 || /(?:^|[^a-z])ou(?:[^a-z]|$)/.test(fold(text))) return [];
  const named = providerIds.map((id) => list.filter((a) => a.provider_id === id)).filter((n) => n.length > 0);
  if (named.length < 2 || named.some((n) => n.length !== 1)) return [];
  const each = new Set(named.map((n) => n[0]!));
  return list.filter((a) => each.has(a));
}

/** The appointments several specialties name, one each ("a de cardio e a de dermato"): empty unless each names exactly one of `list`. */
function namedByEachSpecialty(list: readonly PatientAppointment[], specialties: readonly string[]): PatientAppointment[] {
  if (specialties.length < 2) return [];
  const named = specialties.map((s) => list.filter((a) => a.specialty === s));
  if (named.some((n) => n.length !== 1)) return [];
  const each = new Set(named.map((n) => n[0]!));
  return each.size === specialties.length ? list.filter((a) => each.has(a)) : [];
}

/** The purposes that can act on every appointment listed at once ("desmarcar as duas", "confirmo as duas"). */
function actsOnAll(purpose: Purpose | null): boolean {
  return purpose === 'cancel' || purpose === 'confirm' || purpose === 'confirm_ask';
}

/**
 * "quero desmarcar as duas", "confirmo ambas", "cancela a de segunda e a de terça": the appointments asked
 * for all at once (empty when it is not that). `eachNamed`: those several days named, one each.
 */
export function allAtOnce(candidates: readonly PatientAppointment[], text: string, purpose: Purpose, eachNamed: readonly PatientAppointment[] = []): PatientAppointment[] {
  if (!actsOnAll(purpose)) return [];
  if (meansAll(text, candidates.length)) return [...candidates];
  return eachNamed.length > 1 && eachNamed.length === candidates.length ? [...eachNamed] : [];
}

/**
 * "quero remarcar a do dia 2 pro dia 9" after booking (or listing) the one of the 5th: a day said as an appointment's
 * that is not the appointment just booked names another one; no correction of the one just booked.
 */
export function namesAnotherDayThan(c: BookingContext, last: PatientAppointment): boolean {
  const references = dateMentions(c.text).filter((m) => m.reference && !m.target);
  return references.length > 0 && !references.some((m) => matchesMention(last, m, today(c)));
}

/** Whether a reading (in `choosing_appointment`) points at exactly one of the listed appointments. */
export function identifiedAppointment(c: BookingContext): PatientAppointment | null {
  const u = c.understanding;
  if (!u || c.appointments.length === 0) return null;
  const said = u.resolved.date_from || u.resolved.time || u.entities.period || u.resolved.provider_ids.length > 0 || u.entities.specialty;
  if (!said) return null;
  const { candidates } = matchAppointments(c.appointments, u, c.text, c.purpose === 'reschedule' ? 'cancel' : c.purpose ?? 'cancel', today(c));
  return candidates.length === 1 && candidates.length < c.appointments.length ? candidates[0]! : null;
}

/**
 * "a de cardio" to which appointment, when more than one listed is of cardiology: a reply that names them, without
 * saying which of them (a sure new booking is left to the caller)
 */
export function namesSeveralListed(c: BookingContext): boolean {
  const u = c.understanding;
  if (!u || c.appointments.length < 2) return false;
  if (!['book', 'unknown', c.purpose === 'reschedule' ? 'reschedule' : 'cancel'].includes(u.intent)) return false;
  const said = u.resolved.date_from || u.resolved.time || u.entities.period || u.resolved.provider_ids.length > 0 || u.entities.specialty;
  if (!said) return false;
  const { candidates, missed, eachNamed } = matchAppointments(c.appointments, u, c.text, c.purpose === 'reschedule' ? 'cancel' : c.purpose ?? 'cancel', today(c));
  // "a do dia 30 e a do dia 4": each named, those together (not this)
  return !missed && eachNamed.length === 0 && candidates.length > 1;
}

/**
 * "com a dra juliana" to which appointment, none of those listed with her (nor a day, time or specialty said beside):
 * no pick, and no booking with her either, which would leave the appointment asked about behind.
 */
export function namesProviderOfNoneListed(c: BookingContext): boolean {
  const u = c.understanding;
  if (!u || c.from !== 'choosing_appointment' || c.appointments.length === 0) return false;
  const r = u.resolved;
  if (r.provider_ids.length === 0 || r.date_from || r.time || u.entities.period || u.entities.specialty) return false;
  if (!['book', 'unknown', c.purpose ?? 'cancel'].includes(u.intent) || (u.intent === 'book' && u.confidence >= CONFIDENCE.strong)) return false;
  return !c.appointments.some((a) => r.provider_ids.includes(a.provider_id));
}

export function pickedAppointment(c: BookingContext): PatientAppointment | null {
  // the only appointment listed ("is that the one?"): a yes picks it
  if (c.appointments.length === 1 && isYes(c.text)) return c.appointments[0]!;
  // "3" to a list of two: the number on the list, past its end, not the hour "às 3" (15:00)
  if (numberBeyondList(c.text, c.appointments.length)) return null;
  const i = pickIndex(c.text, c.appointments) ?? ordinalPick(c.text, c.appointments.length);
  return i === null ? null : c.appointments[i] ?? null;
}

/** The days a question about the patient's own appointments names ("tenho consulta segunda?"), or null when it names none. */
export function listedDay(c: BookingContext): { from: string; to: string } | null {
  const r = c.understanding?.resolved;
  return r?.date_from ? { from: r.date_from, to: r.date_to ?? r.date_from } : null;
}

/**
 * "quero cancelar a de dermato" to the question which one to confirm (or "remarca a 2", "confirmo a 2" to which one to
 * cancel): a sure ask of another kind than the one the list was for. It is read as that ask, never as a pick for the first one.
 */
export function switchesAppointmentAsk(c: BookingContext): boolean {
  if (c.from !== 'choosing_appointment' || c.purpose === null) return false;
  const reading = classifyIntent(fold(c.text));
  if (reading.evidence !== 'strong') return false;
  if ((reading.intent === 'cancel' && c.purpose !== 'cancel') || (reading.intent === 'reschedule' && c.purpose !== 'reschedule')) return true;
  // "confirmo a 2" to which one to cancel: a confirmation of that one ("confirmo" alone stays a yes that picks none)
  return reading.intent === 'confirm' && (c.purpose === 'cancel' || c.purpose === 'reschedule') && (pickedAppointment(c) !== null || appointmentDays(c.text).length > 0);
}

/**
 * "não, a 1", "não, a primeira", "a 2" to "Desmarco?" about one appointment picked from the numbered list (still
 * shown: `shownAppointments`): another appointment of that list, by its number or ordinal (null when the message picks
 * none, or the one asked about). "a segunda" when another of them is on a Monday picks none.
 */
export function otherListedPick(c: BookingContext): PatientAppointment | null {
  const listed = c.shownAppointments?.appointments ?? [];
  if (!c.target || c.targets.length > 0 || listed.length < 2) return null;
  const text = afterLeadingNo(c.text) ?? c.text;
  if (numberBeyondList(text, listed.length)) return null;
  const i = pickIndex(text, listed) ?? ordinalPick(text, listed.length);
  const picked = i === null ? null : listed[i] ?? null;
  if (!picked || picked.id === c.target.id) return null;
  // "a segunda" when another of them is on a Monday: which one is meant is not sure
  const weekday = ORDINAL_WEEKDAYS[ordinalWord(text) ?? ''];
  if (weekday !== undefined && listed.some((a) => dayOfWeek(a.date) === weekday && a.id !== picked.id)) return null;
  return picked;
}

/**
 * The appointments of a list asked about the provider or specialty the message names ("que horas é a do dr rui?", "quando
 * é a da cardio?"): those of it, or all of `list` when it names none or none is of it.
 */
export function namedInList(c: BookingContext, list: PatientAppointment[]): PatientAppointment[] {
  const r = c.understanding?.resolved;
  if (!r) return list;
  const specialty = r.specialty ? foldKey(r.specialty) : null;
  const named = list.filter((a) => r.provider_ids.includes(a.provider_id) || (specialty !== null && a.specialty !== null && foldKey(a.specialty) === specialty));
  return named.length > 0 ? named : list;
}

/**
 * "a de dermato", "e a do dr rui?" right after the appointments were listed: a message that only names one of them (its
 * article, then "de", "do", "da", "das" or "com", and a few words), with no ask of its own.
 */
export function onlyNamesListedAppointment(c: BookingContext): boolean {
  if (!c.shownAppointments || c.shownAppointments.appointments.length === 0) return false;
  const all = fold(c.text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const from = LISTED_APPOINTMENT_JOINERS.includes(all[0] ?? '') ? 1 : 0;
  return all.length - from <= 6 && LISTED_APPOINTMENT_ARTICLES.includes(all[from] ?? '') && LISTED_APPOINTMENT_LINKS.includes(all[from + 1] ?? '');
}

/**
 * "cancela essa", "desmarca ela" right after a booking or a move (lexicon JUST_MADE_POINTERS): the appointment just made,
 * when the message names nothing else (no specialty, provider, day or time) and it is among those read; else null.
 */
export function pointsAtJustMade(c: BookingContext, listed: readonly PatientAppointment[]): PatientAppointment | null {
  const last = c.lastAppointment;
  if (c.from !== 'done' || !last || last.status === 'cancelled') return null;
  const r = c.understanding?.resolved;
  if (r && (r.specialty !== null || r.provider_ids.length > 0 || r.date_from !== null || r.time !== null)) return null;
  const words = fold(c.text).split(/[^\p{L}\p{N}]+/u);
  if (!words.some((w) => JUST_MADE_POINTERS.includes(w))) return null;
  return listed.find((a) => a.id === last.id) ?? null;
}

/**
 * "desmarca ele", "pode cancelar ela" right after a reply that named one appointment alone ("tenho retorno sexta?"):
 * that one, when the message names nothing else (lexicon JUST_MADE_POINTERS) and it is among those read; else null.
 */
export function pointsAtShownOne(c: BookingContext, current: readonly PatientAppointment[]): PatientAppointment | null {
  const shown = c.shownAppointments?.appointments ?? [];
  if (shown.length !== 1) return null;
  const r = c.understanding?.resolved;
  if (r && (r.specialty !== null || r.provider_ids.length > 0 || r.date_from !== null || r.time !== null)) return null;
  const words = fold(c.text).split(/[^\p{L}\p{N}]+/u);
  if (!words.some((w) => JUST_MADE_POINTERS.includes(w))) return null;
  return current.find((a) => a.id === shown[0]!.id) ?? null;
}

/**
 * "cancelar a primeira", "remarcar a segunda", "a última" right after the patient's appointments were listed: the
 * one the ordinal picks from that list, when it is still among `current` (the appointments read now); else null.
 */
export function shownAppointmentPicked(c: BookingContext, current: readonly PatientAppointment[]): PatientAppointment | null {
  const shown = c.shownAppointments;
  if (!shown || shown.appointments.length < 2) return null;
  const i = ordinalPick(c.text, shown.appointments.length);
  const picked = i === null ? null : shown.appointments[i];
  if (!picked) return null;
  // "a segunda" when one of them is on a Monday: the day names it (the usual reading)
  const weekday = ORDINAL_WEEKDAYS[ordinalWord(c.text) ?? ''];
  if (weekday !== undefined && shown.appointments.some((a) => dayOfWeek(a.date) === weekday)) return null;
  return current.find((a) => a.id === picked.id) ?? null;
}

/**
 * "na verdade é a de terça" while moving Friday's appointment: a day said only as an appointment's, with its article
 * ("a de", "a do"), that is not the day of the appointment being moved, and no new date (the move is of that other one).
 */
export function namesAnotherMoveTarget(c: BookingContext): boolean {
  const t = c.target;
  if (!t || c.flow !== 'reschedule') return false;
  const mentions = dateMentions(c.text);
  if (mentions.length === 0 || !mentions.every((m) => m.reference && m.article)) return false;
  return !mentions.some((m) => matchesMention(t, m, today(c)));
}

/**
 * A move whose appointment the patient corrects ("não, era a outra", "na verdade é a de quarta"): the days and time
 * already asked stay for the other appointment, since only which one moves changes, and so do the place asked ("remarca
 * a de terça pro centro") and a change of doctor ("trocar a de terça pra dra ana": that doctor). What was relative to the appointment
 * set aside is read again against the other one: its time kept by "mesmo horario" (`keepTime`), its own day ("a das 9
 * pras 10": that day), a time later or earlier than it ("mais tarde": `moveDirection`), a shift from its day ("adiar uma
 * semana": `shiftDays`). A day or time said now only to name the other appointment ("a de quarta", "a das 15h") is no
 * new wish; anything else the message says is merged as usual.
 */
export function retargetedMove(
  c: Pick<BookingContext, 'facts' | 'target' | 'keepTime' | 'otherProvider' | 'shiftDays' | 'understanding' | 'text'>,
): { facts: BookingFacts; moveDirection: 'later' | 'earlier' | null; shiftDays: number | null; otherProvider: boolean } {
  const old = c.target;
  let wish: BookingFacts = emptyFacts();
  let moveDirection: 'later' | 'earlier' | null = null;
  let shiftDays: number | null = null;
  // a change of doctor searched days of its own (from the appointment's day on): none was the patient's
  if (old && !c.otherProvider) {
    wish = { ...wish, ...whenOf(c.facts), refused_periods: [...(c.facts.refused_periods ?? [])] };
    if (c.keepTime) wish = { ...wish, time: null };
    const oneDay = wish.date_from !== null && wish.date_from === wish.date_to;
    if (oneDay && c.shiftDays !== null && wish.date_from === addDays(old.date, c.shiftDays)) {
      shiftDays = c.shiftDays;
      wish = withDays(wish, null, null);
    } else if (oneDay && wish.date_from === old.date) {
      wish = withDays(wish, null, null);
      // its own clock time on its own day is where a change of place alone started (onTargetDay), no time asked
      if (wish.time === old.start_time) wish = { ...wish, time: null };
      if (wish.time_from === old.start_time) moveDirection = 'later';
      else if (wish.time_to === old.start_time) moveDirection = 'earlier';
      if (moveDirection !== null) wish = { ...wish, time_from: null, time_to: null, period: null };
    }
  }
  if (old) {
    // a place asked for the move ("pro centro") stays; the appointment's own place was only the move's default
    if (c.facts.location_id !== null && c.facts.location_id !== old.location_id) wish = { ...wish, location_id: c.facts.location_id };
    // "trocar a de terça pra dra ana": the doctor named to take over stays (none named: any other, as asked)
    if (c.otherProvider) {
      const named = newProviderIds(c.facts, old);
      wish = { ...wish, provider_ids: named, provider_name: named.length > 0 ? c.facts.provider_name : null };
    }
  }
  const otherProvider = old !== null && c.otherProvider;
  const u = c.understanding;
  if (!u) return { facts: wish, moveDirection, shiftDays, otherProvider };
  let facts = mergeFacts(wish, u, u.provider_names);
  const mentions = dateMentions(c.text);
  if (mentions.length > 0 && mentions.every((m) => m.reference && !m.target)) {
    facts = { ...facts, date_from: wish.date_from, date_to: wish.date_to, dates: wish.dates ? [...wish.dates] : null, any_date: wish.any_date };
  }
  const time = u.resolved.time;
  if (time !== null && referenceTimes(c.text).some((m) => m.times.includes(time))) facts = { ...facts, time: wish.time };
  return { facts, moveDirection, shiftDays, otherProvider };
}

/**
 * "não, só a primeira", "só a de sexta", "só a do cardio" to "Desmarco as duas?": the one of them the message singles
 * out (by its place in the list, or its day, time, provider or specialty); null when it singles out none.
 */
export function oneOfTargets(c: BookingContext): PatientAppointment | null {
  const targets = c.targets;
  if (targets.length < 2) return null;
  const i = pickIndex(c.text, targets) ?? ordinalPick(c.text, targets.length);
  if (i !== null) return targets[i] ?? null;
  const u = c.understanding;
  if (!u) return null;
  const said = u.resolved.date_from || u.resolved.time || u.entities.period || u.resolved.provider_ids.length > 0 || u.entities.specialty;
  if (!said) return null;
  const { candidates, missed } = matchAppointments(targets, u, c.text, 'cancel', today(c));
  return candidates.length === 1 && !missed ? candidates[0]! : null;
}

/**
 * "a primeira, pra semana que vem" to which appointment to move: a pick inside a longer message that also says when
 * (read by the language layer for the new date); a bare "2" or "a primeira" says nothing more.
 */
export function whenBesidePick(c: BookingContext): boolean {
  return c.purpose === 'reschedule' && pickIndex(c.text, c.appointments) === null && mentionsWhen(c);
}

/**
 * The facts once an ordinal that is also a weekday picked an appointment ("remarcar a segunda"): the date the
 * language layer read from that word (the next Monday) is dropped; a date said besides stays.
 */
export function withoutOrdinalDay(c: BookingContext): BookingFacts {
  const weekday = ORDINAL_WEEKDAYS[ordinalWord(c.text) ?? ''];
  const f = c.facts;
  if (weekday === undefined || !f.date_from || f.date_from !== f.date_to || dayOfWeek(f.date_from) !== weekday) return f;
  return withDays(f, null, null);
}

/** The option a reply picks; "sim" picks the only one on offer, or the only one at the exact time asked. */
export function pickedSlot(c: BookingContext): OfferedSlot | null {
  // after "none suits" the bot asked for another day, period or provider: a weekday answers that,
  // unless the words plainly name an option (namesOptionPlainly)
  if (c.optionsDeclined && !namesOptionPlainly(c.text) && dateMentions(c.text).some((m) => m.weekday !== null)) return null;
  const rest = c.from === 'confirming' ? afterLeadingNo(c.text) : null;
  const i =
    pickIndex(c.text, c.offered) ??
    (rest !== null ? pickIndex(rest, c.offered) : null) ??
    (c.from === 'offering' && (isYes(c.text) || pointsAtOne(c.text)) ? yesPick(c) : null) ??
    // any of them will do: the first (the earliest) of the times on offer, to confirm
    (c.from === 'offering' && c.offered.length > 0 && acceptsAnyOption(c.text) ? 0 : null);
  return i === null ? null : c.offered[i] ?? null;
}

/**
 * The one option on offer a message describes by its details ("a de terça às 8 com a dra ana", "terça às 8h"), as
 * the language layer read them: an exact time and at least one more of day, provider or place, and exactly one
 * option that matches every detail said. A weekday said alone matches an option on that weekday (the language layer
 * reads it as the nearest such day, which need not be the option's). Null when none or several match, when a no is
 * said (it may refuse it), or when the message asks something else: it is then read as a new search.
 */
export function describedSlot(c: BookingContext): OfferedSlot | null {
  const u = c.understanding;
  if ((c.from !== 'offering' && c.from !== 'confirming') || !u || c.offered.length === 0) return null;
  if (!['book', 'reschedule', 'unknown'].includes(u.intent) || carriesNo(c.text)) return null;
  const r = u.resolved;
  if (!r.time) return null;
  const mentions = dateMentions(c.text);
  const weekday = mentions.length === 1 && mentions[0]!.weekday !== null ? mentions[0]!.weekday : null;
  const saysDay = weekday !== null || r.date_from !== null;
  const saysProvider = r.provider_ids.length > 0;
  const saysPlace = r.location_id !== null;
  if (!saysDay && !saysProvider && !saysPlace) return null;
  const matching = c.offered.filter(
    (s) =>
      s.start_time === r.time &&
      (weekday !== null
        ? dayOfWeek(s.date) === weekday
        : r.date_from === null || (s.date >= r.date_from && s.date <= (r.date_to ?? r.date_from) && (!r.dates?.length || r.dates.includes(s.date)))) &&
      (!saysProvider || r.provider_ids.includes(s.provider_id)) &&
      (!saysPlace || s.location.id === r.location_id) &&
      (!r.specialty || !s.specialty || foldKey(s.specialty) === foldKey(r.specialty)),
  );
  return matching.length === 1 ? matching[0]! : null;
}

/**
 * The option a bare yes picks: the only one on offer, or the only one at the exact time asked ("amanhã às 9",
 * then "pode ser" to 08:30, 09:00, 09:30); else none.
 */
function yesPick(c: BookingContext): number | null {
  if (c.offered.length === 1) return 0;
  const asked = (c.query?.facts ?? c.facts).time;
  if (!asked) return null;
  const atTime = c.offered.flatMap((s, i) => (s.start_time === asked ? [i] : []));
  return atTime.length === 1 ? atTime[0]! : null;
}

/** Placeholder options: a reply that picks one of these by number or ordinal ("2", "a primeira") picks an option. */
const SOME_OPTIONS = Array.from({ length: OFFER_LIMIT }, () => ({ date: '', start_time: '' }));

/**
 * "a das 13:30" (or "pode ser a das 13h30 então") while times are on offer or being confirmed, where no option of the
 * current list is at that time but one of an earlier list of the same booking is (the patient asked something else,
 * or saw another list, in between): that earlier option. Only a time picks from an earlier list ("2", "a primeira"
 * count in the current one); a time that fits several earlier options, or one taken under us, picks none.
 */
export function earlierPick(c: Pick<BookingContext, 'from' | 'text' | 'offered' | 'offeredBefore' | 'taken'>): OfferedSlot | null {
  if ((c.from !== 'offering' && c.from !== 'confirming') || c.offeredBefore.length === 0) return null;
  if (pickIndex(c.text, c.offered) !== null || pickIndex(c.text, SOME_OPTIONS) !== null) return null;
  const earlier = c.offeredBefore.filter((s) => !c.taken.includes(s.start_at));
  const i = pickIndex(c.text, earlier);
  return i === null ? null : earlier[i] ?? null;
}

/**
 * The search that checks an earlier option is still free: the booking's request on that option's day, around its
 * time (the option itself comes first when free; the nearest others otherwise).
 */
export function earlierPickQuery(c: BookingContext, slot: OfferedSlot): SearchQuery {
  const base = c.query?.facts ?? c.facts;
  const facts: BookingFacts = { ...withDays(base, slot.date, slot.date), time: slot.start_time, time_from: null, time_to: null, period: null };
  return { facts: searchFacts(c, facts), kind: 'asked', exclude: [...c.taken] };
}

/** The options of a list that replaces `current`, kept beside the earlier ones (the new list's own left out). */
export function rememberOffered(before: readonly OfferedSlot[], current: readonly OfferedSlot[], next: readonly OfferedSlot[]): OfferedSlot[] {
  const key = (s: OfferedSlot) => `${s.provider_id}@${s.start_at}`;
  const fresh = new Set(next.map(key));
  const kept = new Map<string, OfferedSlot>();
  for (const s of [...before, ...current]) if (!fresh.has(key(s))) kept.set(key(s), s);
  return [...kept.values()];
}

/**
 * The first message after a timeout reads as a reply to the old conversation's question ("2", "a primeira",
 * "sim"): a booking was in progress, and the patient may be picking a time offered then.
 */
export function repliesToTimedOutRequest(c: Pick<BookingContext, 'timedOutRequest' | 'from' | 'text'>): boolean {
  return c.timedOutRequest !== null && c.from === 'idle' && (isYes(c.text) || pickIndex(c.text, SOME_OPTIONS) !== null);
}

/** The booking that timed out, searched again: its days dropped when they have passed. */
export function timedOutFacts(c: Pick<BookingContext, 'timedOutRequest' | 'now' | 'timezone'>): BookingFacts {
  const f = c.timedOutRequest ?? emptyFacts();
  return f.date_to !== null && f.date_to < today(c) ? withDays(f, null, null) : { ...f };
}

/** Whether the text asks to keep the old time ("the same time"; the phrases are in locales/pt-BR). */
export function keepsTime(text: string): boolean {
  return sameTime(text);
}

// ---------------------------------------------------------------------------------------------------
// Clinic questions

/** A doctor asked for by form of address, with the specialty it was last applied to ('' the list across specialties said; null not yet). */
export interface ProviderFormWish extends ProviderFormAsked {
  applied: string | null;
}

/** The providers of the form asked who practise `specialty` (compared without case or accents). */
export function providersOfForm(wish: ProviderFormAsked, specialty: string): ProviderFormAsked['providers'] {
  const key = foldKey(specialty);
  return wish.providers.filter((p) => p.specialties.some((s) => foldKey(s) === key));
}

/** A form of address asked, not yet applied to the specialty in play (nor to none), with no provider named. */
export function formToApply(c: Pick<BookingContext, 'providerForm' | 'facts'>): boolean {
  const w = c.providerForm;
  return !!w && c.facts.provider_ids.length === 0 && w.applied !== (c.facts.specialty ?? '');
}

/** A clinic question answered, kept for a follow-up that asks it of another place or day. */
export interface ClinicQuestion {
  topics: ClinicTopic[];
  location_id: string | null;
  date: string | null;
  /** 'asked': answered this turn; 'kept': answered on the turn before (a follow-up may ask it again); 'followed': this turn asks it again */
  turn: 'asked' | 'kept' | 'followed';
  /** it asked about the patient's own appointment ("qual o endereço da de segunda?"): a follow-up "e a de sexta?" asks it of another one */
  own: boolean;
}

/** The topics a follow-up can ask again of another place or day. */
const FOLLOWABLE_TOPICS: readonly ClinicTopic[] = ['hours', 'address', 'duration', 'price'];

function followed(c: Pick<BookingContext, 'clinicAsked'>): ClinicQuestion | null {
  return c.clinicAsked?.turn === 'followed' ? c.clinicAsked : null;
}

/** The clinic topics the message asks about; a follow-up ("e no centro?") asks those of the question before. */
export function clinicQuestionTopics(c: Pick<BookingContext, 'text' | 'clinicAsked'> & Partial<Pick<BookingContext, 'understanding'>>): ClinicTopic[] {
  const topics = clinicTopics(c.text, c.understanding?.entities.location ?? null);
  return topics.length === 0 ? (followed(c)?.topics ?? []) : topics;
}

/** The day a clinic question asks about: the one the message names, else (a follow-up) the one the question before named. */
export function clinicQuestionDate(c: Pick<BookingContext, 'understanding' | 'clinicAsked'>): string | null {
  return c.understanding?.resolved.date_from ?? followed(c)?.date ?? null;
}

/** The hours or address question just answered, to keep for a follow-up (null when it asked neither). */
export function clinicQuestionAnswered(c: BookingContext, own = false): ClinicQuestion | null {
  const topics = clinicQuestionTopics(c).filter((t) => FOLLOWABLE_TOPICS.includes(t));
  if (topics.length === 0) return null;
  // the address of the patient's own appointments, all at one unit: that unit is the one a "lá" then points at
  const places = own ? [...new Set(appointmentsInQuestion(c).appointments.map((a) => a.location_id))] : [];
  const ownPlace = places.length === 1 ? places[0]! : null;
  return { topics, location_id: own ? (namedLocation(c) ?? ownPlace) : placeAsked(c), date: clinicQuestionDate(c), turn: 'asked', own };
}

/**
 * The place a clinic question is about: the one it names, else the one of the question it follows up ("e no
 * sábado?"), else, when it says "lá" right after an answer about one unit, that unit ("que horas abre lá?").
 */
function placeAsked(c: BookingContext): string | null {
  const there = c.clinicAsked?.turn === 'kept' && c.text !== '' && pointsThere(c.text) ? c.clinicAsked.location_id : null;
  return namedLocation(c) ?? followed(c)?.location_id ?? there;
}

/**
 * "e no centro?", "e no domingo?", "e na segunda?" right after an opening hours (or address) answer: a short message
 * opening with "e" that names another place or day and nothing else (no topic, no one to book, no time, no firm ask).
 * After the address of one of the patient's own appointments, "e a do dr rui?", "e a de cardio?" name another of them
 * by its provider or specialty (as "e a de sexta?" does by its day): the same question, of that one.
 */
export function followsUpClinicQuestion(c: BookingContext): boolean {
  const u = c.understanding;
  if (c.clinicAsked?.turn !== 'kept' || !u || !followsUp(c.text) || clinicTopics(c.text).length > 0) return false;
  const r = u.resolved;
  const namesWhom = r.provider_ids.length > 0 || (u.entities.specialty !== null && r.specialty !== null);
  if ((!c.clinicAsked.own && (r.specialty !== null || r.provider_ids.length > 0)) || r.time !== null || r.time_from !== null) return false;
  if (!['unknown', 'book', 'greeting'].includes(u.intent) || (u.intent === 'book' && u.confidence >= CONFIDENCE.strong)) return false;
  // "e o retorno?" right after how long a visit takes, or its price: the same question, of that appointment type
  if (c.clinicAsked.topics.some((t) => t === 'duration' || t === 'price')) return u.entities.appointment_type !== null && namedLocation(c) === null && r.date_from === null;
  return namedLocation(c) !== null || r.date_from !== null || namesWhom;
}

/**
 * "e sexta?", "e na segunda?" right after a reply listed the patient's appointments: the same question, of that day (a short
 * follow-up naming a day and nothing to book: no one, no specialty, no time, no place, no sure ask).
 */
export function followsUpShownAppointments(c: BookingContext): boolean {
  const u = c.understanding;
  if ((c.from !== 'done' && c.from !== 'idle') || (c.shownAppointments?.appointments.length ?? 0) === 0 || !u || !followsUp(c.text)) return false;
  const r = u.resolved;
  if (r.date_from === null || r.time !== null || r.time_from !== null || r.provider_ids.length > 0 || u.entities.specialty !== null || u.entities.location !== null) return false;
  return ['unknown', 'book', 'greeting', 'list'].includes(u.intent) && !(u.intent === 'book' && u.confidence >= CONFIDENCE.strong);
}

/** The location the message names, if any. */
function namedLocation(c: BookingContext): string | null {
  const u = c.understanding;
  if (u) return u.entities.location && u.resolved.location_id ? u.resolved.location_id : null;
  // a question read apart from the rest of its message (asked beside a booking) has no reading of its own: its words name the place
  return c.text ? locationNamedIn(c.text, c.info?.locations ?? []) : null;
}

/**
 * An address question about the patient's own appointment, with no place named and no appointment in play: the patient's
 * own appointments are read to answer it.
 */
export function asksOwnAppointmentAddress(c: BookingContext): boolean {
  if (namedLocation(c) || c.chosen || c.target) return false;
  // "meu marido tem consulta amanhã, onde fica?": someone else's, which is not seen here (the clinic's addresses are given)
  if (asksAboutOthersAppointment(c.text, c.firstName)) return false;
  // "e a de sexta?" right after the address of the appointment on Monday was answered: the same question, of Friday's
  if (followed(c)?.own) return clinicQuestionTopics(c).includes('address');
  // right after the patient's appointments were shown ("Sua consulta … : sexta, 27/11"), "onde fica?" asks where those are
  const shown = (c.shownAppointments?.appointments.length ?? 0) > 0;
  return clinicTopics(c.text).includes('address') && (mentionsOwnAppointment(c.text) || shown);
}

/**
 * The appointments an address question is about: those the message points at (by day, provider, specialty), else all
 * read; `missed` when it named one the patient does not have ("onde vai ser a consulta de amanhã?" with none tomorrow).
 */
export function appointmentsInQuestion(c: BookingContext): { appointments: PatientAppointment[]; missed: boolean } {
  // "onde fica?" right after some of them were shown ("tenho consulta sexta?"): those
  const shown = mentionsOwnAppointment(c.text) ? [] : (c.shownAppointments?.appointments ?? []).map((a) => a.id);
  const all = shown.length > 0 ? c.addressAppointments.filter((a) => shown.includes(a.id)) : c.addressAppointments;
  if (all.length === 0) return { appointments: all, missed: false };
  const { candidates, missed } = matchAppointments(all, c.understanding, c.text, 'list', today(c));
  return { appointments: all.length === 1 ? all : candidates, missed };
}

/**
 * The locations a question about someone else's appointment is about: the one named, else all (the patient's own
 * appointment in play says nothing of where theirs is).
 */
export function locationsForOthersAppointment(c: BookingContext): ClinicInfo['locations'] {
  const all = c.info?.locations ?? [];
  const named = placeAsked(c);
  const one = all.filter((l) => l.id === named);
  return one.length > 0 ? one : all;
}

/** The locations a clinic question is about: the one named, else the one in play, else all. */
export function locationsInQuestion(c: BookingContext): ClinicInfo['locations'] {
  const all = c.info?.locations ?? [];
  const named = placeAsked(c);
  // an appointment just cancelled is no longer in play: its unit is not the one asked about
  const cancelled = c.lastAppointment?.status === 'cancelled' && c.lastAppointment.id === c.target?.id;
  // right after a booking or a move, the appointment it made is the one in play
  const made = c.from === 'done' && c.lastAppointment && c.lastAppointment.status !== 'cancelled' ? c.lastAppointment.location_id : null;
  const inPlay = named ?? c.chosen?.location.id ?? (cancelled ? null : c.target?.location_id) ?? made ?? null;
  const one = all.filter((l) => l.id === inPlay);
  return one.length > 0 ? one : all;
}

/**
 * A specialty asked with no provider, in a booking or waitlist request, not yet checked against the
 * clinic's: the machine asks the clinic which ones it offers before asking anything else.
 */
export function specialtyToCheck(c: BookingContext): string | null {
  const { specialty, provider_ids } = c.facts;
  if (!specialty || provider_ids.length > 0 || c.flow === 'reschedule') return null;
  return c.specialtyChecked === specialty ? null : specialty;
}

/** Whether the clinic offers the specialty (compared as the slot search compares it: without case or accents). */
export function offersSpecialty(info: ClinicInfo, specialty: string): boolean {
  const key = foldKey(specialty);
  return info.specialties.some((s) => foldKey(s) === key);
}

/**
 * The specialty asked and those queued after it ("cardio e neuro"), split by whether the clinic offers
 * them: the booking goes on with the first offered, the rest offered stay queued.
 */
export function splitByOffered(c: BookingContext, info: ClinicInfo): { offered: string[]; dropped: string[] } {
  const asked = [c.facts.specialty, ...c.queuedSpecialties].filter((s): s is string => !!s);
  return {
    offered: asked.filter((s) => offersSpecialty(info, s)),
    dropped: asked.filter((s) => !offersSpecialty(info, s)),
  };
}

/**
 * Someone's hours asked in the middle of a booking ("que horas o dr paulo atende?"): the booking with that
 * provider, proposed, when the answer plainly invites it: one provider asked, not the one the booking is
 * with (the time being confirmed, or the provider asked for), who works on the day, at the place and in the
 * period the question names (a "no" invites nothing). Null when it does not.
 */
export function providerSwitch(c: BookingContext, found: { hours: WeeklyHours[]; places: Array<{ id: string; name: string }> }): Suggestion | null {
  const u = c.understanding;
  const asked = u?.resolved.provider_ids ?? [];
  if (!u || asked.length !== 1) return null;
  const id = asked[0]!;
  const current = c.from === 'confirming' && c.chosen ? [c.chosen.provider_id] : c.facts.provider_ids;
  if (current.includes(id)) return null;
  const r = u.resolved;
  const day = r.date_from && r.date_from === r.date_to ? new Date(`${r.date_from}T12:00:00Z`).getUTCDay() : null;
  const fits = found.hours.filter(
    (h) =>
      h.provider_id === id &&
      (r.location_id === null || h.location_id === r.location_id) &&
      (day === null || h.day_of_week === day) &&
      (!r.time_from || !r.time_to || (h.start_time < r.time_to && h.end_time > r.time_from)),
  );
  if (fits.length === 0) return null;
  const name = fits[0]!.provider_name ?? u.provider_names[0] ?? null;
  return { kind: 'provider', specialty: null, symptom: null, provider_name: name, facts: mergeFacts(c.facts, u, u.provider_names) };
}

/** What "tô na lista de espera?" is answered with. */
export interface WaitlistStatus {
  /** the entries asked about: those of what the question names, or all of them when it names nothing */
  entries: PatientWaitlistEntry[];
  offer: WaitlistOfferView | null;
  /** what the question names ("do dermato", "da dra ana", "na savassi"), when it names something; null otherwise */
  asked?: { specialty: string | null; provider_name: string | null; location_name: string | null } | null;
  /** the patient's other entries, when none is of what the question names */
  others?: PatientWaitlistEntry[];
}

/**
 * "ainda tô na fila de espera do dermato?": the entries of the specialty, provider or place the question names (every
 * one it names), and the others when none is; every entry when it names nothing. An entry for any provider of the
 * specialty is one of each of its providers, one for any place one of each place.
 */
export function narrowWaitlist(
  u: Pick<Reading, 'entities' | 'resolved' | 'provider_names'> | null,
  listed: { entries: PatientWaitlistEntry[]; offer: WaitlistOfferView | null; places?: ReadonlyArray<{ id: string; name: string }> },
): WaitlistStatus {
  const { entries, offer } = listed;
  if (!u) return { entries, offer };
  const r = u.resolved;
  const specialty = u.entities.specialty !== null && r.specialty ? r.specialty : null;
  const providers = r.provider_ids;
  // a provider's specialty, when the language layer resolved one from them
  const providerSpecialty = providers.length > 0 ? r.specialty : null;
  const locationId = u.entities.location !== null ? r.location_id : null;
  if (specialty === null && providers.length === 0 && locationId === null) return { entries, offer };
  const same = (a: string, b: string) => foldKey(a) === foldKey(b);
  const matches = (e: PatientWaitlistEntry) =>
    (specialty === null || e.specialties.some((s) => same(s, specialty))) &&
    (providers.length === 0 ||
      (e.provider_id !== null ? providers.includes(e.provider_id) : providerSpecialty !== null && e.specialties.some((s) => same(s, providerSpecialty)))) &&
    (locationId === null || e.location_id === null || e.location_id === locationId);
  const providerName = providers.length === 1 ? (u.provider_names[0] ?? null) : null;
  const asked = {
    specialty: providerName !== null ? null : (specialty ?? providerSpecialty),
    provider_name: providerName,
    location_name: locationId === null ? null : (listed.places?.find((p) => p.id === locationId)?.name ?? null),
  };
  const matching = entries.filter(matches);
  return matching.length > 0 ? { entries: matching, offer, asked } : { entries: [], offer, asked, others: entries };
}

/**
 * The patient's entry a waitlist request would repeat: for the same provider (or any of the same specialty), place, days
 * and periods; null when none is.
 */
export function sameWaitlistEntry(facts: BookingFacts, entries: readonly PatientWaitlistEntry[]): PatientWaitlistEntry | null {
  const periods = [...wishedPeriods(facts)].sort().join(',');
  const provider = facts.provider_ids.length === 1 ? facts.provider_ids[0]! : null;
  return (
    entries.find(
      (e) =>
        (provider !== null ? e.provider_id === provider : e.provider_id === null && e.specialty === facts.specialty) &&
        e.location_id === facts.location_id &&
        e.date_from === facts.date_from &&
        e.date_to === facts.date_to &&
        [...e.periods].sort().join(',') === periods,
    ) ?? null
  );
}

/**
 * The days a waitlist request asks (a week at most) when none of them has hours for it at all (at the place asked):
 * an entry for them could never be offered a time. Null when some has, or the hours are not known.
 */
export function daysWithoutHours(facts: BookingFacts, found: { hours: readonly WeeklyHours[]; dayHours?: readonly DayHours[] }): string[] | null {
  const days = daysAsked(facts);
  if (!days || found.hours.length === 0) return null;
  const here = <T extends { location_id: string }>(list: readonly T[]) => (facts.location_id ? list.filter((h) => h.location_id === facts.location_id) : list);
  const served = found.dayHours
    ? days.some((d) => here(found.dayHours!).some((h) => h.date === d))
    : days.some((d) => here(found.hours).some((h) => h.day_of_week === dayOfWeek(d)));
  return served ? null : days;
}

/**
 * The part of the day a waitlist request asks when no one asked for works it on the days asked (a week at most), though
 * they work another part of them ("dermato amanhã de manhã", dermatology only in the afternoon): an entry for it could
 * never be offered a time. Null when it is served, or the days or hours are not known.
 */
export function periodUnservedOnDays(facts: BookingFacts, found: Parameters<typeof checkHours>[1]): UnservedAsk | null {
  if (facts.period === null || daysAsked(facts) === null) return null;
  const { unserved } = checkHours(facts, found, true);
  return unserved?.period && unserved.periodOnDays ? { ...unserved, place: null, elsewhere: [] } : null;
}

/** the patient asks whether they are on the waitlist, or their place in it (WAITLIST_STATUS_QUESTION): their entries, no new one */
export function asksWaitlistStatus(text: string): boolean {
  return WAITLIST_STATUS_QUESTION.test(fold(text));
}

/** "to na lista?" is a yes/no question, whose answer opens with a yes; "em quais listas eu estou?" (NOT_YES_NO_QUESTION) is not */
export function asksYesOrNo(text: string): boolean {
  return !NOT_YES_NO_QUESTION.test(fold(text));
}

/** "quanto tempo demora a lista de espera?": how long the wait is asked (WAITLIST_WAIT_QUESTION), which no one can tell */
export function asksWaitlistWait(text: string): boolean {
  return WAITLIST_WAIT_QUESTION.test(fold(text));
}

/** "tem lista de espera?": whether there is one asked (WAITLIST_EXISTS_QUESTION), which joins nothing before a yes */
export function asksIfWaitlistExists(text: string): boolean {
  return WAITLIST_EXISTS_QUESTION.test(fold(text));
}

/** the patient asks to leave the waitlist (WAITLIST_LEAVE_ASK): not a request to join, nor a cancel of an appointment */
export function asksToLeaveWaitlist(text: string): boolean {
  return WAITLIST_LEAVE_ASK.test(fold(text));
}

/** "na verdade não quero mais" said alone (NO_LONGER_WANTED): a change of mind, about what was just done */
export function noLongerWanted(text: string): boolean {
  return NO_LONGER_WANTED.test(fold(text));
}

/** "me tira dela": an ask to leave a list named by a pronoun (WAITLIST_LEAVE_IT), one only right after entries were shown or written */
export function asksToLeaveIt(text: string): boolean {
  return WAITLIST_LEAVE_IT.test(fold(text));
}

/** the patient asks about a freed time they were told of (OFFER_MENTION, OFFER_DETAIL_ASK): their waitlist and the offer awaiting an answer */
export function mentionsOffer(text: string): boolean {
  const folded = fold(text);
  return OFFER_MENTION.test(folded) || OFFER_DETAIL_ASK.test(folded);
}

/** "que horas é essa vaga?": a detail of the freed time asked, which no "Sim," answers (OFFER_DETAIL_ASK) */
export function asksOfferDetails(text: string): boolean {
  return OFFER_DETAIL_ASK.test(fold(text));
}

/**
 * The entries a reply to "De qual delas quer sair?" picks from the numbered list `entries`: every one ("todas", "as
 * duas"), or the one of a number or ordinal ("2", "a segunda", "quero sair da 1"); null when it picks none.
 */
export function pickLeaving(text: string, entries: readonly PatientWaitlistEntry[]): PatientWaitlistEntry[] | null {
  if (entries.length === 0) return null;
  if (meansAll(text, entries.length)) return [...entries];
  const index = pickIndex(text, entries.map(() => ({ date: '', start_time: '' }))) ?? ordinalPick(text, entries.length);
  return index === null ? null : [entries[index]!];
}
