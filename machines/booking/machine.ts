/**
 * The booking dialogue (CONVERSATION.md) as an XState v5 machine. It decides; the world is reached only
 * through the `fromPromise` actors the runtime provides (world.ts), and every sentence comes from
 * locales/pt-BR/conversation.ts through lines.ts.
 *
 * One turn = one MESSAGE: a resting state stores the text (`beginTurn`) and goes to `reading`. A bare
 * "sim" or "não" first answers a waitlist offer the patient was sent since our last reply
 * (`checking_offer`). Then the short replies to the state's own question are read
 * (`reading_reply`: "2", "sim", "tem mais tarde?"); anything else goes through the language layer
 * (`understanding`) and `routing`. The turn ends in a resting state (tag
 * `resting`, names as RESTING_STATES), whose entry (`endTurn`) publishes `options` and tidies the
 * context. No `after` timers: inactivity is the runtime's stored deadline (`input.resumedAfterTimeout`).
 */
import { and, assign, fromPromise, not, or, setup } from 'xstate';
import type { Intent } from '../../src/core/language/types';
import { OPEN_RANGE_END, OPEN_RANGE_START } from '../../src/core/language/time-of-day';
import { addDays, clockTime, dayOfWeek } from '../../src/core/time';
import type { OfferKind } from '../../locales/pt-BR/conversation';
import {
  OFFER_LIMIT,
  SPREAD_SEARCH_LIMIT,
  spreadsDays,
  spreadOverDays,
  STRIKES_BEFORE_HANDOFF,
  allAtOnce,
  anyDateFacts,
  asksOwnAppointmentAddress,
  emptyFacts,
  hasUsableFacts,
  namesOnlyConsulta,
  unknownProviderAsked,
  namedToBook,
  identifiedAppointment,
  initialContext,
  keepsTime,
  matchAppointments,
  periodOnLaterDays,
  changesOnlyPeriod,
  shownAppointmentPicked,
  pointsAtJustMade,
  pointsAtShownOne,
  namesSeveralListed,
  weekdayWithinRange,
  listedDay,
  namedInList,
  onlyNamesListedAppointment,
  namesAnotherDayThan,
  withoutOrdinalDay,
  namesAnotherMoveTarget,
  oneOfTargets,
  whenBesidePick,
  today,
  mergeFacts,
  narrowWaitlist,
  sameWaitlistEntry,
  withPeriodRefused,
  missingFact,
  providerChoicePending,
  providersNamed,
  namedProviderOfForm,
  appointmentProviderOfForm,
  pickFromProviderChoice,
  withPickedProvider,
  takesAnyProvider,
  pendingDayChoice,
  moveFacts,
  onTargetDay,
  answersDateWithPeriod,
  retargetedMove,
  newProviderIds,
  otherPlacesQuery,
  otherProvidersQuery,
  pickedAppointment,
  otherListedPick,
  switchesAppointmentAsk,
  pickedSlot,
  describedSlot,
  planQuery,
  providerChangeFacts,
  rebookFacts,
  referToLast,
  refersToLast,
  repliesToTimedOutRequest,
  timedOutFacts,
  repliesWith,
  sortSlots,
  splitByOffered,
  specialtyToCheck,
  checkHours,
  providerSwitch,
  daysAsked,
  daysWithoutHours,
  periodUnservedOnDays,
  widenedPeriods,
  hoursKey,
  hoursToCheck,
  sameDayAppointment,
  sameDayKey,
  sameDayToCheck,
  widerDaysQuery,
  widerOtherPlacesQuery,
  widerOtherProvidersQuery,
  canSeekAnotherProvider,
  slotsWithinWish,
  whenOf,
  withDays,
  withoutTime,
  earlierPick,
  earlierPickQuery,
  rememberOffered,
  hoursQuestionInput,
  clinicQuestionAnswered,
  formToApply,
  providersOfForm,
  followsUpClinicQuestion,
  followsUpShownAppointments,
  namesProviderOfNoneListed,
  providerInPlay,
  splitSpecialtyAsks,
  type BookingContext,
  type Flow,
  type FollowUp,
  type InterruptedState,
  type Purpose,
  type ReplyKind,
  asksWaitlistStatus,
  asksToLeaveWaitlist,
  asksToLeaveIt,
  noLongerWanted,
  asksIfWaitlistExists,
  pickLeaving,
  mentionsOffer,
  canStepBackToWho,
  withoutWhen,
  withoutWho, childAppointments, firstNameOf, missedToldOnly
} from './dialogue';
import { readSymptom, namesRedFlag, clinicSpecialty, isBodyWord } from '../../src/core/language/symptoms';
import { fold, foldKey, prepare } from '../../src/core/language/normalize';
import { cancelsOnlyAPeriod, classifyIntent } from '../../src/core/language/intent';
import { LINES, afterSpecialtyLine, providerFormLine, hoursAnswer, unansweredTopics, allProvidersOnOffer, appendPart, onlyProvider, otherProvidersBusyAndLeftOut, otherProvidersLeftOut, endsAskingAnythingElse, endsAskingWhatNeeded, type LineName, lateNoted, childSpecialty, noHoursOnDays, lateAside, providerDoesNotPractise, tellsOwnRecord } from './lines';
import { anyDate, asksAnyDate, asksHours, asksHoursOfPronoun, asksWhenOrWhoOf, correctsBooking, dateMentions, onlyEmoji, onlyLaughter, saysMoreThanHello, opensWithYes, moveWay, asksOtherProvider, clinicTopics, isClinicQuestion, isNo, isThanks, saysGoodbye, onlyGoodbye, saysMissedAppointment, toldPastVisit, asksReturnVisit, refersToProvider, namesDayAhead, asksWhereabouts, asksProviderAway, splitHoursThenQuestion, greetsDoctor, isYes, soundsUrgent, splitAsideQuestion, splitBookingAfterQuestion, splitBookingBeforeQuestion, splitAsks, daysShift, rejectsAll, mentionsRelative, bookingAfterYes, namesAnAsk, namesPresence, saysLate, complains, saysAnyProvider, asksUnplacedQuestion, asksAboutAssistant, checksPresence, asksToRepeat, asksWhatNow, asksAboutAttachments, asksMayIAsk, asksOnlyWellbeing, isAcknowledgement, asksIfItWorked, asksOrTrailsOff, saysOnlyWhoFor, asksAboutTimes, acceptsOffer, declinesOffer, asksForSomeoneElse, sameForOther, offerYesDays, declinesOfferThenAsks, isUnsure, asksWhetherBookingNeeded, asksOpinion, asksToTalkTo, normalizeReply, asksOnlyAboutProvider, asksProviderLate, relativeNamed, asksAboutOthersAppointment, acceptsLeaving, numberBeyondList, saysAlso, bookingAfterBareOk, leadsToNewProvider, asksAnotherBesideMove, asksSqueezeIn, asksIfConfirmed, isUnsureOfDate, personNameGiven, refusesToGiveName, saysNotGoing, asksWhoSees } from './replies';
import { RESTING_STATES, type BookingEvent, type BookingFacts, type BookingMachineInput, type ChangeResult, type ClinicInfo, type OfferedSlot, type PatientAppointment, type Reading, type RestingState, type WaitlistOfferView, type WorldActors, type PatientWaitlistEntry, type BookResult } from './world';

export type { BookingContext } from './dialogue';

/** A reading at least this sure is taken at its word ("confirmo"); below, it is a guess ("sim" alone). */
const SURE = 0.8;
/** A reading that asks nothing this channel does for sure: being late or a complaint said then is what the message is about. */
function noSureAsk(u: Reading): boolean {
  return ['unknown', 'greeting', 'help', 'confirm'].includes(u.intent) || u.confidence < SURE;
}
/** The asks a complaint may come beside and still be answered, after an apology. */
const ASKS_BESIDE_COMPLAINT: readonly string[] = ['book', 'reschedule', 'cancel', 'list', 'waitlist', 'handoff'];
/** how many days back a missed appointment asked to move is looked for ("faltei na de segunda") */
const MISSED_LOOKBACK_DAYS = 7;

/** The open ends of a "later"/"earlier" window, as the language layer reads "depois das 15h" and "antes das 10". */
const DAY_START = clockTime(OPEN_RANGE_START);
const DAY_END = clockTime(OPEN_RANGE_END);

const BOOKING_STATES: readonly RestingState[] = ['collecting', 'offering', 'confirming', 'waitlist_offered'];

/** a yes to a freed time on `date` (local): a plain yes, or one naming that day ("quero a vaga de quinta") */
function acceptsOfferOn(text: string, date: string): boolean {
  const named = offerYesDays(text);
  if (!named) return false;
  return named.weekdays.every((w) => dayOfWeek(date) === w) && named.days.every((d) => Number(date.slice(8, 10)) === d);
}

/** A placeholder for an actor the runtime provides with `bookingMachine.provide({ actors })`. */
function worldActor<K extends keyof WorldActors>(name: K) {
  return fromPromise<WorldActors[K]['output'], WorldActors[K]['input']>(async () => {
    throw new Error(`booking machine: the '${name}' actor is provided by the runtime`);
  });
}

function messageOf(event: BookingEvent): { text: string; now: string } | null {
  return event.type === 'MESSAGE' ? { text: event.text, now: event.now } : null;
}

/**
 * A reading that asks only about when ("tem pra segunda?", "e sexta de manhã?"): a day or a time, no one to book with,
 * and no ask of another kind.
 */
function asksOnlyWhen(u: Reading): boolean {
  const r = u.resolved;
  const when = !!(r.date_from || r.time || (r.time_from && r.time_to));
  return when && (u.intent === 'book' || u.intent === 'unknown') && !u.entities.specialty && r.provider_ids.length === 0;
}

/** "urgente", or a red-flag symptom ("dor no peito"), this turn, and where to go in an emergency not said yet in this reply */
function emergencyLineUnsaid(context: BookingContext): boolean {
  return (soundsUrgent(context.text) || namesRedFlag(context.text)) && !context.reply.includes(LINES.urgentCare());
}

/** The entries listed to leave that the reading names ("a de cardio", "a da dra ana"); none when it names nothing of them. */
function namedLeaving(context: BookingContext): PatientWaitlistEntry[] {
  const status = narrowWaitlist(context.understanding, { entries: context.leaving, offer: null });
  return status.asked ? status.entries : [];
}

/**
 * "esqueci meu guarda chuva aí ontem", "ontem eu fui aí e ninguém me atendeu": with nothing pending, no ask word, no one to
 * book with and no day to come, only a past day said among other words: about something else, no booking (nor "O dia
 * 24/11 já passou")
 */
function saysOnlyPastDay(context: BookingContext): boolean {
  const u = context.understanding;
  if (!u || !u.resolved.date_passed) return false;
  if (!(context.from === 'idle' || (context.from === 'done' && (context.followUp === 'more' || context.followUp === 'handoff')))) return false;
  const r = u.resolved;
  if (r.date_from !== null || r.time !== null || r.time_from !== null || r.location_id !== null) return false;
  // "ontem a dra ana me atendeu muito bem, obrigada": thanks for a past visit with a provider named, no booking
  // "oi, obrigada pelo atendimento de ontem": so is a hello with that thanks
  if (u.intent !== 'unknown') {
    return ((u.intent === 'book' && u.confidence < SURE) || u.intent === 'greeting') && u.entities.specialty === null && isThanks(context.text);
  }
  if (r.specialty !== null || r.provider_ids.length > 0) return false;
  return normalizeReply(context.text).split(' ').length >= 3;
}

/** The appointment a move is of (its own time is free for it), else null. */
function movedAppointmentId(c: BookingContext): string | null {
  return c.flow === 'reschedule' ? (c.target?.id ?? null) : null;
}

/** A flow started afresh with these facts: nothing searched, offered, chosen or queued yet. */
function freshFlow(flow: Flow, facts: BookingContext['facts']): Partial<BookingContext> {
  return {
    flow,
    facts,
    query: null,
    offered: [],
    offeredBefore: [],
    chosen: null,
    taken: [],
    keepTime: false,
    target: null,
    interrupted: null,
    queuedSpecialties: [],
    queuedMoves: [],
    otherProvider: false,
    missedSince: null,
    waitlistSearched: false,
    periodUnworked: null,
    providerForm: null,
    sameDayKept: [],
    // a new booking compares its days with the appointments anew (one just booked may be there now)
    sameDayChecked: '',
    steppedBackFrom: null,
    started: true,
  };
}

/** The reading with the provider a pronoun means ("com ela") read as if the message had named them. */
function readAsNamed(u: Reading, who: { id: string; name: string }): Reading {
  return { ...u, resolved: { ...u.resolved, provider_ids: [who.id] }, provider_names: [who.name] };
}

const machineSetup = setup({
  types: {
    context: {} as BookingContext,
    events: {} as BookingEvent,
    input: {} as BookingMachineInput,
    tags: {} as 'resting',
  },
  actors: {
    understand: worldActor('understand'),
    searchSlots: worldActor('searchSlots'),
    book: worldActor('book'),
    listAppointments: worldActor('listAppointments'),
    cancel: worldActor('cancel'),
    confirm: worldActor('confirm'),
    reschedule: worldActor('reschedule'),
    joinWaitlist: worldActor('joinWaitlist'),
    listWaitlist: worldActor('listWaitlist'),
    leaveWaitlist: worldActor('leaveWaitlist'),
    latestOffer: worldActor('latestOffer'),
    acceptOffer: worldActor('acceptOffer'),
    declineOffer: worldActor('declineOffer'),
    clinicInfo: worldActor('clinicInfo'),
    specialtyProviders: worldActor('specialtyProviders'),
    specialtyHours: worldActor('specialtyHours'),
    requestHandoff: worldActor('requestHandoff'),
    savePatientName: worldActor('savePatientName'),
  },
  guards: {
    /** the turn came to `from` and its message is that kind of short reply */
    answers: ({ context }, p: { from: RestingState; reply: ReplyKind }) => context.from === p.from && repliesWith(context, p.reply),
    /** the message is that kind of short reply, whatever the state */
    repliesWith: ({ context }, p: { reply: ReplyKind }) => repliesWith(context, p.reply),
    cameFrom: ({ context }, p: { state: RestingState }) => context.from === p.state,
    /** a bare yes or no, which may answer a waitlist offer sent since our last reply ("tudo certo?" is neither) */
    yesOrNo: ({ context }) =>
      !asksOnlyWellbeing(context.text) && (offerYesDays(context.text) !== null || declinesOffer(context.text) || declinesOfferThenAsks(context.text) !== null),
    /** a standing offer turned down with another ask after it ("nao da, tem pra segunda?") */
    declinesOfferThenAsks: ({ context }, p: { offer: WaitlistOfferView | null }) => p.offer !== null && p.offer.stands && declinesOfferThenAsks(context.text) !== null,
    /** an offer was found that `stands` (or not), and the message says yes (`accept`) or no */
    answersOffer: ({ context }, p: { offer: WaitlistOfferView | null; stands: boolean; accept: boolean }) =>
      p.offer !== null && p.offer.stands === p.stands && (p.accept ? acceptsOfferOn(context.text, p.offer.date) : declinesOffer(context.text)),
    inBookingFlow: ({ context }) => BOOKING_STATES.includes(context.from),
    /** a booking was set aside for the waitlist question pending (setBookingAside) */
    bookingSetAside: ({ context }) => context.interrupted !== null && (context.from === 'done' || context.from === 'waitlist_offered'),
    /** facts continue the booking in progress, also after "cancelar?" was asked */
    continuesBooking: ({ context }) => BOOKING_STATES.includes(context.from) || (context.from === 'cancel_or_stop' && context.interrupted !== null),
    flowIs: ({ context }, p: { flow: Flow }) => context.flow === p.flow,
    /** later (or earlier) than the appointment moved: said now ("pode ser mais tarde?"), or when the move began */
    movesAround: ({ context }, p: { later: boolean }) =>
      repliesWith(context, p.later ? 'later' : 'earlier') || context.moveDirection === (p.later ? 'later' : 'earlier'),
    purposeIs: ({ context }, p: { purpose: Purpose }) => context.purpose === p.purpose,
    followUpIs: ({ context }, p: { followUp: FollowUp }) => context.followUp === p.followUp,
    askedMore: ({ context }) => context.askedMore,
    askedWhatNeeded: ({ context }) => context.askedWhatNeeded,
    /** "a consulta da minha filha", "o pedro tem consulta?": someone else's appointment said (this channel sees the patient's own record) */
    namesSomeoneElse: ({ context }) => asksForSomeoneElse(context.text, context.firstName),
    /** "quero marcar …", "agendar …": a booking said outright (a booking word, not facts alone) */
    asksToBookOutright: ({ context }) => context.understanding?.intent === 'book' && context.understanding.confidence >= SURE,
    /** a waitlist request for days with no hours for it at all */
    noHoursOnDaysAsked: ({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => daysWithoutHours(context.facts, p.found) !== null,
    /** a waitlist request for a part of the day no one asked for works on the days asked (they work another part of it) */
    periodUnservedOnDaysAsked: ({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => periodUnservedOnDays(context.facts, p.found) !== null,
    /** a waitlist request the patient already has an entry for */
    repeatsWaitlistEntry: ({ context }, p: { entries: PatientWaitlistEntry[] }) => sameWaitlistEntry(context.facts, p.entries) !== null,
    /** the message names no specialty or provider */
    namesNoOneToBook: ({ context }) => {
      const r = context.understanding?.resolved;
      return !!r && r.specialty === null && r.provider_ids.length === 0;
    },
    /** "e a outra também": the same for the patient's other appointment */
    asksSameForOther: ({ context }) => sameForOther(context.text),
    /** the last turn put the patient on the waitlist */
    joinedWaitlist: ({ context }) => context.joinedWaitlist === true,
    /** a reply was sent before this turn */
    greeted: ({ context }) => context.greeted,
    /** thanks or a goodbye said ("obrigado", "valeu", "tchau") */
    thanks: ({ context }) => isThanks(context.text),
    /** a goodbye said ('tchau'), thanked or not */
    saidGoodbye: ({ context }) => saysGoodbye(context.text),
    queryKindIs: ({ context }, p: { kind: OfferKind }) => context.query?.kind === p.kind,
    intentIs: ({ context }, p: { intent: Intent }) => context.understanding?.intent === p.intent,
    /** "what is the address?", "are you open on Saturday?": a clinic question and no firm request */
    asksAboutClinic: ({ context }) => {
      const u = context.understanding;
      if (!u || u.intent === 'handoff') return false;
      // "qual o horario do centro?": the unit named after an hours word makes it an opening hours question
      const read = clinicTopics(context.text, u.entities.location);
      // "quero fazer um eletrocardiograma" where the clinic has that type, or an exam beside a specialty or provider: a visit
      const examVisit = u.entities.appointment_type !== null || u.resolved.specialty !== null || u.resolved.provider_ids.length > 0;
      const topics = examVisit ? read.filter((t) => t !== 'exams') : read;
      // the address of "my appointments" reads as a list: the address of those appointments is asked
      // "preciso levar o resultado do exame pro cardiologista": whom to take a result to, with the visit it is for, and
      // no question mark: a booking of that visit, not a question of what to bring
      const takesResultTo =
        topics.includes('bring') && topics.every((t) => t === 'bring' || t === 'paperwork') && u.intent === 'book' && !context.text.includes('?') && u.entities.appointment_type !== null &&
        (u.resolved.specialty !== null || u.resolved.provider_ids.length > 0);
      if (takesResultTo) return false;
      // "precisa marcar ou é por ordem de chegada?": the booking words only ask whether a booking is needed
      if (asksWhetherBookingNeeded(context.text)) return true;
      // "quero marcar exame de sangue": an exam, which is not booked here, even with a booking word (unless a type of the
      // clinic's was named by it, or a specialty or provider beside it makes it a visit)
      if (topics.includes('exams') && ['book', 'unknown', 'greeting', 'help'].includes(u.intent)) return true;
      // a greeting with a clinic question asks the question
      return topics.length > 0 && (u.intent === 'unknown' || u.intent === 'greeting' || u.confidence < SURE || (u.intent === 'list' && topics.includes('address')));
    },
    /** "não consigo ir à tarde" while booking: that part of the day refused, not an appointment cancelled */
    refusesPeriod: ({ context }) => cancelsOnlyAPeriod(fold(prepare(context.text))),
    /** a move read from weak words only ("trocar pra sexta"), which inside a booking corrects it */
    unsureMove: ({ context }) => {
      const u = context.understanding;
      return !!u && u.intent === 'reschedule' && u.confidence < SURE;
    },
    /** "trocar de médico", "quero outro médico": another provider for an appointment booked (not "quero marcar com outro médico") */
    changesProvider: ({ context }) => {
      const u = context.understanding;
      // "trocar a dra ana": the appointment with her, named, to move
      const named = !!u && u.resolved.provider_ids.length > 0;
      return asksOtherProvider(context.text, named) && !(u && u.intent === 'book' && u.confidence >= SURE);
    },
    wantsOtherProvider: ({ context }) => context.otherProvider,
    /** "não consegui ir na consulta de hoje": an appointment missed, told */
    saysMissed: ({ context }) => !!context.understanding && saysMissedAppointment(context.text, pastDaySaid(context)),
    /** the appointment to move is a missed one (it has begun) */
    targetMissed: ({ context }) => context.missedSince !== null && !!context.target && context.target.start_at <= context.now,
    /** "faltei na consulta hoje": a missed appointment looked up because it was told, no move asked (see missedToldOnly) */
    missedToldOnly: ({ context }) => missedToldOnly(context),
    /** the appointments found are all ones that have begun (a missed one looked up: which of them) */
    allBegun: ({ context }) => context.appointments.length > 0 && context.appointments.every((a) => a.start_at <= context.now),
    /** the message named an appointment the patient does not have ("a do dr paulo" with none with him) */
    namedMissing: ({ context }) => context.appointmentMissed,
    /** the missed appointment is marked no-show: it cannot be moved any more (only requested or confirmed ones can) */
    targetNoShow: ({ context }) => context.missedSince !== null && context.target?.status === 'no_show',
    /** "quero outra cardio sexta" while moving: a booking besides the appointment moved */
    asksAnotherBesideMove: ({ context }) => asksAnotherBesideMove(context.text, context.understanding?.entities.specialty ?? null),
    /** "trocar a dra ana pelo dr paulo", "trocar de médico pelo dr paulo": a provider named to take over an appointment */
    swapsProvider: ({ context }) => {
      const r = context.understanding?.resolved;
      return !!r && r.replaced_provider_ids !== undefined && r.provider_ids.length > 0;
    },
    /** the change of doctor names who takes over the appointment */
    namesNewProvider: ({ context }) => !!context.target && newProviderIds(context.facts, context.target).length > 0,
    /** the provider(s) named to take over see the appointment's specialty (or it has none on file) */
    practisesTargetSpecialty: ({ context }, p: { providers: Array<{ id: string }> }) =>
      !!context.target &&
      (context.target.specialty === null || newProviderIds(context.facts, context.target).every((id) => p.providers.some((provider) => provider.id === id))),
    /** a change of doctor for an appointment the patient does not have ("na consulta de cardio" with none of cardiology) */
    missedForProviderChange: ({ context }) => context.otherProvider && context.appointmentMissed,
    /**
     * "o dr paulo é dermatologista?": whether one provider named practises the specialty named, asked (no day, time, ask
     * word nor clinic topic)
     */
    asksIfProviderPractises: ({ context }) => {
      const u = context.understanding;
      if (!u || u.resolved.provider_ids.length !== 1 || u.entities.specialty === null || u.resolved.specialty === null || u.entities.provider_name === null) return false;
      if ((u.intent === 'book' && u.confidence >= SURE) || !['book', 'unknown', 'greeting', 'help'].includes(u.intent)) return false;
      const r = u.resolved;
      if (r.date_from !== null || r.time !== null || r.time_from !== null || r.date_passed || r.date_invalid || u.entities.location !== null) return false;
      return asksOnlyAboutProvider(context.text, u.entities.provider_name) && !asksHours(context.text) && clinicTopics(context.text).length === 0;
    },
    /** the provider named is among those of the specialty named */
    practisesAsked: ({ context }, p: { providers: Array<{ id: string }> }) =>
      p.providers.some((provider) => provider.id === context.understanding?.resolved.provider_ids[0]),
    /**
     * "perdi minha consulta ontem", "faltei na consulta de segunda": an appointment missed, told with nothing pending and
     * no other ask than a booking (the day said is the one missed, unless a booking names its own day)
     */
    missedAppointment: ({ context }) => {
      const u = context.understanding;
      if (!u || !(context.from === 'idle' || context.from === 'done') || !saysMissedAppointment(context.text, pastDaySaid(context))) return false;
      return ['book', 'unknown', 'greeting', 'help', 'list'].includes(u.intent);
    },
    /**
     * "ontem fui atendida pela dra ana": a past visit told with nothing pending and no sure ask; the day said is the
     * visit's ("na segunda" too), never one to book
     */
    toldPastVisit: ({ context }) => {
      const u = context.understanding;
      if (!u || !(context.from === 'idle' || context.from === 'done' || BOOKING_STATES.includes(context.from)) || !toldPastVisit(context.text)) return false;
      // "fui atendido ontem pelo dr rui, queria marcar retorno": a sure booking of the return visit is that too
      return (u.intent === 'book' && (u.confidence < SURE || asksReturnVisit(context.text))) || ['unknown', 'greeting'].includes(u.intent);
    },
    /** "fui atendida ontem, quero marcar cardio": a past visit told beside another booking, with nothing pending */
    mentionsPastVisit: ({ context }) => (context.from === 'idle' || context.from === 'done') && toldPastVisit(context.text),
    /** "ela pediu retorno", "preciso voltar": a return visit asked for */
    asksReturnVisit: ({ context }) => asksReturnVisit(context.text),
    /**
     * "não tem sexta?", "e sexta?" to times all of that very day: the day asked is the one shown, and the message names
     * nothing else (no one, time, period or place)
     */
    asksDayShown: ({ context }) => {
      const u = context.understanding;
      if (!u || context.from !== 'offering' || context.offered.length === 0) return false;
      const r = u.resolved;
      const day = context.offered[0]!.date;
      if (!context.offered.every((s) => s.date === day) || r.date_from !== day || (r.date_to ?? day) !== day || (r.dates?.length ?? 0) > 1) return false;
      const e = u.entities;
      return e.specialty === null && e.provider_name === null && e.location === null && e.period === null && e.time === null && r.time_from === null && !['cancel', 'reschedule', 'list', 'waitlist', 'handoff'].includes(u.intent);
    },
    /** "quais dias a dra ana atende? quanto custa?" with nothing pending: the hours question, then another of its own */
    hoursThenQuestion: ({ context }) => {
      const u = context.understanding;
      if (!u || !(context.from === 'idle' || context.from === 'done') || (u.resolved.provider_ids.length === 0 && u.resolved.specialty === null)) return false;
      return splitHoursThenQuestion(context.text) !== null && !(u.intent === 'book' && u.confidence >= SURE);
    },
    /** a past day said about something else, with nothing pending (saysOnlyPastDay) */
    pastDayOnly: ({ context }) => saysOnlyPastDay(context),
    /** a booking request, or any fact a booking can use ("de manhã", "com a dra ana") */
    givesFacts: ({ context }) => {
      const u = context.understanding;
      if (u && saysOnlyPastDay(context)) return false;
      return !!u && (u.intent === 'book' || hasUsableFacts(u) || refersToLast(context));
    },
    /** "confirmo": confirm the next appointment waiting for it (not inside a booking, where it means yes) */
    confirmsPresence: ({ context }) => {
      const u = context.understanding;
      if (!u || u.intent !== 'confirm' || u.confidence < SURE) return false;
      // while booking, a yes is to the booking; "quero confirmar presença" is the patient's appointment, as a cancel or move would be
      return !BOOKING_STATES.includes(context.from) || namesPresence(context.text);
    },
    /**
     * "confirmo! posso levar acompanhante?", "vou sim. tem estacionamento?": presence confirmed with a clinic question as
     * its own part, outside a booking: the confirmation read alone first, the question kept to answer after it
     */
    confirmBesideQuestion: ({ context }) => {
      const u = context.understanding;
      if (!u || u.intent !== 'confirm' || u.confidence < SURE || context.pendingAsk !== '' || BOOKING_STATES.includes(context.from)) return false;
      const split = splitAsideQuestion(context.text);
      return split !== null && classifyIntent(fold(split[0])).intent === 'confirm';
    },
    /** "vou chegar 10 min atrasada", "to atrasado": being late said, no other sure ask beside it (nor a symptom: "menstruacao atrasada") */
    saysLate: ({ context }) => {
      const u = context.understanding;
      return !!u && saysLate(context.text) && noSureAsk(u) && !readSymptom(context.text);
    },
    /** "não fui atendida hoje, esperei duas horas", "péssimo atendimento": a complaint, no other sure ask beside it */
    complains: ({ context }) => {
      const u = context.understanding;
      return !!u && complains(context.text) && noSureAsk(u);
    },
    /**
     * "esperei duas horas, quero remarcar": a complaint beside a sure ask of what this channel does, or beside facts for the
     * booking under way ("que absurdo, não tem de manhã?" to the times): the ask or the facts are answered, after an apology
     */
    complainsBesideAsk: ({ context }, p: { understanding: Reading }) => {
      const u = p.understanding;
      const asks = ASKS_BESIDE_COMPLAINT.includes(u.intent) && u.confidence >= SURE;
      const pending = !(context.from === 'idle' || context.from === 'done');
      return (asks || (pending && hasUsableFacts(u))) && complains(context.text);
    },
    /** "quero confirmar presença" at a question of the booking: no answer to it (read by the language layer instead) */
    confirmsPresenceMidBooking: ({ context }) => BOOKING_STATES.includes(context.from) && namesPresence(context.text),
    /** "sim" out of the blue: probably the answer to a reminder; ask which */
    maybeConfirmsPresence: ({ context }) => {
      const u = context.understanding;
      if (!u || u.intent !== 'confirm' || (context.from !== 'idle' && context.from !== 'done')) return false;
      // "pode ser?", "isso é...": a question or an unfinished message, with nothing pending, is no answer to a reminder
      return !asksOrTrailsOff(context.text);
    },
    identifiesAppointment: ({ context }) => identifiedAppointment(context) !== null,
    /**
     * "mesmo horario só que na quinta" with nothing in progress: the time of an appointment booked is kept, so an
     * appointment is to move (not a new booking, which has no time of its own to keep)
     */
    keepsBookedTime: ({ context }) => {
      const u = context.understanding;
      if (!u || !keepsTime(context.text) || !['book', 'unknown'].includes(u.intent) || (u.intent === 'book' && u.confidence >= SURE)) return false;
      return context.from === 'idle' || (context.from === 'done' && context.followUp === 'more');
    },
    /** "mesmo horario na quinta" to "Desmarco?" (or to whether to confirm presence): a move of that appointment, its time kept */
    keepsTargetTime: ({ context }) => {
      const u = context.understanding;
      if (!u || context.targets.length > 0 || !context.target || !keepsTime(context.text)) return false;
      if (!['book', 'unknown'].includes(u.intent) || (u.intent === 'book' && u.confidence >= SURE)) return false;
      return context.from === 'confirming_cancel' || context.from === 'confirming_appointment';
    },
    /**
     * "pode ser sexta?", "e na segunda de tarde?" to "Desmarco?" or to whether to confirm presence: another day or time for
     * that appointment, nothing else named (a specialty, another provider or a booking word said surely is a new booking)
     */
    asksWhenInsteadForTarget: ({ context }) => {
      const u = context.understanding;
      const t = context.target;
      if (!u || !t || context.targets.length > 0) return false;
      if (context.from !== 'confirming_cancel' && context.from !== 'confirming_appointment') return false;
      if (!['book', 'unknown'].includes(u.intent) || (u.intent === 'book' && u.confidence >= SURE)) return false;
      const r = u.resolved;
      if (r.date_from === null && r.time === null && r.time_from === null) return false;
      if (r.provider_ids.some((id) => id !== t.provider_id) || (!!u.entities.specialty && r.specialty !== t.specialty)) return false;
      return !dateMentions(context.text).some((m) => m.reference && !m.target);
    },
    /** "mesmo horario na quinta", "pra quinta" to which appointment to move: when to, and not which one (nor another ask) */
    saysOnlyWhenOfMove: ({ context }) => {
      const u = context.understanding;
      if (!u || context.purpose !== 'reschedule' || !['book', 'unknown'].includes(u.intent) || (u.intent === 'book' && u.confidence >= SURE)) return false;
      const r = u.resolved;
      return r.date_from !== null || r.time !== null || r.time_from !== null || keepsTime(context.text);
    },
    saysWhenBesidePick: ({ context }) => whenBesidePick(context),
    namesAnotherMoveTarget: ({ context }) => namesAnotherMoveTarget(context),
    /** a provider named in the middle of a move, none of them the appointment's own (nor one already coming instead) */
    namesProviderForMove: ({ context }) => {
      const u = context.understanding;
      const t = context.target;
      if (!u || !t || u.entities.provider_name === null || u.resolved.provider_ids.length === 0 || u.resolved.provider_ambiguous) return false;
      return !u.resolved.provider_ids.includes(t.provider_id) && !u.resolved.provider_ids.every((id) => context.facts.provider_ids.includes(id) && context.otherProvider);
    },
    /** "não, só a primeira" to "Desmarco as duas?" */
    singlesOutTarget: ({ context }) => context.from === 'confirming_cancel' && oneOfTargets(context) !== null,
    /** "e no centro?", "e no domingo?" right after an opening hours answer: the same question, of that place or day */
    followsUpClinicQuestion: ({ context }) => followsUpClinicQuestion(context),
    /** "tem com médica mulher?", "prefiro doutora", "tem algum médico homem?": a doctor asked for by form of address, no one named */
    asksProviderForm: ({ context }) => {
      const u = context.understanding;
      return !!u?.resolved.provider_form && u.resolved.provider_ids.length === 0 && ['book', 'unknown', 'greeting', 'help'].includes(u.intent);
    },
    formToApply: ({ context }) => formToApply(context),
    /** a clinic question there is no data for (parking, payment…) with nothing pending: a person can be offered */
    nothingPending: ({ context }) => context.from === 'idle' || context.from === 'done',
    offersStaffAnswer: ({ context }, p?: { info: ClinicInfo }) =>
      (context.from === 'idle' || context.from === 'done') && unansweredTopics(context, p?.info ?? context.info).length > 0,
    /** "vcs atendem criança?" with nothing pending, the catalog's specialty for children known and nothing else left unanswered: booking it offered */
    offersChildBooking: ({ context }, p: { info: ClinicInfo }) =>
      (context.from === 'idle' || context.from === 'done') &&
      clinicTopics(context.text).includes('children') &&
      childSpecialty(p.info) !== null &&
      unansweredTopics(context, p.info).length === 0,
    /** a question the rules cannot place, naming something ("vcs fazem exame de sangue?"): no information here, not "não entendi" */
    asksUnplacedQuestion: ({ context }) => context.understanding?.intent === 'unknown' && asksUnplacedQuestion(context.text),
    /** small talk about this conversation itself: who answers, whether anyone is here, the last reply again, what now */
    asksAboutAssistant: ({ context }) => asksAboutAssistant(context.text),
    /** "oi dr paulo", "bom dia dra ana" and nothing else, with nothing pending */
    greetsDoctor: ({ context }) => (context.from === 'idle' || context.from === 'done') && greetsDoctor(context.text),
    checksPresence: ({ context }) => checksPresence(context.text),
    /** "a consulta de sexta ta confirmada?": whether an appointment is confirmed, asked */
    asksIfConfirmed: ({ context }) => asksIfConfirmed(context.text),
    /** one appointment listed for the question, the one it names (none missed: a day named with none is said so first) */
    listedOne: ({ context }) => context.appointments.length === 1 && !context.appointmentMissed,
    listedConfirmed: ({ context }) => context.appointments[0]?.status === 'confirmed',
    asksToRepeat: ({ context }) => asksToRepeat(context.text),
    asksWhatNow: ({ context }) => asksWhatNow(context.text),
    asksAboutAttachments: ({ context }) => asksAboutAttachments(context.text),
    asksMayIAsk: ({ context }) => asksMayIAsk(context.text),
    asksOnlyWellbeing: ({ context }) => asksOnlyWellbeing(context.text),
    /** "deu certo?" with nothing pending: whether what was done went through (never a yes, nor a confirmation of presence) */
    asksIfItWorked: ({ context }) => (context.from === 'idle' || context.from === 'done') && asksIfItWorked(context.text),
    /** "ainda não sei se confirmo", "vou pensar" to the summary: no yes, no no, nothing misunderstood */
    unsureAtSummary: ({ context }) => context.from === 'confirming' && isUnsure(context.text),
    unsureOfDate: ({ context }) => context.from === 'collecting' && missingFact(context.facts) === 'date' && isUnsureOfDate(context.text),
    /** "não sei" to "Com qual especialidade ou profissional?": no answer to it, nothing misunderstood */
    unsureOfSpecialty: ({ context }) => context.from === 'collecting' && missingFact(context.facts) === 'specialty_or_provider' && isUnsure(context.text),
    /** "deu certo?" at the times or the summary of a booking or a move: nothing is written yet */
    asksIfItWorkedMidFlow: ({ context }) => BOOKING_STATES.includes(context.from) && context.from !== 'waitlist_offered' && asksIfItWorked(context.text),
    /** an appointment was booked, moved or cancelled in this conversation and the last turn ended there */
    justChangedAppointment: ({ context }) => context.from === 'done' && context.lastAppointment !== null,
    /** where the patient's own appointment is: their appointments answer it */
    asksOwnAppointmentAddress: ({ context }) => asksOwnAppointmentAddress(context),
    specialtyUnchecked: ({ context }) => specialtyToCheck(context) !== null,
    hoursUnchecked: ({ context }) => hoursToCheck(context),
    sameDayUnchecked: ({ context }) => sameDayToCheck(context),
    foundSameDay: ({ context }, p: { appointments: PatientAppointment[] }) =>
      sameDayAppointment(context.facts, p.appointments, context.sameDayKept ?? []) !== null,
    asksAboutSameDay: ({ context }) => context.from === 'collecting' && context.sameDay !== null,
    /** "meu filho tem consulta amanhã, onde fica?": a question of its own (a clinic topic, someone else's appointment), no answer to one asked */
    asksOwnQuestion: ({ context }) => clinicTopics(context.text).length > 0 || asksAboutOthersAppointment(context.text, context.firstName),
    /** "é pra minha mãe, com a dra ana": a booking for a relative, whatever else it says (not someone else's appointment asked about) */
    booksForRelative: ({ context }) => mentionsRelative(context.text) && !asksAboutOthersAppointment(context.text, context.firstName),
    /**
     * to "Quer remarcar essa consulta?", no yes said but a provider who sees its specialty ("com a dra ana") or another
     * day ("pra segunda"), and no other ask: a yes that carries those facts (a time or period alone is another one besides)
     */
    movesSameDayWith: ({ context }) => {
      const u = context.understanding;
      const a = context.sameDay;
      if (!u || !a || !['book', 'unknown'].includes(u.intent)) return false;
      const r = u.resolved;
      if (r.specialty !== null && r.specialty !== a.specialty) return false;
      const provider = r.provider_ids.length > 0 && r.specialty === a.specialty;
      const day = r.date_from !== null && !(r.date_from === a.date && (r.date_to ?? r.date_from) === a.date);
      return provider || day;
    },
    /** collecting, the question asked is an open one: the date (no two days to choose between) or whom to book with */
    asksOpenQuestion: ({ context }) => {
      if (context.from !== 'collecting' || context.sameDay || context.suggestion || context.placeForPeriod) return false;
      const missing = missingFact(context.facts);
      return missing === 'specialty_or_provider' || (missing === 'date' && pendingDayChoice(context.facts) === null);
    },
    /** the clinic offers the specialty asked, or one of those asked with it */
    offersAskedSpecialty: ({ context }, p: { info: ClinicInfo }) => splitByOffered(context, p.info).offered.length > 0,
    queueToAnnounce: ({ context }) => context.queueToAnnounce,
    /** "urgente" or a red-flag symptom this turn, and where to go in an emergency not said yet in this reply */
    urgentCareUnsaid: ({ context }) => emergencyLineUnsaid(context),
    /** "é pra minha filha de 8 anos", "pro meu pai": only whom the booking is for */
    onlyWhoFor: ({ context }) => saysOnlyWhoFor(context.text),
    /** a booking message that names a health plan ("pelo unimed", "tenho convênio"), its answer not said yet in this reply */
    insuranceUnsaid: ({ context }) => clinicTopics(context.text).includes('insurance') && !context.reply.includes(LINES.insuranceNotChecked()),
    /** a booking message that asks an opinion of a provider it names, not answered yet in this reply */
    opinionUnsaid: ({ context }) =>
      (context.understanding?.resolved.provider_ids.length ?? 0) > 0 &&
      // asked ("?"): "dr paulo, sexta é bom pra mim" says the day suits
      context.text.includes('?') &&
      asksOpinion(context.text) &&
      !context.reply.includes(LINES.noOpinionBeside()),
    /** a booking with a provider who does not practise the specialty named with them ("cardio com o dr rui"), not said yet in this reply */
    specialtyNotPractisedUnsaid: ({ context }) => {
      const line = LINES.specialtyNotPractised(context);
      return line !== '' && !context.reply.includes(line);
    },
    /** "preciso de um encaixe" while booking: said once this turn that none is made here */
    squeezeInUnsaid: ({ context }) => context.flow === 'book' && asksSqueezeIn(context.text) && !context.reply.includes(LINES.squeezeInNotDone()),
    /** a booking message that asks for an online visit ("consulta online", "por videochamada"), not said yet in this reply */
    onlineUnsaid: ({ context }) => clinicTopics(context.text).includes('online') && !context.reply.includes(LINES.onlineNotBooked()),
    /** a provider asked for by a name the clinic has no one of, not said yet in this reply */
    unknownProviderUnsaid: ({ context }) => {
      const line = LINES.noSuchProvider(context);
      return line !== '' && !context.reply.includes(line);
    },
    /** "dr joão", "com a dra camila" as a request (or a word of one): a provider the clinic has no one of */
    namesUnknownProvider: ({ context }) => {
      const u = context.understanding;
      return !!u && ['book', 'unknown', 'greeting'].includes(u.intent) && unknownProviderAsked(context) !== null;
    },
    /**
     * a symptom instead of a specialty ("to com dor no joelho"): no provider named, no other specialty named,
     * and nothing but a booking asked (also to "Com qual especialidade?")
     */
    describesSymptom: ({ context }) => {
      const u = context.understanding;
      const entry = readSymptom(context.text);
      if (!u || !entry || u.resolved.provider_ids.length > 0) return false;
      // a specialty named ("cardiologista") is taken as asked; one read from a body word ("pele") is still proposed
      if (u.resolved.specialty !== null) {
        const written = u.entities.specialty;
        if (!written || !isBodyWord(written) || foldKey(u.resolved.specialty) !== foldKey(entry.specialty)) return false;
      }
      if (!['book', 'unknown', 'greeting', 'help'].includes(u.intent)) return false;
      return !BOOKING_STATES.includes(context.from) || (context.facts.specialty === null && context.facts.provider_ids.length === 0);
    },
    /** the clinic offers the specialty the symptom maps to, and (`urgent`) where to go in an emergency is still to be said, or (not `urgent`) is not */
    offersSymptomSpecialty: ({ context }, p: { info: ClinicInfo; urgent: boolean }) => {
      const entry = readSymptom(context.text);
      return !!entry && clinicSpecialty(entry, p.info.specialties) !== null && emergencyLineUnsaid(context) === p.urgent;
    },
    /**
     * right after a booking, a new day or time with words that correct it, or a move naming no appointment:
     * the appointment just booked is to move
     */
    correctsJustBooked: ({ context }) => {
      const u = context.understanding;
      const last = context.lastAppointment;
      if (!u || context.from !== 'done' || !last || last.status === 'cancelled') return false;
      if (['cancel', 'list', 'waitlist'].includes(u.intent) || u.resolved.provider_ids.length > 0 || u.resolved.specialty !== null) return false;
      // a sure new booking is another booking, not this one moved
      if (u.intent === 'book' && u.confidence >= SURE) return false;
      const r = u.resolved;
      if (r.date_from === null && r.time === null && r.time_from === null) return false;
      // "remarcar a do dia 2 pro dia 9" when the one just booked is on the 5th: that other appointment is meant
      if (namesAnotherDayThan(context, last)) return false;
      // "mesmo horario só que na quinta": the time of the one just booked kept, its day changed
      return u.intent === 'reschedule' || correctsBooking(context.text) || keepsTime(context.text);
    },
    /** right after a booking or a move, a question of when or with whom that names nothing: read as a list of the appointments */
    asksAboutJustBooked: ({ context }) => {
      const u = context.understanding;
      const last = context.lastAppointment;
      if (!u || context.from !== 'done' || !last || last.status === 'cancelled') return false;
      return u.intent === 'unknown' && !hasUsableFacts(u) && asksWhenOrWhoOf(context.text);
    },
    /** "que horas?", "com quem?" right after the patient's appointments were shown: when or with whom those are */
    followsUpShownAppointments: ({ context }) => followsUpShownAppointments(context),
    namesProviderOfNoneListed: ({ context }) => namesProviderOfNoneListed(context),
    asksAboutShownAppointments: ({ context }) => {
      const u = context.understanding;
      if (!u || (context.from !== 'done' && context.from !== 'idle') || (context.shownAppointments?.appointments.length ?? 0) === 0) return false;
      return u.intent === 'unknown' && !hasUsableFacts(u) && asksWhenOrWhoOf(context.text);
    },
    /**
     * a cancel while booking that points at an appointment booked: a provider other than the booking's, or a day
     * named as an appointment's (the one of Friday, the one of the 3rd)
     */
    namesOtherAppointment: ({ context }) => {
      const u = context.understanding;
      if (!u) return false;
      const otherProvider = u.resolved.provider_ids.some((id) => !context.facts.provider_ids.includes(id));
      return otherProvider || dateMentions(context.text).some((m) => m.reference);
    },
    /**
     * "não, a de sexta" to "Desmarco?" about another appointment: a day said as an appointment's, a provider, specialty
     * or time that is not the one asked about, and no new ask (a sure booking, a move, a list)
     */
    picksOtherListed: ({ context }) => otherListedPick(context) !== null,
    /** "quero cancelar a de dermato" to which one to confirm: that other ask, not a pick for the first */
    switchesAppointmentAsk: ({ context }) => switchesAppointmentAsk(context),
    /** "a de cardio" to which appointment, more than one listed of cardiology (a sure new booking is not this) */
    namesSeveralListed: ({ context }) => {
      const u = context.understanding;
      return !(u?.intent === 'book' && u.confidence >= SURE) && namesSeveralListed(context);
    },
    pointsAtAnotherAppointment: ({ context }) => {
      const u = context.understanding;
      if (!u || context.targets.length > 0) return false;
      if (!['book', 'unknown', 'cancel'].includes(u.intent) || (u.intent === 'book' && u.confidence >= SURE)) return false;
      return namesOtherThanTarget(context);
    },
    /** "pode remarcar a de sexta" to "Desmarco?" about Tuesday's: another appointment named than the one asked about */
    namesOtherThanTarget: ({ context }) => namesOtherThanTarget(context),
    /**
     * "quero marcar retorno com ela", "com o mesmo doutor" naming no one: the one provider of that form the
     * conversation named last (a past visit told, the appointments shown, the times offered)
     */
    refersToNamedProvider: ({ context }) => {
      const u = context.understanding;
      if (!u || u.resolved.provider_ids.length > 0) return false;
      const form = refersToProvider(context.text);
      return form !== null && namedProviderOfForm(context, form) !== null;
    },
    /**
     * "quero marcar outra com ela" naming no one, with no provider of that form named in the conversation: a booking whose
     * provider the patient's own appointments may tell (read next)
     */
    refersToProviderUnnamed: ({ context }, p: { understanding: Reading }) => {
      const u = p.understanding;
      if (u.resolved.provider_ids.length > 0 || (u.intent !== 'book' && u.intent !== 'waitlist')) return false;
      const form = refersToProvider(context.text);
      return form !== null && namedProviderOfForm(context, form) === null;
    },
    /** "e ela pediu retorno": the provider read from a pronoun is the only one the message names */
    refersToNamedProviderAlone: ({ context }) => {
      const u = context.understanding;
      const form = refersToProvider(context.text);
      return !!u && form !== null && u.resolved.provider_ids.length === 1 && namedProviderOfForm(context, form)?.id === u.resolved.provider_ids[0];
    },
    /** an hours question with a pronoun for the provider: the one provider the dialogue is about */
    asksHoursOfProviderInPlay: ({ context }) => {
      const u = context.understanding;
      if (!u || u.resolved.provider_ids.length > 0 || u.resolved.specialty !== null || !asksHoursOfPronoun(context.text)) return false;
      return providerInPlay(context) !== null;
    },
    /** "quais dias a dra ana atende?", "o dermato atende sábado?": a provider's or specialty's hours asked, not a booking */
    asksProviderHours: ({ context }) => {
      const u = context.understanding;
      // outside a booking, or right after other hours were answered ("e o dr paulo atende sábado?")
      // "cadê o dr paulo?", "o dr paulo tá aí hoje?": where and when they work (today's hours too), of a provider named
      const whereabouts = (asksWhereabouts(context.text) || asksProviderAway(context.text)) && (u?.resolved.provider_ids.length ?? 0) > 0;
      if (!u || !(asksHours(context.text) || whereabouts) || (BOOKING_STATES.includes(context.from) && context.suggestion?.kind !== 'hours')) return false;
      // "to atrasada, a dra ana ainda me atende?": the patient's own lateness, read below
      if (saysLate(context.text)) return false;
      // "cadê o dr paulo, ele tá atrasado?": whether the provider is late, which is not known here (below)
      if (whereabouts && asksProviderLate(context.text)) return false;
      // "o dr paulo atende online?": an online visit asked, which the clinic question answers (no data), not the weekly hours
      if (clinicTopics(context.text).includes('online')) return false;
      if (u.resolved.provider_ids.length === 0 && u.resolved.specialty === null) return false;
      return !(u.intent === 'book' && u.confidence >= SURE) && ['book', 'unknown', 'greeting', 'help'].includes(u.intent);
    },
    /**
     * "o dr paulo é bom?" (`talk` false), "quero falar com o dr paulo" (`talk` true): a provider named, with no day or
     * time and no sure booking word, about whom an opinion or a talk is asked rather than a booking
     */
    asksAboutProvider: ({ context }, p: { about: 'talk' | 'opinion' | 'late' | 'other' }) => {
      const u = context.understanding;
      if (!u || u.resolved.provider_ids.length === 0 || (u.intent === 'book' && u.confidence >= SURE)) return false;
      if (!['book', 'unknown', 'greeting', 'help'].includes(u.intent)) return false;
      const r = u.resolved;
      // "a dra ana vai atrasar hoje?": whether the provider is late, a day named or not (PROVIDER_LATE_WORDS)
      // ("vou chegar atrasada, a dra ana espera?" is the patient's own lateness, read below)
      if (p.about === 'late') return asksProviderLate(context.text) && !saysLate(context.text) && r.time === null && r.time_from === null && !r.date_passed;
      if (r.date_from !== null || r.time !== null || r.time_from !== null || r.date_passed || r.date_invalid || saysLate(context.text)) return false;
      // "quando tem a próxima vaga com a dra ana?": her nearest times asked, not a question of her
      if (asksAnyDate(context.text)) return false;
      if (p.about === 'talk') return u.entities.provider_name !== null && asksToTalkTo(context.text, u.entities.provider_name);
      if (p.about === 'opinion') return asksOpinion(context.text);
      // "o dr paulo tem whatsapp?", "a dra ana é cardiologista?": any other question of them, naming nothing to book by
      // ("tem dr paulo?", "dr paulo?" and a clinic question are read as before)
      // ("a dra ana é cardiologista?": a specialty named may not be theirs, and is read as before)
      return (
        u.entities.provider_name !== null &&
        u.entities.specialty === null &&
        asksOnlyAboutProvider(context.text, u.entities.provider_name) &&
        clinicTopics(context.text).length === 0 &&
        u.entities.appointment_type === null
      );
    },
    /** someone asked about works some weekly hours (none: a specialty the clinic lacks, or no schedule on file) */
    foundHours: (_, p: { found: WorldActors['specialtyHours']['output'] }) => p.found.hours.length > 0,
    /** hours found, and a clinic question asked after the hours question ("o dr paulo atende sábado? quanto custa?") */
    foundHoursAndQuestionAfter: ({ context }, p: { found: WorldActors['specialtyHours']['output'] }) =>
      p.found.hours.length > 0 && context.pendingAsk !== '' && isClinicQuestion(context.pendingAsk),
    hasSuggestion: ({ context }) => context.suggestion !== null,
    /** "sim, pra sexta", "pode, de manhã": the message opens with a yes and names no ask of its own ("quero marcar" does) */
    yesWithoutAsk: ({ context }) => opensWithYes(context.text) && !namesAnAsk(context.text),
    /** "sim, pra sexta" to "Quer marcar com Ortopedia?": a yes with more to read */
    yesToSymptomWithMore: ({ context }) => context.suggestion?.kind === 'symptom' && opensWithYes(context.text),
    /**
     * a yes with more words to the booking with whom the hours were asked of (providerSwitch), which no short reply to
     * the booking's own question reads (a pick of the times on offer is that pick, and the proposal is dropped)
     */
    yesToProviderWithMore: ({ context }) =>
      context.suggestion?.kind === 'provider' && opensWithYes(context.text) && !OWN_QUESTION_REPLIES.some((kind) => repliesWith(context, kind)),
    /** a day, time or place (or a booking word) with no other ask, to the specialty proposed for a symptom */
    whenForSymptom: ({ context }) => {
      const u = context.understanding;
      return context.suggestion?.kind === 'symptom' && !!u && ['book', 'unknown'].includes(u.intent) && hasUsableFacts(u);
    },
    /** the message names no provider and no specialty of its own (a body word such as "pele" is none) */
    namesNoOneElse: ({ context }) => {
      const u = context.understanding;
      if (!u || u.resolved.provider_ids.length > 0) return false;
      return u.resolved.specialty === null || (u.entities.specialty !== null && isBodyWord(u.entities.specialty));
    },
    suggestionIs: ({ context }, p: { kind: 'symptom' | 'hours' | 'provider' }) => context.suggestion?.kind === p.kind,
    /**
     * "a dra ana atende sábado?", "que horas o dr paulo atende?" while a booking is in progress (times on offer,
     * a summary to confirm, a fact asked): a question about someone's hours, not a correction of the booking
     */
    asksHoursMidBooking: ({ context }) => {
      const u = context.understanding;
      // "cadê o dr paulo?" while booking: where and when he works, as his hours asked (not the booking moved to him)
      const whereabouts = asksWhereabouts(context.text) && (u?.resolved.provider_ids.length ?? 0) > 0 && !asksProviderLate(context.text);
      if (!u || !(asksHours(context.text) || whereabouts) || !BOOKING_STATES.includes(context.from) || context.suggestion?.kind === 'hours') return false;
      if (u.resolved.provider_ids.length === 0 && u.resolved.specialty === null) return false;
      return !(u.intent === 'book' && u.confidence >= SURE) && ['book', 'unknown', 'greeting', 'help'].includes(u.intent);
    },
    /** the hours answered plainly invite booking with whom was asked about (providerSwitch) */
    invitesProviderChange: ({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => providerSwitch(context, p.found) !== null,
    missesFacts: ({ context }) => missingFact(context.facts) !== null,
    /** one name said fits several providers ("com o joão"), not yet narrowed: which one, before any search */
    providerChoicePending: ({ context }) => providerChoicePending(context),
    /** which of several providers is to be asked, and who is who not read yet */
    choiceUndescribed: ({ context }) => !!context.providerChoice && !context.providerChoice.described,
    takesAnyProvider: ({ context }) => context.from === 'collecting' && providerChoicePending(context) && takesAnyProvider(context.text),
    /**
     * "qualquer médico" to a booking's question, its specialty known: no doctor preferred (not understood before); to the
     * times of a doctor named, the times of any doctor of the specialty are searched
     */
    takesAnyProviderOfSpecialty: ({ context }) =>
      (context.from === 'collecting' || (context.from === 'offering' && context.flow === 'book' && context.facts.provider_ids.length > 0)) &&
      context.facts.specialty !== null &&
      !providerChoicePending(context) &&
      saysAnyProvider(context.text),
    /** "o de ortopedia" to "Com qual deles?": those of them who practise it are to be found */
    choiceBySpecialty: ({ context }) => {
      const choice = context.providerChoice;
      return !!choice?.specialty && context.facts.provider_ids.length === choice.ids.length && context.facts.provider_ids.every((id) => choice.ids.includes(id));
    },
    /** "o silva", "o primeiro", "batista" to "Com qual deles?": one of those the name fitted */
    picksFromProviderChoice: ({ context }) =>
      context.from === 'collecting' && providerChoicePending(context) && pickFromProviderChoice(context.providerChoice!, context.text) !== null,
    /** the request this turn asks for the nearest day ("cardio o quanto antes") and names none */
    // "qualquer dia", or, to "Para quando?", any whenever ("tanto faz, de tarde") with the facts beside it read
    asksAnyDate: ({ context }) =>
      context.understanding !== null &&
      missingFact(context.facts) === 'date' &&
      // "tanto faz o médico": of the doctor, not the day
      !saysAnyProvider(context.text) &&
      (asksAnyDate(context.text) || (context.from === 'collecting' && anyDate(context.text))),
    /** "de tarde" alone to "Para quando?": the nearest days, in that part of the day */
    answersDateWithPeriod: ({ context }) => answersDateWithPeriod(context),
    canTryOtherPlaces: ({ context }) => context.query?.kind === 'asked' && otherPlacesQuery(context) !== null,
    canWidenDays: ({ context }) => (context.query?.kind === 'asked' || context.query?.kind === 'other_places') && widerDaysQuery(context) !== null,
    /** a move found nothing on the nearest days at its place: those days at the provider's other places */
    canWidenDaysElsewhere: ({ context }) => widerOtherPlacesQuery(context) !== null,
    canTryOtherProviders: ({ context }) =>
      (context.query?.kind === 'asked' || context.query?.kind === 'other_days') && otherProvidersQuery(context) !== null,
    /** "quero outro médico" while times are offered in a booking: the options have a specialty to look in */
    canSeekAnotherProvider: ({ context }) => canSeekAnotherProvider(context),
    canWidenOtherProviders: ({ context }) => widerOtherProvidersQuery(context) !== null,
    hasAppointments: ({ context }) => context.appointments.length > 0,
    allConfirmed: ({ context }) => context.appointments.length > 0 && context.appointments.every((a) => a.status === 'confirmed'),
    hasPendingAsk: ({ context }) => context.pendingAsk !== '',
    /** "sim e já marca outra pra terça" to "Desmarco?" */
    yesThenBooking: ({ context }) => context.from === 'confirming_cancel' && bookingAfterYes(context.text) !== null,
    /** "ok marca dermato sexta" to "Desmarco?": an acknowledgement, then a booking, and no clear yes */
    okThenBooking: ({ context }) => context.from === 'confirming_cancel' && bookingAfterBareOk(context.text) !== null,
    /** the first message after a timeout is a reply to the old question ("2", "sim") of a booking in progress then */
    repliesToTimedOutRequest: ({ context }) => repliesToTimedOutRequest(context),
    /** laughter alone (lexicon LAUGHTER_WORDS) or emoji alone ("🙂", "🙏"): a reaction */
    onlyReaction: ({ context }) => onlyLaughter(context.text) || onlyEmoji(context.text),
    /** "quero sair da lista de espera": not done here; said, and a person offered */
    asksToLeaveWaitlist: ({ context }) => context.understanding?.intent !== 'handoff' && asksToLeaveWaitlist(context.text),
    /** "me tira dela" right after the patient's entries were named, or one was written: an ask to leave them */
    leavesListShown: ({ context }) => (context.waitlistShown || context.joinedWaitlist) && asksToLeaveIt(context.text),
    /** "nao, me tira da lista" to a freed time that stands: the time turned down and the entry left, in one answer */
    leavesOnOffer: ({ context }, p: { offer: WaitlistOfferView | null }) => p.offer !== null && p.offer.stands && asksToLeaveWaitlist(context.text),
    asksIfWaitlistExists: ({ context }) => asksIfWaitlistExists(context.text),
    saysAlso: ({ context }) => saysAlso(context.text),
    /** the booking in progress names a specialty or a provider */
    knowsWhoToBook: ({ context }) => context.facts.specialty !== null || context.facts.provider_ids.length > 0,
    /** the question to leave the waitlist is about one entry (whether to) or several (which) */
    leavingOne: ({ context }) => context.leaving.length === 1,
    leavingSeveral: ({ context }) => context.leaving.length > 1,
    /** the entry to leave holds the freed time that awaits the patient's answer */
    leavingOfferedEntry: ({ context }) => {
      const offer = context.waitlistStatus?.offer;
      return !!offer?.stands && context.leaving.some((e) => e.id === offer.entry_id);
    },
    /** "2", "a primeira", "todas" to which waitlist entry to leave */
    picksLeaving: ({ context }) => pickLeaving(context.text, context.leaving) !== null,
    /** the reading names some (not all) of the entries listed to leave ("a de cardio") */
    namesLeaving: ({ context }) => {
      // "quero marcar cardio amanhã" there is a booking, not a pick
      const r = context.understanding?.resolved;
      if (!r || namesAnAsk(context.text) || r.date_from !== null || r.time !== null || r.time_from !== null) return false;
      const named = namedLeaving(context);
      return named.length > 0 && named.length < context.leaving.length;
    },
    /** "3" to a list of two entries to leave */
    picksBeyondLeaving: ({ context }) => numberBeyondList(context.text, context.leaving.length),
    /** "sim", "pode tirar", "quero sair" to whether to leave the waitlist */
    acceptsLeaving: ({ context }) => acceptsLeaving(context.text) || asksToLeaveWaitlist(context.text),
    /** a day or a time said with no one to book with, as a booking, a waitlist request or unclear ("na verdade pode ser sábado") */
    changesOnlyWhen: ({ context }) => {
      const u = context.understanding;
      if (!u || !['book', 'unknown', 'waitlist'].includes(u.intent)) return false;
      const r = u.resolved;
      // "na verdade qualquer dia serve": the nearest days, as while booking
      const when = !!(r.date_from || r.time || (r.time_from && r.time_to)) || asksAnyDate(context.text);
      return when && !u.entities.specialty && r.provider_ids.length === 0;
    },
    /** "recebi uma mensagem de vaga, ainda tá disponível?": the waitlist and the offer awaiting an answer, not a new booking */
    mentionsOffer: ({ context }) => context.understanding?.intent !== 'handoff' && mentionsOffer(context.text),
    /** "a de dermato" right after the list, with nothing else asked: that appointment of it, no new booking */
    pointsAtListedAppointment: ({ context }) => {
      const u = context.understanding;
      if (!u || (context.from !== 'done' && context.from !== 'idle')) return false;
      if (!['unknown', 'book'].includes(u.intent) || (u.intent === 'book' && u.confidence >= SURE)) return false;
      return onlyNamesListedAppointment(context);
    },
    /** "tô na lista de espera?": the patient's waitlist entries asked about, not a request to join */
    asksWaitlistStatus: ({ context }) => context.understanding?.intent === 'waitlist' && asksWaitlistStatus(context.text),
    namesStandingOffer: ({ context }) => context.waitlistStatus?.offer != null,
    /** the question named a specialty or provider no entry is for (and no freed time awaits an answer) */
    missesAskedWaitlist: ({ context }) => {
      const s = context.waitlistStatus;
      return !!s && s.offer == null && s.entries.length === 0 && !!s.asked && (s.asked.specialty !== null || s.asked.provider_name !== null);
    },
    /** the patient's waitlist was read this turn (not: the reading failed) */
    knowsWaitlist: ({ context }) => context.waitlistStatus !== null,
    /** entries to answer with: those asked about, or the others when none is of what the question names */
    hasWaitlistEntries: ({ context }) => {
      const s = context.waitlistStatus;
      return !!s && (s.entries.length > 0 || (s.others?.length ?? 0) > 0 || s.offer != null);
    },
    /** a greeting with more words than hello */
    saysMoreThanHello: ({ context }) => saysMoreThanHello(context.text),
    /** the first message after a timeout, with a booking in progress then */
    hasTimedOutRequest: ({ context }) => context.timedOutRequest !== null && context.from === 'idle',
    /** the second ask waiting is a clinic question ("e qual o endereço?") */
    pendingAskIsQuestion: ({ context }) => isClinicQuestion(context.pendingAsk),
    /**
     * while booking, facts and then a clinic question as its own part of the message: the facts read on their own,
     * the question answered beside them (asideQuestion); the whole message must give facts a booking can use
     */
    factsBesideQuestion: ({ context }) => {
      const u = context.understanding;
      // another ask (a cancel, a move) with a question is left to the ways it has; a greeting is no other ask when facts
      // come with it ("oi, cardio amanha e quanto custa?")
      if (!u || !(['book', 'unknown'].includes(u.intent) || (u.intent === 'greeting' && hasUsableFacts(u)))) return false;
      if (context.pendingAsk !== '') return false;
      // "o joão tem consulta amanhã, onde fica?": someone else's appointment asked about, no booking
      if (asksAboutOthersAppointment(context.text, context.firstName)) return false;
      const split = splitAsideQuestion(context.text, namedToBook(u));
      // "ok obrigada, e o que preciso levar na consulta?": thanks before a question are no facts (nor a yes): the question alone;
      // so is "to indo pra consulta, onde estaciono?", where the word "consulta" is all a booking would have
      return split !== null && !isAcknowledgement(split[0]) && !namesOnlyConsulta(u) && (u.intent === 'book' || hasUsableFacts(u));
    },
    /**
     * a booking asked after a clinic question in a message read as that question ("quanto custa? e tem cardio amanhã?"):
     * a new booking too, though no booking word was read
     */
    booksAfterQuestion: ({ context }) => {
      const u = context.understanding;
      return !!u && context.pendingAsk === '' && hasUsableFacts(u) && splitBookingAfterQuestion(context.text, namedToBook(u)) !== null;
    },
    /**
     * a booking asked before a clinic question in a message read as that question ("cardio amanha e quanto custa?"):
     * a new booking too, as with the question first, when the words before it name whom to book with and when
     */
    booksBeforeQuestion: ({ context }) => {
      const u = context.understanding;
      if (!u || context.pendingAsk !== '' || asksAboutOthersAppointment(context.text, context.firstName)) return false;
      const named = (words: Array<string | null>) => words.filter((w): w is string => w !== null && w !== '');
      const whom = named([u.resolved.specialty !== null ? u.entities.specialty : null, u.resolved.provider_ids.length > 0 ? u.entities.provider_name : null]);
      const when = named([u.resolved.date_from !== null ? u.entities.date_text : null, u.resolved.time !== null ? u.entities.time : null]);
      return splitBookingBeforeQuestion(context.text, whom, when) !== null;
    },
    /** several specialties asked with a day of their own each, as a new ask */
    specialtiesWithOwnDays: ({ context }) => {
      const u = context.understanding;
      if (!u || (u.resolved.specialties ?? []).length < 2 || context.pendingAsk !== '') return false;
      if (context.from !== 'idle' && context.from !== 'done') return false;
      return splitSpecialtyAsks(context.text, context, u.entities.location) !== null;
    },
    /** a pick of the times on offer, or a yes to the summary, with a clinic question as its own part: both count */
    shortReplyBesideQuestion: ({ context }) => {
      if (context.from !== 'offering' && context.from !== 'confirming') return false;
      const split = context.pendingAsk === '' ? splitAsideQuestion(context.text) : null;
      if (!split) return false;
      return context.from === 'offering' ? repliesWith({ ...context, text: split[0] }, 'pick') : isYes(split[0]);
    },
    /** a clinic question asked with a booking or a move ("cardio amanhã, e quanto custa?"): answered beside it, not after it */
    asideQuestion: ({ context }) => context.pendingAsk !== '' && isClinicQuestion(context.pendingAsk),
    hasPlaceForPeriod: ({ context }) => context.placeForPeriod !== null,
    hasOptions: ({ context }) => context.offered.length > 1,
    /** the patient said none of the times on offer suits ("nenhum"), and no new ones were offered since */
    optionsDeclined: ({ context }) => context.optionsDeclined,
    /** options were shown this flow (a summary of one of them can go back to them) */
    hasOffered: ({ context }) => context.offered.length > 0,
    /** "volta" at the times was the last step: the search stepped back from can be gone back to */
    steppedBackFromOptions: ({ context }) => context.from === 'collecting' && (context.steppedBackFrom?.offered.length ?? 0) > 0,
    /** "volta" to "Para quando?": back to the specialty or provider question */
    canStepBackToWho: ({ context }) => context.from === 'collecting' && canStepBackToWho(context),
    /** to "parar ou desmarcar?", words of a booked appointment ("desmarcar a consulta") */
    namesBookedAppointment: ({ context }) => repliesWith(context, 'cancel_booked'),
    /** to "parar ou desmarcar?", a cancel that says neither ("cancelar"): no appointment described, nor the words of either */
    vagueCancel: ({ context }) => {
      const u = context.understanding;
      return context.from === 'cancel_or_stop' && !repliesWith(context, 'cancel_booked') && !!u && !hasUsableFacts(u);
    },
    hasTarget: ({ context }) => context.target !== null,
    /** the appointment being moved was picked from the list of the patient's appointments */
    pickedFromList: ({ context }) => context.pickedFromList,
    /**
     * a move by a count of days or weeks ("postpone one week", "adiar em 2 semanas"), with no other date said (the
     * language layer reads "em 2 semanas" as a date from today: that one is the shift's own)
     */
    shiftsByDays: ({ context }) => {
      const days = context.target !== null ? (daysShift(context.text) ?? context.shiftDays) : null;
      if (days === null) return false;
      const { date_from: from, date_to: to } = context.facts;
      return from === null || (from === to && from === addDays(today(context), days));
    },
    /** one appointment listed to choose from: a yes picks it */
    singleAppointment: ({ context }) => context.appointments.length === 1,
    /** "é com quem?", "qual o nome do médico?" to the times on offer or to the summary */
    asksWhoSees: ({ context }) => asksWhoSees(context.text),
    /** no day asked for the move but the appointment's own ("tem como ser mais cedo amanhã?" for tomorrow's) */
    noOtherDayAsked: ({ context }) => {
      const { date_from: from, date_to: to, dates } = context.facts;
      return from === null || (dates === null && from === to && from === context.target?.date);
    },
    /** the booking was made and another specialty asked for waits ("cardio e dermato") */
    bookedWithMoreToBook: ({ context }, p: { ok: boolean }) => p.ok && context.flow === 'book' && context.queuedSpecialties.length > 0,
    /** the move was made and another appointment named with it waits to be moved ("a de segunda e a de terça") */
    movedWithMoreToMove: ({ context }, p: { ok: boolean }) => p.ok && context.flow === 'reschedule' && context.queuedMoves.length > 0,
    /** several appointments to cancel or confirm at once ("as duas") */
    hasTargets: ({ context }) => context.targets.length > 1,
    /** appointments of `targets` not done yet, after the one just done */
    moreTargets: ({ context }) => context.outcomes.length + 1 < context.targets.length,
    /** this would be the third turn in a row not understood */
    outOfPatience: ({ context }) => context.strikes + 1 >= STRIKES_BEFORE_HANDOFF,
    foundSlots: (_, p: { slots: OfferedSlot[] }) => p.slots.length > 0,
    /** "a das 13:30" naming an option of an earlier list of this booking, none of the current one */
    picksEarlierOption: ({ context }) => earlierPick(context) !== null,
    describesOneOption: ({ context }) => describedSlot(context) !== null,
    /** the option of an earlier list picked is among the free slots found now */
    earlierPickFree: ({ context }, p: { slots: OfferedSlot[] }) => {
      const picked = earlierPick(context);
      return !!picked && p.slots.some((s) => s.provider_id === picked.provider_id && s.start_at === picked.start_at);
    },
    /** every provider of the specialty (two or more) is among the options on offer: there is no other doctor to offer */
    allProvidersOnOffer: ({ context }, p: { providers: Array<{ id: string }> }) =>
      p.providers.length > 1 && p.providers.every((provider) => context.offered.some((s) => s.provider_id === provider.id)),
    /** the specialty has one provider, named on file: there is no other doctor to offer */
    onlyProvider: (_, p: { providers: Array<{ name: string | null }> }) => p.providers.length === 1 && p.providers[0]!.name !== null,
    /**
     * another doctor asked for again: some providers of the specialty (two or more) were left out at the patient's
     * request before (left out by the search for others, not on offer now); the others are on offer or have no free time
     */
    othersLeftOut: ({ context }, p: { providers: Array<{ id: string }> }) => {
      const left = context.query?.facts.exclude_provider_ids ?? [];
      const onOffer = (id: string) => context.offered.some((s) => s.provider_id === id);
      return p.providers.length > 1 && p.providers.some((provider) => left.includes(provider.id) && !onOffer(provider.id));
    },
    /** the search for another doctor's times ("quero outro médico") found some */
    foundOtherProviderSlots: ({ context }, p: { slots: OfferedSlot[] }) => context.query?.kind === 'another_provider' && p.slots.length > 0,
    /** the search for a waitlist request (as asked) found times its entry would be offered */
    foundWishedSlots: ({ context }, p: { slots: OfferedSlot[] }) =>
      context.flow === 'waitlist' && context.query?.kind === 'asked' && slotsWithinWish(p.slots, context.facts).length > 0,
    /** the same, for a request whose part of the day no one works: the times of the other parts (periodUnworked) */
    foundOtherPeriodsSlots: ({ context }, p: { slots: OfferedSlot[] }) =>
      context.periodUnworked !== null && context.flow === 'waitlist' && context.query?.kind === 'asked' && slotsWithinWish(p.slots, context.facts).length > 0,
    waitlistSearched: ({ context }) => context.waitlistSearched,
    /** a waitlist request's part of the day no one works, its other parts not yet agreed to (periodUnworked) */
    periodUnworkedPending: ({ context }) => context.flow === 'waitlist' && context.periodUnworked !== null,
    waitlistQuestion: ({ context }) => context.waitlistQuestion,
    /** "tem vaga pra amanhã?", "e amanhã, tem?": whether there are times asked, not a wish said */
    asksAboutTimes: ({ context }) => asksAboutTimes(context.text),
    succeeded: (_, p: { ok: boolean }) => p.ok,
    /** the write succeeded, and a clinic question asked beside it waits to be answered ("confirmo! posso levar acompanhante?") */
    succeededBesideQuestion: ({ context }, p: { ok: boolean }) => p.ok && context.pendingAsk !== '' && isClinicQuestion(context.pendingAsk),
    /**
     * the booking was made for a patient known only by a phone (no first name), not yet asked their name in this
     * conversation, and nothing else waits to be read this turn: their full name is asked (the reply's one question)
     */
    asksPatientName: ({ context }, p: { ok: boolean }) => p.ok && context.firstName === '' && !context.nameAsked && context.pendingAsk === '',
    /** "não quero dizer", "depois", "prefiro não" to the name asked */
    refusesName: ({ context }) => refusesToGiveName(context.text),
    /** the message may be a name alone ("Carla Mendes", "meu nome é Carla"); the language layer still has to read no ask in it */
    mayGiveName: ({ context }) => personNameGiven(context.text) !== null,
    /** a name alone, in which the language layer reads no ask and nothing to book ("Ana Souza", a provider's name, is none) */
    givesName: ({ context }) => {
      const u = context.understanding;
      if (!u || u.intent !== 'unknown' || personNameGiven(context.text) === null) return false;
      const e = u.entities;
      return !e.specialty && !e.provider_name && !e.appointment_type && !e.location && !e.date_text && !e.period && !e.time && u.resolved.provider_ids.length === 0;
    },
    wasTaken: (_, p: { reason: string | null }) => p.reason === 'taken',
    /** the appointment in play is the one the last reminder was about (its question stands, or nothing was said since) */
    aboutReminded: ({ context }) => context.reminded !== null && context.target?.id === context.reminded,
    /** "não vou poder ir", "não consigo": the patient cannot come, with nothing said of what to do about it */
    saysNotGoing: ({ context }) => saysNotGoing(context.text),
    targetConfirmed: ({ context }) => context.target?.status === 'confirmed',
    /** the appointment to remind of is among the patient's upcoming ones, with that status */
    remindedIs: ({ context }, p: { appointments: PatientAppointment[]; status: 'requested' | 'confirmed' }) =>
      p.appointments.some((a) => a.id === context.reminded && a.status === p.status),
  },
  actions: {
    /** a new turn: its text and instant, an empty reply (or the opening greeting), nothing booked yet */
    beginTurn: assign(({ context, event }, p: { from: RestingState }) => {
      const message = messageOf(event);
      const next = { ...context, text: message?.text ?? '', now: message?.now ?? context.now, from: p.from };
      return {
        text: next.text,
        now: next.now,
        // "tudo certo?" answered is not our last word: a freed time offered before it still takes the "sim" after it
        previousNow: asksOnlyWellbeing(context.text) ? context.previousNow : context.now || context.previousNow,
        from: p.from,
        // "tchau" as the first message: a goodbye with no conversation before it needs no hello in front
        reply: context.greeted || onlyGoodbye(next.text) ? '' : LINES.opening(next),
        forSomeoneElse: (context.forSomeoneElse ?? false) || mentionsRelative(next.text),
        relativeFor: relativeNamed(next.text) ?? context.relativeFor ?? null,
        appointmentId: null,
        understanding: null,
        started: false,
        struck: false,
        waitlistPosition: null,
        waitlistOffer: null,
      };
    }),
    /**
     * a reminder, a turn the clinic starts where nothing is pending (idle or done): no message, nothing of an earlier flow
     * kept, the appointment to remind of noted (`reminded`) until it is found among the patient's upcoming ones
     */
    beginReminder: assign(({ context, event }, p: { from: RestingState }) => {
      const remind = event.type === 'REMIND' ? event : null;
      return {
        ...freshFlow('book', emptyFacts()),
        started: false,
        text: '',
        now: remind?.now ?? context.now,
        // what the patient reads next is the reminder: a waitlist offer sent before it is not what their "sim" answers
        previousNow: context.now || context.previousNow,
        from: p.from,
        // the reminder greets by itself
        reply: '',
        appointmentId: null,
        understanding: null,
        struck: false,
        waitlistPosition: null,
        waitlistOffer: null,
        purpose: 'confirm_ask' as const,
        appointments: [],
        targets: [],
        pendingAsk: '',
        followUp: 'more' as const,
        forSomeoneElse: false,
        relativeFor: null,
        reminded: remind?.appointmentId ?? null,
      };
    }),
    /** the appointment reminded of, as the patient's upcoming ones describe it, is the one in play */
    storeReminded: assign(({ context }, p: { appointments: PatientAppointment[] }) => ({
      target: p.appointments.find((a) => a.id === context.reminded) ?? null,
    })),
    /** the appointment is no longer one to remind of: the reminder is not taken */
    dropReminder: assign({ reminded: null, target: null }),
    /** the turn rests: publish the options, forget what only this turn needed */
    endTurn: assign(({ context }, p: { state: RestingState }) => {
      // a waitlist question asked in the middle of a booking ("me tira da lista de espera", "tem fila de espera?"): the
      // booking is set aside, not closed, while it is asked
      const aside = context.interrupted !== null && ((p.state === 'done' && context.followUp === 'leave_waitlist') || p.state === 'waitlist_offered');
      const closed = (p.state === 'idle' || p.state === 'done' || p.state === 'handoff') && !aside;
      return {
        options: p.state === 'offering' ? context.offered : [],
        understanding: null,
        info: null,
        // an hours or address question answered this turn stays one more turn for a follow-up ("e no centro?")
        clinicAsked: context.clinicAsked?.turn === 'asked' ? { ...context.clinicAsked, turn: 'kept' as const } : null,
        // a position stored this turn: the patient joined the waitlist now (an entry written)
        joinedWaitlist: p.state === 'done' && context.waitlistPosition !== null,
        joinedEntryId: p.state === 'done' && context.waitlistPosition !== null ? context.joinedEntryId : null,
        // kept while the request that replaces the entry goes on
        replacingEntryId: BOOKING_STATES.includes(p.state) && context.flow === 'waitlist' ? context.replacingEntryId : null,
        leaving: p.state === 'done' && context.followUp === 'leave_waitlist' ? context.leaving : [],
        namedProviders: providersNamed(context, p.state === 'offering'),
        waitlistPosition: null,
        waitlistQuestion: false,
        waitlistOffer: null,
        periodUnworked: BOOKING_STATES.includes(p.state) && context.flow === 'waitlist' ? context.periodUnworked : null,
        offerNamed: context.waitlistStatus?.offer != null || (context.offerNamed && asksOnlyWellbeing(context.text)),
        waitlistStatus: null,
        // the entries named this turn (asked about, or a request already there): "me tira dela" next is about them
        waitlistShown: (context.waitlistStatus?.entries.length ?? 0) > 0 || (p.state === 'done' && context.followUp === 'leave_waitlist'),
        started: false,
        strikes: context.struck ? context.strikes : 0,
        greeted: context.greeted || context.reply !== '',
        askedMore: p.state === 'idle' && endsAskingAnythingElse(context.reply),
        askedWhatNeeded: p.state === 'idle' && endsAskingWhatNeeded(context.reply),
        appointments: p.state === 'choosing_appointment' ? context.appointments : [],
        // the list stays in view while one of it is asked about ("Desmarco?"), so "não, a 1" can pick another of it, and
        // while which one is still asked ("confirmo a 2" after "confirmo" to which one to cancel)
        shownAppointments: context.shownAppointments?.fresh
          ? { ...context.shownAppointments, fresh: false }
          : (p.state === 'confirming_cancel' && context.targets.length === 0) || p.state === 'choosing_appointment'
            ? context.shownAppointments
            : null,
        // "adiar"/"antecipar" stays while the new date is asked
        moveDirection:
          p.state === 'choosing_appointment' || (p.state === 'collecting' && context.flow === 'reschedule' && (context.moveDirection === 'postpone' || context.moveDirection === 'bring_forward'))
            ? context.moveDirection
            : null,
        // the appointment to move picked from the list: kept for the whole move, so "volta" at its "Para quando?" goes back to the list
        pickedFromList:
          BOOKING_STATES.includes(p.state) &&
          context.flow === 'reschedule' &&
          context.target !== null &&
          ((context.from === 'choosing_appointment' && context.appointments.length > 1) || (BOOKING_STATES.includes(context.from) && context.pickedFromList)),
        // kept while choosing, and for the whole move (a move of another appointment instead shifts that one)
        shiftDays: p.state === 'choosing_appointment' || (context.flow === 'reschedule' && BOOKING_STATES.includes(p.state)) ? context.shiftDays : null,
        targets: p.state === 'confirming_cancel' ? context.targets : [],
        notTarget: null,
        outcomes: [],
        droppedSpecialties: [],
        unserved: null,
        // kept while the question stands: asked for the date, or said beside the times offered this turn
        placeForPeriod: p.state === 'collecting' || (p.state === 'offering' && context.unserved !== null) ? context.placeForPeriod : null,
        sameDay: p.state === 'collecting' ? context.sameDay : null,
        // "Quer marcar com ela?" after someone's hours, asked while booking: kept in any booking state for its yes or no
        suggestion: p.state === 'collecting' || (context.suggestion?.kind === 'provider' && BOOKING_STATES.includes(p.state)) ? context.suggestion : null,
        appointmentMissed: false,
        addressAppointments: [],
        queryBefore: null,
        leftOutToShow: p.state === 'offering' ? context.leftOutToShow : [],
        offered: closed ? [] : context.offered,
        offeredBefore: closed ? [] : context.offeredBefore,
        providerForm: closed ? null : context.providerForm,
        otherProvider: closed ? false : context.otherProvider,
        queuedMoves: closed ? [] : context.queuedMoves,
        chosen: closed ? null : context.chosen,
        query: closed ? null : context.query,
        interrupted: p.state === 'cancel_or_stop' || aside ? context.interrupted : null,
        // a second ask waits for the first to be done; a turn that ends otherwise (not understood, a person) drops it
        pendingAsk: p.state === 'idle' || p.state === 'handoff' ? '' : context.pendingAsk,
        // the booking that timed out is offered once: kept until the first turn (no turn yet: the actor's start),
        // then only while whether to search again is asked
        timedOutRequest: context.now === '' || (p.state === 'done' && context.followUp === 'resume') ? context.timedOutRequest : null,
        timedOutMove: context.now === '' || (p.state === 'done' && context.followUp === 'resume') ? context.timedOutMove : null,
        // kept while the reminder's question (or the one whether to cancel or move it) stands, or right after a reminder
        // with none; any other rest, or another appointment in play, ends it
        reminded:
          context.reminded !== null &&
          context.target?.id === context.reminded &&
          (p.state === 'confirming_appointment' || (p.state === 'done' && (context.followUp === 'cancel_or_move' || context.followUp === 'reminded')))
            ? context.reminded
            : null,
      };
    }),
    /** two asks in one message, with nothing in progress: the first is read now, the second once it is done */
    splitAsks: assign(({ context }) => {
      const split = context.from === 'idle' || context.from === 'done' ? splitAsks(context.text) : null;
      // anything but a yes or no to the question whether to go on with the second ask leaves it behind
      const dropped = context.from === 'done' && context.followUp === 'pending_ask' ? { pendingAsk: '', followUp: 'more' as const } : {};
      return split ? { ...dropped, text: split[0], pendingAsk: split[1] } : dropped;
    }),
    /** the first ask is done: the second is read as if just said (a new ask, no question pending) */
    takePendingAsk: assign(({ context }) => ({
      text: context.pendingAsk,
      pendingAsk: '',
      from: 'done' as const,
      // after a cancel the second ask may be the new time ("cancela a de amanhã e marca outra pra sexta")
      followUp: context.followUp === 'rebook' ? ('rebook' as const) : ('more' as const),
      understanding: null,
      started: false,
    })),
    /**
     * the clinic question asked beside a booking, answered now: read as its own words, with a question still
     * pending (the booking's), so a topic there is no data for says the reception can answer it
     */
    sayAsideAnswer: assign(({ context }) => ({
      reply: appendPart(context.reply, LINES.clinicAnswer({ ...context, text: context.pendingAsk, understanding: null, from: 'collecting' })),
      pendingAsk: '',
    })),
    dropPendingAsk: assign({ pendingAsk: '' }),
    /** the booking asked after the yes, kept to read once the cancel is done */
    keepBookingAfterYes: assign(({ context }) => ({ pendingAsk: bookingAfterYes(context.text) ?? '' })),
    keepBookingAfterOk: assign(({ context }) => ({ pendingAsk: bookingAfterBareOk(context.text) ?? '' })),
    /** the clinic question set aside, read as the whole message again (the words before it gave no facts) */
    takeAsideQuestionBack: assign(({ context }) => ({ text: context.pendingAsk, pendingAsk: '' })),
    /** presence confirmed, a question beside it still to answer: what follows the answer is "anything else?", not the way there */
    settlePresenceConfirmed: assign({ from: 'done' as const, followUp: 'more' as const }),
    /** the first specialty's ask read alone, the rest kept as the next ask (read when the first is done) */
    splitSpecialtyAsks: assign(({ context }) => {
      const split = splitSpecialtyAsks(context.text, context, context.understanding?.entities.location ?? null);
      return split ? { reply: appendPart(context.reply, LINES.oneAtATimeAsked(context)), text: split[0], pendingAsk: split[1], understanding: null } : {};
    }),
    /** the hours question read alone, the question after it kept to answer beside the hours */
    setHoursQuestionApart: assign(({ context }) => {
      const split = splitHoursThenQuestion(context.text);
      return split ? { text: split[0], pendingAsk: split[1], understanding: null } : {};
    }),
    /** facts with a clinic question beside them while booking: the facts read again alone, the question kept to answer beside them */
    setAsideQuestion: assign(({ context }) => {
      const split = splitAsideQuestion(context.text, namedToBook(context.understanding));
      return split ? { text: split[0], pendingAsk: split[1], understanding: null } : {};
    }),
    /** after a handoff the bot says nothing */
    quiet: assign({ reply: '', options: [], appointmentId: null }),
    release: assign(({ context }) => ({ ...initialContext(context), greeted: context.greeted })),
    say: assign(({ context }, p: { line: LineName }) => {
      const line = LINES[p.line](context);
      // "A consulta fica no seu cadastro" said: not again for this relative
      const toldNow = tellsOwnRecord(context, line);
      const shown = shownBy(p.line, context);
      return {
        reply: appendPart(context.reply, line),
        ...(toldNow ? { ownRecordToldFor: [...(context.ownRecordToldFor ?? []), context.relativeFor ?? ''] } : {}),
        // the appointments the reply names: "cancelar a primeira" after a numbered list picks from it, and "a de ortopedia"
        // after a reply about one of them names that one (or another) of the patient's
        ...(shown ? { shownAppointments: { fresh: true, appointments: shown } } : {}),
      };
    }),
    storeUnderstanding: assign((_, p: { understanding: Reading }) => ({
      // the slots the language layer suggests are not used (the search is ours): keep the snapshot small
      understanding: { ...p.understanding, suggested_slots: [] },
    })),
    markStruck: assign(({ context }) => ({ strikes: context.strikes + 1, struck: true })),

    startFlow: assign((_, p: { flow: Flow }) => freshFlow(p.flow, emptyFacts())),
    /** a missed appointment that cannot be moved: a booking of its kind with its provider, on the days the message asked */
    rebookMissed: assign(({ context }) => {
      const t = context.target;
      if (!t) return {};
      return freshFlow('book', {
        ...context.facts,
        specialty: t.specialty,
        provider_ids: [t.provider_id],
        provider_name: t.provider_name,
        exclude_provider_ids: [],
        appointment_type_id: t.appointment_type_id,
      });
    }),
    /** "quero outra cardio sexta" while moving: a booking, the appointment that was to move kept and not asked about again */
    bookBesideMove: assign(({ context }) => ({ ...freshFlow('book', emptyFacts()), sameDayKept: context.target ? [context.target.id] : [] })),
    /** a freed time turned down with another ask after the no: those words are the message read now */
    takeAskAfterDeclinedOffer: assign(({ context }) => ({ text: declinesOfferThenAsks(context.text) ?? context.text, understanding: null })),
    /** "tem pra segunda?" after a freed time turned down: a booking of that time's specialty */
    bookAfterOfferDeclined: assign(({ context }) => ({
      ...freshFlow('book', {
        ...emptyFacts(),
        specialty: context.waitlistOffer?.specialty ?? null,
        // an entry that waits for the offer's provider: the search keeps them
        ...(context.waitlistOffer?.waits_for_provider
          ? { provider_ids: [context.waitlistOffer.provider_id], provider_name: context.waitlistOffer.provider_name }
          : {}),
      }),
      from: 'collecting' as const,
    })),
    /**
     * yes to "Quer marcar uma nova consulta?" after a move of an appointment the patient does not have: a new
     * booking with the provider the move named ("trocar a dra ana pelo dr paulo": Dr. Paulo), the rest to ask
     */
    startBookingAfterMove: assign(({ context }) => {
      const moved = context.flow === 'reschedule' ? context.facts : emptyFacts();
      return freshFlow('book', { ...emptyFacts(), specialty: moved.specialty, provider_ids: [...moved.provider_ids], provider_name: moved.provider_name });
    }),
    /** "não consigo ir à tarde" while booking: the afternoon refused (the language layer's cancel names the afternoon one) */
    readPeriodRefused: assign(({ context }) => (context.understanding ? { understanding: withPeriodRefused(context.understanding, context) } : {})),
    /**
     * what the message says replaces what it corrects; in a move, "the same time" keeps the old time.
     * Several specialties asked together ("cardio e dermato"): the first now, the others queued.
     */
    mergeFacts: assign(({ context }) => {
      if (!context.understanding) return {};
      let facts = mergeFacts(context.facts, context.understanding, context.understanding.provider_names);
      // "quinta" to next week's times: that week's Thursday
      facts = weekdayWithinRange(context.facts, facts, context.text, today(context));
      if (context.flow === 'reschedule' && context.target && keepsTime(context.text)) facts = moveFacts(facts, context.target, true);
      // "the same day", "the same time", "right after": of the appointment just booked or cancelled
      if (context.flow === 'book') facts = referToLast(facts, context.text, context.lastAppointment, today(context));
      // "então qualquer dia à noite", "o quanto antes" naming no day while a day is already asked: that day let go, the nearest days
      const r = context.understanding.resolved;
      if (facts.date_from !== null && !facts.any_date && r.date_from === null && (r.dates?.length ?? 0) === 0 && asksAnyDate(context.text)) {
        facts = anyDateFacts({ ...facts, dates: null, day_periods: null }, context);
      }
      // "pode ser com a dra ana na sexta" while moving: the appointment's place was only the move's default, not a wish;
      // the new provider is searched where they work (a place said stays)
      const target = context.target;
      if (
        context.flow === 'reschedule' && target && context.understanding.entities.location === null &&
        facts.location_id === target.location_id && newProviderIds(facts, target).length > 0 && facts.provider_ids.length > 0
      ) {
        facts = { ...facts, location_id: null };
      }
      // a move to another doctor keeps leaving out the appointment's own, whatever the message restates
      if (context.flow === 'reschedule' && context.facts.provider_ids.length === 0 && facts.provider_ids.length === 0) {
        facts = { ...facts, exclude_provider_ids: [...context.facts.exclude_provider_ids] };
      }
      const together = context.understanding.resolved.specialties ?? [];
      const queue =
        context.flow === 'book' && together.length > 1 && facts.specialty === together[0] ? { queuedSpecialties: together.slice(1), queueToAnnounce: true } : {};
      // the other place offered for the period asked, named ("na savassi"): the period goes with it
      const offered = context.placeForPeriod;
      const offeredPlaces = offered ? (offered.location_ids ?? (offered.location_id ? [offered.location_id] : [])) : [];
      if (offered && facts.location_id !== null && offeredPlaces.includes(facts.location_id) && facts.period === null) {
        facts = { ...facts, period: offered.period, time_from: offered.time_from, time_to: offered.time_to };
      }
      // "com o joão" with two Joãos: which one is asked; an answer naming one of them by a word of their name takes them
      let providerChoice = context.providerChoice ?? null;
      if (r.provider_ambiguous && r.provider_ids.length > 1 && facts.provider_ids.length === r.provider_ids.length) {
        // the booking's specialty so far ("ortopedia", then "com o joão") narrows them first, as one said with the name would
        const before = r.specialty === null ? facts.specialty : null;
        const specialties = context.understanding.provider_specialties;
        const about = specialties && specialties.length === r.provider_ids.length ? specialties.map((s) => ({ specialties: [...s], places: [] as string[] })) : null;
        providerChoice = {
          ids: [...r.provider_ids],
          names: [...context.understanding.provider_names],
          ...(before ? { specialty: before, asked: false } : {}),
          ...(about ? { about } : {}),
        };
      } else if (providerChoice && providerChoicePending({ providerChoice, facts: context.facts })) {
        const picked = pickFromProviderChoice(providerChoice, context.text);
        const specialtyNamed = context.understanding.entities.specialty !== null && r.specialty !== null && r.provider_ids.length === 0;
        if (picked) {
          facts = withPickedProvider(facts, picked);
          providerChoice = null;
        } else if (specialtyNamed) {
          // "o de ortopedia": those of them who practise it (narrowChoice), not every provider of it
          facts = { ...facts, provider_ids: [...providerChoice.ids], specialty: r.specialty };
          providerChoice = { ...providerChoice, specialty: r.specialty, asked: true };
        } else if (!providerChoicePending({ providerChoice, facts })) providerChoice = null;
      } else providerChoice = null;
      return { facts, chosen: null, placeForPeriod: null, steppedBackFrom: null, providerChoice, ...queue };
    }),
    /** "tanto faz" to "Com qual deles?": any of them */
    takeAnyProvider: assign({ providerChoice: null }),
    /** any doctor of the specialty: the one named before, if any, no longer asked for */
    takeAnyProviderOfSpecialty: assign(({ context }) => ({ facts: { ...context.facts, provider_ids: [], provider_name: null }, providerChoice: null })),
    /** the units each provider of the choice works at, by their weekly hours */
    describeChoice: assign(({ context }, p: { hours: WorldActors['specialtyHours']['output']['hours'] }) => {
      const choice = context.providerChoice;
      if (!choice) return {};
      const about = choice.ids.map((id, i) => ({
        specialties: choice.about?.[i]?.specialties ?? [],
        places: [...new Set(p.hours.filter((h) => h.provider_id === id).map((h) => h.location_name))].sort((a, b) => a.localeCompare(b, 'pt-BR')),
      }));
      return { providerChoice: { ...choice, about, described: true } };
    }),
    /** "o de ortopedia" to "Com qual deles?": those of them who practise it; none of them does: every provider of it */
    narrowChoice: assign(({ context }, p: { providers: Array<{ id: string }> }) => {
      const choice = context.providerChoice;
      if (!choice) return {};
      const ids = choice.ids.filter((id) => p.providers.some((x) => x.id === id));
      // the booking's earlier specialty, which none of them practises: which of them is asked, that specialty let go
      if (ids.length === 0 && choice.asked === false) {
        const { specialty: _specialty, asked: _asked, ...kept } = choice;
        return { facts: { ...context.facts, specialty: null }, providerChoice: kept };
      }
      const names = ids.map((id) => choice.names[choice.ids.indexOf(id)] ?? '');
      return {
        facts: { ...context.facts, provider_ids: ids, provider_name: ids.length === 1 ? names[0] || context.facts.provider_name : ids.length === 0 ? null : context.facts.provider_name },
        providerChoice: null,
      };
    }),
    /** "o silva", "o primeiro" to "Com qual deles?": that provider of those the name fitted */
    takeProviderChoice: assign(({ context }) => {
      const picked = context.providerChoice ? pickFromProviderChoice(context.providerChoice, context.text) : null;
      if (!picked) return {};
      return { facts: withPickedProvider(context.facts, picked), providerChoice: null };
    }),
    /** yes to the other place offered for the period asked: that place, that period; of several, any of them (the period leaves the place asked out) */
    takePlaceForPeriod: assign(({ context }) => {
      const offered = context.placeForPeriod;
      if (!offered) return {};
      const facts = { ...context.facts, location_id: offered.location_id, period: offered.period, time_from: offered.time_from, time_to: offered.time_to };
      return { facts, placeForPeriod: null };
    }),
    /**
     * yes to booking the next specialty queued: a new booking of it, same type and place, and the days
     * and time the booking before it was asked for (the question named them; the patient may change them)
     */
    startQueuedSpecialty: assign(({ context }) => ({
      flow: 'book' as const,
      facts: {
        ...emptyFacts(),
        ...whenOf(context.facts),
        specialty: context.queuedSpecialties[0] ?? null,
        appointment_type_id: context.facts.appointment_type_id,
        location_id: context.facts.location_id,
      },
      queuedSpecialties: context.queuedSpecialties.slice(1),
      query: null,
      offered: [],
      chosen: null,
      taken: [],
      target: null,
      started: true,
    })),
    /** the waitlist asked for in the middle of a booking: the same request goes to the waitlist (no new search once times were offered) */
    switchToWaitlist: assign(({ context }) => ({
      flow: 'waitlist' as const,
      facts: context.understanding ? mergeFacts(context.facts, context.understanding, context.understanding.provider_names) : context.facts,
      waitlistSearched: context.waitlistSearched || context.offered.length > 0,
      started: true,
    })),
    assumeAnyDate: assign(({ context }) => ({ facts: anyDateFacts(context.facts, context) })),
    /** "o quanto antes" to the times of a day asked: the days asked let go, the nearest days from today */
    letDayGo: assign(({ context }) => ({ facts: anyDateFacts({ ...context.facts, dates: null, day_periods: null }, context), chosen: null })),

    planSearch: assign(({ context }, p: { kind: OfferKind }) => ({ query: planQuery(context, p.kind) })),
    tryOtherPlaces: assign(({ context }) => ({ query: otherPlacesQuery(context) })),
    widenDays: assign(({ context }) => ({ query: widerDaysQuery(context) })),
    tryOtherProviders: assign(({ context }) => ({ query: otherProvidersQuery(context) })),
    widenDaysElsewhere: assign(({ context }) => ({ query: widerOtherPlacesQuery(context) })),
    /** "quero outro médico": the specialty's other providers on the days on offer; the offer's own query is kept aside */
    seekAnotherProvider: assign(({ context }) => ({ queryBefore: context.query, query: planQuery(context, 'another_provider') })),
    widenOtherProviders: assign(({ context }) => ({ query: widerOtherProvidersQuery(context) })),
    /** another doctor's times found: the request is now for the specialty without the provider(s) left out */
    keepOtherProviders: assign(({ context }) => {
      const searched = context.query?.facts;
      if (!searched) return { queryBefore: null };
      return {
        facts: { ...context.facts, specialty: searched.specialty, provider_ids: [], provider_name: null, exclude_provider_ids: [...searched.exclude_provider_ids] },
        queryBefore: null,
      };
    }),
    /** every provider of the specialty is on offer already: named, with the options again */
    sayAllProvidersOnOffer: assign(({ context }, p: { providers: Array<{ name: string | null }> }) => ({
      reply: appendPart(context.reply, allProvidersOnOffer(context, p.providers.flatMap((provider) => (provider.name ? [provider.name] : [])))),
    })),
    /** the specialty's one provider: named as the only one */
    sayOnlyProvider: assign(({ context }, p: { providers: Array<{ name: string | null }> }) => ({
      reply: appendPart(context.reply, onlyProvider(context, p.providers[0]?.name ?? '')),
    })),
    /**
     * some of the specialty's other providers were left out at the patient's request (before the query is
     * restored): with the rest on offer, all named and those said; with some of the rest searched and not
     * free, those said too
     */
    sayOthersLeftOut: assign(({ context }, p: { providers: Array<{ id: string; name: string | null }> }) => {
      const excluded = context.query?.facts.exclude_provider_ids ?? [];
      const onOffer = (id: string) => context.offered.some((s) => s.provider_id === id);
      const named = p.providers.flatMap((provider) => (provider.name ? [{ id: provider.id, name: provider.name }] : []));
      const leftOut = named.filter((provider) => excluded.includes(provider.id) && !onOffer(provider.id));
      const busy = named.filter((provider) => !excluded.includes(provider.id) && !onOffer(provider.id)).map((provider) => provider.name);
      const line =
        busy.length > 0
          ? otherProvidersBusyAndLeftOut(busy, leftOut.map((provider) => provider.name))
          : otherProvidersLeftOut(context, named.map((provider) => provider.name), leftOut.map((provider) => provider.name));
      return { reply: appendPart(context.reply, line), leftOutToShow: leftOut };
    }),
    /** a yes to the offer to show the left-out providers' times again: the request is for them again, as if named */
    showLeftOutAgain: assign(({ context }) => {
      const again = context.leftOutToShow;
      return {
        facts: {
          ...context.facts,
          provider_ids: again.map((provider) => provider.id),
          provider_name: again.length === 1 ? again[0]!.name : null,
          exclude_provider_ids: [],
        },
        leftOutToShow: [],
        chosen: null,
      };
    }),
    /** no other doctor is free: the options on offer stay, with the query they came from */
    restoreOffer: assign(({ context }) => ({ query: context.queryBefore ?? context.query, queryBefore: null })),
    /**
     * the options on offer. The facts stay the patient's words: "mais tarde" and "outro dia" refine the
     * offer (the query they came from stays, so the next refinement builds on it), not the request
     */
    storeOffer: assign(({ context }, p: { slots: OfferedSlot[] }) => {
      const offered = spreadsDays(context) ? sortSlots(spreadOverDays(p.slots, OFFER_LIMIT)) : sortSlots(p.slots).slice(0, OFFER_LIMIT);
      return {
        offered,
        // the list replaced stays pickable by its times ("a das 13:30"); a first list starts afresh
        offeredBefore: context.offered.length > 0 ? rememberOffered(context.offeredBefore, context.offered, offered) : [],
        offerKind: context.query?.kind ?? 'asked',
        optionsDeclined: false,
        leftOutToShow: [],
        chosen: null,
      };
    }),

    /** a waitlist request's free times that fit it: those its entry would be offered */
    storeWishedOffer: assign(({ context }, p: { slots: OfferedSlot[] }) => ({
      offered: sortSlots(slotsWithinWish(p.slots, context.facts)).slice(0, OFFER_LIMIT),
      offeredBefore: [],
      offerKind: 'asked' as const,
      optionsDeclined: false,
      leftOutToShow: [],
      chosen: null,
    })),
    markWaitlistSearched: assign({ waitlistSearched: true }),
    /** a yes to joining for the parts of the day worked (joinOtherPeriods): now it is written */
    acceptOtherPeriods: assign({ periodUnworked: null }),
    /** a booking asked outright while the free times of a waitlist request are on offer: a booking now, the facts kept */
    bookInsteadOfWaiting: assign({ flow: 'book' as const, waitlistSearched: false }),
    /** the days searched for a waitlist request turned out to have no hours: the next days asked are searched first again */
    forgetWaitlistSearch: assign({ waitlistSearched: false }),
    /**
     * a waitlist request's part of the day not worked on the days asked (unserved, just said): the days kept, that part
     * dropped and kept as unworked, so the other parts' times are shown as such and joining for them is asked, not written
     */
    keepDaysForOtherPeriods: assign(({ context }) => {
      const u = context.unserved;
      if (!u?.period) return {};
      return {
        facts: { ...context.facts, period: null, time_from: null, time_to: null },
        periodUnworked: { period: u.period, periods: [...u.periods] },
      };
    }),
    /** "tem vaga pra amanhã?" to the free times of a waitlist request: searched again, and joining asked if none */
    askWaitlistAgain: assign({ waitlistSearched: false, waitlistQuestion: true }),
    /** "nenhum": the options stay (a number may still pick one), but a weekday now names a day */
    declineOptions: assign({ optionsDeclined: true, leftOutToShow: [] }),
    /** the reschedule found nothing with that provider: ask another date */
    forgetDates: assign(({ context }) => ({ facts: withDays(context.facts, null, null) })),
    chooseOffered: assign(({ context }) => ({ chosen: pickedSlot(context) })),
    chooseDescribed: assign(({ context }) => ({ chosen: describedSlot(context) })),
    /** an option of an earlier list picked by its time, found still free: that slot as the search gave it now */
    chooseEarlierPick: assign(({ context }, p: { slots: OfferedSlot[] }) => {
      const picked = earlierPick(context);
      return { chosen: picked ? (p.slots.find((s) => s.provider_id === picked.provider_id && s.start_at === picked.start_at) ?? null) : null };
    }),
    /** an option of an earlier list that is no longer free: the times nearest to it are the new offer */
    planEarlierPick: assign(({ context }) => {
      const picked = earlierPick(context);
      return picked ? { query: earlierPickQuery(context, picked) } : {};
    }),
    /** the time was taken under us: never offer it again in this flow */
    excludeChosen: assign(({ context }) => ({ taken: context.chosen ? [...context.taken, context.chosen.start_at] : context.taken, chosen: null })),
    storeAppointmentId: assign((_, p: { id: string | null }) => ({ appointmentId: p.id })),
    /** the appointment just booked, moved or cancelled: what "no mesmo dia" of the next request means */
    rememberAppointment: assign(({ context }, p: { appointment: PatientAppointment | null }) => ({ lastAppointment: p.appointment ?? context.lastAppointment })),
    finishBooking: assign({ offered: [], offeredBefore: [], chosen: null, query: null, taken: [], forSomeoneElse: false, relativeFor: null }),
    /** "volta" at the times: the day and time asked are forgotten, and asked again; who, what and where stay */
    stepBackToWhen: assign(({ context }) => ({
      steppedBackFrom: context.offered.length > 0 ? { facts: context.facts, query: context.query, offered: context.offered } : null,
      facts: withoutWhen(context.facts),
      offered: [],
      offeredBefore: [],
      chosen: null,
      query: null,
      optionsDeclined: false,
      leftOutToShow: [],
      waitlistSearched: false,
      placeForPeriod: null,
      sameDay: null,
      suggestion: null,
    })),
    /** 'as outras opcoes' to "Para quando?" right after stepping back from the times: that search again, for its other times */
    returnToOptions: assign(({ context }) => {
      const back = context.steppedBackFrom;
      return back ? { facts: back.facts, query: back.query, offered: back.offered, steppedBackFrom: null } : {};
    }),
    /** "volta" at "Para quando?": the specialty or provider is forgotten, and asked again; what and where stay */
    stepBackToWho: assign(({ context }) => ({ facts: withoutWho(context.facts), placeForPeriod: null, sameDay: null, suggestion: null, steppedBackFrom: null })),
    stopFlow: assign({
      flow: 'book' as const,
      facts: emptyFacts(),
      offered: [],
      offeredBefore: [],
      chosen: null,
      query: null,
      taken: [],
      interrupted: null,
      target: null,
      queuedSpecialties: [],
      queuedMoves: [],
      otherProvider: false,
      waitlistSearched: false,
      providerForm: null,
      forSomeoneElse: false,
      relativeFor: null,
    }),
    /** "pode remarcar" to "Desmarco?" (or to whether to confirm presence): a move of the appointment asked about */
    moveTargetInstead: assign(({ context }) => ({
      flow: 'reschedule' as const,
      purpose: 'reschedule' as const,
      facts: context.understanding ? mergeFacts(emptyFacts(), context.understanding, context.understanding.provider_names) : emptyFacts(),
      keepTime: keepsTime(context.text),
      moveDirection: null,
      shiftDays: null,
      otherProvider: false,
      query: null,
      offered: [],
      chosen: null,
      taken: [],
      targets: [],
    })),
    /**
     * "na verdade quero cancelar" while moving an appointment, "desmarca" to whether to confirm presence in it (or right
     * after a reminder of it): the move (if any) stopped, that appointment to cancel
     */
    cancelMoveTarget: assign(({ context }) => ({
      flow: 'book' as const,
      purpose: 'cancel' as const,
      facts: emptyFacts(),
      offered: [],
      offeredBefore: [],
      chosen: null,
      query: null,
      taken: [],
      interrupted: null,
      target: context.target,
      targets: [],
      queuedMoves: [],
      otherProvider: false,
    })),
    interrupt: assign(({ context }) => ({ interrupted: context.from as InterruptedState })),
    resumeInterrupted: assign(({ context }) => ({ from: (context.interrupted ?? 'idle') as RestingState, interrupted: null })),
    /** a waitlist question asked in the middle of a booking: the booking's state kept, to go on there once it is settled */
    setBookingAside: assign(({ context }) => ({ interrupted: BOOKING_STATES.includes(context.from) ? (context.from as InterruptedState) : null })),
    /** the waitlist question settled (or left unanswered): the booking set aside goes on where it was */
    resumeSetAside: assign(({ context }) => ({ from: (context.interrupted ?? 'idle') as RestingState, interrupted: null, followUp: 'more' as const, leaving: [] })),

    setPurpose: assign((_, p: { purpose: Purpose }) => ({ purpose: p.purpose, target: null })),
    setFollowUp: assign((_, p: { followUp: FollowUp }) => ({ followUp: p.followUp })),
    markNameAsked: assign({ nameAsked: true }),
    /** anything but the name (or a refusal) to the name asked: read as it would be after "Posso ajudar em mais alguma coisa?" */
    dropNameQuestion: assign({ followUp: 'more' as const }),
    /** the name saved: the conversation uses its first name from now on */
    storePatientName: assign((_, p: { name: string }) => ({ firstName: firstNameOf(p.name) })),
    /** the appointment just booked, to move to the day or time the message gives */
    moveJustBooked: assign(({ context }) => ({
      flow: 'reschedule' as const,
      purpose: 'reschedule' as const,
      facts: justBookedMoveFacts(context),
      keepTime: keepsTime(context.text),
      moveDirection: null,
      otherProvider: false,
      query: null,
      offered: [],
      chosen: null,
      taken: [],
      target: context.lastAppointment,
    })),
    /** "move … to the 10th, same time": the new date and time now, the appointment once listed */
    beginMove: assign(({ context }) => ({
      flow: 'reschedule' as const,
      facts: context.understanding ? mergeFacts(emptyFacts(), context.understanding, context.understanding.provider_names) : emptyFacts(),
      keepTime: keepsTime(context.text),
      moveDirection: repliesWith(context, 'later') ? ('later' as const) : repliesWith(context, 'earlier') ? ('earlier' as const) : moveWay(context.text),
      shiftDays: daysShift(context.text),
      otherProvider: false,
      missedSince: null,
      query: null,
      offered: [],
      chosen: null,
      taken: [],
      target: null,
    })),
    /**
     * "não consegui ir na consulta de hoje, posso remarcar pra amanhã?": the move is of the appointment missed, looked
     * up among those of the last days that have begun too
     */
    moveMissed: assign(({ context }) => ({ missedSince: addDays(today(context), -MISSED_LOOKBACK_DAYS) })),
    /** "não, era a outra" while moving: the same move, of the appointment the patient names now, the days and time asked kept */
    retargetMove: assign(({ context }) => {
      const kept = retargetedMove(context);
      const said = repliesWith(context, 'later') ? ('later' as const) : repliesWith(context, 'earlier') ? ('earlier' as const) : moveWay(context.text);
      return {
        flow: 'reschedule' as const,
        facts: kept.facts,
        keepTime: context.keepTime || keepsTime(context.text),
        moveDirection: said ?? kept.moveDirection,
        shiftDays: daysShift(context.text) ?? kept.shiftDays,
        otherProvider: kept.otherProvider,
        query: null,
        offered: [],
        chosen: null,
        taken: [],
      };
    }),
    /** the appointments the message may mean; one of them is the target when the message singles it out */
    storeAppointments: assign(({ context }, p: { appointments: PatientAppointment[] }) => {
      const purpose = context.purpose ?? 'list';
      if (purpose === 'list') return { ...listedForQuestion(context, p.appointments), target: null };
      // the patient said the one asked about is not it ("no, the other one")
      // (when it is the only one, it is asked about again)
      const others = context.notTarget === null ? p.appointments : p.appointments.filter((a) => a.id !== context.notTarget);
      const listed = others.length > 0 ? others : p.appointments;
      // "cancelar a primeira" right after the list was shown: that one of it
      const shownPick = shownAppointmentPicked(context, listed);
      if (shownPick) {
        return { appointments: [shownPick], target: shownPick, targets: [], queuedMoves: [], facts: withoutOrdinalDay(context), appointmentMissed: false };
      }
      // "cancela essa" right after a booking or a move: the appointment just made
      const justMade = pointsAtJustMade(context, listed);
      if (justMade) return { appointments: [justMade], target: justMade, targets: [], queuedMoves: [], appointmentMissed: false };
      // "desmarca ele" right after a reply about one appointment alone: that one
      const shownOne = pointsAtShownOne(context, listed);
      if (shownOne) return { appointments: [shownOne], target: shownOne, targets: [], queuedMoves: [], appointmentMissed: false };
      let match = matchAppointments(listed, context.understanding, context.text, purpose, today(context));
      // "quero remarcar com a dra ana" with no appointment with her: the one to move is another, and she is to come
      const u = context.understanding;
      let toNamedProvider = false;
      // (a missed appointment told names its own provider: "perdi a consulta com o dr rui hoje")
      if (
        purpose === 'reschedule' &&
        match.missed &&
        u &&
        u.resolved.provider_ids.length > 0 &&
        !u.resolved.replaced_provider_ids &&
        !missedToldOnly(context) &&
        leadsToNewProvider(context.text, u.entities.provider_name)
      ) {
        const withoutProvider = { ...u, entities: { ...u.entities, provider_name: null }, resolved: { ...u.resolved, provider_ids: [] } };
        const again = matchAppointments(listed, withoutProvider, context.text, purpose, today(context));
        // a change of doctor keeps the specialty: the appointments of the new provider's ("a consulta da dra ana com o dr paulo")
        const ofSpecialty = again.candidates.filter((a) => a.specialty !== null && a.specialty === u.resolved.specialty);
        if (!again.missed && again.candidates.length > 0) {
          match = ofSpecialty.length > 0 ? { ...again, candidates: ofSpecialty } : again;
          toNamedProvider = true;
        }
      }
      const { dateIsReference, timeIsReference, missed, eachNamed } = match;
      // a missed appointment to move: those that have begun, when the message may mean one of them
      const begun = context.missedSince !== null ? match.candidates.filter((a) => a.start_at <= context.now) : [];
      const found = begun.length > 0 ? begun : match.candidates;
      // "desmarca a consulta da minha filha" naming nothing else: of several, the Pediatria one(s) are most likely meant
      const forChild = !missed ? childAppointments(context.text, found) : [];
      const candidates = forChild.length > 0 ? forChild : found;
      // several candidates (two awaiting confirmation too): the patient says which, or "as duas"
      // a message naming one the patient does not have never picks another silently: the one there is is asked about
      const single = candidates.length === 1 && !missed ? candidates[0]! : null;
      // nothing awaits confirmation: the ones already confirmed, to say so (a second yes after confirming)
      const confirmed = (purpose === 'confirm' || purpose === 'confirm_ask') && candidates.length === 0 ? p.appointments.filter((a) => a.status === 'confirmed') : [];
      return {
        appointments: confirmed.length > 0 ? confirmed : candidates,
        target: single,
        targets: allAtOnce(candidates, context.text, purpose, eachNamed),
        // "remarcar a de segunda e a de terça": one at a time, the others once the first is moved
        queuedMoves: purpose === 'reschedule' && eachNamed.length > 1 ? eachNamed : [],
        // only the day or time this message read names the appointment: one asked before ("não, era a outra") stays;
        // the day of a missed one is never the new time's ("não consegui ir na consulta hj, dá pra remarcar?")
        facts: withoutReferences(
          context.facts,
          (dateIsReference || missedDaySaid(context)) && readsDaysOf(context),
          timeIsReference && context.facts.time === context.understanding?.resolved.time,
        ),
        appointmentMissed: missed && candidates.length > 0,
        ...(toNamedProvider ? { otherProvider: true } : {}),
      };
    }),
    /** the patient's appointments asked in the middle of a booking or a move: listed as asked, the flow's purpose and target kept */
    storeListedAside: assign(({ context }, p: { appointments: PatientAppointment[] }) => listedForQuestion(context, p.appointments)),
    /** the one appointment listed for a question is the one in play ("a consulta de sexta ta confirmada?", then "sim") */
    targetListedOne: assign(({ context }) => ({ target: context.appointments[0] ?? null })),
    choosePickedAppointment: assign(({ context }) => ({ target: pickedAppointment(context) })),
    /** "não, a 1" to "Desmarco?": that other appointment of the list */
    chooseOtherListed: assign(({ context }) => ({ target: otherListedPick(context) })),
    /** "no, the other one": the appointment asked about is left out of the next listing */
    setAsideTarget: assign(({ context }) => ({ notTarget: context.target?.id ?? null, target: null })),
    /** "as duas": every appointment listed */
    chooseAll: assign(({ context }) => ({ target: null, targets: [...context.appointments] })),
    recordOutcome: assign(({ context }, p: { ok: boolean }) => ({ outcomes: [...context.outcomes, p.ok] })),
    chooseIdentifiedAppointment: assign(({ context }) => ({ target: identifiedAppointment(context) })),
    /** "só a primeira" to "Desmarco as duas?": that one alone */
    keepOneTarget: assign(({ context }) => ({ target: oneOfTargets(context), targets: [] })),
    /**
     * "a do cardio pra quinta que vem", "a primeira, na quinta de manhã" to which appointment to move: the new
     * date, time or place the message adds (a day or time that only named the appointment left out)
     */
    takeMoveFactsOfChoice: assign(({ context }) => {
      const u = context.understanding;
      if (!u || context.purpose !== 'reschedule') return {};
      const merged = mergeFacts(context.facts, u, u.provider_names);
      const { dateIsReference, timeIsReference } = matchAppointments(context.appointments, u, context.text, 'reschedule', today(context));
      // the day or time that named the appointment is no new wish: the one asked before it stays ("pra quinta", then "a de terça")
      const facts = withoutOrdinalDay({ ...context, facts: withoutReferences(merged, dateIsReference, timeIsReference, context.facts) });
      return { facts, keepTime: context.keepTime || keepsTime(context.text) };
    }),
    /**
     * a move keeps the provider and type of the appointment moved, and its place unless the patient named one; a new
     * time with no day is on the appointment's own day
     */
    prepareMove: assign(({ context }) => ({
      flow: 'reschedule' as const,
      facts: context.target ? moveFacts(onTargetDay(context.facts, context.target, context.keepTime), context.target, context.keepTime) : context.facts,
      queuedMoves: context.queuedMoves.filter((a) => a.id !== context.target?.id),
      offered: [],
      chosen: null,
      query: null,
      taken: [],
    })),
    /** the first of several appointments named was moved: the next one, its new date to ask */
    startQueuedMove: assign(({ context }) => {
      const [next, ...rest] = context.queuedMoves;
      if (!next) return {};
      return {
        flow: 'reschedule' as const,
        facts: moveFacts(emptyFacts(), next, false),
        target: next,
        queuedMoves: rest,
        keepTime: false,
        moveDirection: null,
        otherProvider: false,
        offered: [],
        chosen: null,
        query: null,
        taken: [],
      };
    }),
    /** "trocar de médico": the move is to another provider */
    askOtherProvider: assign({ otherProvider: true }),
    /** a change of doctor: the appointment's specialty and type with any other provider, from its day on unless a date was said */
    prepareProviderChange: assign(({ context }) => ({
      flow: 'reschedule' as const,
      facts: context.target ? providerChangeFacts(context.facts, context.target, context.keepTime, today(context)) : context.facts,
      offered: [],
      chosen: null,
      query: null,
      taken: [],
    })),
    /** "postpone one week", "adiar 15 dias": the appointment's date that many days later */
    shiftByDays: assign(({ context }) => {
      const t = context.target;
      const days = daysShift(context.text) ?? context.shiftDays;
      if (!t || days === null) return {};
      const date = addDays(t.date, days);
      return { facts: { ...context.facts, date_from: date, date_to: date, dates: null } };
    }),
    /** "mais tarde?" / "mais cedo?" to a move's "Para quando?": that day, after (or before) the appointment's time */
    moveAround: assign(({ context }, p: { later: boolean }) => {
      const t = context.target;
      if (!t) return {};
      return {
        facts: {
          ...context.facts,
          date_from: t.date,
          date_to: t.date,
          dates: null,
          period: null,
          time: null,
          time_from: p.later ? t.start_time : DAY_START,
          time_to: p.later ? DAY_END : t.start_time,
        },
      };
    }),
    /**
     * facts in answer to "book another time?" after a cancel ("yes, for Friday", "Friday at the same time"):
     * the same kind of appointment, at its time when the patient keeps it; what the message names is merged next
     */
    startRebookWithFacts: assign(({ context }) => {
      const t = context.target;
      const base = t ? rebookFacts(t) : emptyFacts();
      return freshFlow('book', t && keepsTime(context.text) ? { ...base, time: t.start_time } : base);
    }),
    /** yes to searching again for the request that timed out: that request afresh, a booking or the move of the appointment it was moving */
    resumeTimedOutRequest: assign(({ context }) =>
      context.timedOutMove
        ? { ...freshFlow('reschedule', timedOutFacts(context)), purpose: 'reschedule' as const, target: context.timedOutMove }
        : freshFlow('book', timedOutFacts(context)),
    ),
    /** "me coloca na lista de espera" to the offer of another time after a cancel: the waitlist of the appointment cancelled */
    startRebookWaitlist: assign(({ context }) => freshFlow('waitlist', context.target ? rebookFacts(context.target) : emptyFacts())),
    /** "yes" to "book another time?" after a cancel: the same kind of appointment */
    startRebook: assign(({ context }) => ({
      flow: 'book' as const,
      facts: context.target ? rebookFacts(context.target) : emptyFacts(),
      target: null,
      offered: [],
      chosen: null,
      query: null,
      taken: [],
      started: true,
    })),
    /** "ainda tô na fila de espera do dermato?": the entries of what the question names (narrowWaitlist) */
    forgetWaitlistStatus: assign({ waitlistStatus: null }),
    /** the part of the day a waitlist request asked, unserved on its days: kept to say it, with the part that is served (unservedAsk) */
    storePeriodUnservedOnDays: assign(({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => ({ unserved: periodUnservedOnDays(context.facts, p.found) })),
    /** "Não há atendimento de Cardiologia no domingo, 29/11." */
    sayNoHoursOnDays: assign(({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => ({
      reply: appendPart(context.reply, noHoursOnDays(context, daysWithoutHours(context.facts, p.found) ?? [])),
    })),
    /** the entry a waitlist request repeats, to say it (this turn only) */
    storeRepeatedEntry: assign(({ context }, p: { entries: PatientWaitlistEntry[] }) => {
      const entry = sameWaitlistEntry(context.facts, p.entries);
      return { waitlistStatus: entry ? { entries: [entry], offer: null } : null };
    }),
    storeWaitlistStatus: assign(({ context }, p: { status: WorldActors['listWaitlist']['output'] }) => ({
      waitlistStatus: narrowWaitlist(context.understanding, p.status),
    })),
    /** "ainda tô na fila do dermato?" with no entry for it: what the question named, kept while joining it is offered */
    takeAskedWaitlist: assign(({ context }) => {
      const u = context.understanding;
      return { facts: u ? mergeFacts(emptyFacts(), u, u.provider_names) : emptyFacts() };
    }),
    /** yes to that offer: a waitlist request for it, as "me coloca na lista de espera" makes one ("Claro, …" before its next question) */
    startAskedWaitlist: assign(({ context }) => freshFlow('waitlist', context.facts)),
    /** the waitlist offered to a patient who is on none: its first question asked without the "Claro" of a request */
    offerToJoinWaitlist: assign({ started: false }),
    /** the offer the patient's answer is to (their answer to our message, not to a conversation that timed out: no "vamos recomeçar") */
    storeWaitlistOffer: assign(({ context }, p: { offer: WaitlistOfferView | null }) => ({ waitlistOffer: p.offer, reply: plainOpening(context) })),
    /** the turn answers a message of ours sent outside the dialogue (a waitlist offer): a timeout before it is not said */
    keepOpeningPlain: assign(({ context }) => ({ reply: plainOpening(context) })),
    /** "me tira da lista de espera": the entries it is about (those of what it names; all of them when it names none of the patient's) */
    storeLeaving: assign(({ context }) => {
      const s = context.waitlistStatus;
      if (!s) return { leaving: [] };
      // "cancela" right after joining, naming nothing: the entry just written
      const justJoined = context.joinedWaitlist && !s.asked && !asksToLeaveWaitlist(context.text) ? s.entries.find((e) => e.id === context.joinedEntryId) : undefined;
      return { leaving: justJoined ? [justJoined] : s.entries.length > 0 ? s.entries : (s.others ?? []) };
    }),
    takeStatusOffer: assign(({ context }) => ({ waitlistOffer: context.waitlistStatus?.offer ?? null })),
    keepNamedLeaving: assign(({ context }) => ({ leaving: namedLeaving(context) })),
    /** the entries picked from the list of those to leave */
    keepPickedLeaving: assign(({ context }) => ({ leaving: pickLeaving(context.text, context.leaving) ?? context.leaving })),
    /** "pode ser sábado também" right after joining: the entry's days and those said, as one request that replaces it */
    widenJoinedWaitlist: assign(({ context }) => {
      const u = context.understanding;
      if (!u) return {};
      const before = daysAsked(context.facts) ?? [];
      // "pode ser de tarde também": the part of the day said added to the entry's too
      const merged = widenedPeriods(context.facts, mergeFacts(context.facts, u, u.provider_names));
      const days = [...new Set([...before, ...(daysAsked(merged) ?? [])])].sort();
      const facts = days.length > 0 ? { ...withDays(merged, days[0]!, days[days.length - 1]!), dates: days } : merged;
      return { ...freshFlow('waitlist', facts), replacingEntryId: context.joinedEntryId };
    }),
    /**
     * "na verdade pode ser sábado" right after joining: the same request, what the message says changed (mergeFacts, as a
     * correction while booking); the new entry replaces the one just written, in its own insert step
     */
    reviseJoinedWaitlist: assign(({ context }) => ({ ...freshFlow('waitlist', context.facts), replacingEntryId: context.joinedEntryId })),
    /** the waitlist entries a booking served and removed, to say (this turn only: `leaving` is cleared when the turn rests) */
    storeServedEntries: assign((_, p: { entries: PatientWaitlistEntry[] }) => ({ leaving: p.entries })),
    storeWaitlistPosition: assign((_, p: { position: number; id: string | null }) => ({ waitlistPosition: p.position, joinedEntryId: p.id })),
    storeInfo: assign((_, p: { info: ClinicInfo }) => ({ info: p.info })),
    /** "tem com médica mulher?": the providers of that form, to narrow the booking to once its specialty is known */
    storeProviderForm: assign(({ context }) => {
      const asked = context.understanding?.resolved.provider_form;
      return asked ? { providerForm: { form: asked.form, providers: asked.providers.map((p) => ({ ...p, specialties: [...p.specialties] })), applied: null } } : {};
    }),
    /**
     * the form asked, applied: with a specialty, its providers of that form are the ones searched (said), or none has it
     * (said, and the booking goes on with whom there is); with none, the specialties that have one are said
     */
    applyProviderForm: assign(({ context }) => {
      const w = context.providerForm;
      if (!w) return {};
      const specialty = context.facts.specialty;
      const reply = appendPart(context.reply, providerFormLine(context));
      const found = specialty ? providersOfForm(w, specialty) : [];
      const facts =
        found.length > 0
          ? { ...context.facts, provider_ids: found.map((p) => p.id), provider_name: found.length === 1 ? found[0]!.name : null, exclude_provider_ids: [] }
          : context.facts;
      return { reply, facts, providerForm: { ...w, applied: specialty ?? '' }, chosen: null };
    }),
    /** the hours or address question answered, kept for a follow-up on the next turn ("e no centro?") */
    rememberClinicQuestion: assign(({ context }) => ({ clinicAsked: clinicQuestionAnswered(context) })),
    /** the address of the patient's own appointment answered: kept for "e a de sexta?" */
    rememberOwnAppointmentQuestion: assign(({ context }) => ({ clinicAsked: clinicQuestionAnswered(context, true) })),
    /** "e no centro?" right after an hours answer: that question again, of the place or day now named */
    followUpClinicQuestion: assign(({ context }) => ({ clinicAsked: context.clinicAsked ? { ...context.clinicAsked, turn: 'followed' as const } : null })),
    storeAddressAppointments: assign((_, p: { appointments: PatientAppointment[] }) => ({ addressAppointments: p.appointments })),
    markSpecialtyChecked: assign(({ context }) => ({ specialtyChecked: context.facts.specialty })),
    /** the place or period asked that no weekly hours serve is left out (and said); the rest goes on */
    applyHours: assign(({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => {
      const checked = checkHours(context.facts, p.found, context.flow === 'book');
      const { unserved, placeForPeriod } = checked;
      // "nenhum desses, tem de manhã?" with no morning that day: said so, and the next days with mornings searched
      // (not the times just declined again)
      // "na verdade prefiro à tarde" to the times or the summary, no day said: the same, the part of the day now wished wins over the day
      const later =
        (context.from === 'offering' && rejectsAll(context.text)) || changesOnlyPeriod(context) ? periodOnLaterDays(context.facts, p.found, unserved) : null;
      const facts = later ?? checked.facts;
      // a waitlist request's part of the day no one works: kept (while no other part is said) so joining asks first
      const periodUnworked =
        context.flow !== 'waitlist' ? null : unserved?.period ? { period: unserved.period, periods: unserved.periods } : facts.period === null ? context.periodUnworked : null;
      // "pode ser de tarde" then, a part they do work: that part's free times are searched first, as for any waitlist request
      const worked = context.periodUnworked !== null && periodUnworked === null ? { waitlistSearched: false } : {};
      return { facts, unserved, placeForPeriod, hoursChecked: hoursKey(facts), periodUnworked, ...worked };
    }),
    markHoursChecked: assign(({ context }) => ({ hoursChecked: hoursKey(context.facts) })),
    storeSameDay: assign(({ context }, p: { appointments: PatientAppointment[] }) => ({
      sameDay: sameDayAppointment(context.facts, p.appointments, context.sameDayKept ?? []),
      sameDayChecked: sameDayKey(context.facts),
    })),
    markSameDayChecked: assign(({ context }) => ({ sameDayChecked: sameDayKey(context.facts) })),
    /** yes to moving the appointment already booked that day: that move, to the days asked */
    moveSameDay: assign(({ context }) => ({ purpose: 'reschedule' as const, target: context.sameDay, sameDay: null, keepTime: false, moveDirection: null })),
    forgetSameDay: assign({ sameDay: null }),
    /** a move whose message names a provider other than the appointment's: a change of doctor to them */
    otherProviderIfNamed: assign(({ context }) => ({
      otherProvider: context.otherProvider || (!!context.target && newProviderIds(context.facts, context.target).length > 0),
    })),
    /** "não, quero mais uma": that appointment stays, and is not asked about again in this booking */
    keepSameDay: assign(({ context }) => ({
      sameDay: null,
      sameDayKept: context.sameDay ? [...(context.sameDayKept ?? []), context.sameDay.id] : (context.sameDayKept ?? []),
    })),
    /** the request goes on with the first specialty asked that the clinic offers, the others it offers queued */
    keepOfferedSpecialties: assign(({ context }, p: { info: ClinicInfo }) => {
      const { offered, dropped } = splitByOffered(context, p.info);
      const specialty = offered[0] ?? null;
      return {
        facts: { ...context.facts, specialty },
        queuedSpecialties: offered.slice(1),
        queueToAnnounce: context.queueToAnnounce && offered.length > 1,
        specialtyChecked: specialty,
        droppedSpecialties: dropped,
      };
    }),
    /** the clinic offers none of the specialties asked: the request goes on without them */
    dropSpecialty: assign(({ context }) => ({ facts: { ...context.facts, specialty: null }, queuedSpecialties: [], queueToAnnounce: false, started: false })),
    queueAnnounced: assign({ queueToAnnounce: false }),
    /** the symptom's specialty, as the clinic spells it, proposed; the request waits for the yes */
    suggestSymptomSpecialty: assign(({ context }, p: { info: ClinicInfo }) => {
      const entry = readSymptom(context.text);
      const specialty = entry ? clinicSpecialty(entry, p.info.specialties) : null;
      return {
        facts: { ...context.facts, specialty: null },
        queuedSpecialties: [],
        queueToAnnounce: false,
        suggestion: entry && specialty ? { kind: 'symptom' as const, specialty, symptom: entry.label } : null,
      };
    }),
    /** the symptom's specialty is not offered: the request goes on without a specialty (asked next) */
    dropSymptomSpecialty: assign(({ context }) => ({ facts: { ...context.facts, specialty: null }, queuedSpecialties: [], queueToAnnounce: false })),
    /** "vcs atendem criança?" answered yes: a booking of the catalog's specialty for children, its yes awaited ("Quer marcar?") */
    startChildBooking: assign(({ context }) => ({
      ...freshFlow('book', { ...emptyFacts(), specialty: childSpecialty(context.info) }),
      suggestion: { kind: 'hours' as const, specialty: null, symptom: null },
    })),
    /** "o dr paulo é dermatologista?" of one who is not: no, and who of that specialty there is */
    sayProviderDoesNotPractise: assign(({ context }, p: { providers: Array<{ id: string; name: string | null }> }) => {
      return { reply: appendPart(context.reply, providerDoesNotPractise(context, p.providers)) };
    }),
    /** "vou chegar atrasada": thanked, with the patient's appointments of today named */
    sayLateNoted: assign(({ context }, p: { appointments: PatientAppointment[] }) => ({
      reply: appendPart(context.reply, lateNoted(context, p.appointments)),
    })),
    /** the clinic question beside being late, answered, then one person offered to tell the front desk and answer it */
    sayLateAside: assign(({ context }) => ({
      reply: appendPart(context.reply, lateAside(context)),
      pendingAsk: '',
    })),
    /** the hours asked, said; booking with them is proposed */
    sayHours: assign(({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => ({
      reply: afterSpecialtyLine(context.reply, hoursAnswer(context, p.found)),
      suggestion: { kind: 'hours' as const, specialty: null, symptom: null },
    })),
    /** yes to the booking proposed: the symptom's specialty taken, or the facts as they are */
    takeSuggestion: assign(({ context }) => ({
      facts: context.suggestion?.kind === 'symptom' ? { ...context.facts, specialty: context.suggestion.specialty } : context.facts,
      suggestion: null,
    })),
    forgetSuggestion: assign({ suggestion: null }),
    /** a complaint heard: its words kept for the person who may be called about it */
    hearComplaint: assign(({ context }) => ({ complaint: context.text })),
    forgetComplaint: assign({ complaint: null }),
    /** "esperei duas horas ontem, quero remarcar": the day gone by is the complaint's, never the ask's wish ("já passou" not said) */
    forgetComplaintDay: assign(({ context }) => {
      const u = context.understanding;
      if (!u?.resolved.date_passed) return {};
      const resolved = { ...u.resolved, date_passed: undefined, date_from: null, date_to: null, dates: undefined, day_periods: undefined };
      return { understanding: { ...u, resolved, entities: { ...u.entities, date_text: null } } };
    }),
    /**
     * "perdi minha consulta ontem", "ontem fui atendida pela dra ana": the days and times said are of that past visit, not
     * wishes ("já passou" is not said); a booking that names a day of its own ("…, quero marcar outra pra sexta") keeps it
     */
    forgetVisitDay: assign(({ context }) => {
      const u = context.understanding;
      if (!u) return {};
      // "… e ela pediu retorno em 30 dias": a day only ahead of today is the return's, never the visit's
      const ownDay = u.resolved.date_from !== null && ((u.intent === 'book' && u.confidence >= SURE) || namesDayAhead(u.entities.date_text));
      const resolved = ownDay
        ? { ...u.resolved, date_passed: undefined }
        : { ...u.resolved, date_passed: undefined, date_from: null, date_to: null, dates: undefined, day_periods: undefined, time: null, time_from: null, time_to: null };
      return { understanding: { ...u, resolved, entities: ownDay ? u.entities : { ...u.entities, date_text: null, period: null, time: null } } };
    }),
    /** "com ela": the provider named earlier that it means, read as if named */
    takeNamedProvider: assign(({ context }) => {
      const u = context.understanding;
      const form = refersToProvider(context.text);
      const who = form ? namedProviderOfForm(context, form) : null;
      return u && who ? { understanding: readAsNamed(u, who) } : {};
    }),
    /** "com ela": the one provider of that form among the patient's upcoming appointments, read as if named */
    takeAppointmentProvider: assign(({ context }, p: { appointments: PatientAppointment[] }) => {
      const u = context.understanding;
      const form = refersToProvider(context.text);
      const who = form ? appointmentProviderOfForm(p.appointments, form) : null;
      return u && who ? { understanding: readAsNamed(u, who) } : {};
    }),
    /** the pronoun of an hours question read as the provider in play, as if named */
    takeProviderInPlay: assign(({ context }) => {
      const u = context.understanding;
      const who = providerInPlay(context);
      if (!u || !who) return {};
      return { understanding: { ...u, resolved: { ...u.resolved, provider_ids: [who.id] }, provider_names: who.name ? [who.name] : [] } };
    }),
    /** someone's hours asked while booking, said; the booking's own question follows (nothing proposed) */
    sayHoursAside: assign(({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => ({
      reply: appendPart(context.reply, hoursAnswer(context, p.found)),
      suggestion: null,
    })),
    /** the hours invite booking with that provider: proposed, the booking with them kept aside for the yes */
    suggestProvider: assign(({ context }, p: { found: WorldActors['specialtyHours']['output'] }) => ({ suggestion: providerSwitch(context, p.found) })),
    /** yes to booking with whom the hours were asked of: the booking goes on with them, as the question left it */
    takeProviderSuggestion: assign(({ context }) => ({
      facts: context.suggestion?.facts ?? context.facts,
      suggestion: null,
      offered: [],
      chosen: null,
      query: null,
    })),
  },
});

/** The short replies to the booking's own questions (times on offer, the date asked): none is a yes to another provider. */
const OWN_QUESTION_REPLIES: readonly ReplyKind[] = ['pick', 'later', 'earlier', 'other_day', 'others', 'other_provider', 'show_again', 'none', 'any_date'];

const say = (line: LineName) => ({ type: 'say', params: { line } }) as const;
const answers = (from: RestingState, reply: ReplyKind) => ({ type: 'answers', params: { from, reply } }) as const;
const cameFrom = (state: RestingState) => ({ type: 'cameFrom', params: { state } }) as const;
const intentIs = (intent: Intent) => ({ type: 'intentIs', params: { intent } }) as const;
const flowIs = (flow: Flow) => ({ type: 'flowIs', params: { flow } }) as const;
const purposeIs = (purpose: Purpose) => ({ type: 'purposeIs', params: { purpose } }) as const;
const followUpIs = (followUp: FollowUp) => ({ type: 'followUpIs', params: { followUp } }) as const;
const queryKindIs = (kind: OfferKind) => ({ type: 'queryKindIs', params: { kind } }) as const;
const plan = (kind: OfferKind) => ({ type: 'planSearch', params: { kind } }) as const;
const purpose = (p: Purpose) => ({ type: 'setPurpose', params: { purpose: p } }) as const;
const followUp = (f: FollowUp) => ({ type: 'setFollowUp', params: { followUp: f } }) as const;
/**
 * The facts of a correction of the appointment just booked: "ops, era pra ser de tarde", with a time or a period
 * and no day, keeps the appointment's day.
 */
function justBookedMoveFacts(context: BookingContext): BookingFacts {
  const u = context.understanding;
  const facts = u ? mergeFacts(emptyFacts(), u, u.provider_names) : emptyFacts();
  const last = context.lastAppointment;
  const saysTime = facts.time !== null || facts.time_from !== null || facts.period !== null;
  return last && facts.date_from === null && saysTime ? withDays(facts, last.date, last.date) : facts;
}

/** The days of the facts are those this turn's message read (not days asked before it). */
function readsDaysOf(context: BookingContext): boolean {
  const r = context.understanding?.resolved;
  return !!r && context.facts.date_from === r.date_from && context.facts.date_to === (r.date_to ?? r.date_from);
}

/** A day said as an appointment's, a provider, specialty or time that is not the target's ("não, a de sexta"). */
function namesOtherThanTarget(context: BookingContext): boolean {
  const u = context.understanding;
  const t = context.target;
  if (!u || !t) return false;
  const r = u.resolved;
  return (
    dateMentions(context.text).some((m) => m.reference && !m.target) ||
    r.provider_ids.some((id) => id !== t.provider_id) ||
    (!!u.entities.specialty && !!r.specialty && r.specialty !== t.specialty) ||
    (!!r.time && r.time !== t.start_time)
  );
}

/**
 * A move's facts without the day and the time that only named the appointment moved ("a de sexta", "a das 15h"): the
 * day and time the move asked before (`before`, "quero remarcar pra quinta" then "a de terça") stay, else none.
 */
/**
 * A day that has come said, not as a new time: a past one ("ontem", "segunda" gone by) or "hoje" without "pra" ("não
 * consegui ir hoje", not "pode ser pra hoje"), so that "não fui", "faltei" with it tell of an appointment missed.
 */
function pastDaySaid(context: BookingContext): boolean {
  return !!context.understanding?.resolved.date_passed || dateMentions(context.text).some((m) => m.offset === 0 && !m.target);
}

/**
 * A missed appointment moved (missedSince set), and the only day this message reads has not come after today: the day
 * the appointment was missed ("não consegui ir na consulta hj", "faltei hoje"), unless said as the new one ("pra hoje à tarde").
 */
function missedDaySaid(context: BookingContext): boolean {
  const r = context.understanding?.resolved;
  if (context.missedSince === null || !r?.date_from) return false;
  return (r.date_to ?? r.date_from) <= today(context) && !dateMentions(context.text).some((m) => m.target);
}

function withoutReferences(facts: BookingFacts, dateIsReference: boolean, timeIsReference: boolean, before: BookingFacts | null = null): BookingFacts {
  const undated = dateIsReference
    ? { ...withDays(facts, before?.date_from ?? null, before?.date_to ?? null), dates: before?.dates ? [...before.dates] : null, any_date: before?.any_date ?? false }
    : facts;
  return timeIsReference ? { ...withoutTime(undated), time: before?.time ?? null } : undated;
}

/**
 * The appointments a list question asks for: "tenho consulta segunda?" those of the day asked (none that day: said,
 * and the upcoming ones); "que horas e a do dr rui?", "quando e a da cardio?" those of the provider or specialty named,
 * when there are any.
 */
function listedForQuestion(context: BookingContext, appointments: PatientAppointment[]): Pick<BookingContext, 'appointments'> & Partial<Pick<BookingContext, 'appointmentMissed'>> {
  const day = listedDay(context);
  const onDay = day ? appointments.filter((a) => a.date >= day.from && a.date <= day.to) : [];
  if (!day || onDay.length > 0) return { appointments: namedInList(context, day ? onDay : appointments) };
  return { appointments, appointmentMissed: appointments.length > 0 };
}

/** the close of a finished exchange: what was said, then "Posso ajudar em mais alguma coisa?" */
const thenAnythingElse = [followUp('more'), say('anythingElse')] as const;

type WaitlistRead = { event: { output: WorldActors['listWaitlist']['output'] } };
/** the patient's entries read, the same request already among them: that one said, nothing searched or written */
const alreadyOnWaitlist = {
  guard: { type: 'repeatsWaitlistEntry', params: ({ event }: WaitlistRead) => ({ entries: event.output.entries }) },
  target: 'done',
  actions: [{ type: 'storeRepeatedEntry', params: ({ event }: WaitlistRead) => ({ entries: event.output.entries }) }, say('alreadyOnWaitlist'), ...thenAnythingElse],
} as const;
/** a waitlist entry written: its id and the position its insert counted, kept for the turns that follow */
const storeJoinedPosition = {
  type: 'storeWaitlistPosition',
  params: ({ event }: { event: { output: WorldActors['joinWaitlist']['output'] } }) =>
    event.output.ok ? { position: event.output.position, id: event.output.id } : { position: 1, id: null },
} as const;
/** after a clinic question there is no data for, with nothing pending: the offer to call a person, as the question */
const thenOfferStaff = [followUp('handoff'), say('offerStaffAnswer')] as const;

/** A clinic question set aside from the rest of the message, answered; then on to `next` in the same turn. */
function answeringAside(next: 'deciding' | 'reading_reply' | 'asking_to_book') {
  return machineSetup.createStateConfig({
    invoke: {
      src: 'clinicInfo',
      input: () => ({}),
      onDone: { target: next, actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, 'sayAsideAnswer'] },
      onError: { target: next, actions: [say('infoTrouble'), 'dropPendingAsk'] },
    },
  });
}

/** Confirming presence, whether "confirmo" said so or a "sim" out of the blue was taken as that. */
const confirmsSomething = or([purposeIs('confirm'), purposeIs('confirm_ask')]);

/** One write per appointment of `targets` (re-entering `state` until all are done), then `line` for all of them. */
function eachTarget(state: 'cancelling_each' | 'confirming_each', line: 'cancelledAll' | 'confirmedAll') {
  const recordDone = { type: 'recordOutcome', params: ({ event }: { event: { output: ChangeResult } }) => ({ ok: event.output.ok }) } as const;
  const recordError = { type: 'recordOutcome', params: { ok: false } } as const;
  return {
    onDone: [
      { guard: 'moreTargets', target: state, reenter: true, actions: recordDone },
      { target: 'done', actions: [recordDone, say(line), ...thenAnythingElse] },
    ],
    onError: [
      { guard: 'moreTargets', target: state, reenter: true, actions: recordError },
      { target: 'done', actions: [recordError, say(line), ...thenAnythingElse] },
    ],
  } as const;
}

/** A resting state: the turn ends here; the next MESSAGE starts the next turn from here. */
function resting(state: Exclude<RestingState, 'handoff'>) {
  return {
    tags: ['resting' as const],
    entry: { type: 'endTurn', params: { state } } as const,
    on: { MESSAGE: { target: 'reading', actions: { type: 'beginTurn', params: { from: state } } as const } },
  };
}

/** The time offered from the waitlist booked: its appointment noted, said so, the flow over. */
const offerBooked = [
  {
    type: 'storeAppointmentId',
    params: ({ event }: { event: { output: ChangeResult } }) => ({ id: event.output.ok ? event.output.appointment.id : null }),
  },
  say('offerBooked'),
  'stopFlow',
] as const;

/** The turn's opening as a conversation that did not time out has it: the hello, without "vamos recomeçar". */
function plainOpening(context: BookingContext): string {
  return context.resumedAfterTimeout && context.reply === LINES.opening(context) ? LINES.opening({ ...context, resumedAfterTimeout: false }) : context.reply;
}

/**
 * A resting state with nothing pending, where a reminder (REMIND, a turn the clinic starts) may come in too. Elsewhere
 * the patient is being asked something, and a REMIND is not taken (the runtime does not send it there).
 */
function remindable(state: 'idle' | 'done') {
  const rest = resting(state);
  return {
    ...rest,
    on: { ...rest.on, REMIND: { target: 'reminding', actions: { type: 'beginReminder', params: { from: state } } as const } },
  };
}

/** The appointments a line names, which the next turn can point at ("a de dermato"), or null when it names none. */
function shownBy(line: LineName, context: BookingContext): PatientAppointment[] | null {
  switch (line) {
    case 'appointmentList':
    case 'chooseAppointment':
    case 'alreadyConfirmed':
      return context.appointments;
    case 'presenceConfirmed':
      return context.target ? [context.target] : null;
    case 'confirmedAll':
      return context.targets.length > 0 ? context.targets : null;
    case 'itWorked':
      return context.lastAppointment && context.lastAppointment.status !== 'cancelled' ? [context.lastAppointment] : null;
    default:
      return null;
  }
}

/** Resting states a turn can return to with its pending question (handoff stays quiet instead). */
const RETURNABLE = RESTING_STATES.filter((s): s is Exclude<RestingState, 'handoff'> => s !== 'handoff');

/**
 * What follows a booking or a move: done with the appointment's id and `line` said; someone else's
 * time or a refused one → an apology and a fresh search without it; an error → the summary again.
 */
function afterWrite(line: 'booked' | 'moved') {
  const storeId = {
    type: 'storeAppointmentId',
    params: ({ event }: { event: { output: ChangeResult } }) => ({ id: event.output.ok ? event.output.appointment.id : null }),
  } as const;
  const remember = {
    type: 'rememberAppointment',
    params: ({ event }: { event: { output: ChangeResult } }) => ({ appointment: event.output.ok ? event.output.appointment : null }),
  } as const;
  // the patient's waitlist entries the booking served, removed with it: said after the booking
  const served = line === 'booked' ? ([{ type: 'storeServedEntries', params: ({ event }: { event: { output: BookResult } }) => ({ entries: event.output.ok ? (event.output.leftWaitlist ?? []) : [] }) }, say('leftServedWaitlist')] as const) : [];
  // "cardio e dermato": after the first booking, the next specialty is offered instead of "anything else?"
  const nextSpecialty =
    line === 'booked'
      ? [
          {
            guard: { type: 'bookedWithMoreToBook', params: ({ event }: { event: { output: ChangeResult } }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [storeId, remember, say(line), ...served, followUp('next_specialty'), say('nextSpecialty'), 'finishBooking'],
          } as const,
        ]
      : [];
  // a patient known only by a phone: their full name asked instead of "anything else?" (once per conversation)
  const askName =
    line === 'booked'
      ? [
          {
            guard: { type: 'asksPatientName', params: ({ event }: { event: { output: ChangeResult } }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [storeId, remember, say(line), ...served, followUp('patient_name'), 'markNameAsked', say('askPatientName'), 'finishBooking'],
          } as const,
        ]
      : [];
  // "a de segunda e a de terça": after the first move, the next appointment named and its new date
  const nextMove =
    line === 'moved'
      ? [
          {
            guard: { type: 'movedWithMoreToMove', params: ({ event }: { event: { output: ChangeResult } }) => ({ ok: event.output.ok }) },
            target: 'collecting',
            actions: [storeId, remember, say(line), 'startQueuedMove', say('nextMove'), say('askMissing')],
          } as const,
        ]
      : [];
  return {
    onDone: [
      ...nextSpecialty,
      ...askName,
      ...nextMove,
      {
        guard: { type: 'succeeded', params: ({ event }: { event: { output: ChangeResult } }) => ({ ok: event.output.ok }) },
        target: 'done',
        actions: [
          {
            type: 'storeAppointmentId',
            params: ({ event }: { event: { output: ChangeResult } }) => ({ id: event.output.ok ? event.output.appointment.id : null }),
          },
          remember,
          say(line),
          ...served,
          ...thenAnythingElse,
          'finishBooking',
        ],
      },
      {
        guard: { type: 'wasTaken', params: ({ event }: { event: { output: ChangeResult } }) => ({ reason: event.output.ok ? null : event.output.reason }) },
        target: 'searching',
        actions: ['excludeChosen', say('slotTaken'), plan('asked')],
      },
      { target: 'searching', actions: ['excludeChosen', say('slotRefused'), plan('asked')] },
    ],
    onError: { target: 'confirming', actions: [say('writeTrouble'), say('confirmSummary')] },
  } as const;
}

export const bookingMachine = machineSetup.createMachine({
  id: 'booking',
  context: ({ input }) => initialContext(input),
  initial: 'idle',
  states: {
    // ---------------------------------------------------------------- resting states (RESTING_STATES)
    idle: remindable('idle'),
    collecting: resting('collecting'),
    offering: resting('offering'),
    confirming: resting('confirming'),
    // the first of two asks in one message is done: the second is read now (lines.ts asks no follow-up question before it)
    // (unless the first was turned down: then whether to go on with the second was asked, and is answered first)
    done: {
      ...remindable('done'),
      always: { guard: and(['hasPendingAsk', not(followUpIs('pending_ask'))]), target: 'understanding', actions: 'takePendingAsk' },
    },
    choosing_appointment: resting('choosing_appointment'),
    confirming_cancel: resting('confirming_cancel'),
    confirming_appointment: resting('confirming_appointment'),
    cancel_or_stop: resting('cancel_or_stop'),
    waitlist_offered: resting('waitlist_offered'),
    handoff: {
      tags: ['resting'],
      entry: { type: 'endTurn', params: { state: 'handoff' } },
      on: {
        MESSAGE: { actions: 'quiet' },
        RELEASE: { target: 'idle', actions: 'release' },
      },
    },

    // ---------------------------------------------------------------- a turn
    /** a bare yes or no may answer a waitlist offer first; everything else is a reply to us */
    reading: {
      always: [{ guard: 'yesOrNo', target: 'checking_offer' }, { target: 'reading_reply' }],
    },
    /**
     * The waitlist offer message ("Responda SIM para reservar") reaches the patient outside this dialogue.
     * An offer made after our last reply, whose time has not started, is the last thing the patient
     * read, so their "sim" or "não" answers it; otherwise the message answers us. An offer that no
     * longer stands (someone else took the time first) gets an apology for the yes.
     */
    checking_offer: {
      invoke: {
        src: 'latestOffer',
        // an offer our last reply named is still the one a "sim" answers
        input: ({ context }) => ({ since: context.offerNamed ? null : context.previousNow || null }),
        onDone: [
          // "nao, me tira da lista": the time turned down by leaving the entry (the removal gives the time back)
          {
            guard: { type: 'leavesOnOffer', params: ({ event }) => ({ offer: event.output }) },
            target: 'leaving_offered_entry',
            actions: { type: 'storeWaitlistOffer', params: ({ event }) => ({ offer: event.output }) },
          },
          // an ask to leave with no freed time standing: read as such, never "Você continua na lista de espera"
          { guard: 'asksToLeaveWaitlist', target: 'reading_reply' },
          {
            guard: { type: 'answersOffer', params: ({ event }) => ({ offer: event.output, stands: true, accept: true }) },
            target: 'accepting_offer',
            actions: { type: 'storeWaitlistOffer', params: ({ event }) => ({ offer: event.output }) },
          },
          {
            guard: { type: 'answersOffer', params: ({ event }) => ({ offer: event.output, stands: true, accept: false }) },
            target: 'declining_offer',
            actions: { type: 'storeWaitlistOffer', params: ({ event }) => ({ offer: event.output }) },
          },
          // "nao da, tem pra segunda?": declined, and the other day asked searched for the offer's specialty
          {
            guard: { type: 'declinesOfferThenAsks', params: ({ event }) => ({ offer: event.output }) },
            target: 'declining_offer_for_another',
            actions: { type: 'storeWaitlistOffer', params: ({ event }) => ({ offer: event.output }) },
          },
          {
            guard: { type: 'answersOffer', params: ({ event }) => ({ offer: event.output, stands: false, accept: true }) },
            target: 'resuming',
            actions: ['keepOpeningPlain', say('offerTaken')],
          },
          {
            guard: { type: 'answersOffer', params: ({ event }) => ({ offer: event.output, stands: false, accept: false }) },
            target: 'resuming',
            actions: ['keepOpeningPlain', say('offerDeclined')],
          },
          { target: 'reading_reply' },
        ],
        onError: { target: 'reading_reply' },
      },
    },
    /** short replies to the question just asked, read before the language layer */
    reading_reply: {
      always: [
        // "Para o seu cadastro, qual é o seu nome completo?": a refusal drops it with a short acknowledgement; a name alone is
        // read by the language layer (routing saves it when no ask is read there); anything else drops it and is read as usual
        { guard: and([cameFrom('done'), followUpIs('patient_name'), 'refusesName']), target: 'done', actions: [say('patientNameNotGiven'), ...thenAnythingElse] },
        { guard: and([cameFrom('done'), followUpIs('patient_name'), 'mayGiveName']), target: 'understanding' },
        { guard: and([cameFrom('done'), followUpIs('patient_name')]), actions: 'dropNameQuestion' },
        // "tudo certo?": how we are asked, never a yes or an "ok" to the question pending
        { guard: 'asksOnlyWellbeing', target: 'resuming', actions: say('greeting') },
        // "deu certo?" right after a booking, a move or a cancel: yes, and what was done; otherwise what the patient has booked
        { guard: and(['asksIfItWorked', 'justChangedAppointment']), target: 'done', actions: [say('itWorked'), ...thenAnythingElse] },
        { guard: 'asksIfItWorked', target: 'listing', actions: purpose('list') },
        // "deu certo?", "ficou marcado?" before the yes: nothing booked yet, and the question pending again
        { guard: 'asksIfItWorkedMidFlow', target: 'resuming', actions: say('notDoneYet') },
        // "ainda não sei se confirmo": no rush, and the summary again
        { guard: 'unsureAtSummary', target: 'resuming', actions: say('noRush') },
        // "quero cancelar a de dermato" to the question which one to confirm: a new ask for the language layer, no pick
        { guard: 'switchesAppointmentAsk', target: 'understanding' },
        // a pick or a yes with a clinic question beside it: the question answered, then the pick or the yes read alone
        { guard: 'shortReplyBesideQuestion', target: 'answering_beside_reply', actions: 'setAsideQuestion' },
        // after a timeout, "2" or "sim" answered the old question: the times offered then may be gone; search again?
        { guard: 'repliesToTimedOutRequest', target: 'done', actions: [followUp('resume'), say('searchAgainAfterTimeout')] },
        // "quero confirmar presença" at the summary or the times: the appointment booked confirmed, never a yes to the booking
        { guard: 'confirmsPresenceMidBooking', target: 'understanding', actions: 'splitAsks' },
        // "deixa pra lá" while booking: stop it (a bare "não" still answers the question asked)
        // while moving an appointment, giving up leaves it where it was: say so
        {
          guard: and([
            'inBookingFlow',
            flowIs('reschedule'),
            // a bare no, or "leave it", to the question of when to move it, which no yes or no answers
            or([{ type: 'repliesWith', params: { reply: 'give_up' as const } }, answers('collecting', 'no')]),
          ]),
          target: 'done',
          actions: [say('keptAppointment'), 'stopFlow', ...thenAnythingElse],
        },
        { guard: and(['inBookingFlow', { type: 'repliesWith', params: { reply: 'give_up' as const } }]), target: 'done', actions: ['stopFlow', say('stopped'), ...thenAnythingElse] },
        // "volta", "quero voltar": one step back, what was gathered before it kept: the summary → the same times; the times →
        // the date asked again; the date → the specialty asked again; elsewhere there is none (to "stop or cancel?" it goes on)
        { guard: and([answers('confirming', 'back'), 'hasOffered']), target: 'offering', actions: say('backToOptions') },
        { guard: or([answers('offering', 'back'), answers('confirming', 'back')]), target: 'collecting', actions: ['stepBackToWhen', say('steppedBack'), say('askMissing')] },
        // 'as outras opcoes' to "Para quando?" asked after "volta" at the times: the other times of that search
        { guard: and([answers('collecting', 'others'), 'steppedBackFromOptions']), target: 'searching', actions: ['returnToOptions', plan('others')] },
        { guard: and([answers('collecting', 'back'), 'canStepBackToWho']), target: 'collecting', actions: ['stepBackToWho', say('steppedBack'), say('askMissing')] },
        // to a move's "Para quando?" after the appointment was picked from the list: that list again, what the move asked kept
        {
          guard: and([answers('collecting', 'back'), flowIs('reschedule'), 'pickedFromList']),
          target: 'listing',
          actions: ['retargetMove', purpose('reschedule'), say('steppedBack')],
        },
        { guard: answers('idle', 'back'), target: 'idle', actions: [say('nothingToGoBack'), say('howCanIHelp')] },
        { guard: and([{ type: 'repliesWith', params: { reply: 'back' as const } }, not(cameFrom('cancel_or_stop'))]), target: 'resuming', actions: say('nothingToGoBack') },
        // "Você já tem consulta de Dermatologia … na sexta. Quer remarcar essa consulta?": yes moves it, no books another one;
        // anything else is read as usual (routing), with the question kept
        { guard: and(['asksAboutSameDay', { type: 'repliesWith', params: { reply: 'yes' as const } }]), target: 'appointment_chosen', actions: 'moveSameDay' },
        { guard: and(['asksAboutSameDay', { type: 'repliesWith', params: { reply: 'another_one' as const } }]), target: 'deciding', actions: [say('anotherOne'), 'keepSameDay'] },
        // "Quer marcar com ela?" after someone's hours asked while booking: yes books with her; no goes back to the booking's question
        {
          guard: and(['inBookingFlow', { type: 'suggestionIs', params: { kind: 'provider' as const } }, { type: 'repliesWith', params: { reply: 'yes' as const } }]),
          target: 'deciding',
          actions: 'takeProviderSuggestion',
        },
        {
          guard: and(['inBookingFlow', { type: 'suggestionIs', params: { kind: 'provider' as const } }, { type: 'repliesWith', params: { reply: 'no' as const } }]),
          target: 'resuming',
          actions: ['forgetSuggestion', say('okay')],
        },
        // "Quer marcar com Ortopedia?" after a symptom, "Quer marcar?" after someone's hours: yes books it; no to the
        // specialty asks which one, no to the booking stops it; anything else is read as usual, and the question is dropped
        { guard: and([answers('collecting', 'yes'), 'hasSuggestion']), target: 'deciding', actions: 'takeSuggestion' },
        {
          guard: and([answers('collecting', 'no'), { type: 'suggestionIs', params: { kind: 'symptom' as const } }]),
          target: 'collecting',
          actions: ['forgetSuggestion', say('askMissing')],
        },
        { guard: and([answers('collecting', 'no'), 'hasSuggestion']), target: 'done', actions: ['forgetSuggestion', 'stopFlow', say('okay'), ...thenAnythingElse] },
        {
          // a symptom's specialty proposed stays for the language layer: "amanhã" to it takes it, with that day (routing)
          guard: and(['hasSuggestion', not({ type: 'suggestionIs', params: { kind: 'symptom' as const } }), not('yesToProviderWithMore'), not({ type: 'suggestionIs', params: { kind: 'hours' as const } })]),
          actions: 'forgetSuggestion',
        },
        // read by the language layer, for the facts it adds (routing)
        { guard: and(['inBookingFlow', 'yesToProviderWithMore']), target: 'understanding' },
        // "À tarde ela atende na Unidade Savassi.": a yes takes that place and period
        { guard: and([answers('collecting', 'yes'), 'hasPlaceForPeriod']), target: 'deciding', actions: 'takePlaceForPeriod' },
        // the offer to show the left-out providers' times again: a yes shows them (before a yes picks the only option)
        { guard: answers('offering', 'show_again'), target: 'deciding', actions: 'showLeftOutAgain' },
        // "é com quem?", "qual o nome do médico?": who sees the patient at the times on offer, or at the one chosen
        { guard: and([cameFrom('offering'), 'hasOptions', 'asksWhoSees']), target: 'offering', actions: [say('whoOnOffer'), say('pending')] },
        { guard: and([cameFrom('confirming'), 'asksWhoSees']), target: 'confirming', actions: [say('whoChosen'), say('pending')] },
        // offering: a number, a time, "later?", "earlier?", "another day", "other times?", "none" (replies.ts)
        { guard: answers('offering', 'pick'), target: 'confirming', actions: ['chooseOffered', say('confirmSummary')] },
        // "a das 13:30" offered in an earlier list of this booking: whether it is still free, then it (or the nearest)
        { guard: and([cameFrom('offering'), 'picksEarlierOption']), target: 'checking_earlier_pick' },
        // "De manhã há atendimento … na Unidade Centro." beside the times at the place asked: a yes that picks none takes that place and period
        { guard: and([answers('offering', 'yes'), 'hasPlaceForPeriod']), target: 'deciding', actions: 'takePlaceForPeriod' },
        // "sim" to "Prefere outro dia, outro período ou outro profissional?" (none suited): which of them, with an example
        { guard: and([answers('offering', 'yes'), 'optionsDeclined']), target: 'offering', actions: say('whichChangeAgain') },
        // "sim", "ok" to "Qual prefere?" with several options: agreement, not a misunderstanding; how to pick is said
        { guard: and([answers('offering', 'yes'), 'hasOptions']), target: 'offering', actions: say('whichOptionAgain') },
        { guard: answers('offering', 'later'), target: 'searching', actions: plan('later') },
        { guard: answers('offering', 'earlier'), target: 'searching', actions: plan('earlier') },
        // "tem o quanto antes?" to the times of a day asked: that day let go, the nearest days searched
        { guard: or([answers('offering', 'nearest'), answers('confirming', 'nearest')]), target: 'deciding', actions: 'letDayGo' },
        { guard: answers('offering', 'other_day'), target: 'searching', actions: plan('next_days') },
        { guard: answers('offering', 'others'), target: 'searching', actions: plan('others') },
        // "quero outro médico", "tem outra médica?": the specialty's other providers (a move has its own way, in routing)
        { guard: and([answers('offering', 'other_provider'), 'canSeekAnotherProvider']), target: 'searching', actions: 'seekAnotherProvider' },
        // none of the free times offered to a waitlist request suits: it joins the waitlist
        { guard: and([answers('offering', 'none'), flowIs('waitlist')]), target: 'joining_waitlist' },
        { guard: answers('offering', 'none'), target: 'offering', actions: ['declineOptions', say('noneSuits')] },
        // confirming: yes writes, no goes back to the options, another number changes the pick
        { guard: and([answers('confirming', 'yes'), flowIs('reschedule')]), target: 'rescheduling' },
        { guard: answers('confirming', 'yes'), target: 'booking' },
        { guard: answers('confirming', 'no'), target: 'offering', actions: say('optionsAgain') },
        // "nenhum desses serve" to the summary: none of the times offered suits, as said to them
        { guard: and([answers('confirming', 'none'), flowIs('waitlist')]), target: 'joining_waitlist' },
        { guard: answers('confirming', 'none'), target: 'offering', actions: ['declineOptions', say('noneSuits')] },
        { guard: answers('confirming', 'pick'), target: 'confirming', actions: ['chooseOffered', say('confirmSummary')] },
        { guard: and([cameFrom('confirming'), 'picksEarlierOption']), target: 'checking_earlier_pick' },
        // confirming: asking for later, earlier, another day or other times refines the options as while offering
        { guard: answers('confirming', 'later'), target: 'searching', actions: plan('later') },
        { guard: answers('confirming', 'earlier'), target: 'searching', actions: plan('earlier') },
        { guard: answers('confirming', 'other_day'), target: 'searching', actions: plan('next_days') },
        { guard: answers('confirming', 'others'), target: 'searching', actions: plan('others') },
        { guard: and([answers('confirming', 'other_provider'), 'canSeekAnotherProvider']), target: 'searching', actions: 'seekAnotherProvider' },
        // collecting a move's new date: "mais tarde?" / "mais cedo?" look around the appointment's own time that day
        { guard: and([answers('collecting', 'later'), flowIs('reschedule'), 'hasTarget']), target: 'deciding', actions: { type: 'moveAround', params: { later: true } } },
        { guard: and([answers('collecting', 'earlier'), flowIs('reschedule'), 'hasTarget']), target: 'deciding', actions: { type: 'moveAround', params: { later: false } } },
        // collecting: "ok" alone to "Para quando?" or "Com qual especialidade?" answers neither: the question again, with an
        // example (no strike); to a yes/no question asked while collecting it is still a yes (above)
        { guard: and([answers('collecting', 'bare_ok'), 'asksOpenQuestion']), target: 'exemplifying' },
        // collecting: "não sei", "sei lá" to "Para quando?" (a booking's or a move's): the nearest times, and how to ask for another day
        { guard: 'unsureOfDate', target: 'deciding', actions: ['assumeAnyDate', say('unsureOfDate')] },
        // collecting: "tanto faz" to "Para quando?"; "o mais cedo possível" to "Com qual especialidade?" (kept, the specialty asked again)
        { guard: answers('collecting', 'any_date'), target: 'deciding', actions: 'assumeAnyDate' },
        // "qualquer uma", "tanto faz" to "Com qual especialidade ou profissional?": the clinic's specialties (no strike)
        { guard: and([answers('collecting', 'any_specialty'), 'asksOpenQuestion']), target: 'naming_specialties' },
        // "não sei" to it: the clinic's specialties too, and the question again (no strike)
        { guard: and(['unsureOfSpecialty', 'asksOpenQuestion']), target: 'naming_specialties' },
        // the patient's appointments
        { guard: and([answers('choosing_appointment', 'all'), purposeIs('cancel')]), target: 'confirming_cancel', actions: ['chooseAll', say('confirmCancel')] },
        { guard: answers('choosing_appointment', 'all'), target: 'confirming_each', actions: 'chooseAll' },
        // "não" or "deixa pra lá" to "which one do you want to confirm?": none confirmed, nothing else changes
        {
          guard: and([
            cameFrom('choosing_appointment'),
            confirmsSomething,
            or([{ type: 'repliesWith', params: { reply: 'no' as const } }, { type: 'repliesWith', params: { reply: 'give_up' as const } }, { type: 'repliesWith', params: { reply: 'none' as const } }]),
          ]),
          target: 'done',
          actions: [say('okay'), 'stopFlow', ...thenAnythingElse],
        },
        // "não" or "deixa pra lá" to "which one do you want to cancel (or move)?": none, they all stay
        {
          guard: and([
            cameFrom('choosing_appointment'),
            // "nenhuma", "nenhuma, deixa": none of them either
            or([{ type: 'repliesWith', params: { reply: 'no' as const } }, { type: 'repliesWith', params: { reply: 'give_up' as const } }, { type: 'repliesWith', params: { reply: 'none' as const } }]),
          ]),
          target: 'done',
          actions: [say('keptAppointments'), 'stopFlow', ...thenAnythingElse],
        },
        // "sim" to "is that the one to cancel?" (the only appointment, asked about after one not found): cancelled, no second question
        {
          guard: and([answers('choosing_appointment', 'yes'), purposeIs('cancel'), 'singleAppointment']),
          target: 'cancelling',
          actions: 'choosePickedAppointment',
        },
        // "a primeira, pra semana que vem": that one, and the language layer reads the new date beside it (routing)
        { guard: and([answers('choosing_appointment', 'pick'), 'saysWhenBesidePick']), target: 'understanding', actions: 'choosePickedAppointment' },
        { guard: answers('choosing_appointment', 'pick'), target: 'appointment_chosen', actions: 'choosePickedAppointment' },
        // "3" to a list of two: no appointment picked (nor the one at 15:00); the list again, and how to answer
        { guard: answers('choosing_appointment', 'number_beyond'), target: 'choosing_appointment', actions: say('whichAppointmentAgain') },
        // "sim" (or "confirmo") to "which one?" chooses none: the list again, and how to answer; nothing is done
        { guard: answers('choosing_appointment', 'yes'), target: 'choosing_appointment', actions: say('whichAppointmentAgain') },
        // "não, a 1", "não, a primeira" to whether to cancel the one picked from the list: that other one of the list, asked about in turn
        { guard: and([cameFrom('confirming_cancel'), 'picksOtherListed']), target: 'appointment_chosen', actions: 'chooseOtherListed' },
        // "no, the other one" to whether to cancel: the patient's other appointment(s), without the one asked about
        {
          guard: and([answers('confirming_cancel', 'other_appointment'), not('hasTargets')]),
          target: 'listing',
          actions: 'setAsideTarget',
        },
        // "ok marca dermato sexta": an "ok" that may only acknowledge is no yes to the cancel; it is asked again, the
        // booking kept to follow it (a yes cancels, then books; a no keeps it and asks whether to go on with the booking)
        { guard: 'okThenBooking', target: 'confirming_cancel', actions: ['keepBookingAfterOk', say('cancelAskedAgain')] },
        // "sim e já marca outra pra terça": the cancel now, the booking asked after it once it is done
        { guard: and(['yesThenBooking', 'hasTargets']), target: 'cancelling_each', actions: 'keepBookingAfterYes' },
        { guard: 'yesThenBooking', target: 'cancelling', actions: 'keepBookingAfterYes' },
        { guard: and([answers('confirming_cancel', 'yes'), 'hasTargets']), target: 'cancelling_each' },
        { guard: answers('confirming_cancel', 'yes'), target: 'cancelling' },
        // "não" to the first of two asks ("cancela a de sexta e marca dermato segunda"): whether to go on with the second
        // (a clinic question is answered without asking)
        {
          guard: and([answers('confirming_cancel', 'no'), 'hasPendingAsk', not('pendingAskIsQuestion')]),
          target: 'done',
          actions: [say('keptAppointment'), followUp('pending_ask'), say('goOnWithPendingAsk')],
        },
        { guard: answers('confirming_cancel', 'no'), target: 'done', actions: [say('keptAppointment'), ...thenAnythingElse] },
        // a reminder's "Você confirma sua presença?": "não", "não vou poder ir" ask whether to cancel or move it, not a bare "Tudo bem."
        {
          guard: and([cameFrom('confirming_appointment'), 'aboutReminded', or([{ type: 'repliesWith', params: { reply: 'no' as const } }, 'saysNotGoing'])]),
          target: 'done',
          actions: [followUp('cancel_or_move'), say('cannotCome')],
        },
        // another day or another time asked for, to the reminder (or to whether to cancel or move it): a move of that appointment
        {
          guard: and(['aboutReminded', or([{ type: 'repliesWith', params: { reply: 'other_day' as const } }, { type: 'repliesWith', params: { reply: 'others' as const } }])]),
          target: 'appointment_chosen',
          actions: 'moveTargetInstead',
        },
        // "não", "deixa" to whether to cancel or move it: it stays as it is
        {
          guard: and([
            cameFrom('done'),
            followUpIs('cancel_or_move'),
            'aboutReminded',
            or([{ type: 'repliesWith', params: { reply: 'no' as const } }, { type: 'repliesWith', params: { reply: 'give_up' as const } }, { type: 'repliesWith', params: { reply: 'none' as const } }]),
          ]),
          target: 'done',
          actions: [say('keptAppointment'), ...thenAnythingElse],
        },
        // a yes to it says neither: the question again
        { guard: and([answers('done', 'yes'), followUpIs('cancel_or_move'), 'aboutReminded']), target: 'resuming' },
        { guard: answers('confirming_appointment', 'yes'), target: 'confirming_presence' },
        { guard: answers('confirming_appointment', 'no'), target: 'done', actions: [say('okay'), ...thenAnythingElse] },
        // "parar este agendamento ou desmarcar uma consulta?"
        { guard: answers('cancel_or_stop', 'cancel_booked'), target: 'listing', actions: purpose('cancel') },
        { guard: answers('cancel_or_stop', 'stop'), target: 'done', actions: ['stopFlow', say('stopped'), ...thenAnythingElse] },
        { guard: answers('cancel_or_stop', 'continue'), target: 'resuming', actions: 'resumeInterrupted' },
        // "Quer entrar na lista de espera?"
        { guard: answers('waitlist_offered', 'yes'), target: 'joining_waitlist', actions: 'acceptOtherPeriods' },
        // "não" to joining, asked beside the times on offer ("tem fila de espera?"): nothing written, and the times again
        { guard: and([answers('waitlist_offered', 'no'), 'bookingSetAside']), target: 'returning', actions: [say('okay'), 'resumeSetAside', say('resumedBooking')] },
        { guard: answers('waitlist_offered', 'no'), target: 'done', actions: [say('okay'), ...thenAnythingElse] },
        // "e a outra também" right after confirming (or cancelling) one: the same for the other (a cancel is asked first)
        {
          guard: and([cameFrom('done'), 'asksSameForOther', 'hasTarget', or([purposeIs('confirm'), purposeIs('confirm_ask')])]),
          target: 'listing',
          actions: ['setAsideTarget', purpose('confirm')],
        },
        { guard: and([cameFrom('done'), 'asksSameForOther', 'hasTarget', purposeIs('cancel')]), target: 'listing', actions: ['setAsideTarget', purpose('cancel')] },
        // "então me avisa", "fico no aguardo": a yes to joining the waitlist; right after joining, we will let them know;
        // after anything else done, it closes the exchange as "ok" does (never a strike)
        { guard: answers('waitlist_offered', 'waiting'), target: 'joining_waitlist', actions: 'acceptOtherPeriods' },
        // "1", "a das 14h" instead of a yes or no to joining, asked beside the times on offer: read as an answer to the times
        { guard: and([cameFrom('waitlist_offered'), 'bookingSetAside']), target: 'reading_reply', actions: 'resumeSetAside' },
        { guard: and([answers('offering', 'waiting'), flowIs('waitlist')]), target: 'joining_waitlist' },
        { guard: and([answers('done', 'waiting'), followUpIs('join_waitlist')]), target: 'deciding', actions: 'startAskedWaitlist' },
        { guard: and([answers('done', 'waiting'), followUpIs('handoff')]), target: 'handing_off' },
        { guard: and([answers('done', 'waiting'), 'joinedWaitlist']), target: 'idle', actions: say('willLetYouKnow') },
        // "na verdade não quero mais" right after joining: about that entry (whether to leave it is asked), not a no to "anything else?"
        { guard: and([cameFrom('done'), 'joinedWaitlist', ({ context }) => noLongerWanted(context.text)]), target: 'checking_waitlist_leave' },
        { guard: or([answers('done', 'waiting'), and([answers('idle', 'waiting'), 'greeted'])]), target: 'idle', actions: say('goodbye') },
        // done: yes/no answer the follow-up question asked; "ok"/"obrigado" after "anything else?" closes,
        // while "ok" to "book another time?" is a yes
        { guard: and([answers('done', 'thanks'), followUpIs('more')]), target: 'idle', actions: say('goodbye') },
        { guard: and([answers('done', 'yes'), followUpIs('pending_ask')]), target: 'understanding', actions: 'takePendingAsk' },
        { guard: and([answers('done', 'yes'), followUpIs('next_specialty')]), target: 'deciding', actions: 'startQueuedSpecialty' },
        { guard: and([answers('done', 'yes'), followUpIs('handoff')]), target: 'handing_off' },
        // the question whether to leave the one entry, or which of several: yes removes the one; "2" or "todos" those picked;
        // a bare yes to which asks again; no keeps them
        { guard: and([cameFrom('done'), followUpIs('leave_waitlist'), 'leavingSeveral', 'picksLeaving']), target: 'leaving_waitlist', actions: 'keepPickedLeaving' },
        { guard: and([cameFrom('done'), followUpIs('leave_waitlist'), 'leavingOne', 'acceptsLeaving']), target: 'leaving_waitlist' },
        { guard: and([cameFrom('done'), followUpIs('leave_waitlist'), 'leavingSeveral', or([answers('done', 'yes'), 'picksBeyondLeaving', 'leavesListShown'])]), target: 'done', actions: say('chooseWaitlistToLeave') },
        { guard: and([answers('done', 'no'), followUpIs('leave_waitlist'), 'bookingSetAside']), target: 'returning', actions: [say('keptOnWaitlist'), 'resumeSetAside', say('resumedBooking')] },
        { guard: and([answers('done', 'no'), followUpIs('leave_waitlist')]), target: 'done', actions: [say('keptOnWaitlist'), ...thenAnythingElse] },
        { guard: and([answers('done', 'yes'), followUpIs('rebook')]), target: 'deciding', actions: 'startRebook' },
        { guard: and([answers('done', 'yes'), followUpIs('resume')]), target: 'deciding', actions: 'resumeTimedOutRequest' },
        { guard: and([answers('done', 'yes'), followUpIs('book')]), target: 'deciding', actions: 'startBookingAfterMove' },
        // "Quer entrar na lista de espera de Dermatologia?" after the patient asked whether they were on it
        { guard: and([answers('done', 'yes'), followUpIs('join_waitlist')]), target: 'deciding', actions: 'startAskedWaitlist' },
        // "sim", "ok" to the reminder of a confirmed appointment (nothing asked): taken in, nothing more
        { guard: and([answers('done', 'yes'), followUpIs('reminded')]), target: 'idle', actions: say('goodbye') },
        { guard: answers('done', 'yes'), target: 'idle', actions: say('sureWhatDoYouNeed') },
        { guard: answers('done', 'no'), target: 'idle', actions: say('goodbye') },
        { guard: answers('done', 'thanks'), target: 'idle', actions: say('goodbye') },
        // "ok", "blz" with no question pending (the first message, or after a goodbye): taken in, and what can be asked;
        // nothing is confirmed or changed ("obrigado" still says goodbye)
        { guard: and([answers('idle', 'thanks'), not('askedMore'), not('thanks')]), target: 'idle', actions: [say('acknowledged'), say('help')] },
        { guard: answers('idle', 'thanks'), target: 'idle', actions: say('goodbye') },
        // "sim" to "Posso ajudar em mais alguma coisa?" said after a clinic answer: what do you need (no reminder is answered)
        { guard: and([answers('idle', 'yes'), 'askedMore']), target: 'idle', actions: say('sureWhatDoYouNeed') },
        // "ss", "sim" to the question what the patient needs (after a message not understood): a yes answers no open question (no reminder is confirmed)
        { guard: and([answers('idle', 'yes'), 'askedWhatNeeded']), target: 'idle', actions: say('sureWhatDoYouNeed') },
        // a no ("nao, obrigado") to the sureWhatDoYouNeed line (or with nothing asked): nothing more wanted
        { guard: answers('idle', 'no'), target: 'idle', actions: say('goodbye') },
        // 'tchau' in the middle of something: nothing is done, the question is kept for a later answer but not asked again
        { guard: and([{ type: 'repliesWith', params: { reply: 'gratitude' as const } }, 'saidGoodbye']), target: 'returning', actions: say('leavingMidway') },
        // "obrigado!" in the middle of something: welcome, and the question again
        { guard: { type: 'repliesWith', params: { reply: 'gratitude' } }, target: 'resuming', actions: say('youAreWelcome') },
        { target: 'understanding', actions: 'splitAsks' },
      ],
    },
    understanding: {
      invoke: {
        src: 'understand',
        input: ({ context }) => ({ message: context.text, now: context.now }),
        onDone: [
          // "esperei duas horas, quero remarcar": the ask goes on, after an apology for the complaint beside it
          {
            guard: { type: 'complainsBesideAsk', params: ({ event }) => ({ understanding: event.output }) },
            target: 'routing',
            actions: [{ type: 'storeUnderstanding', params: ({ event }) => ({ understanding: event.output }) }, 'forgetComplaintDay', 'hearComplaint', say('complaintHeard')],
          },
          // "quero marcar outra com ela", no one named before: who "ela" is, from the patient's appointments
          {
            guard: { type: 'refersToProviderUnnamed', params: ({ event }) => ({ understanding: event.output }) },
            target: 'finding_referred_provider',
            actions: { type: 'storeUnderstanding', params: ({ event }) => ({ understanding: event.output }) },
          },
          {
            target: 'routing',
            actions: { type: 'storeUnderstanding', params: ({ event }) => ({ understanding: event.output }) },
          },
        ],
        onError: { target: 'resuming', actions: say('unreadable') },
      },
    },
    /** the patient's upcoming appointments, for the one provider a pronoun may mean; then on as read (none or several: as said) */
    finding_referred_provider: {
      invoke: {
        src: 'listAppointments',
        input: () => ({}),
        onDone: { target: 'routing', actions: { type: 'takeAppointmentProvider', params: ({ event }) => ({ appointments: event.output }) } },
        onError: { target: 'routing' },
      },
    },
    /** what the language layer read decides the way on */
    routing: {
      always: [
        // the name asked after a booking, given alone: saved; a name the language layer reads an ask in drops the question
        { guard: and([cameFrom('done'), followUpIs('patient_name'), 'givesName']), target: 'saving_name' },
        { guard: and([cameFrom('done'), followUpIs('patient_name')]), actions: 'dropNameQuestion' },
        // "a de cardio", "a do dermato" to which waitlist entry to leave: the one(s) of what it names, removed (no booking of it)
        { guard: and([cameFrom('done'), followUpIs('leave_waitlist'), 'leavingSeveral', 'namesLeaving']), target: 'leaving_waitlist', actions: 'keepNamedLeaving' },
        // anything else to the question whether (or which) to leave, asked in the middle of a booking: read as a reply to the booking
        { guard: and([cameFrom('done'), followUpIs('leave_waitlist'), 'bookingSetAside']), target: 'reading_reply', actions: 'resumeSetAside' },
        // "a de terça às 8 com a dra ana" while times are on offer: the one option it describes, as "a das 14h" picks
        { guard: 'describesOneOption', target: 'confirming', actions: ['chooseDescribed', say('confirmSummary')] },
        // to "Você já tem consulta … Quer remarcar essa consulta?": "sim, pra segunda" moves it to what the message says;
        // facts alone ("14h", "de tarde") are the new booking's, and the reply says the appointment stays; another ask
        // ("quero dermato", "cancela a de sexta") drops the question
        { guard: and(['asksAboutSameDay', 'yesWithoutAsk', 'givesFacts', 'namesNoOneElse']), target: 'appointment_chosen', actions: ['mergeFacts', 'moveSameDay'] },
        // "quero marcar retorno com ela" after "ontem fui atendida pela dra ana": read as naming her, then on as below
        { guard: 'refersToNamedProvider', actions: 'takeNamedProvider' },
        // "e ela pediu retorno" after it: the return visit with her, said so
        {
          guard: and(['refersToNamedProviderAlone', 'asksReturnVisit', not('inBookingFlow')]),
          target: 'deciding',
          actions: ['forgetSuggestion', say('returnVisit'), { type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'],
        },
        // "o silva", "o primeiro" to "Com qual deles?" (one name that fitted several providers): that one
        { guard: 'picksFromProviderChoice', target: 'deciding', actions: 'takeProviderChoice' },
        { guard: 'takesAnyProvider', target: 'deciding', actions: 'takeAnyProvider' },
        // "qualquer médico" at "Para quando?": taken in, and the booking goes on with any doctor of the specialty
        { guard: 'takesAnyProviderOfSpecialty', target: 'deciding', actions: ['takeAnyProviderOfSpecialty', say('anyProviderTaken')] },
        // "é pra minha mãe": another appointment besides the patient's, which stays (never a move of hers)
        { guard: and(['asksAboutSameDay', 'booksForRelative', not('asksOwnQuestion')]), actions: [say('anotherOneBeside'), 'keepSameDay'] },
        // "com a dra ana", "pra segunda": a yes with that fact (asking again would only repeat the question)
        { guard: and(['asksAboutSameDay', 'movesSameDayWith', not('asksOwnQuestion')]), target: 'appointment_chosen', actions: ['mergeFacts', 'moveSameDay', 'otherProviderIfNamed'] },
        {
          guard: and(['asksAboutSameDay', 'givesFacts', 'namesNoOneElse', or([intentIs('book'), intentIs('unknown')]), not('asksOwnQuestion')]),
          actions: [say('anotherOneBeside'), 'keepSameDay'],
        },
        { guard: and(['asksAboutSameDay', 'givesFacts', not('asksOwnQuestion')]), actions: 'forgetSameDay' },
        // "sim, pra sexta de manhã" to "Quer marcar com Ortopedia?": that specialty, with the facts the message adds
        { guard: and(['yesToSymptomWithMore', 'givesFacts', 'namesNoOneElse']), target: 'deciding', actions: ['takeSuggestion', 'mergeFacts'] },
        // "amanhã", "sexta de manhã" to it, no yes said: the day given takes the specialty proposed too (not asked again)
        { guard: and(['whenForSymptom', 'namesNoOneElse']), target: 'deciding', actions: ['takeSuggestion', 'mergeFacts'] },
        // a yes with a day or period to booking with whom the hours were asked of: the booking with them, with the facts it adds
        {
          guard: and(['inBookingFlow', 'yesToProviderWithMore', 'givesFacts', 'namesNoOneElse']),
          target: 'deciding',
          actions: ['takeProviderSuggestion', 'mergeFacts'],
        },
        // "não fui atendida hoje, esperei duas horas": sorry, and a person offered (asked when nothing else is pending; else
        // said, and the pending question again); never read as a visit told or an appointment missed
        {
          guard: and(['complains', 'nothingPending']),
          target: 'done',
          actions: ['forgetSuggestion', 'hearComplaint', say('complaintHeard'), followUp('handoff'), say('offerComplaintHandoff')],
        },
        {
          guard: and(['complains', not('givesFacts')]),
          target: 'resuming',
          actions: ['forgetSuggestion', 'hearComplaint', say('complaintHeard'), say('complaintHandoffAvailable')],
        },
        // "perdi minha consulta ontem": no blame, and the appointment missed looked up, to move it (see `listed`); no "já passou"
        {
          guard: 'missedAppointment',
          target: 'listing',
          actions: ['forgetSuggestion', 'beginMove', 'moveMissed', purpose('reschedule')],
        },
        // "ontem fui atendida pela dra ana e ela pediu retorno": the return visit booked (with her), not that past day; in the
        // middle of a booking (after "Quer marcar?" about someone's hours) that booking becomes the return
        {
          guard: and(['toldPastVisit', 'asksReturnVisit', 'continuesBooking']),
          target: 'deciding',
          actions: ['forgetSuggestion', say('returnVisit'), 'forgetVisitDay', 'mergeFacts'],
        },
        {
          guard: and(['toldPastVisit', 'asksReturnVisit']),
          target: 'deciding',
          actions: ['forgetSuggestion', say('returnVisit'), 'forgetVisitDay', { type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'],
        },
        // "fui atendida pela dra ana, obrigada": thanks for a past visit taken in (a person offered the turn before is
        // not offered again "to answer" it: nothing was asked)
        {
          guard: and(['toldPastVisit', 'thanks', cameFrom('done'), followUpIs('handoff')]),
          target: 'idle',
          actions: ['forgetSuggestion', say('gladToHear'), say('anythingElse')],
        },
        { guard: and(['toldPastVisit', 'thanks', 'nothingPending']), target: 'resuming', actions: ['forgetSuggestion', say('gladToHear')] },
        // "ontem fui atendida pela dra ana": told, nothing asked; how we can help (no booking of that day)
        // while booking, told only: taken in, and the booking's question again
        { guard: and(['toldPastVisit', 'continuesBooking']), target: 'resuming', actions: ['forgetSuggestion', say('thanksForTelling')] },
        { guard: 'toldPastVisit', target: 'idle', actions: ['forgetSuggestion', say('pastVisitNoted')] },
        // "fui atendida ontem, quero marcar outra consulta": the booking, that past day no wish ("já passou" not said)
        {
          guard: and(['mentionsPastVisit', intentIs('book')]),
          target: 'deciding',
          actions: ['forgetSuggestion', 'forgetVisitDay', { type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'],
        },
        // an hours question with a pronoun: read as naming the provider in play, then on as below
        { guard: 'asksHoursOfProviderInPlay', actions: 'takeProviderInPlay' },
        // "não tem sexta?" to Friday's times: these are Friday's; which one is asked again (no search of the same day)
        { guard: 'asksDayShown', target: 'resuming', actions: say('timesAreOfThatDay') },
        // "quero falar com o dr paulo": not put through here (a person can be called); their hours, then whether to book with them
        {
          guard: and([{ type: 'asksAboutProvider', params: { about: 'talk' as const } }, not('inBookingFlow')]),
          target: 'answering_hours',
          actions: ['forgetSuggestion', say('cannotPutThrough'), say('providerSpecialty')],
        },
        { guard: { type: 'asksAboutProvider', params: { about: 'talk' as const } }, target: 'answering_hours_aside', actions: ['forgetSuggestion', say('cannotPutThrough')] },
        // "o dr paulo é bom?": no opinion given; what the clinic has on them (their hours), then whether to book with them
        {
          guard: and([{ type: 'asksAboutProvider', params: { about: 'opinion' as const } }, not('inBookingFlow')]),
          target: 'answering_hours',
          actions: ['forgetSuggestion', say('noOpinion'), say('providerSpecialty')],
        },
        { guard: { type: 'asksAboutProvider', params: { about: 'opinion' as const } }, target: 'answering_hours_aside', actions: ['forgetSuggestion', say('noOpinion')] },
        // "quais dias a dra ana atende? quanto custa?": the hours question read alone, the other answered beside the hours
        { guard: 'hoursThenQuestion', target: 'understanding', actions: 'setHoursQuestionApart' },
        // "quais dias a dra ana atende?": the weekly hours, then whether to book with them
        { guard: 'asksProviderHours', target: 'answering_hours', actions: 'forgetSuggestion' },
        // "o dr paulo é dermatologista?": whether they are, from who practises it (never a booking of a mismatch)
        { guard: and(['asksIfProviderPractises', not('inBookingFlow')]), target: 'checking_provider_specialty', actions: 'forgetSuggestion' },
        // "a dra ana vai atrasar hoje?": not known here; a person offered (no booking of that day)
        {
          guard: and([{ type: 'asksAboutProvider', params: { about: 'late' as const } }, 'nothingPending']),
          target: 'done',
          actions: ['forgetSuggestion', say('noInfoOnProvider'), ...thenOfferStaff],
        },
        // "o dr paulo tem whatsapp?", "qual a especialidade do dr rui?": no booking; what the clinic has on them, then whether to book
        {
          guard: and([{ type: 'asksAboutProvider', params: { about: 'other' as const } }, not('inBookingFlow')]),
          target: 'answering_hours',
          actions: ['forgetSuggestion', say('noInfoOnProviderStaffCan'), say('providerSpecialty')],
        },
        // the hours asked while booking: the hours, then back to the booking (or whether to book with them instead)
        { guard: 'asksHoursMidBooking', target: 'answering_hours_aside', actions: 'forgetSuggestion' },
        // "o dr rui é dermatologista?" while booking: yes or no from who practises it, then the booking's question again
        // (the booking is not moved to them)
        { guard: and(['asksIfProviderPractises', 'inBookingFlow']), target: 'checking_provider_specialty_aside', actions: 'forgetSuggestion' },
        // another question of a provider asked while booking ("o dr paulo tem whatsapp?" at "Para quando?"): said, and the booking's question again,
        // the booking as it was (not moved to them); whether they practise a specialty is read as before
        {
          guard: and([{ type: 'asksAboutProvider', params: { about: 'other' as const } }, not('asksIfProviderPractises')]),
          target: 'resuming',
          actions: ['forgetSuggestion', say('noInfoOnProviderStaffCan'), say('providerSpecialty')],
        },
        { guard: 'hasSuggestion', actions: 'forgetSuggestion' },
        // "voce e um robo?", "quem e voce?": who answers here, and that a person can be called (an ask for a person,
        // "quero falar com um humano", says more and hands off below)
        { guard: 'asksAboutAssistant', target: 'introducing' },
        // "oi dr paulo": the hello is read by the clinic's assistant, not the doctor; who answers here is said
        { guard: 'greetsDoctor', target: 'introducing' },
        { guard: intentIs('handoff'), target: 'handing_off' },
        // small talk about the conversation: no strike, and the question pending again (or how we can help)
        { guard: 'checksPresence', target: 'resuming', actions: say('stillHere') },
        { guard: 'asksToRepeat', target: 'resuming', actions: say('sayAgain') },
        { guard: 'asksWhatNow', target: 'resuming', actions: say('whatNow') },
        { guard: 'asksAboutAttachments', target: 'resuming', actions: say('attachments') },
        { guard: 'asksMayIAsk', target: 'returning', actions: say('goAheadAndAsk') },
        // "quero sair da lista de espera": whether the patient is on any, then (this channel cannot remove an entry) a person offered
        { guard: or(['asksToLeaveWaitlist', 'leavesListShown']), target: 'checking_waitlist_leave', actions: 'setBookingAside' },
        // "recebi uma mensagem de vaga, ainda tá disponível?": the entries and the freed time awaiting an answer (a yes then takes it)
        { guard: 'mentionsOffer', target: 'listing_waitlist' },
        // "não, só a primeira", "só a do cardio" to "Desmarco as duas?": whether to cancel that one alone
        { guard: 'singlesOutTarget', target: 'confirming_cancel', actions: ['keepOneTarget', say('confirmCancel')] },
        // facts and a clinic question as its own part while booking: the facts read alone, the question answered beside them
        // (a new booking asked with the question too, "quanto custa? e tem cardio amanha?" or "cardio amanha e quanto custa?":
        // the unit asked about is no wish)
        {
          guard: and([
            or(['continuesBooking', intentIs('book'), 'booksAfterQuestion', 'booksBeforeQuestion']),
            or(['asksAboutClinic', intentIs('book')]),
            'factsBesideQuestion',
          ]),
          target: 'understanding',
          actions: 'setAsideQuestion',
        },
        // the words before the question, read alone, gave nothing a booking can use: the question answered, the booking's question again
        { guard: and(['continuesBooking', 'asideQuestion', not('givesFacts')]), target: 'answering', actions: 'takeAsideQuestionBack' },
        // "e no centro?" right after "que horas abre a savassi sábado?" was answered: the same question, of the centro
        { guard: 'followsUpClinicQuestion', target: 'answering', actions: 'followUpClinicQuestion' },
        { guard: 'asksAboutClinic', target: 'answering' },
        // "vou chegar 10 min atrasada": thanked, today's appointment named, a person offered to tell the front desk
        { guard: 'saysLate', target: 'noting_lateness' },
        // right after booking, when or with whom it is: the appointments, that one among them
        { guard: 'asksAboutJustBooked', target: 'listing', actions: purpose('list') },
        // right after the patient's appointments were shown, "que horas?": those again, with when and with whom
        { guard: 'asksAboutShownAppointments', target: 'listing', actions: purpose('list') },
        // right after they were shown, "e sexta?": the appointments of that day (none: said, and the upcoming ones), no booking
        { guard: 'followsUpShownAppointments', target: 'listing', actions: purpose('list') },
        // right after booking, a correction of its day or time: a move of the appointment just booked
        { guard: 'correctsJustBooked', target: 'appointment_chosen', actions: 'moveJustBooked' },
        // two specialties, each with its own day: one after the other
        { guard: 'specialtiesWithOwnDays', target: 'understanding', actions: 'splitSpecialtyAsks' },
        { guard: and([cameFrom('choosing_appointment'), purposeIs('reschedule'), 'hasTarget', not('switchesAppointmentAsk')]), target: 'appointment_chosen', actions: 'takeMoveFactsOfChoice' },
        {
          guard: and([cameFrom('choosing_appointment'), 'identifiesAppointment', not('switchesAppointmentAsk')]),
          target: 'appointment_chosen',
          actions: ['chooseIdentifiedAppointment', 'takeMoveFactsOfChoice'],
        },
        // "a de cardio" when more than one listed is of cardiology: which one, asked again (no new booking)
        { guard: and([cameFrom('choosing_appointment'), 'namesSeveralListed', not('switchesAppointmentAsk')]), target: 'choosing_appointment', actions: say('whichAppointmentAgain') },
        // "com a dra juliana" to which one, none listed with her: said, and which one asked again (no booking with her, nothing moved)
        { guard: and([cameFrom('choosing_appointment'), 'namesProviderOfNoneListed', not('switchesAppointmentAsk')]), target: 'choosing_appointment', actions: say('noneListedWithProvider') },
        // "mesmo horario na quinta" to which appointment to move: that new day (and the time kept) stay, which one asked again
        { guard: and([cameFrom('choosing_appointment'), 'saysOnlyWhenOfMove']), target: 'choosing_appointment', actions: ['takeMoveFactsOfChoice', say('whichAppointmentAgain')] },
        // "não não, a de sexta" to "Desmarco?" about the one of Wednesday: that other appointment, asked about in turn (no new booking)
        { guard: and([cameFrom('confirming_cancel'), purposeIs('cancel'), 'pointsAtAnotherAppointment']), target: 'listing', actions: 'setAsideTarget' },
        // "não consigo ir à tarde" to the times offered: the afternoon refused, the booking corrected
        { guard: and([intentIs('cancel'), 'inBookingFlow', 'refusesPeriod', 'givesFacts']), target: 'deciding', actions: ['readPeriodRefused', 'mergeFacts'] },
        // a cancel while booking that names a booked appointment: no question whether to stop the booking
        { guard: and([intentIs('cancel'), 'inBookingFlow', 'namesOtherAppointment']), target: 'listing', actions: ['interrupt', purpose('cancel')] },
        // "na verdade quero cancelar" while moving an appointment: whether to cancel that one (no booking to stop)
        { guard: and([intentIs('cancel'), 'inBookingFlow', flowIs('reschedule'), 'hasTarget']), target: 'appointment_chosen', actions: 'cancelMoveTarget' },
        { guard: and([intentIs('cancel'), 'inBookingFlow']), target: 'cancel_or_stop', actions: ['interrupt', say('cancelOrStop')] },
        // "cancela" right after joining the waitlist, naming no appointment: that waitlist entry, not an appointment
        { guard: and([intentIs('cancel'), 'joinedWaitlist', not('givesFacts')]), target: 'checking_waitlist_leave' },
        // "na verdade pode ser qualquer sábado" right after joining: the same request for those days (its specialty or
        // provider kept), which replaces the entry just written once it is written
        // "pode ser sábado também": those days added to the entry's, not put in their place
        { guard: and([cameFrom('done'), 'joinedWaitlist', 'changesOnlyWhen', 'saysAlso']), target: 'deciding', actions: 'widenJoinedWaitlist' },
        { guard: and([cameFrom('done'), 'joinedWaitlist', 'changesOnlyWhen']), target: 'deciding', actions: ['reviseJoinedWaitlist', 'mergeFacts'] },
        // "desmarca" to whether to confirm presence (a reminder's, or after the reminder of a confirmed one, or to whether
        // to cancel or move it): that appointment, asked "Desmarco?" (never which one)
        {
          guard: and([or([cameFrom('confirming_appointment'), 'aboutReminded']), 'hasTarget', intentIs('cancel'), not('namesOtherThanTarget')]),
          target: 'appointment_chosen',
          actions: 'cancelMoveTarget',
        },
        { guard: intentIs('cancel'), target: 'listing', actions: purpose('cancel') },
        // "quero outra cardio sexta" while moving an appointment: another one besides it (it stays, and is said to), not the move
        {
          guard: and(['inBookingFlow', flowIs('reschedule'), 'hasTarget', 'asksAnotherBesideMove']),
          target: 'deciding',
          actions: [say('anotherBesideMove'), 'bookBesideMove', 'mergeFacts'],
        },
        // "prefiro outro médico" while moving an appointment: the same move, to another provider
        {
          guard: and(['inBookingFlow', flowIs('reschedule'), 'hasTarget', 'changesProvider']),
          target: 'deciding',
          actions: ['askOtherProvider', 'prepareProviderChange', say('movingToOtherProvider')],
        },
        // "pode remarcar" to "Desmarco?" or to whether to confirm presence: a move of that appointment, nothing cancelled
        {
          guard: and([or([cameFrom('confirming_cancel'), cameFrom('confirming_appointment'), 'aboutReminded']), 'hasTarget', intentIs('reschedule'), not('namesOtherThanTarget')]),
          target: 'appointment_chosen',
          actions: 'moveTargetInstead',
        },
        // "mesmo horario na quinta" to "Desmarco?": that appointment moved to the day said, its time kept, nothing cancelled
        { guard: and(['keepsTargetTime', not('namesOtherThanTarget')]), target: 'appointment_chosen', actions: 'moveTargetInstead' },
        // "pode ser sexta?" to "Desmarco?": that appointment moved to the day said, nothing cancelled
        { guard: 'asksWhenInsteadForTarget', target: 'appointment_chosen', actions: 'moveTargetInstead' },
        // "na verdade é a de terça" / "não, era a outra" while moving Friday's appointment: the move is of that other one
        // (the day or time already asked for the move stays: only which appointment moves changes)
        { guard: and(['inBookingFlow', flowIs('reschedule'), 'hasTarget', 'namesAnotherMoveTarget']), target: 'listing', actions: ['retargetMove', purpose('reschedule')] },
        {
          guard: and(['inBookingFlow', flowIs('reschedule'), 'hasTarget', { type: 'repliesWith', params: { reply: 'other_appointment' as const } }]),
          target: 'listing',
          actions: ['retargetMove', 'setAsideTarget', purpose('reschedule')],
        },
        // "com a dra ana" while moving Dr. Rui's appointment: a change of doctor to her, whether she sees its specialty checked
        // first (a dermatology retorno is never moved to a cardiologist silently)
        {
          guard: and(['inBookingFlow', flowIs('reschedule'), 'hasTarget', 'namesProviderForMove']),
          target: 'checking_new_provider',
          actions: ['mergeFacts', 'askOtherProvider'],
        },
        // "quero trocar a dra ana pelo dr paulo": a move of the appointment with her to him, not a search for him
        { guard: and([not('inBookingFlow'), 'swapsProvider']), target: 'listing', actions: ['beginMove', 'askOtherProvider', purpose('reschedule')] },
        // "quero trocar de médico na consulta de cardio": a move of that appointment to another provider, not a new booking
        { guard: and([not('inBookingFlow'), 'changesProvider']), target: 'listing', actions: ['beginMove', 'askOtherProvider', purpose('reschedule')] },
        // "muda pra sexta" while booking: a correction of that booking, not a move of another appointment
        { guard: and(['inBookingFlow', 'unsureMove', 'givesFacts']), target: 'deciding', actions: 'mergeFacts' },
        // "não consegui ir na consulta de hoje, posso remarcar pra amanhã?": the move of that missed appointment (looked up)
        { guard: and([intentIs('reschedule'), 'saysMissed']), target: 'listing', actions: ['beginMove', 'moveMissed', purpose('reschedule')] },
        { guard: intentIs('reschedule'), target: 'listing', actions: ['beginMove', purpose('reschedule')] },
        // "mesmo horario só que na quinta", "pode ser no mesmo horario na quinta?": an appointment booked moved, its time kept
        { guard: 'keepsBookedTime', target: 'listing', actions: ['beginMove', purpose('reschedule')] },
        // "quais consultas eu tenho?" at the times or the summary: the list, then the booking's (or the move's) question again
        { guard: and([intentIs('list'), 'inBookingFlow']), target: 'listing_aside' },
        { guard: intentIs('list'), target: 'listing', actions: purpose('list') },
        // "a de dermato" right after the list: that one of it (never a new booking of its specialty)
        { guard: 'pointsAtListedAppointment', target: 'listing', actions: purpose('list') },
        // "confirmo! posso levar acompanhante?": the confirmation read alone, the question answered once it is done
        { guard: 'confirmBesideQuestion', target: 'understanding', actions: 'setAsideQuestion' },
        // "vou sim", "confirmo" to whether to confirm presence (a reminder's too): that appointment, never which one
        {
          guard: and([cameFrom('confirming_appointment'), 'hasTarget', intentIs('confirm'), not('namesSomeoneElse'), not('namesOtherThanTarget')]),
          target: 'confirming_presence',
        },
        // "confirmo" after the reminder of a confirmed appointment: it is, said so (no other one confirmed instead)
        { guard: and([cameFrom('done'), 'aboutReminded', 'targetConfirmed', intentIs('confirm')]), target: 'done', actions: [say('isConfirmed'), ...thenAnythingElse] },
        // "confirmo a consulta da minha filha": only the patient's own record is seen here, so whether to confirm is asked
        { guard: and(['confirmsPresence', 'namesSomeoneElse', not('inBookingFlow')]), target: 'listing', actions: purpose('confirm_ask') },
        // switching to it in the middle of a booking leaves that booking, as a move does
        { guard: and(['confirmsPresence', 'inBookingFlow']), target: 'listing', actions: ['stopFlow', purpose('confirm')] },
        { guard: 'confirmsPresence', target: 'listing', actions: purpose('confirm') },
        { guard: 'maybeConfirmsPresence', target: 'listing', actions: purpose('confirm_ask') },
        // asking whether they are on the waitlist, or their place in it: the entries the patient has, not a new one
        { guard: 'asksWaitlistStatus', target: 'listing_waitlist' },
        // "tem lista de espera?" while booking: yes, and whether to join it for this request (nothing written before a yes)
        { guard: and([intentIs('waitlist'), 'continuesBooking', 'asksIfWaitlistExists', 'knowsWhoToBook']), target: 'waitlist_offered', actions: ['setBookingAside', say('waitlistExists')] },
        { guard: and([intentIs('waitlist'), 'continuesBooking']), target: 'deciding', actions: 'switchToWaitlist' },
        // "me coloca na lista de espera" to the offer of another time after a cancel, naming no one: that appointment's kind
        {
          guard: and([intentIs('waitlist'), cameFrom('done'), followUpIs('rebook'), 'hasTarget', 'namesNoOneToBook']),
          target: 'deciding',
          actions: ['startRebookWaitlist', 'mergeFacts'],
        },
        { guard: intentIs('waitlist'), target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'waitlist' } }, 'mergeFacts'] },
        // "tem com médica mulher?": the booking (this one, or a new one) with the providers of that form
        { guard: and(['asksProviderForm', 'continuesBooking']), target: 'deciding', actions: ['mergeFacts', 'storeProviderForm'] },
        { guard: 'asksProviderForm', target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts', 'storeProviderForm'] },
        // "dr joão", "quero marcar com a dra camila": no one of that name; said (deciding), and the booking goes on
        { guard: and(['namesUnknownProvider', 'continuesBooking']), target: 'deciding', actions: 'mergeFacts' },
        { guard: 'namesUnknownProvider', target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'] },
        // "to com dor no joelho": the specialty that sees it is proposed before booking
        { guard: and(['describesSymptom', 'continuesBooking']), target: 'suggesting_specialty', actions: 'mergeFacts' },
        { guard: 'describesSymptom', target: 'suggesting_specialty', actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'] },
        // "tem vaga pra dermato amanhã?" to the free times of a waitlist request: searched, and joining asked if none (not done)
        {
          guard: and([cameFrom('offering'), flowIs('waitlist'), 'waitlistSearched', 'asksAboutTimes', 'givesFacts']),
          target: 'deciding',
          actions: ['mergeFacts', 'askWaitlistAgain'],
        },
        // another ask while the free times of a waitlist request are on offer: "quero marcar dermato amanhã" books it; facts
        // that change the request ("na verdade quero pediatria") are searched first again; neither joins the waitlist unasked
        { guard: and([cameFrom('offering'), flowIs('waitlist'), 'asksToBookOutright']), target: 'deciding', actions: ['bookInsteadOfWaiting', 'mergeFacts'] },
        { guard: and([cameFrom('offering'), flowIs('waitlist'), 'givesFacts']), target: 'deciding', actions: ['mergeFacts', 'forgetWaitlistSearch'] },
        { guard: and(['givesFacts', 'continuesBooking']), target: 'deciding', actions: 'mergeFacts' },
        // facts given in answer to booking the next specialty queued (another day): that specialty, with what the message changes
        { guard: and(['givesFacts', cameFrom('done'), followUpIs('next_specialty')]), target: 'deciding', actions: ['startQueuedSpecialty', 'mergeFacts'] },
        // "sim, amanhã" to "Quer marcar uma nova consulta?" after a move of an appointment the patient does not have:
        // the booking with the provider the move named, with what the message adds
        { guard: and(['givesFacts', cameFrom('done'), followUpIs('book')]), target: 'deciding', actions: ['startBookingAfterMove', 'mergeFacts'] },
        // facts in answer to "book another time?" after a cancel: the appointment cancelled is the kind to book
        { guard: and(['givesFacts', cameFrom('done'), followUpIs('rebook')]), target: 'deciding', actions: ['startRebookWithFacts', 'mergeFacts'] },
        // "sim, mas de tarde" to searching again for the booking that timed out: it, with what the message changes
        { guard: and(['givesFacts', cameFrom('done'), followUpIs('resume')]), target: 'deciding', actions: ['resumeTimedOutRequest', 'mergeFacts'] },
        // "não, quero marcar dermato sexta" to "Desmarco?": nothing is cancelled, and the patient is told so before the booking
        {
          guard: and(['givesFacts', cameFrom('confirming_cancel')]),
          target: 'deciding',
          actions: [say('keptAskedAppointment'), { type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'],
        },
        // "sim, pra sexta de manhã" to joining the waitlist asked about: that request, with what the message adds
        // (a booking asked instead, "quero marcar cardio amanhã", is read as one: below)
        { guard: and(['givesFacts', cameFrom('done'), followUpIs('join_waitlist'), or(['yesWithoutAsk', intentIs('waitlist')])]), target: 'deciding', actions: ['startAskedWaitlist', 'mergeFacts'] },
        // "ontem a dra ana me atendeu muito bem, obrigada": thanks for a past visit, no booking of that past day
        { guard: and(['pastDayOnly', 'thanks']), target: 'resuming', actions: say('gladToHear') },
        { guard: 'givesFacts', target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'] },
        // "é pra minha filha de 8 anos": only whom it is for (no strike); the booking's question again, or a booking begun
        { guard: and(['onlyWhoFor', 'continuesBooking']), target: 'resuming', actions: say('notedWhoFor') },
        { guard: and(['onlyWhoFor', 'nothingPending']), target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'] },
        // a greeting with more to say, as the first message after a timeout: search again for that booking?
        // "olá, queria saber quanto custa a consulta": the words before the question only greeted; the question answered
        { guard: and([intentIs('greeting'), 'asideQuestion']), target: 'answering', actions: 'takeAsideQuestionBack' },
        { guard: and([intentIs('greeting'), 'hasTimedOutRequest', 'saysMoreThanHello']), target: 'done', actions: [followUp('resume'), say('searchAgainAfterTimeout')] },
        { guard: intentIs('greeting'), target: 'resuming', actions: say('greeting') },
        { guard: intentIs('help'), target: 'resuming', actions: say('help') },
        // a red flag ("to com dor no peito") with nothing else read, in the middle of something: where to go in an emergency, and the question again
        { guard: 'urgentCareUnsaid', target: 'resuming', actions: say('urgentCare') },
        // the first message after a timeout, not understood, with a booking in progress then: search again?
        { guard: 'hasTimedOutRequest', target: 'done', actions: [followUp('resume'), say('searchAgainAfterTimeout')] },
        // laughter or emoji alone: nothing to understand, no strike; the question again (as a first message, how we can help)
        { guard: 'onlyReaction', target: 'resuming', actions: say('reactionFirst') },
        // "vcs fazem exame de sangue?": no data here; a person offered (asked when nothing else is pending), no strike
        { guard: and(['asksUnplacedQuestion', 'nothingPending']), target: 'done', actions: [say('noInfoHere'), ...thenOfferStaff] },
        { guard: 'asksUnplacedQuestion', target: 'resuming', actions: [say('noInfoHere'), say('staffCanAnswer')] },
        { guard: 'outOfPatience', target: 'handing_off', actions: 'markStruck' },
        { target: 'resuming', actions: ['markStruck', say('notUnderstood')] },
      ],
    },
    /** back to the state the turn came from, asking its question again (unless the reply asks one already) */
    resuming: {
      always: [
        ...RETURNABLE.map((state) => ({ guard: cameFrom(state), target: state, actions: say('pending') })),
        { target: 'idle', actions: say('pending') },
      ],
    },
    /** back to the state the turn came from, its question not asked again ("Claro, pode perguntar!": the patient goes on) */
    returning: {
      always: [...RETURNABLE.map((state) => ({ guard: cameFrom(state), target: state })), { target: 'idle' }],
    },
    /** "ok" alone to an open question: it again, with an example of an answer (the clinic's own specialties, read here) */
    exemplifying: {
      invoke: {
        src: 'clinicInfo',
        input: () => ({}),
        onDone: { target: 'collecting', actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('askMissingWithExample')] },
        onError: { target: 'collecting', actions: say('askMissingWithExample') },
      },
    },
    /** "qualquer uma" to "Com qual especialidade ou profissional?": the clinic's specialties to choose from */
    naming_specialties: {
      invoke: {
        src: 'clinicInfo',
        input: () => ({}),
        onDone: { target: 'collecting', actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('specialtiesToChoose')] },
        onError: { target: 'collecting', actions: say('specialtiesToChoose') },
      },
    },
    /**
     * "voce e um robo?": the clinic's virtual assistant, what it does, and that a person can be called; with nothing
     * pending a "sim" then calls one (as after a question there is no data for), else the question pending follows
     */
    introducing: {
      invoke: {
        src: 'clinicInfo',
        input: () => ({}),
        onDone: [
          {
            guard: 'nothingPending',
            target: 'done',
            actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('aboutAssistant'), followUp('handoff')],
          },
          { target: 'resuming', actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('aboutAssistant')] },
        ],
        onError: [
          { guard: 'nothingPending', target: 'done', actions: [say('aboutAssistant'), followUp('handoff')] },
          { target: 'resuming', actions: say('aboutAssistant') },
        ],
      },
    },

    // ---------------------------------------------------------------- booking
    /** one question for what is missing, else the waitlist entry or the search */
    deciding: {
      always: [
        // "urgente": the nearest times, and first where to go in an emergency (once: deciding may be reached twice in a turn)
        { guard: 'urgentCareUnsaid', actions: say('urgentCare') },
        // "dr joão" with no one of that name in the clinic: said once, before anything else is asked
        { guard: 'unknownProviderUnsaid', actions: say('noSuchProvider') },
        // "quero marcar cardio amanhã, e quanto custa?": the question answered next (after where to go in an emergency), in this reply; the booking goes on
        { guard: 'asideQuestion', target: 'answering_aside' },
        // "quero marcar cardio pelo unimed": the plan said is not checked here; said so once, the booking goes on
        { guard: 'insuranceUnsaid', actions: say('insuranceNotChecked') },
        // "cardio com o dr rui": he does not practise it, said once with his own specialty; the booking goes on with him
        { guard: 'specialtyNotPractisedUnsaid', actions: say('specialtyNotPractised') },
        // "quero marcar uma consulta online com cardio": online visits are not booked here; said once, the booking goes on in person
        { guard: 'onlineUnsaid', actions: say('onlineNotBooked') },
        // "preciso de um encaixe": no squeeze-in here; the nearest free times, then the waitlist or a person
        { guard: 'squeezeInUnsaid', actions: say('squeezeInNotDone') },
        // "quero marcar cardio amanhã, a dra ana é boa?": no opinion given; said once, the booking goes on with her
        { guard: 'opinionUnsaid', actions: say('noOpinionBeside') },
        { guard: 'specialtyUnchecked', target: 'checking_specialty' },
        // a doctor asked for by form of address: narrowed to them in the specialty (or the specialties with one said)
        { guard: 'formToApply', actions: 'applyProviderForm' },
        // "cardio e dermato": said once, after the specialties the clinic lacks were left out
        { guard: 'queueToAnnounce', actions: [say('oneAtATime'), 'queueAnnounced'] },
        // "quero marcar cardio o quanto antes": the nearest days, as "tanto faz" to "Para quando?"
        { guard: 'asksAnyDate', actions: 'assumeAnyDate' },
        // "pra tarde" alone to "Para quando?": the nearest afternoons, not the question again
        { guard: 'answersDateWithPeriod', actions: 'assumeAnyDate' },
        // "pediatra no centro", "clínico geral à noite": a place or period with no hours at all for it is said at once
        { guard: 'hoursUnchecked', target: 'checking_hours' },
        { guard: 'choiceBySpecialty', target: 'narrowing_provider_choice' },
        // "Com qual deles?": who is who (specialty, and unit when theirs differ) read first
        { guard: and(['providerChoicePending', 'choiceUndescribed']), target: 'describing_provider_choice' },
        { guard: 'providerChoicePending', target: 'collecting', actions: say('askMissing') },
        { guard: 'missesFacts', target: 'collecting', actions: say('askMissing') },
        // "quero marcar dermato sexta" with a dermatology appointment that Friday: said, and whether to move it asked
        { guard: 'sameDayUnchecked', target: 'checking_same_day' },
        // a waitlist request: free times that fit it first (the patient may not know there is room)
        { guard: and([flowIs('waitlist'), 'waitlistSearched']), target: 'joining_waitlist' },
        // the same request as an entry there is: said first, before any free times (no second entry behind it)
        { guard: flowIs('waitlist'), target: 'checking_waitlist_repeat' },
        { target: 'searching', actions: plan('asked') },
      ],
    },
    /** "o dr paulo é dermatologista?": yes (then their hours and whether to book), or no and who of it there is */
    checking_provider_specialty: {
      invoke: {
        src: 'specialtyProviders',
        input: ({ context }) => ({ specialty: context.understanding?.resolved.specialty ?? '' }),
        onDone: [
          {
            guard: { type: 'practisesAsked', params: ({ event }) => ({ providers: event.output }) },
            target: 'answering_hours',
            actions: say('providerPractises'),
          },
          { target: 'resuming', actions: { type: 'sayProviderDoesNotPractise', params: ({ event }) => ({ providers: event.output }) } },
        ],
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    /** the same asked while booking: yes or no, then back to the booking as it was */
    checking_provider_specialty_aside: {
      invoke: {
        src: 'specialtyProviders',
        input: ({ context }) => ({ specialty: context.understanding?.resolved.specialty ?? '' }),
        onDone: [
          { guard: { type: 'practisesAsked', params: ({ event }) => ({ providers: event.output }) }, target: 'resuming', actions: say('providerPractises') },
          { target: 'resuming', actions: { type: 'sayProviderDoesNotPractise', params: ({ event }) => ({ providers: event.output }) } },
        ],
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    /** "com o joão" with two Joãos: the units each works at, to say who is who when asking which */
    describing_provider_choice: {
      invoke: {
        src: 'specialtyHours',
        input: ({ context }) => ({ specialty: null, provider_ids: [...(context.providerChoice?.ids ?? [])] }),
        onDone: { target: 'deciding', actions: { type: 'describeChoice', params: ({ event }) => ({ hours: event.output.hours }) } },
        // the schedules cannot be read: asked by name and specialty only
        onError: { target: 'deciding', actions: { type: 'describeChoice', params: () => ({ hours: [] }) } },
      },
    },
    /** "o de ortopedia" to "Com qual deles?": who of them practises it */
    narrowing_provider_choice: {
      invoke: {
        src: 'specialtyProviders',
        input: ({ context }) => ({ specialty: context.providerChoice?.specialty ?? '' }),
        onDone: { target: 'deciding', actions: { type: 'narrowChoice', params: ({ event }) => ({ providers: event.output }) } },
        // the clinic's providers cannot be read: every provider of the specialty
        onError: { target: 'deciding', actions: { type: 'narrowChoice', params: () => ({ providers: [] }) } },
      },
    },
    /**
     * A specialty the clinic does not offer gets that answer and the specialties it does, before any
     * other question (no date, no search, no waitlist no one could serve). If the clinic cannot be
     * asked, the request goes on as before: the search will say there is nothing.
     */
    checking_specialty: {
      invoke: {
        src: 'clinicInfo',
        input: () => ({}),
        onDone: [
          {
            guard: { type: 'offersAskedSpecialty', params: ({ event }) => ({ info: event.output }) },
            target: 'deciding',
            actions: [{ type: 'keepOfferedSpecialties', params: ({ event }) => ({ info: event.output }) }, say('specialtiesLeftOut'), say('specialtyAvailable')],
          },
          {
            target: 'collecting',
            actions: [
              { type: 'storeInfo', params: ({ event }) => ({ info: event.output }) },
              say('specialtyNotOffered'),
              'dropSpecialty',
              say('askMissing'),
            ],
          },
        ],
        onError: { target: 'deciding', actions: 'markSpecialtyChecked' },
      },
    },
    /**
     * A symptom said instead of a specialty: the specialty that sees it, when the clinic offers it, proposed
     * as a question (a red flag gets where to go in an emergency first); otherwise the specialty is asked.
     */
    suggesting_specialty: {
      invoke: {
        src: 'clinicInfo',
        input: () => ({}),
        onDone: [
          {
            guard: { type: 'offersSymptomSpecialty', params: ({ event }) => ({ info: event.output, urgent: true }) },
            target: 'collecting',
            actions: [say('urgentCare'), { type: 'suggestSymptomSpecialty', params: ({ event }) => ({ info: event.output }) }, say('suggestSpecialty')],
          },
          {
            guard: { type: 'offersSymptomSpecialty', params: ({ event }) => ({ info: event.output, urgent: false }) },
            target: 'collecting',
            actions: [{ type: 'suggestSymptomSpecialty', params: ({ event }) => ({ info: event.output }) }, say('suggestSpecialty')],
          },
          { target: 'deciding', actions: 'dropSymptomSpecialty' },
        ],
        onError: { target: 'deciding', actions: 'dropSymptomSpecialty' },
      },
    },
    /** the patient's appointments, for one of the specialty asked on the day asked (never booked twice silently) */
    checking_same_day: {
      invoke: {
        src: 'listAppointments',
        input: () => ({}),
        onDone: [
          {
            guard: { type: 'foundSameDay', params: ({ event }) => ({ appointments: event.output }) },
            target: 'collecting',
            actions: [{ type: 'storeSameDay', params: ({ event }) => ({ appointments: event.output }) }, say('sameDayAppointment')],
          },
          { target: 'deciding', actions: 'markSameDayChecked' },
        ],
        onError: { target: 'deciding', actions: 'markSameDayChecked' },
      },
    },
    /**
     * The weekly hours of whom the patient asks, against the place and period asked: one where or when
     * none of them ever works is said and left out (the one other place they work at is taken instead),
     * rather than asking the date and then finding nothing. If the hours cannot be read, the search decides.
     */
    checking_hours: {
      invoke: {
        src: 'specialtyHours',
        input: ({ context }) => ({
          specialty: context.facts.specialty,
          provider_ids: [...context.facts.provider_ids],
          dates: context.flow === 'book' ? daysAsked(context.facts) : null,
        }),
        onDone: { target: 'deciding', actions: [{ type: 'applyHours', params: ({ event }) => ({ found: event.output }) }, say('unservedAsk')] },
        onError: { target: 'deciding', actions: 'markHoursChecked' },
      },
    },
    /**
     * another doctor asked for and none has a free time: when every provider of the specialty is already on
     * offer, they are named and the options stay; a specialty with one provider names them as the only one;
     * the others left out at the patient's request before are said, and offered again on request;
     * else none of the others is free, and the options stay
     */
    checking_other_providers: {
      invoke: {
        src: 'specialtyProviders',
        input: ({ context }) => ({ specialty: context.query?.facts.specialty ?? context.facts.specialty ?? '' }),
        onDone: [
          {
            guard: { type: 'allProvidersOnOffer', params: ({ event }) => ({ providers: event.output }) },
            target: 'offering',
            actions: ['restoreOffer', { type: 'sayAllProvidersOnOffer', params: ({ event }) => ({ providers: event.output }) }],
          },
          {
            guard: { type: 'onlyProvider', params: ({ event }) => ({ providers: event.output }) },
            target: 'offering',
            actions: [{ type: 'sayOnlyProvider', params: ({ event }) => ({ providers: event.output }) }, 'restoreOffer', say('optionsStillThere')],
          },
          {
            guard: { type: 'othersLeftOut', params: ({ event }) => ({ providers: event.output }) },
            target: 'offering',
            actions: [{ type: 'sayOthersLeftOut', params: ({ event }) => ({ providers: event.output }) }, 'restoreOffer', say('optionsStillThere')],
          },
          { target: 'offering', actions: ['restoreOffer', say('noOtherProvider'), say('optionsStillThere')] },
        ],
        onError: { target: 'offering', actions: ['restoreOffer', say('noOtherProvider'), say('optionsStillThere')] },
      },
    },
    /** the search asked; nothing there → the nearest days → the specialty's other providers → the waitlist */
    searching: {
      invoke: {
        src: 'searchSlots',
        input: ({ context }) => ({
          facts: context.query?.facts ?? context.facts,
          // a range of days with no time wish: enough slots to spread the options over its days
          limit: spreadsDays(context) ? SPREAD_SEARCH_LIMIT : OFFER_LIMIT,
          exclude: context.query?.exclude ?? context.taken,
          moving: movedAppointmentId(context),
        }),
        onDone: [
          // another doctor asked for: their times; none on the days on offer, the next days; none there, the options stay
          {
            guard: { type: 'foundOtherProviderSlots', params: ({ event }) => ({ slots: event.output }) },
            target: 'offering',
            actions: [{ type: 'storeOffer', params: ({ event }) => ({ slots: event.output }) }, 'keepOtherProviders', say('offer')],
          },
          { guard: 'canWidenOtherProviders', target: 'searching', reenter: true, actions: 'widenOtherProviders' },
          // none with another doctor: whether the options on offer already have every provider of the specialty
          { guard: queryKindIs('another_provider'), target: 'checking_other_providers' },
          // a waitlist request for a part of the day no one works: the free times of the other parts, as a booking
          // offers them (not "for what you asked"); joining them is asked after "nenhum"
          {
            guard: { type: 'foundOtherPeriodsSlots', params: ({ event }) => ({ slots: event.output }) },
            target: 'offering',
            actions: [{ type: 'storeWishedOffer', params: ({ event }) => ({ slots: event.output }) }, say('offer')],
          },
          // a waitlist request with free times that fit it: those, and the waitlist if none suits; else it joins
          {
            guard: { type: 'foundWishedSlots', params: ({ event }) => ({ slots: event.output }) },
            target: 'offering',
            actions: [
              { type: 'storeWishedOffer', params: ({ event }) => ({ slots: event.output }) },
              say('waitlistHasRoom'),
              say('offer'),
              say('waitlistIfNone'),
            ],
          },
          { guard: and([flowIs('waitlist'), queryKindIs('asked'), 'waitlistQuestion']), target: 'waitlist_offered', actions: say('noTimesThenWaitlist') },
          { guard: and([flowIs('waitlist'), queryKindIs('asked')]), target: 'joining_waitlist' },
          {
            guard: { type: 'foundSlots', params: ({ event }) => ({ slots: event.output }) },
            target: 'offering',
            actions: [{ type: 'storeOffer', params: ({ event }) => ({ slots: event.output }) }, say('offer')],
          },
          { guard: queryKindIs('later'), target: 'offering', actions: [say('nothingLater'), say('pending')] },
          { guard: queryKindIs('earlier'), target: 'offering', actions: [say('nothingEarlier'), say('pending')] },
          { guard: queryKindIs('others'), target: 'offering', actions: [say('nothingElse'), say('pending')] },
          { guard: 'canTryOtherPlaces', target: 'searching', reenter: true, actions: 'tryOtherPlaces' },
          { guard: 'canWidenDays', target: 'searching', reenter: true, actions: 'widenDays' },
          { guard: 'canWidenDaysElsewhere', target: 'searching', reenter: true, actions: 'widenDaysElsewhere' },
          { guard: 'canTryOtherProviders', target: 'searching', reenter: true, actions: 'tryOtherProviders' },
          // no other provider has a time in the two weeks searched (or there is none): the appointment stays as it is
          {
            guard: and([flowIs('reschedule'), 'wantsOtherProvider']),
            target: 'done',
            actions: [say('nothingToMoveTo'), say('keptAppointment'), 'stopFlow', ...thenAnythingElse],
          },
          { guard: flowIs('reschedule'), target: 'collecting', actions: [say('nothingToMoveTo'), 'forgetDates', say('askMissing')] },
          { target: 'waitlist_offered', actions: say('waitlistOffer') },
        ],
        onError: [
          { guard: queryKindIs('another_provider'), target: 'resuming', actions: ['restoreOffer', say('searchTrouble')] },
          { guard: and([flowIs('waitlist'), 'waitlistQuestion']), target: 'resuming', actions: say('searchTrouble') },
          // the waitlist was asked for: it needs no search
          { guard: and([flowIs('waitlist'), queryKindIs('asked')]), target: 'joining_waitlist' },
          { target: 'resuming', actions: say('searchTrouble') },
        ],
      },
    },
    /**
     * "a das 13:30" from an earlier list: the request searched on that day around that time. Still free: it is the
     * pick, to confirm (the booking checks it again, as for any pick). Gone: said, and the nearest times offered.
     */
    checking_earlier_pick: {
      invoke: {
        src: 'searchSlots',
        input: ({ context }) => {
          const picked = earlierPick(context)!;
          const q = earlierPickQuery(context, picked);
          return { facts: q.facts, limit: OFFER_LIMIT, exclude: q.exclude, moving: movedAppointmentId(context) };
        },
        onDone: [
          {
            guard: { type: 'earlierPickFree', params: ({ event }) => ({ slots: event.output }) },
            target: 'confirming',
            actions: [{ type: 'chooseEarlierPick', params: ({ event }) => ({ slots: event.output }) }, say('confirmSummary')],
          },
          {
            guard: { type: 'foundSlots', params: ({ event }) => ({ slots: event.output }) },
            target: 'offering',
            actions: [say('earlierOptionGone'), 'planEarlierPick', { type: 'storeOffer', params: ({ event }) => ({ slots: event.output }) }, say('offer')],
          },
          { target: 'resuming', actions: say('earlierOptionGone') },
        ],
        onError: { target: 'resuming', actions: say('searchTrouble') },
      },
    },
    booking: {
      invoke: {
        src: 'book',
        // a waitlist request being changed ("pode ser sábado também") is answered by this booking: its entry goes too
        input: ({ context }) => ({ slot: context.chosen!, replaces: context.flow === 'waitlist' ? context.replacingEntryId : null }),
        ...afterWrite('booked'),
      },
    },
    rescheduling: {
      invoke: {
        src: 'reschedule',
        input: ({ context }) => ({ appointmentId: context.target!.id, slot: context.chosen! }),
        ...afterWrite('moved'),
      },
    },
    /** "sim" to a waitlist offer: the offered time is booked; if it is gone, the patient keeps waiting */
    accepting_offer: {
      invoke: {
        src: 'acceptOffer',
        input: ({ context }) => ({ offerId: context.waitlistOffer!.id }),
        onDone: [
          // a patient known only by a phone: their full name asked instead of "anything else?", as after a booking
          {
            guard: { type: 'asksPatientName', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [...offerBooked, followUp('patient_name'), 'markNameAsked', say('askPatientName')],
          },
          {
            guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [...offerBooked, ...thenAnythingElse],
          },
          {
            guard: { type: 'wasTaken', params: ({ event }) => ({ reason: event.output.ok ? null : event.output.reason }) },
            target: 'resuming',
            actions: say('offerTaken'),
          },
          { target: 'resuming', actions: say('offerRefused') },
        ],
        onError: { target: 'resuming', actions: say('writeTrouble') },
      },
    },
    /** "não" to a waitlist offer: the patient keeps their place in the queue for the next time */
    declining_offer: {
      invoke: {
        src: 'declineOffer',
        input: ({ context }) => ({ offerId: context.waitlistOffer!.id }),
        onDone: { target: 'resuming', actions: say('offerDeclined') },
        onError: { target: 'resuming', actions: say('writeTrouble') },
      },
    },
    /**
     * "nao, me tira da lista" to a freed time: the entry removed, which turns the time down in the same step (it goes to
     * the next in line). Said plainly, so no confirmation is asked: a question would hold the time from the next in line.
     */
    leaving_offered_entry: {
      invoke: {
        src: 'leaveWaitlist',
        input: ({ context }) => ({ entryIds: [context.waitlistOffer!.entry_id] }),
        onDone: [
          { guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) }, target: 'resuming', actions: say('offerDeclinedAndLeft') },
          { target: 'resuming', actions: say('writeTrouble') },
        ],
        onError: { target: 'resuming', actions: say('writeTrouble') },
      },
    },
    /**
     * "nao da, tem pra segunda?" to a freed time: declined (the entry waits for the next time, as after a bare no), then
     * the ask after the no read as a new booking of the offer's specialty (any of its providers: the entry may wait for
     * any of them, and the offer's own is among them)
     */
    declining_offer_for_another: {
      invoke: {
        src: 'declineOffer',
        input: ({ context }) => ({ offerId: context.waitlistOffer!.id }),
        onDone: { target: 'reading_after_declined_offer', actions: [say('offerDeclined'), 'takeAskAfterDeclinedOffer'] },
        onError: { target: 'resuming', actions: say('writeTrouble') },
      },
    },
    /** the words after the no: only a day or a time ("tem pra segunda?") books the offer's specialty; any other ask is read as such */
    reading_after_declined_offer: {
      invoke: {
        src: 'understand',
        input: ({ context }) => ({ message: context.text, now: context.now }),
        onDone: [
          {
            guard: ({ event }) => asksOnlyWhen(event.output),
            target: 'deciding',
            actions: [{ type: 'storeUnderstanding', params: ({ event }) => ({ understanding: event.output }) }, 'bookAfterOfferDeclined', 'mergeFacts'],
          },
          { target: 'routing', actions: { type: 'storeUnderstanding', params: ({ event }) => ({ understanding: event.output }) } },
        ],
        onError: { target: 'resuming', actions: say('unreadable') },
      },
    },
    /** a waitlist request about to show its free times: the same one already there is said instead (no times, no second entry) */
    checking_waitlist_repeat: {
      invoke: {
        src: 'listWaitlist',
        input: () => ({}),
        onDone: [
          alreadyOnWaitlist,
          { target: 'searching', actions: [plan('asked'), 'markWaitlistSearched'] },
        ],
        onError: { target: 'searching', actions: [plan('asked'), 'markWaitlistSearched'] },
      },
    },
    /** a waitlist request: the same one already there is said (no second entry behind it); else it is written */
    joining_waitlist: {
      invoke: {
        src: 'listWaitlist',
        input: () => ({}),
        onDone: [
          alreadyOnWaitlist,
          { target: 'checking_waitlist_days' },
        ],
        onError: { target: 'checking_waitlist_days' },
      },
    },
    /** "lista de espera da cardio pra domingo": days no one works are said, and another day asked (no entry never served) */
    checking_waitlist_days: {
      invoke: {
        src: 'specialtyHours',
        input: ({ context }) => ({
          specialty: context.facts.provider_ids.length > 0 ? null : context.facts.specialty,
          provider_ids: context.facts.provider_ids,
          dates: daysAsked(context.facts),
        }),
        onDone: [
          {
            guard: { type: 'noHoursOnDaysAsked', params: ({ event }) => ({ found: event.output }) },
            target: 'collecting',
            actions: [{ type: 'sayNoHoursOnDays', params: ({ event }) => ({ found: event.output }) }, 'forgetDates', 'forgetWaitlistSearch', 'offerToJoinWaitlist', say('askMissing')],
          },
          // "lista de espera da dra ana amanhã à tarde" with her only in the morning that day: said as a booking says it
          // ("… à tarde na quinta, 26/11, só de manhã."), no entry; the day said is kept and the parts of it that are
          // worked are searched, then joining for them asked (as for a part of the day never worked), never "Para quando?"
          {
            guard: { type: 'periodUnservedOnDaysAsked', params: ({ event }) => ({ found: event.output }) },
            target: 'deciding',
            actions: [
              { type: 'storePeriodUnservedOnDays', params: ({ event }) => ({ found: event.output }) },
              say('unservedAsk'),
              'keepDaysForOtherPeriods',
              'forgetWaitlistSearch',
            ],
          },
          // "do dr carlos amanhã à noite": no entry for the parts of the day he does work before the patient agrees
          { guard: 'periodUnworkedPending', target: 'waitlist_offered', actions: say('joinOtherPeriods') },
          { target: 'writing_waitlist' },
        ],
        onError: [{ guard: 'periodUnworkedPending', target: 'waitlist_offered', actions: say('joinOtherPeriods') }, { target: 'writing_waitlist' }],
      },
    },
    writing_waitlist: {
      invoke: {
        src: 'joinWaitlist',
        input: ({ context }) => ({ facts: context.facts, replaces: context.replacingEntryId }),
        onDone: [
          {
            guard: ({ context, event }) => event.output.ok && context.replacingEntryId !== null,
            target: 'done',
            actions: [storeJoinedPosition, say('waitlistChanged'), ...thenAnythingElse],
          },
          {
            guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [storeJoinedPosition, say('waitlistJoined'), ...thenAnythingElse],
          },
          { target: 'done', actions: [say('waitlistFailed'), ...thenAnythingElse] },
        ],
        onError: { target: 'done', actions: [say('waitlistFailed'), ...thenAnythingElse] },
      },
    },

    // ---------------------------------------------------------------- the patient's waitlist entries
    listing_waitlist: {
      invoke: {
        src: 'listWaitlist',
        input: () => ({}),
        onDone: {
          target: 'waitlist_listed',
          actions: { type: 'storeWaitlistStatus', params: ({ event }) => ({ status: event.output }) },
        },
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    /** "quero sair da lista de espera": on none, said so; else this channel cannot remove the entry, and a person is offered (a yes hands off) */
    checking_waitlist_leave: {
      invoke: {
        src: 'listWaitlist',
        input: () => ({}),
        onDone: {
          target: 'waitlist_leave_checked',
          actions: [{ type: 'storeWaitlistStatus', params: ({ event }) => ({ status: event.output }) }, 'storeLeaving'],
        },
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    waitlist_leave_checked: {
      always: [
        // the entries were read only to know whether there are any: no offer among them is named (a later "sim" is no answer to it)
        { guard: and([not('hasWaitlistEntries'), 'knowsWaitlist', 'nothingPending']), target: 'done', actions: [say('notOnWaitlistNow'), 'forgetWaitlistStatus', ...thenAnythingElse] },
        { guard: and([not('hasWaitlistEntries'), 'knowsWaitlist']), target: 'resuming', actions: [say('notOnWaitlistNow'), 'forgetWaitlistStatus'] },
        // one entry: which it is, and whether to remove it; several: which (or all); the answer comes to 'done'
        // the entry holds a freed time awaiting the answer: the ask is that answer, as "nao, me tira da lista" (no question
        // holds the time from the next in line)
        { guard: and(['leavingOne', 'leavingOfferedEntry']), target: 'leaving_offered_entry', actions: ['takeStatusOffer', 'forgetWaitlistStatus'] },
        { guard: 'leavingOne', target: 'done', actions: [followUp('leave_waitlist'), say('confirmLeaveWaitlist'), 'forgetWaitlistStatus'] },
        { target: 'done', actions: [followUp('leave_waitlist'), say('chooseWaitlistToLeave'), 'forgetWaitlistStatus'] },
      ],
    },
    /** the entries the patient chose to leave, removed through the core (as DELETE /waitlist/{id}) */
    leaving_waitlist: {
      invoke: {
        src: 'leaveWaitlist',
        input: ({ context }) => ({ entryIds: context.leaving.map((e) => e.id) }),
        onDone: [
          // asked in the middle of a booking: said, and the booking goes on where it was
          {
            guard: and([({ event }) => event.output.ok && event.output.removed === 0, 'bookingSetAside']),
            target: 'returning',
            actions: [say('notOnWaitlistNow'), 'resumeSetAside', say('resumedBooking')],
          },
          { guard: and([({ event }) => event.output.ok, 'bookingSetAside']), target: 'returning', actions: [say('leftWaitlist'), 'resumeSetAside', say('resumedBooking')] },
          // none still active (booked or removed meanwhile): nothing was removed, so none is said to be
          { guard: ({ event }) => event.output.ok && event.output.removed === 0, target: 'done', actions: [say('notOnWaitlistNow'), ...thenAnythingElse] },
          { guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) }, target: 'done', actions: [say('leftWaitlist'), ...thenAnythingElse] },
          { target: 'done', actions: [say('writeTrouble'), ...thenAnythingElse] },
        ],
        onError: { target: 'done', actions: [say('writeTrouble'), ...thenAnythingElse] },
      },
    },
    waitlist_listed: {
      always: [
        // a freed time awaiting the patient's answer: the reply ends asking SIM or NÃO, nothing else
        { guard: 'namesStandingOffer', target: 'done', actions: say('waitlistStatus') },
        // asked in the middle of a booking: answered, and the booking's question again
        { guard: and(['inBookingFlow', 'hasWaitlistEntries']), target: 'resuming', actions: say('waitlistStatus') },
        { guard: 'inBookingFlow', target: 'resuming', actions: say('notOnWaitlistNow') },
        // "ainda tô na fila do dermato?" with no entry for it (others, or none at all): said, and joining that waitlist offered
        { guard: 'missesAskedWaitlist', target: 'done', actions: ['takeAskedWaitlist', say('notOnAskedWaitlist'), followUp('join_waitlist'), say('joinAskedWaitlist')] },
        { guard: 'hasWaitlistEntries', target: 'done', actions: [say('waitlistStatus'), ...thenAnythingElse] },
        // on no waitlist: said so, and the waitlist offered (the specialty or provider asked next)
        { target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'waitlist' } }, 'offerToJoinWaitlist', say('notOnWaitlist')] },
      ],
    },

    // ---------------------------------------------------------------- the patient's appointments
    /**
     * A reminder: the appointment read afresh among the patient's upcoming ones. Awaiting confirmation: whether they
     * come; confirmed: when and where, nothing asked. No longer there (cancelled, moved, past): not taken, back where
     * the conversation was (the runtime saves nothing). A failed read fails the turn: the reminder is tried again.
     */
    reminding: {
      invoke: {
        src: 'listAppointments',
        input: () => ({}),
        onDone: [
          {
            guard: { type: 'remindedIs', params: ({ event }) => ({ appointments: event.output, status: 'requested' as const }) },
            target: 'confirming_appointment',
            actions: [{ type: 'storeReminded', params: ({ event }) => ({ appointments: event.output }) }, say('reminder')],
          },
          {
            guard: { type: 'remindedIs', params: ({ event }) => ({ appointments: event.output, status: 'confirmed' as const }) },
            target: 'done',
            actions: [{ type: 'storeReminded', params: ({ event }) => ({ appointments: event.output }) }, followUp('reminded'), say('reminder')],
          },
          { target: 'returning', actions: 'dropReminder' },
        ],
      },
    },
    listing: {
      invoke: {
        src: 'listAppointments',
        input: ({ context }) => (context.missedSince !== null ? { missedSince: context.missedSince } : {}),
        onDone: {
          target: 'listed',
          actions: { type: 'storeAppointments', params: ({ event }) => ({ appointments: event.output }) },
        },
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    listed: {
      // "cancela a do dr paulo" with no appointment with him: said before the ones there are
      entry: say('noSuchAppointment'),
      always: [
        // a missed appointment told ("faltei na consulta hoje"): the one missed, found among those begun, is moved with
        // no blame; none found (or only ones still to come): no blame, and a new time offered, its question asked
        { guard: and([purposeIs('reschedule'), 'missedToldOnly', 'hasTarget', 'targetMissed']), target: 'appointment_chosen' },
        {
          guard: and([purposeIs('reschedule'), 'missedToldOnly', not('hasTarget'), not('namedMissing'), 'allBegun']),
          target: 'choosing_appointment',
          actions: say('chooseAppointment'),
        },
        {
          guard: and([purposeIs('reschedule'), 'missedToldOnly']),
          target: 'deciding',
          actions: [say('missedAppointment'), 'forgetVisitDay', { type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'],
        },
        // "a consulta de sexta ta confirmada?" naming one: a plain yes, or not yet and whether to confirm it now (nothing confirmed before a yes)
        { guard: and([purposeIs('list'), 'asksIfConfirmed', 'listedOne', 'listedConfirmed']), target: 'done', actions: ['targetListedOne', say('isConfirmed'), ...thenAnythingElse] },
        {
          guard: and([purposeIs('list'), 'asksIfConfirmed', 'listedOne']),
          target: 'confirming_appointment',
          actions: [purpose('confirm_ask'), 'targetListedOne', say('notYetConfirmed')],
        },
        { guard: and([purposeIs('list'), 'hasAppointments']), target: 'done', actions: [say('appointmentList'), ...thenAnythingElse] },
        { guard: purposeIs('list'), target: 'done', actions: [say('noAppointments'), ...thenAnythingElse] },
        // "cancelar" again to "parar ou desmarcar?", with appointments booked: truly either, asked once more
        { guard: and([purposeIs('cancel'), 'hasAppointments', 'vagueCancel']), target: 'cancel_or_stop', actions: say('cancelOrStopAgain') },
        { guard: and([purposeIs('cancel'), 'hasTargets']), target: 'confirming_cancel', actions: say('confirmCancel') },
        // "confirmo as duas": confirming presence is what was asked, no question first
        { guard: and([confirmsSomething, 'hasTargets']), target: 'confirming_each' },
        // a change of doctor for an appointment not found: said above; the ones there are, and nothing moved
        { guard: and([purposeIs('reschedule'), 'missedForProviderChange']), target: 'done', actions: [say('appointmentList'), 'stopFlow', ...thenAnythingElse] },
        { guard: 'hasTarget', target: 'appointment_chosen' },
        { guard: and([purposeIs('reschedule'), 'hasAppointments']), target: 'choosing_appointment', actions: say('chooseAppointment') },
        { guard: and([purposeIs('cancel'), 'hasAppointments']), target: 'choosing_appointment', actions: say('chooseAppointment') },
        // none awaiting confirmation, those there are confirmed already: said so
        { guard: and([confirmsSomething, 'allConfirmed']), target: 'done', actions: [say('alreadyConfirmed'), ...thenAnythingElse] },
        // several awaiting confirmation: which one (never the first one silently)
        { guard: and([confirmsSomething, 'hasAppointments']), target: 'choosing_appointment', actions: say('chooseAppointment') },
        { guard: purposeIs('reschedule'), target: 'done', actions: [say('noAppointments'), followUp('book'), say('wantNewBooking')] },
        // to "parar ou desmarcar?" with no appointment booked, a cancel can only stop the booking in progress
        {
          guard: and([purposeIs('cancel'), cameFrom('cancel_or_stop'), 'namesBookedAppointment']),
          target: 'done',
          actions: [say('noAppointments'), 'stopFlow', say('stopped'), ...thenAnythingElse],
        },
        { guard: and([purposeIs('cancel'), cameFrom('cancel_or_stop')]), target: 'done', actions: ['stopFlow', say('stopped'), ...thenAnythingElse] },
        { guard: purposeIs('cancel'), target: 'done', actions: [say('noAppointments'), ...thenAnythingElse] },
        { target: 'done', actions: [say('nothingToConfirm'), ...thenAnythingElse] },
      ],
    },
    /** the patient's appointments asked while booking or moving one: listed, then the flow's question again (nothing of it changes) */
    listing_aside: {
      invoke: {
        src: 'listAppointments',
        input: () => ({}),
        onDone: {
          target: 'listed_aside',
          actions: { type: 'storeListedAside', params: ({ event }) => ({ appointments: event.output }) },
        },
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    listed_aside: {
      // "tenho consulta sexta?" with none that day: that day said before the ones there are
      entry: say('noAppointmentOnListedDay'),
      always: [
        // at the times, their question right after the appointments' numbered list would ask between those: the times shown again
        { guard: and(['hasAppointments', cameFrom('offering')]), target: 'offering', actions: [say('appointmentList'), say('optionsStillThere')] },
        { guard: cameFrom('offering'), target: 'offering', actions: [say('noAppointments'), say('optionsStillThere')] },
        { guard: 'hasAppointments', target: 'resuming', actions: say('appointmentList') },
        { target: 'resuming', actions: say('noAppointments') },
      ],
    },
    /** the appointment is known: what the patient wanted with it */
    appointment_chosen: {
      always: [
        { guard: purposeIs('cancel'), target: 'confirming_cancel', actions: say('confirmCancel') },
        // a missed appointment marked no-show cannot be moved: a new one of the same kind, said plainly; one still
        // requested or confirmed is moved as any other (the lifecycle allows it), with no blame
        { guard: and([purposeIs('reschedule'), 'targetNoShow']), target: 'deciding', actions: [say('missedRebooked'), 'rebookMissed'] },
        { guard: and([purposeIs('reschedule'), 'targetMissed', not('wantsOtherProvider')]), target: 'deciding', actions: [say('missedNoBlame'), 'prepareMove', say('movingAppointment')] },
        // "trocar a dra ana pelo dr paulo": whether he sees the appointment's specialty first
        { guard: and([purposeIs('reschedule'), 'wantsOtherProvider', 'namesNewProvider']), target: 'checking_new_provider' },
        { guard: and([purposeIs('reschedule'), 'wantsOtherProvider']), target: 'deciding', actions: ['prepareProviderChange', say('movingToOtherProvider')] },
        // "pode ser mais cedo?", "tem como ser mais cedo amanhã?" (tomorrow's): that day, before (or after) the appointment's
        // time, unless another day was said
        {
          guard: and([purposeIs('reschedule'), 'noOtherDayAsked', { type: 'movesAround', params: { later: true } }]),
          target: 'deciding',
          actions: ['prepareMove', { type: 'moveAround', params: { later: true } }, say('movingAppointment')],
        },
        {
          guard: and([purposeIs('reschedule'), 'noOtherDayAsked', { type: 'movesAround', params: { later: false } }]),
          target: 'deciding',
          actions: ['prepareMove', { type: 'moveAround', params: { later: false } }, say('movingAppointment')],
        },
        { guard: and([purposeIs('reschedule'), 'shiftsByDays']), target: 'deciding', actions: ['prepareMove', 'shiftByDays', say('movingAppointment')] },
        { guard: purposeIs('reschedule'), target: 'deciding', actions: ['prepareMove', say('movingAppointment')] },
        { guard: purposeIs('confirm'), target: 'confirming_presence' },
        // "sim" out of the blue, then one picked from the list: that pick is the answer, no second question
        { guard: cameFrom('choosing_appointment'), target: 'confirming_presence' },
        { target: 'confirming_appointment', actions: say('confirmPresence') },
      ],
    },
    /** a provider named to take over the appointment: their times, or, when they do not see its specialty, that said and nothing moved */
    checking_new_provider: {
      invoke: {
        src: 'specialtyProviders',
        input: ({ context }) => ({ specialty: context.target?.specialty ?? '' }),
        onDone: [
          {
            guard: { type: 'practisesTargetSpecialty', params: ({ event }) => ({ providers: event.output }) },
            target: 'deciding',
            actions: ['prepareProviderChange', say('movingToNamedProvider')],
          },
          { target: 'done', actions: [say('providerOfOtherSpecialty'), 'stopFlow', ...thenAnythingElse] },
        ],
        // the clinic's providers cannot be read: the search decides
        onError: { target: 'deciding', actions: ['prepareProviderChange', say('movingToNamedProvider')] },
      },
    },
    cancelling: {
      invoke: {
        src: 'cancel',
        input: ({ context }) => ({ appointmentId: context.target!.id }),
        onDone: [
          {
            guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [
              { type: 'rememberAppointment', params: ({ event }) => ({ appointment: event.output.ok ? event.output.appointment : null }) },
              say('cancelled'),
              followUp('rebook'),
              say('wantAnotherTime'),
            ],
          },
          { target: 'done', actions: [say('cancelFailed'), ...thenAnythingElse] },
        ],
        onError: { target: 'done', actions: [say('cancelFailed'), ...thenAnythingElse] },
      },
    },
    /** "as duas" confirmed: each appointment of `targets` in turn, then one line for all of them */
    cancelling_each: {
      invoke: {
        src: 'cancel',
        input: ({ context }) => ({ appointmentId: context.targets[context.outcomes.length]!.id }),
        ...eachTarget('cancelling_each', 'cancelledAll'),
      },
    },
    /** "confirmo as duas" (or "ambas" to "which one?"): each appointment of `targets` in turn, then one reply naming them */
    confirming_each: {
      invoke: {
        src: 'confirm',
        input: ({ context }) => ({ appointmentId: context.targets[context.outcomes.length]!.id }),
        ...eachTarget('confirming_each', 'confirmedAll'),
      },
    },
    confirming_presence: {
      invoke: {
        src: 'confirm',
        input: ({ context }) => ({ appointmentId: context.target!.id }),
        onDone: [
          // a clinic question asked beside the confirmation ("confirmo! posso levar acompanhante?"): answered after it
          {
            guard: { type: 'succeededBesideQuestion', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'answering',
            actions: [say('presenceConfirmed'), 'takeAsideQuestionBack', 'settlePresenceConfirmed'],
          },
          {
            guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [say('presenceConfirmed'), ...thenAnythingElse],
          },
          { target: 'done', actions: [say('confirmFailed'), ...thenAnythingElse] },
        ],
        onError: { target: 'done', actions: [say('confirmFailed'), ...thenAnythingElse] },
      },
    },

    // ---------------------------------------------------------------- clinic questions, handoff
    answering: {
      invoke: {
        src: 'clinicInfo',
        input: () => ({}),
        onDone: [
          {
            guard: 'asksOwnAppointmentAddress',
            target: 'reading_own_appointments',
            actions: { type: 'storeInfo', params: ({ event }) => ({ info: event.output }) },
          },
          // "vcs atendem criança?": yes, in that specialty; booking it is asked ("Quer marcar?")
          {
            guard: { type: 'offersChildBooking', params: ({ event }) => ({ info: event.output }) },
            target: 'collecting',
            actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('clinicAnswer'), 'startChildBooking', say('wantToBook')],
          },
          {
            guard: { type: 'offersStaffAnswer', params: ({ event }) => ({ info: event.output }) },
            target: 'done',
            actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('clinicAnswer'), 'rememberClinicQuestion', ...thenOfferStaff],
          },
          {
            target: 'resuming',
            actions: [{ type: 'storeInfo', params: ({ event }) => ({ info: event.output }) }, say('clinicAnswer'), 'rememberClinicQuestion'],
          },
        ],
        onError: [
          { guard: 'offersStaffAnswer', target: 'done', actions: [say('clinicAnswer'), ...thenOfferStaff] },
          { target: 'resuming', actions: say('infoTrouble') },
        ],
      },
    },
    /** a clinic question asked beside a booking or a move: answered, then the booking goes on in the same turn */
    answering_aside: answeringAside('deciding'),
    /** the clinic question asked after a provider's hours, answered; then whether to book with them */
    answering_beside_hours: answeringAside('asking_to_book'),
    asking_to_book: { always: { target: 'collecting', actions: say('wantToBook') } },
    /** a clinic question beside a pick or a yes: answered first, then the pick or the yes is read as the whole reply */
    answering_beside_reply: answeringAside('reading_reply'),
    /** being late said: today's appointments named beside the thanks; a person offered (asked when nothing else is pending) */
    noting_lateness: {
      invoke: {
        src: 'listAppointments',
        // an appointment that has just begun is the one the patient is late for
        input: () => ({ started: true }),
        onDone: [
          // "vou chegar atrasada, onde estaciono?": the question answered after the lateness, and one person offered for both
          {
            guard: and(['nothingPending', 'hasPendingAsk', 'pendingAskIsQuestion']),
            target: 'done',
            actions: [{ type: 'sayLateNoted', params: ({ event }) => ({ appointments: event.output }) }, 'sayLateAside', followUp('handoff')],
          },
          {
            guard: 'nothingPending',
            target: 'done',
            actions: [{ type: 'sayLateNoted', params: ({ event }) => ({ appointments: event.output }) }, followUp('handoff'), say('offerLateHandoff')],
          },
          { target: 'resuming', actions: [{ type: 'sayLateNoted', params: ({ event }) => ({ appointments: event.output }) }, say('lateHandoffAvailable')] },
        ],
        onError: [
          { guard: 'nothingPending', target: 'done', actions: [{ type: 'sayLateNoted', params: () => ({ appointments: [] }) }, followUp('handoff'), say('offerLateHandoff')] },
          { target: 'resuming', actions: [{ type: 'sayLateNoted', params: () => ({ appointments: [] }) }, say('lateHandoffAvailable')] },
        ],
      },
    },
    /** an address question about the patient's own appointment: their appointments, for their units' addresses (none: the clinic's) */
    reading_own_appointments: {
      invoke: {
        src: 'listAppointments',
        input: () => ({}),
        onDone: [
          {
            guard: 'offersStaffAnswer',
            target: 'done',
            actions: [
              { type: 'storeAddressAppointments', params: ({ event }) => ({ appointments: event.output }) },
              say('clinicAnswer'),
              'rememberOwnAppointmentQuestion',
              ...thenOfferStaff,
            ],
          },
          {
            target: 'resuming',
            actions: [{ type: 'storeAddressAppointments', params: ({ event }) => ({ appointments: event.output }) }, say('clinicAnswer'), 'rememberOwnAppointmentQuestion'],
          },
        ],
        onError: [
          { guard: 'offersStaffAnswer', target: 'done', actions: [say('clinicAnswer'), ...thenOfferStaff] },
          { target: 'resuming', actions: say('clinicAnswer') },
        ],
      },
    },
    /** "quais dias a dra ana atende?": the weekly hours of whom was asked, then "Quer marcar?" with them */
    answering_hours: {
      invoke: {
        src: 'specialtyHours',
        input: ({ context }) => hoursQuestionInput(context),
        onDone: [
          // "o dr paulo atende sábado? quanto custa?": the question after the hours answered too, before whether to book
          {
            guard: { type: 'foundHoursAndQuestionAfter', params: ({ event }) => ({ found: event.output }) },
            target: 'answering_beside_hours',
            actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts', say('childrenOnProvider'), { type: 'sayHours', params: ({ event }) => ({ found: event.output }) }],
          },
          {
            guard: { type: 'foundHours', params: ({ event }) => ({ found: event.output }) },
            target: 'collecting',
            actions: [
              { type: 'startFlow', params: { flow: 'book' } },
              'mergeFacts',
              say('childrenOnProvider'),
              { type: 'sayHours', params: ({ event }) => ({ found: event.output }) },
              say('wantToBook'),
            ],
          },
          // no hours on file for whom was asked: read as a request, as before (a specialty the clinic lacks is said so)
          { target: 'deciding', actions: [{ type: 'startFlow', params: { flow: 'book' } }, 'mergeFacts'] },
        ],
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    /**
     * someone's hours asked while booking: said, then back to where the booking was with its question again;
     * when the answer invites booking with them instead, that is asked ("Quer marcar com ela?")
     */
    answering_hours_aside: {
      invoke: {
        src: 'specialtyHours',
        input: ({ context }) => hoursQuestionInput(context),
        onDone: [
          {
            guard: { type: 'invitesProviderChange', params: ({ event }) => ({ found: event.output }) },
            target: 'resuming',
            actions: [
              say('childrenOnProvider'),
              { type: 'sayHoursAside', params: ({ event }) => ({ found: event.output }) },
              { type: 'suggestProvider', params: ({ event }) => ({ found: event.output }) },
              say('wantToBookWith'),
            ],
          },
          {
            guard: { type: 'foundHours', params: ({ event }) => ({ found: event.output }) },
            target: 'resuming',
            actions: [say('childrenOnProvider'), { type: 'sayHoursAside', params: ({ event }) => ({ found: event.output }) }],
          },
          // no hours on file for whom was asked: read as a correction of the booking, as before
          { target: 'deciding', actions: 'mergeFacts' },
        ],
        onError: { target: 'resuming', actions: say('infoTrouble') },
      },
    },
    /** the full name given to the question after a booking, saved as the patient's record's name */
    saving_name: {
      invoke: {
        src: 'savePatientName',
        input: ({ context }) => ({ name: personNameGiven(context.text) ?? '' }),
        onDone: [
          {
            guard: { type: 'succeeded', params: ({ event }) => ({ ok: event.output.ok }) },
            target: 'done',
            actions: [{ type: 'storePatientName', params: ({ event }) => ({ name: event.output.ok ? event.output.name : '' }) }, say('patientNameSaved'), ...thenAnythingElse],
          },
          { target: 'done', actions: [say('patientNameNotSaved'), ...thenAnythingElse] },
        ],
        onError: { target: 'done', actions: [say('patientNameNotSaved'), ...thenAnythingElse] },
      },
    },
    handing_off: {
      invoke: {
        src: 'requestHandoff',
        input: ({ context }) => ({
          reason: context.struck ? ('not_understood' as const) : context.complaint !== null ? ('complaint' as const) : ('asked' as const),
          complaint: context.struck ? null : context.complaint,
        }),
        onDone: { target: 'handoff', actions: [say('handoff'), 'forgetComplaint'] },
        onError: { target: 'resuming', actions: say('handoffFailed') },
      },
    },
  },
});

export type BookingMachine = typeof bookingMachine;
