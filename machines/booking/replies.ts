/**
 * Pure readers of the patient's short replies to the dialogue's own questions: which option ("2", "a
 * segunda", "a das 14h"), yes or no, "tem mais tarde?", "outro dia", "nenhum", and the clinic questions
 * answered from clinic data. They run before the language layer because these replies mean something
 * only against what is on offer ("a segunda" is the second option there, Monday elsewhere). The words
 * live in locales/pt-BR/conversation-lexicon.ts.
 */
import { OFFSET_LEADS, OFFSET_UNITS } from '../../locales/pt-BR/lexicon-time';
import {
  ACK_WORDS,
  NO_LEADS,
  WAITLIST_ASK_VERBS,
  WAITLIST_ASK_REACH,
  NOT_GOING_PHRASES,
  NOT_GOING_REPLIES,
  OFFER_YES_WORDS,
  OFFER_YES_COMPANIONS,
  OFFER_NO_COMPANIONS,
  OFFER_DAY_LEADS,
  WAITING_PHRASES,
  WAITING_COMPANIONS,
  BARE_OK_WORDS,
  LATENESS_PHRASES,
  OFFERED_QUESTION_LEADS,
  UNPLACED_QUESTION_NOT_WORDS,
  SMALL_TALK_COMPANIONS,
  ASSISTANT_QUESTION_PHRASES,
  ASSISTANT_QUESTION_MARKERS,
  PRESENCE_CHECK_PHRASES,
  PRESENCE_HELLOS,
  REPEAT_QUESTION_PHRASES,
  REPEAT_REQUEST_PHRASES,
  WHAT_NOW_PHRASES,
  WHAT_NOW_ASKED_PHRASES,
  ATTACHMENT_WORDS,
  ATTACHMENT_COMPANIONS,
  MAY_I_ASK_PHRASES,
  OK_PHRASES,
  PRESENCE_WORDS,
  ALL_OF_THEM,
  ALL_OF_THEM_NOT_BEFORE,
  ALL_OF_THEM_OF,
  DAY_JOINS,
  DAY_PARTS,
  ANOTHER_ONE_PHRASES,
  OTHER_APPOINTMENT_LEADS,
  OTHER_APPOINTMENT_PHRASES,
  OTHER_APPOINTMENT_TAILS,
  ANY_DATE_PHRASES,
  ANY_DATE_REQUEST_PHRASES,
  ALSO_WORDS,
  ASK_VERBS,
  BOOKING_QUESTION_OPENERS,
  BOOKING_LEAD_WORDS,
  BOOKING_WISH_WORDS,
  WALK_IN_NEED_PHRASES,
  APPOINTMENT_SUBJECT_LEADS,
  APPOINTMENT_SUBJECT_OPENERS,
  PROVIDER_OPINION_PHRASES,
  TALK_TO_LEADS,
  PROVIDER_LATE_WORDS,
  PROVIDER_SPECIALTY_ASK_WORDS,
  LIST_ASK_PHRASES,
  SECOND_ASK_FILLERS,
  WELLBEING_PHRASES,
  WELLBEING_ASKED_ALONE,
  DID_IT_WORK_PHRASES,
  DID_IT_WORK_ALONG,
  UNSURE_COMPANIONS,
  UNSURE_PHRASES,
  POSTPONE_WORDS,
  BRING_FORWARD_WORDS,
  PICK_CORRECTION_PHRASES,
  BOOKED_CORRECTION_PHRASES,
  JUST_BOOKED_ASK_PHRASES,
  ANY_OPTION_PHRASES,
  NEAREST_ASK_COMPANIONS,
  BACK_PHRASES,
  BACK_TAILS,
  GREETING_ONLY_WORDS,
  LAUGHTER_EMOJI,
  LAUGHTER_WORDS,
  SECOND_ASK_JOINERS,
  SECOND_ASK_CONTRASTS,
  KEEP_BOOKED_LEADS,
  KEEP_BOOKED_WORDS,
  MOVE_TARGET_LEADS,
  URGENT_PHRASES,
  HOURS_ASK_WORDS,
  PRACTITIONERS_ASK_PHRASES,
  PROVIDER_PRONOUNS,
  PROVIDER_REFERENCES,
  PROVIDER_SUBJECT_REFERENCES,
  PROVIDER_AWAY_PHRASES,
  AHEAD_DATE_WORDS,
  CALL_PHRASES,
  CANCEL_BOOKED_PHRASES,
  CHANGE_PROVIDER_ARTICLES,
  CHANGE_PROVIDER_LINKS,
  CHANGE_PROVIDER_VERBS,
  DIFFERENT_WORDS,
  OTHER_PROVIDER_WORDS,
  PROVIDER_WORDS,
  CLINIC_TOPIC_PHRASES,
  CLINIC_TOPIC_NOT_PHRASES,
  UNIT_HOURS_LEADS,
  CONFIRMED_ASK_PHRASES,
  COURTESY_PHRASES,
  EXAM_ASK,
  DONE_SAID_BACK_PHRASES,
  CONTINUE_PHRASES,
  EARLIER_ALONE,
  EARLIER_PHRASES,
  FILLER_WORDS,
  FOLLOW_UP_LEADS,
  QUESTION_SUBJECT_WORDS,
  LISTED_APPOINTMENT_LINKS,
  THERE_WORDS,
  FOLLOW_UP_MAX_WORDS,
  GIVE_UP_PHRASES,
  GIVE_UP_TAILS,
  SHIFT_COUNTS,
  SHIFT_NOT_AFTER,
  SHIFT_UNITS,
  SHIFT_VERBS,
  LATER_ALONE,
  LATER_PHRASES,
  NO_COMPANIONS,
  NO_PAUSE_WORDS,
  POINTING_COMPANIONS,
  POINTING_WORDS,
  NO_EMOJI,
  NO_HEADS,
  WANTING_VERBS,
  LEAVE_VERBS,
  LEAVE_YES_COMPANIONS,
  NO_PHRASES,
  NONE_HEADS,
  NONE_PHRASES,
  OPTION_ARTICLES,
  OPTION_WORDS,
  ORDINAL_WORDS,
  ORDINAL_ARTICLES,
  ORDINAL_WEEKDAYS,
  COUNTING_WORDS,
  DAY_PART_WORDS,
  OTHER_DAY_PHRASES,
  OTHERS_PHRASES,
  OWN_APPOINTMENT_WORDS,
  MY_APPOINTMENT_PHRASES,
  OTHERS_APPOINTMENT_VERBS,
  OTHERS_APPOINTMENT_OF,
  REFERENCE_DATE_LEADS,
  RELATIVE_DAY_WORDS,
  SALUTATIONS,
  SAME_TIME_PHRASES,
  SAME_DAY_PHRASES,
  SAME_WEEK_PHRASES,
  RIGHT_AFTER_PHRASES,
  RIGHT_BEFORE_PHRASES,
  SHOW_AGAIN_COMPANIONS,
  SHOW_AGAIN_WORDS,
  STOP_PHRASES,
  SWAP_LINKS,
  SWAP_TO_ANYONE,
  TIME_LEADS,
  TARGET_DATE_LEADS,
  REFERENCE_TIME_LEADS,
  CANCEL_WORDS,
  CONFIRM_COMPANIONS,
  CONFIRM_STEM,
  CONFIRM_YES_FORMS,
  CONFIRM_SHORT_SLIPS,
  MOVE_WORDS,
  RELATIVE_WORDS,
  RELATIVE_POSSESSIVES,
  DATE_BOUND_WORDS,
  APPOINTMENT_WORDS_BEFORE_TIME,
  THANKS_PHRASES,
  GOODBYE_PHRASES,
  FAREWELL_UNTIL_PHRASES,
  WEEKDAY_WORDS,
  ASK_WORDS,
  YES_COMPANIONS,
  YES_EMOJI,
  YES_WORDS,
} from '../../locales/pt-BR/conversation-lexicon';
import { BOOKED_FOR_LEADS, NOT_A_NAME_AFTER_TITLE, NOT_A_NAME_WORDS, NOT_A_PERSON_WORDS, PROVIDER_LEADS, PROVIDER_TITLES, PROVIDER_TITLES_FEMALE } from '../../locales/pt-BR/lexicon';
import { PERSON_NAME_LEADS, NAME_PARTICLES, NAME_REFUSAL_COMPANIONS, NAME_REFUSAL_PHRASES, NOT_A_NAME_REPLY_WORDS, WHO_SEES_ALONG, WHO_SEES_PHRASES } from '../../locales/pt-BR/conversation-lexicon';
import { SQUEEZE_IN_ASK, NEW_PROVIDER_LEADS, BESIDE_MOVE_LEADS, BESIDE_MOVE_NOUNS, WHO_FOR_AGE_WORDS, WHO_FOR_OPENERS, MISSED_VERBS, MISSED_LINKS, MISSED_OBJECTS, MISSED_WITH_PAST_DAY, FORGOT_VERBS, MISSED_NOT_APPOINTMENT, PAST_VISIT_PHRASES, NOT_SEEN_LEADS, COMPLAINT_PATTERNS, ANY_PROVIDER_REPLY, RETURN_ASKED_PHRASES, PROVIDER_WHEREABOUTS_PHRASES } from '../../locales/pt-BR/conversation-lexicon';
import { fold, foldHeldLetters, foldKey } from '../../src/core/language/normalize';
import { editDistance, weekdaySlipAt } from '../../src/core/language/spelling';

export type ClinicTopic = keyof typeof CLINIC_TOPIC_PHRASES;
export type Salutation = keyof typeof SALUTATIONS;

/** Something the patient can pick from a numbered list: a slot on offer or an appointment. */
export interface Pickable {
  date: string;
  start_time: string;
}

const FILLERS = new Set(FILLER_WORDS);
const YES = new Set([...YES_WORDS, ...CONFIRM_YES_FORMS, ...CONFIRM_SHORT_SLIPS]);
/** the confirmation words a slip of one letter is forgiven in ("confirmadp" for "confirmado") */
const CONFIRM_FORMS = [...YES_WORDS, ...CONFIRM_YES_FORMS].filter((w) => w.startsWith(CONFIRM_STEM));
const YES_ALONG = new Set(YES_COMPANIONS);
const ASKS = new Set(ASK_WORDS);
const NO = new Set(NO_HEADS);
const NO_ALONG = new Set(NO_COMPANIONS);
const NO_PAUSE = new Set(NO_PAUSE_WORDS);
const POINTING = new Set(POINTING_WORDS);
const POINTING_ALONG = new Set(POINTING_COMPANIONS);
const ACK = new Set(ACK_WORDS);
const SHOW_AGAIN = new Set(SHOW_AGAIN_WORDS);
const SHOW_AGAIN_ALONG = new Set(SHOW_AGAIN_COMPANIONS);

/**
 * The message as the readers see it: lower case, no accents, yes/no emoji as words, punctuation gone
 * (a colon between digits stays: "14:00"), single spaces.
 */
export function normalizeReply(text: string): string {
  const known = NORMALIZED.get(text);
  if (known !== undefined) return known;
  if (NORMALIZED.size >= NORMALIZED_MEMORY) NORMALIZED.clear();
  const normalized = computeNormalizedReply(text);
  NORMALIZED.set(text, normalized);
  return normalized;
}

/** The readers of one turn normalise the same message a dozen times: the latest ones are remembered. */
const NORMALIZED = new Map<string, string>();
const NORMALIZED_MEMORY = 64;

function computeNormalizedReply(text: string): string {
  let s = text.normalize('NFC');
  for (const e of YES_EMOJI) s = s.split(e).join(' joinha ');
  for (const e of NO_EMOJI) s = s.split(e).join(' nao ');
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ª/g, 'a')
    .replace(/º/g, 'o')
    .replace(/(\d):(\d)/g, '$1\u0000$2')
    .replace(/(\d)\/(\d)/g, '$1\u0001$2')
    .replace(/[^\p{L}\p{N}\u0000\u0001]+/gu, ' ')
    .replace(/\u0000/g, ':')
    .replace(/\u0001/g, '/')
    .trim()
    .replace(/\s+/g, ' ');
}

function words(text: string): string[] {
  const n = normalizeReply(text);
  return n === '' ? [] : n.split(' ');
}

/** A weekday word that plainly names an option, not a day: after an article, or beside the word for "option" (lexicon). */
export function namesOptionPlainly(text: string): boolean {
  const all = words(text);
  return all.some((w, i) => OPTION_WORDS.includes(w) || (WEEKDAY_WORDS[w] !== undefined && OPTION_ARTICLES.includes(all[i - 1] ?? '')));
}

/** The words that carry meaning in a short reply (a correction before a pick carries none). */
function meaningful(text: string): string[] {
  let n = ` ${normalizeReply(text)} `;
  for (const phrase of PICK_CORRECTION_PHRASES) n = n.split(` ${phrase} `).join(' ');
  return n.split(' ').filter((w) => w !== '' && !FILLERS.has(w));
}

/** Whether `phrase` occurs in the normalised text on word boundaries. */
function has(normalized: string, phrase: string): boolean {
  return ` ${normalized} `.includes(` ${phrase} `);
}

/** Each list of phrases as hasAny looks for it: a space either side of each (built once per list, not per call). */
const paddedPhrases = new WeakMap<readonly string[], readonly string[]>();

function hasAny(normalized: string, phrases: readonly string[]): boolean {
  let padded = paddedPhrases.get(phrases);
  if (!padded) {
    padded = phrases.map((p) => ` ${p} `);
    paddedPhrases.set(phrases, padded);
  }
  const text = ` ${normalized} `;
  return padded.some((p) => text.includes(p));
}

function isOneOf(normalized: string, phrases: readonly string[]): boolean {
  return phrases.includes(normalized);
}

/** `HH:MM` of "14h", "14:00", "14h30", "9", "9hs"; null when the word is not a time. */
export function readClock(word: string): { time: string; exact: boolean } | null {
  const m = /^(\d{1,2})(?:(?:h|hs|hrs|horas?)(\d{2})?|:(\d{2}))?$/.exec(word);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] ?? m[3];
  if (hour > 23 || (minute !== undefined && Number(minute) > 59)) return null;
  const time = `${String(hour).padStart(2, '0')}:${minute ?? '00'}`;
  return { time, exact: minute !== undefined };
}

/**
 * Which item (0-based) a reply picks: a number ("2", "option 2"), an ordinal ("the second", "the
 * last"), or a time ("the one at 14h", "14:00"). Null when the reply is not only a pick or names nothing on the list (a time
 * that fits two items is no pick either).
 */
export function pickIndex(text: string, items: readonly Pickable[]): number | null {
  if (items.length === 0) return null;
  const rest = meaningful(text);
  if (rest.length !== 1) return null;
  const word = rest[0]!;
  const all = words(text);
  const before = all[all.indexOf(word) - 1];
  const saysTime = before !== undefined && TIME_LEADS.includes(before);
  if (/^\d{1,2}$/.test(word) && !saysTime) {
    const n = Number(word);
    if (n >= 1 && n <= items.length) return n - 1;
  }
  const ordinal = ORDINAL_WORDS[word];
  // "então segunda", "prefiro quinta": a weekday after other words with no article is that day ("a segunda" is the option)
  if (ordinal !== undefined && ORDINAL_WEEKDAYS[word] !== undefined && before !== undefined && !ORDINAL_ARTICLES.includes(before)) return null;
  if (ordinal !== undefined) {
    if (ordinal === -1) return items.length - 1;
    return ordinal <= items.length ? ordinal - 1 : null;
  }
  const clock = readClock(word);
  if (!clock) return null;
  // a bare hour may be an afternoon hour said the short way ("as 3" = 15:00)
  const candidates = [clock.time];
  const hour = Number(clock.time.slice(0, 2));
  if (hour >= 1 && hour <= 7) candidates.push(`${String(hour + 12).padStart(2, '0')}${clock.time.slice(2)}`);
  for (const time of candidates) {
    const exact = items.flatMap((item, i) => (item.start_time === time ? [i] : []));
    if (exact.length === 1) return exact[0]!;
    if (exact.length > 1) return null;
    if (!clock.exact) {
      const sameHour = items.flatMap((item, i) => (item.start_time.slice(0, 2) === time.slice(0, 2) ? [i] : []));
      if (sameHour.length === 1) return sameHour[0]!;
      if (sameHour.length > 1) return null;
    }
  }
  return null;
}

/**
 * A reply that is a bare list number and nothing else ("3", "opcao 3"), no time lead or unit, that is past the
 * end of a list of `count` (or 0): with a numbered list of appointments it is a slip, not the hour "às 3".
 */
export function numberBeyondList(text: string, count: number): boolean {
  const rest = meaningful(text);
  if (rest.length !== 1 || !/^\d{1,2}$/.test(rest[0]!)) return false;
  const all = words(text);
  const before = all[all.indexOf(rest[0]!) - 1];
  if (before !== undefined && TIME_LEADS.includes(before)) return false;
  const n = Number(rest[0]);
  return n < 1 || n > count;
}

/**
 * The item (0-based) of a list of `count` an ordinal after an article picks inside a longer message ("quero cancelar
 * a primeira", "desmarca a 2", "remarcar a última"); null when there is none or it is past the end. Counting words
 * ("uma", "as duas") are no pick.
 */
export function ordinalPick(text: string, count: number): number | null {
  const found = ordinalIn(text);
  if (!found) return null;
  if (found.n === -1) return count - 1;
  return found.n >= 1 && found.n <= count ? found.n - 1 : null;
}

/** The ordinal word `ordinalPick` reads, or null. */
export function ordinalWord(text: string): string | null {
  return ordinalIn(text)?.word ?? null;
}

function ordinalIn(text: string): { word: string; n: number } | null {
  const all = words(text);
  for (let i = 1; i < all.length; i++) {
    if (!ORDINAL_ARTICLES.includes(all[i - 1]!)) continue;
    const word = all[i]!;
    const n = /^\d$/.test(word) ? Number(word) : COUNTING_WORDS.includes(word) ? undefined : ORDINAL_WORDS[word];
    if (n === undefined) continue;
    // "a segunda de manhã", "a 2 da tarde": a day or a time, not the second one
    if (DAY_PART_WORDS.includes(all[i + 1] ?? '') || (['da', 'de'].includes(all[i + 1] ?? '') && DAY_PART_WORDS.includes(all[i + 2] ?? ''))) continue;
    return { word, n };
  }
  return null;
}

/**
 * The rest of a reply that opens with a no and then picks ("não, prefiro a 2", "nao, a das 9"): the
 * no is to the summary, the rest the new pick. A no with no pause after it ("não quero a 2") is not
 * taken apart: it may refuse that option.
 */
export function afterLeadingNo(text: string): string | null {
  // "não, prefiro a 2", "nao pera, a segunda": a no (and a pause) up to the first punctuation
  const m = /^\s*([^,.;!?]+?)\s*[,.;!]+\s*(\S.*)$/su.exec(text);
  if (m && opensWithPausedNo(words(m[1]!))) return withoutPause(m[2]!);
  // "nao pera prefiro a segunda": the pause said in words, no punctuation
  const all = words(text);
  let i = 0;
  while (i < all.length && (inSet(NO, all[i]!) || NO_PAUSE.has(all[i]!))) i++;
  if (i === all.length || !opensWithPausedNo(all.slice(0, i)) || !all.slice(0, i).some((w) => NO_PAUSE.has(w))) return null;
  return all.slice(i).join(' ');
}

function opensWithPausedNo(lead: readonly string[]): boolean {
  return lead.length > 0 && inSet(NO, lead[0]!) && lead.slice(1).every((w) => inSet(NO, w) || NO_PAUSE.has(w));
}

/** "pera, a segunda" after the no: the pause words dropped. */
function withoutPause(rest: string): string {
  const all = words(rest);
  let i = 0;
  while (i < all.length - 1 && NO_PAUSE.has(all[i]!)) i++;
  return i === 0 ? rest : all.slice(i).join(' ');
}

/** A word of a set, also when typed with letters held down ("siiim", "naao", "okkk" read as "sim", "nao", "ok"). */
function inSet(set: ReadonlySet<string>, word: string): boolean {
  return set.has(word) || set.has(foldHeldLetters(word));
}

/** A word that agrees: a yes word, also held down, or a confirmation word with one slip ("confirmadp", "confrimado"). */
function yesWord(word: string): boolean {
  if (inSet(YES, word)) return true;
  if (!word.startsWith(CONFIRM_STEM) || word.length < CONFIRM_SLIP_MIN_LENGTH) return false;
  const once = foldHeldLetters(word);
  return CONFIRM_FORMS.some((f) => editDistance(word, f, 1) <= 1 || editDistance(once, f, 1) <= 1);
}

/** Shorter words are no slip of a confirmation ("confia", "confere" are words of their own). */
const CONFIRM_SLIP_MIN_LENGTH = 9;

/** The verbs that say each action asked about: a booking's summary is also confirmed ("pode confirmar"), a move's also booked. */
const ACTION_VERBS = {
  cancel: ASK_VERBS.cancel,
  book: [...ASK_VERBS.book, ...ASK_VERBS.confirm],
  move: [...ASK_VERBS.reschedule, ...ASK_VERBS.book, ...ASK_VERBS.confirm],
};

/** A "não" standing apart at the start of a reply ("não, pode cancelar"): a comma or a stop after it. */
const NO_APART = /^\s*(?:n[aã]o+|ñ|n)\s*[,.;!…]+\s*/i;

/**
 * "cancela", "quero cancelar mesmo", "não, pode cancelar" to "Desmarco?"; "marca", "não, pode marcar" to the summary of a
 * booking: the action asked about said in so many words (one of `verbs`, every other word a yes word or one that goes
 * with one) is a yes. A "não" standing apart before it is no refusal: it answers a doubt ("Não, pode cancelar"). A verb
 * negated is never one ("não cancela", "não pode cancelar" without a comma).
 */
export function saysActionAsked(text: string, action: 'cancel' | 'book' | 'move'): boolean {
  const verbs = ACTION_VERBS[action];
  const apart = NO_APART.exec(text);
  const all = words(apart ? text.slice(apart[0].length) : text);
  return all.some((w) => verbs.includes(w)) && all.every((w) => verbs.includes(w) || yesWord(w) || inSet(YES_ALONG, w));
}

/** "sim", "pode", "isso", "ok", 👍, "confirmo", "sim, pode marcar": agreement and nothing else. */
export function isYes(text: string): boolean {
  const all = words(text);
  if (all.length === 0) return false;
  const confirms = all.some((w) => w.startsWith(CONFIRM_STEM) && yesWord(w));
  return all.some(yesWord) && all.every((w) => yesWord(w) || inSet(YES_ALONG, w) || (confirms && CONFIRM_COMPANIONS.includes(w)));
}

/** "pode ser sábado também": an "also" word (ALSO_WORDS) anywhere in the message */
export function saysAlso(text: string): boolean {
  return words(text).some((w) => ALSO_WORDS.includes(w));
}

/** A yes to whether to leave the waitlist: a yes, or "pode tirar", "tira sim", "quero sair" (LEAVE_VERBS, LEAVE_YES_COMPANIONS beside the yes words). */
export function acceptsLeaving(text: string): boolean {
  if (isYes(text)) return true;
  const all = words(text);
  return all.some((w) => LEAVE_VERBS.includes(w)) && all.every((w) => inSet(YES, w) || inSet(YES_ALONG, w) || LEAVE_VERBS.includes(w) || LEAVE_YES_COMPANIONS.includes(w));
}

/**
 * A yes to a freed time offered by message ("Responda SIM para reservar"): a yes, or "aceito", "pode reservar pra mim",
 * "quero essa vaga", "oba, sim, obrigada!" (OFFER_YES_WORDS and OFFER_YES_COMPANIONS beside the yes words).
 */
export function acceptsOffer(text: string): boolean {
  if (isYes(text)) return true;
  const all = words(text);
  const says = (w: string) => inSet(YES, w) || OFFER_YES_WORDS.includes(w);
  return all.some(says) && all.every((w) => says(w) || inSet(YES_ALONG, w) || OFFER_YES_COMPANIONS.includes(w));
}

/**
 * A yes to a freed time offered by message that names its day ("quero a vaga de quinta", "quero a vaga do dia 26"): the
 * weekdays and days of the month named, or null when the message is no such yes (a plain yes names none).
 */
export function offerYesDays(text: string): { weekdays: number[]; days: number[] } | null {
  const all = words(text);
  const weekdays: number[] = [];
  const days: number[] = [];
  const rest = all.filter((w) => {
    if (WEEKDAY_WORDS[w] !== undefined) return weekdays.push(WEEKDAY_WORDS[w]!), false;
    if (/^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31) return days.push(Number(w)), false;
    return !OFFER_DAY_LEADS.includes(w);
  });
  if (weekdays.length === 0 && days.length === 0) return acceptsOffer(text) ? { weekdays, days } : null;
  return rest.length > 0 && acceptsOffer(rest.join(' ')) ? { weekdays, days } : null;
}

/**
 * A no to a freed time offered by message: a no, or one with words about that day or time ("não posso nesse dia",
 * "nesse horario nao consigo", "nenhum, obrigada"; OFFER_NO_COMPANIONS), a no word among them.
 */
export function declinesOffer(text: string): boolean {
  if (isNo(text)) return true;
  const all = words(text);
  const refuses = (w: string) => inSet(NO, w) || w === 'nenhum' || w === 'nenhuma';
  return all.some(refuses) && all.every((w) => refuses(w) || inSet(NO_ALONG, w) || OFFER_NO_COMPANIONS.includes(w));
}

/**
 * A no to a freed time offered by message, then another ask after a break ("nao da, tem pra segunda?", "não posso. teria
 * sexta de manhã?"): the ask after it, or null when the message is not that (a no alone, or no no first).
 */
export function declinesOfferThenAsks(text: string): string | null {
  const m = /^\s*([^,.;!?]+?)\s*[,.;!]+\s*(\S.*)$/su.exec(text);
  if (!m || !declinesOffer(m[1]!) || declinesOffer(m[2]!) || normalizeReply(m[2]!) === '') return null;
  return m[2]!.trim();
}

/** "pode cancelar", "sim, desmarca": a reply that carries a cancel word (lexicon CANCEL_WORDS). */
export function carriesCancelWord(text: string): boolean {
  return words(text).some((w) => CANCEL_WORDS.includes(w));
}

/**
 * "não vou poder ir", "infelizmente não consigo": the patient cannot come (NOT_GOING_PHRASES anywhere, or NOT_GOING_REPLIES
 * as the whole reply), and says nothing of cancelling or moving it (that is an ask of its own)
 */
export function saysNotGoing(text: string): boolean {
  if (carriesCancelWord(text) || carriesMoveWord(text)) return false;
  const n = normalizeReply(text);
  return isOneOf(n, NOT_GOING_REPLIES) || hasAny(n, NOT_GOING_PHRASES);
}

/**
 * "não vou conseguir ir hoje", "vou faltar sexta": not going said (NOT_GOING_PHRASES), whatever else the message asks; a day
 * said beside it alone is the day the patient cannot come, never the new time of a move.
 */
export function namesNotGoing(text: string): boolean {
  return hasAny(normalizeReply(text), NOT_GOING_PHRASES);
}

/** "pode remarcar", "sim, troca": a reply that carries a move word (lexicon MOVE_WORDS). */
export function carriesMoveWord(text: string): boolean {
  return words(text).some((w) => MOVE_WORDS.includes(w));
}

/** "esse", "essa aí", "pode ser esse": pointing at one of the options without saying which. */
export function pointsAtOne(text: string): boolean {
  const all = words(text);
  return all.some((w) => POINTING.has(w)) && all.every((w) => POINTING.has(w) || POINTING_ALONG.has(w) || FILLERS.has(w));
}

/** "sim, pra sexta", "pode marcar amanhã", "quero, de manhã": a reply that opens with a yes, whatever follows. */
export function opensWithYes(text: string): boolean {
  const first = words(text)[0];
  return first !== undefined && inSet(YES, first);
}

/**
 * A yes to the offer to show the left-out providers' times again (pt.otherProvidersLeftOut): a plain yes ("sim", "pode", "quero"), or "mostra",
 * "pode mostrar", "quero ver os dela".
 */
export function acceptsShowingAgain(text: string): boolean {
  if (isYes(text)) return true;
  const all = words(text);
  const fits = (w: string) => inSet(SHOW_AGAIN, w) || inSet(YES, w) || inSet(YES_ALONG, w) || SHOW_AGAIN_ALONG.has(w);
  return all.some((w) => inSet(SHOW_AGAIN, w)) && all.every(fits);
}

/** A yes that names an ask of its own: "quero remarcar", "sim, quero marcar". */
export function namesAnAsk(text: string): boolean {
  return words(text).some((w) => ASKS.has(w));
}

/** "não", "nao obrigado", "agora não", 👎: refusal and nothing else. */
export function isNo(text: string): boolean {
  let n = normalizeReply(text);
  // "pensando bem, não cancela não": the no after the change of mind
  for (const lead of NO_LEADS) if (n.startsWith(`${lead} `)) n = n.slice(lead.length + 1);
  if (n === '') return false;
  if (isOneOf(n, NO_PHRASES)) return true;
  const all = n.split(' ');
  return inSet(NO, all[0]!) && all.slice(1).every((w) => inSet(NO_ALONG, w));
}

/**
 * "então me avisa", "fico no aguardo", "valeu, espero então": waiting to hear from us (WAITING_PHRASES), every other
 * word an acknowledgement's or a companion's. No ask: "me avisa se abrir vaga pra sexta" says more.
 */
export function isWaiting(text: string): boolean {
  let n = ` ${normalizeReply(text)} `;
  let waits = false;
  for (const phrase of WAITING_PHRASES) {
    if (!n.includes(` ${phrase} `)) continue;
    n = n.split(` ${phrase} `).join(' ');
    waits = true;
  }
  return waits && n.split(' ').every((w) => w === '' || inSet(ACK, w) || WAITING_COMPANIONS.includes(w));
}

/** The reply with each "tá bem" read as "ok" (lexicon OK_PHRASES). */
function withOkPhrases(text: string): string {
  let n = ` ${normalizeReply(text)} `;
  for (const phrase of OK_PHRASES) if (n.includes(` ${phrase} `)) n = n.split(` ${phrase} `).join(' ok ');
  return n.trim();
}

/** "ok", "tá bom", "tá bem", "blz" and nothing else */
export function isBareOk(text: string): boolean {
  const all = withOkPhrases(text).split(' ').filter((w) => w !== '');
  return all.length > 0 && all.every((w) => BARE_OK_WORDS.includes(w));
}

/** "ok", "obrigado", "valeu", 👍 (also typed "okkk", "blzz"): closing a finished exchange. */
export function isAcknowledgement(text: string): boolean {
  // blessings and kind words beside the thanks ("obrigada, minha filha, Deus te abençoe") say nothing more
  let n = ` ${withOkPhrases(text)} `;
  // "tá marcado então": what was just done, said back, is an "ok" (asked, "tá marcado?", it is not)
  if (!text.includes('?')) for (const phrase of DONE_SAID_BACK_PHRASES) if (n.includes(` ${phrase} `)) n = n.split(` ${phrase} `).join(' ok ');
  // "ok tudo bem, obrigada": beside thanks and with no question mark, "tudo bem" is an ok, not how we are
  if (!text.includes('?') && isThanks(text)) n = n.split(' tudo bem ').join(' tudo ok ');
  let courteous = false;
  for (const phrase of COURTESY_PHRASES) {
    if (!n.includes(` ${phrase} `)) continue;
    n = n.split(` ${phrase} `).join(' ');
    courteous = true;
  }
  let all = n.split(' ').filter((w) => w !== '');
  // "obrigada dr paulo", "valeu dra ana": thanks addressed to a doctor are still thanks (the title and the name dropped)
  if (isThanks(text)) all = withoutAddressedTitle(all);
  return (all.length > 0 || courteous) && all.every((w) => inSet(ACK, w) || w === 'joinha');
}

/** The words without a title and the one or two name words after it ("dr paulo", "dra ana souza"). */
function withoutAddressedTitle(words: string[]): string[] {
  const at = words.findIndex((w) => PROVIDER_TITLES.includes(w));
  if (at < 0) return words;
  let end = at + 1;
  while (end < words.length && end - at <= 2 && /^[a-z]{2,}$/.test(words[end]!) && !inSet(ACK, words[end]!) && !NOT_A_NAME_AFTER_TITLE.includes(words[end]!)) end++;
  return [...words.slice(0, at), ...words.slice(end)];
}

/** Thanks or goodbye anywhere in the message. */
export function isThanks(text: string): boolean {
  return saysAnyOf(text, THANKS_PHRASES);
}

/**
 * "obrigada, até amanhã", "ok, até sexta então", "até amanhã!": a goodbye until a day, with only thanks or agreement
 * beside it (lexicon FAREWELL_UNTIL_PHRASES).
 */
export function saysFarewellUntil(text: string): boolean {
  const n = ` ${normalizeReply(text)} `;
  const phrase = longestFirstOf(FAREWELL_UNTIL_PHRASES).find((p) => n.includes(` ${p} `));
  if (!phrase) return false;
  const rest = n.split(` ${phrase} `).join(' ').trim();
  return rest === '' || isAcknowledgement(rest);
}

/** A goodbye ('tchau', 'ate logo') anywhere in the message, thanked or not. */
export function saysGoodbye(text: string): boolean {
  return saysAnyOf(text, GOODBYE_PHRASES);
}

/**
 * "perdi minha consulta ontem", "faltei na consulta de segunda", "nao consegui ir na consulta": an appointment missed,
 * told. With a past day said (`pastDay`), "faltei ontem" (no object) and "esqueci da consulta ontem" are too.
 */
export function saysMissedAppointment(text: string, pastDay = false): boolean {
  const words = normalizeReply(text).split(' ');
  if (pastDay && hasAny(words.join(' '), MISSED_WITH_PAST_DAY) && !words.some((w) => MISSED_NOT_APPOINTMENT.includes(w))) return true;
  for (const verb of pastDay ? [...MISSED_VERBS, ...FORGOT_VERBS] : MISSED_VERBS) {
    const v = verb.split(' ');
    for (let i = 0; i + v.length <= words.length; i++) {
      if (!v.every((w, k) => words[i + k] === w)) continue;
      let j = i + v.length;
      while (j < words.length && j - (i + v.length) < 2 && MISSED_LINKS.includes(words[j]!)) j++;
      if (j < words.length && MISSED_OBJECTS.includes(words[j]!)) return true;
    }
  }
  return false;
}

const ANY_PROVIDER = new RegExp(ANY_PROVIDER_REPLY, 'u');

/** "qualquer médico", "tanto faz o médico": any doctor of the specialty, said as the whole reply (lexicon ANY_PROVIDER_REPLY). */
export function saysAnyProvider(text: string): boolean {
  return ANY_PROVIDER.test(normalizeReply(text));
}

const COMPLAINT = new RegExp(` (?:${COMPLAINT_PATTERNS.join('|')}) `, 'u');

/** "não fui atendida hoje, esperei duas horas", "péssimo atendimento": a complaint (lexicon COMPLAINT_PATTERNS). */
export function complains(text: string): boolean {
  return COMPLAINT.test(` ${normalizeReply(text)} `);
}

/** "ontem fui atendida pela dra ana": a visit told ("ninguém me atendeu" is none). */
export function toldPastVisit(text: string): boolean {
  const n = ` ${normalizeReply(text)} `;
  const found = PAST_VISIT_PHRASES.filter((p) => n.includes(` ${p} `));
  // "fui aí e ninguém me atendeu": a complaint, no visit told
  const negated = found.some((p) => {
    const before = n.slice(0, n.indexOf(` ${p} `)).trim().split(' ');
    return NOT_SEEN_LEADS.includes(before[before.length - 1] ?? '');
  });
  return found.length > 0 && !negated;
}

/**
 * "em 30 dias", "daqui a 2 semanas", "mês que vem": the words of a date that can only be ahead of today (an offset from
 * now, or the next week or month), so never the day of a visit told or missed
 */
export function namesDayAhead(dateText: string | null): boolean {
  if (!dateText) return false;
  const n = normalizeReply(dateText);
  if (hasAny(n, AHEAD_DATE_WORDS)) return true;
  return OFFSET_AHEAD.test(n);
}

/** "em 30 dias", "daqui a 2 semanas": a lead, a quantity and a unit (lexicon-time OFFSET_LEADS, OFFSET_UNITS) */
const OFFSET_AHEAD = new RegExp(
  `(?:^|\\s)(?:${OFFSET_LEADS.map((l) => l.replace(/ /g, '\\s+')).join('|')})\\s+\\S+\\s+(?:${Object.keys(OFFSET_UNITS).join('|')})(?:\\s|$)`,
);

/** "ela pediu retorno", "pediu pra eu voltar": a return visit asked for. */
export function asksReturnVisit(text: string): boolean {
  return hasAny(normalizeReply(text), RETURN_ASKED_PHRASES);
}

/** "o dr paulo tá de férias?", "a dra ana tá de licença?": whether a provider is away (the name read apart). */
export function asksProviderAway(text: string): boolean {
  return saysAnyOf(text, PROVIDER_AWAY_PHRASES);
}

/** "cadê o dr paulo?", "o dr paulo tá aí hoje?": where a provider is, or whether they are in today (the name read apart). */
export function asksWhereabouts(text: string): boolean {
  // also typed with letters held down ("ta aii", "cadeee")
  return saysAnyOf(text, PROVIDER_WHEREABOUTS_PHRASES);
}

/**
 * "quais dias a dra ana atende? quanto custa?": an hours question, then a clinic question of its own after the "?" (the
 * price there no longer makes "atende" a question of payment): the two parts, or null. Where asked after it ("e onde
 * fica?") or whether they see children stays with the hours, which answer it of that provider.
 */
export function splitHoursThenQuestion(text: string): [string, string] | null {
  const at = text.indexOf('?');
  if (at < 0) return null;
  const first = text.slice(0, at + 1).trim();
  const rest = text.slice(at + 1).trim();
  if (rest === '' || !asksHours(first)) return null;
  const topics = clinicTopics(rest);
  // "… e onde fica?", "… ela atende criança?": of the provider asked, answered with the hours
  if (topics.length === 0 || topics.every((t) => t === 'address' || t === 'hours' || t === 'children')) return null;
  return [first, rest];
}

/**
 * "oi dr paulo", "bom dia dra ana", "oi doutora, tudo bem?": a hello addressed to a doctor (a title and its name words), and
 * nothing else: the patient may think the doctor reads this.
 */
export function greetsDoctor(text: string): boolean {
  const all = normalizeReply(text).split(' ').filter((w) => w !== '');
  if (!all.some((w) => PROVIDER_TITLES.includes(w)) || !all.some((w) => GREETING_ONLY_WORDS.includes(w) && !THANKS_PHRASES.includes(w))) return false;
  const rest = withoutAddressedTitle(all.filter((w) => !GREETING_ONLY_WORDS.includes(w) || PROVIDER_TITLES.includes(w)));
  return rest.length === 0;
}

/** "tchau", "obrigada, até logo", "obrigada, até amanhã": a goodbye and nothing else (no hello either). */
export function onlyGoodbye(text: string): boolean {
  return ((saysGoodbye(text) && isAcknowledgement(text)) || saysFarewellUntil(text)) && salutation(text) === null;
}

const THANKS_ONLY = THANKS_PHRASES.filter((p) => !GOODBYE_PHRASES.includes(p));

/** Thanks said ('obrigado', 'valeu'), not only a goodbye. */
export function saysThanks(text: string): boolean {
  return saysAnyOf(text, THANKS_ONLY);
}

function saysAnyOf(text: string, phrases: readonly string[]): boolean {
  const n = normalizeReply(text);
  // also typed with letters held down ("obrigadaaa", "valeeeu"); no such phrase has a letter twice in a row
  return hasAny(n, phrases) || hasAny(foldHeldLetters(n), phrases);
}

/** "tem mais tarde?", "depois?": the same days, later than what is on offer. */
export function asksLater(text: string): boolean {
  const n = normalizeReply(text);
  return hasAny(n, LATER_PHRASES) || isOneOf(n, LATER_ALONE);
}

/** "adiar" (postpone) or "antecipar" (bring forward) in a move; null: neither. */
export function moveWay(text: string): 'postpone' | 'bring_forward' | null {
  const n = normalizeReply(text);
  if (hasAny(n, POSTPONE_WORDS)) return 'postpone';
  if (hasAny(n, BRING_FORWARD_WORDS)) return 'bring_forward';
  return null;
}

/** "mais cedo?", "antes?": the same days, earlier than what is on offer. */
export function asksEarlier(text: string): boolean {
  const n = normalizeReply(text);
  return (hasAny(n, EARLIER_PHRASES) && !hasAny(n, ANY_DATE_PHRASES)) || isOneOf(n, EARLIER_ALONE);
}

/** "outro dia", "outra data": the days after those on offer. */
export function asksOtherDay(text: string): boolean {
  const n = normalizeReply(text);
  if (!hasAny(n, OTHER_DAY_PHRASES)) return false;
  // "nao quero outro dia, me coloca na lista de espera": another day refused, not asked
  const padded = ` ${n} `;
  return OTHER_DAY_PHRASES.some((phrase) => {
    const at = padded.indexOf(` ${phrase} `);
    if (at < 0) return false;
    const before = padded.slice(0, at).trim().split(' ').slice(-3);
    // "não, outro dia" still asks for one: the no must lead a wanting verb ("não quero", "não preciso de")
    return !before.some((w, i) => NO.has(w) && WANTING_VERBS.includes(before[i + 1] ?? ''));
  });
}

/** "other times?": other times for the same request (not "outro médico", another provider). */
export function asksOthers(text: string): boolean {
  const n = normalizeReply(text);
  return hasAny(n, OTHERS_PHRASES) && !asksOtherDay(text) && !asksLater(text) && !asksEarlier(text) && !asksOtherProvider(text);
}

/**
 * "trocar de médico", "quero outro médico", "uma médica diferente": another provider for the appointment.
 * `providerNamed`: the message names a provider, so a change verb and an article before the provider
 * ("trocar a dra ana") names the appointment with them, not a change of doctor.
 */
export function asksOtherProvider(text: string, providerNamed = false): boolean {
  const all = words(text);
  return all.some((w, i) => {
    if (!PROVIDER_WORDS.includes(w)) return false;
    const before = all[i - 1] ?? '';
    if (OTHER_PROVIDER_WORDS.includes(before) || DIFFERENT_WORDS.includes(all[i + 1] ?? '')) return true;
    if (providerNamed && CHANGE_PROVIDER_ARTICLES.includes(before)) return false;
    return CHANGE_PROVIDER_LINKS.includes(before) && CHANGE_PROVIDER_VERBS.includes(all[i - 2] ?? '') && !swapsForSomeone(all.slice(i + 1));
  });
}

/** "… pelo dr paulo" after a change of doctor: the words name who comes instead (not "por outro"). */
function swapsForSomeone(after: readonly string[]): boolean {
  const link = after.findIndex((w) => SWAP_LINKS.includes(w));
  if (link < 0) return false;
  const next = after[link + 1];
  return next !== undefined && !SWAP_TO_ANYONE.includes(next);
}

/** "nenhum", "nenhum desses", "não serve": none of the options suits. */
export function rejectsAll(text: string): boolean {
  const n = normalizeReply(text);
  if (isOneOf(n, NONE_PHRASES)) return true;
  return NONE_HEADS.some((h) => n === h || n.startsWith(`${h} `));
}

/** "as duas", "ambas", "todas": every one of the `count` appointments listed (not "às duas da tarde"). */
export function meansAll(text: string, count: number): boolean {
  if (count < 2) return false;
  const n = normalizeReply(text);
  return Object.entries(ALL_OF_THEM).some(([phrase, fits]) => {
    if (fits !== null && fits !== count) return false;
    const at = ` ${n} `.indexOf(` ${phrase} `);
    if (at < 0) return false;
    const [next = '', after = ''] = n.slice(at + phrase.length + 1).trim().split(' ');
    if (ALL_OF_THEM_NOT_BEFORE.includes(next)) return false;
    // "às duas da tarde" is a time, "as duas de sexta" both appointments that day (a bare "às duas de" too)
    return !(ALL_OF_THEM_OF.includes(next) && (after === '' || DAY_PARTS.includes(after)));
  });
}

/** "me liga", "pode me ligar?", "por telefone": a phone call asked for. */
export function asksForCall(text: string): boolean {
  return hasAny(normalizeReply(text), CALL_PHRASES);
}

/** "tanto faz", "o quanto antes": any day, the nearest first. */
export function anyDate(text: string): boolean {
  return hasAny(normalizeReply(text), ANY_DATE_PHRASES);
}

const ANY_DATE_PHRASE_WORDS = ANY_DATE_PHRASES.map((p) => p.split(' '));

/**
 * "tanto faz", "pode ser qualquer dia" and nothing more: no period, time, place or provider beside it
 * ("qualquer dia à tarde" says more, which the language layer reads).
 */
export function onlyAnyDate(text: string): boolean {
  if (!anyDate(text)) return false;
  // every word inside some phrase, the phrases may overlap: "o mais rapido possivel" is "o mais rapido" and "mais rapido
  // possivel", "pode ser qualquer dia" is "pode ser qualquer" and "qualquer dia" (removing one left a word over)
  const all = normalizeReply(text).split(' ').filter((w) => w !== '');
  const covered = all.map(() => false);
  for (const phrase of ANY_DATE_PHRASE_WORDS) {
    for (let i = 0; i + phrase.length <= all.length; i++) {
      if (phrase.every((w, k) => all[i + k] === w)) phrase.forEach((_, k) => (covered[i + k] = true));
    }
  }
  return all.every((w, i) => covered[i] || FILLERS.has(w) || inSet(YES, w) || inSet(YES_ALONG, w));
}

/**
 * "tem o quanto antes?", "não, quero o mais rápido possível" to the times on offer: only the nearest days asked (a nearest-day
 * phrase, lexicon ANY_DATE_REQUEST_PHRASES, with fillers or NEAREST_ASK_COMPANIONS beside it)
 */
export function asksOnlyNearest(text: string): boolean {
  if (!asksAnyDate(text)) return false;
  let n = ` ${normalizeReply(text)} `;
  for (const phrase of [...ANY_DATE_REQUEST_PHRASES].sort((a, b) => b.length - a.length)) n = n.split(` ${phrase} `).join(' ');
  return n.split(' ').every((w) => w === '' || FILLERS.has(w) || NEAREST_ASK_COMPANIONS.includes(w));
}

/** "no, the other one" (lexicon): the other appointment than the one asked about (the reply is nothing else). */
export function meansOtherAppointment(text: string): boolean {
  let n = ` ${normalizeReply(text)} `;
  for (let changed = true; changed; ) {
    changed = false;
    for (const lead of OTHER_APPOINTMENT_LEADS) {
      if (n.startsWith(` ${lead} `)) {
        n = n.slice(lead.length + 1);
        changed = true;
      }
    }
    for (const tail of OTHER_APPOINTMENT_TAILS) {
      if (n.endsWith(` ${tail} `)) {
        n = n.slice(0, n.length - tail.length - 1);
        changed = true;
      }
    }
  }
  return OTHER_APPOINTMENT_PHRASES.includes(n.trim());
}

/**
 * "e a outra também", "a outra tbm": the same for the patient's other appointment (an "also" word at the end, ALSO_WORDS,
 * and "a outra" as meansOtherAppointment reads it); "e a outra?" alone asks, and is not this.
 */
export function sameForOther(text: string): boolean {
  const all = normalizeReply(text).split(' ').filter((w) => w !== '');
  if (all.length < 2 || !ALSO_WORDS.includes(all[all.length - 1]!)) return false;
  return meansOtherAppointment(all.slice(0, -1).join(' '));
}

/** "não", "quero mais uma" to whether to move the appointment the patient already has that day: book another one. */
export function wantsAnotherOne(text: string): boolean {
  return isNo(text) || hasAny(normalizeReply(text), ANOTHER_ONE_PHRASES);
}

/** "quero marcar cardio o quanto antes": a request that asks for the nearest day (not "com qualquer um", about the doctor). */
export function asksAnyDate(text: string): boolean {
  return hasAny(normalizeReply(text), ANY_DATE_REQUEST_PHRASES);
}

type AskKind = keyof typeof ASK_VERBS | 'waitlist';

function askKindOf(word: string): AskKind | null {
  for (const kind of Object.keys(ASK_VERBS) as Array<keyof typeof ASK_VERBS>) if (ASK_VERBS[kind].includes(word)) return kind;
  return null;
}

/** "me coloca na lista de espera" from `at` (after fillers): a waitlist request (WAITLIST_ASK_VERBS, then "lista"/"fila" near) */
function waitlistAskAt(folded: readonly string[], at: number): AskKind | null {
  if (!WAITLIST_ASK_VERBS.includes(folded[at] ?? '')) return null;
  return folded.slice(at + 1, at + 1 + WAITLIST_ASK_REACH).some((w) => w === 'lista' || w === 'fila') ? 'waitlist' : null;
}

/** Whether a second ask as kept is a clinic question (the address, say), answered with no question first. */
export function isClinicQuestion(text: string): boolean {
  return askKindOfText(text) === null && clinicTopics(text).length > 0;
}

/**
 * "precisa marcar ou é por ordem de chegada?", "tem que agendar antes?": whether a booking is needed, its booking words
 * (lexicon WALK_IN_NEED_PHRASES) asking nothing to be booked; false when another ask or wish is beside it ("quero marcar,
 * ou é por ordem de chegada?").
 */
export function asksWhetherBookingNeeded(text: string): boolean {
  const n = normalizeReply(text);
  // most messages name none of these phrases: found first by the cached search, split only then
  if (!hasAny(n, WALK_IN_NEED_PHRASES)) return false;
  let rest = ` ${n} `;
  const before = rest;
  for (const phrase of longestFirstOf(WALK_IN_NEED_PHRASES)) rest = rest.split(` ${phrase} `).join(' ');
  if (rest === before) return false;
  const left = rest.split(' ').filter((w) => w !== '');
  return !left.some((w) => askKindOf(w) !== null || BOOKING_WISH_WORDS.includes(w));
}

/** "preciso de um encaixe": a squeeze-in asked (lexicon SQUEEZE_IN_ASK) */
export function asksSqueezeIn(text: string): boolean {
  return SQUEEZE_IN_ASK.test(fold(text));
}

/** "o dr paulo é bom?", "vc recomenda a dra ana?": an opinion of someone asked (lexicon PROVIDER_OPINION_PHRASES). */
export function asksOpinion(text: string): boolean {
  return hasAny(normalizeReply(text), PROVIDER_OPINION_PHRASES);
}

/**
 * "quero falar com o dr paulo": talking to the provider named (`name` as the message wrote it) asked, a talk lead
 * (lexicon TALK_TO_LEADS) right before the name, an article or a title between.
 */
export function asksToTalkTo(text: string, name: string): boolean {
  const n = ` ${normalizeReply(text)} `;
  const who = normalizeReply(name).replace(/^(?:o|a) /, '');
  if (who === '') return false;
  return TALK_TO_LEADS.some((lead) => ['', 'o ', 'a ', 'com o ', 'com a '].some((article) => n.includes(` ${lead} ${article}${who} `)));
}

/**
 * "o dr paulo tem whatsapp?", "qual o telefone do dr paulo?": a question ("?") of the provider named (`name` as written),
 * with two words or more beside the name, no ask or wish word, and not opening as a question whether there are times
 * ("tem dr paulo?", lexicon BOOKING_QUESTION_OPENERS).
 */
export function asksOnlyAboutProvider(text: string, name: string): boolean {
  if (!text.trim().endsWith('?')) return false;
  const all = words(text);
  const joined = all.join(' ');
  if (BOOKING_QUESTION_OPENERS.some((p) => joined === p || joined.startsWith(`${p} `))) return false;
  if (all.some((w) => askKindOf(w) !== null || BOOKING_WISH_WORDS.includes(w))) return false;
  const named = new Set(words(name));
  const beside = all.filter((w) => !named.has(w) && !PROVIDER_TITLES.includes(w) && !['o', 'a', 'do', 'da', 'com'].includes(w));
  return beside.length >= 2;
}

/** "a dra ana vai atrasar hoje?", "o dr paulo tá atrasado?": whether a provider is late (lexicon PROVIDER_LATE_WORDS). */
export function asksProviderLate(text: string): boolean {
  return hasAny(normalizeReply(text), PROVIDER_LATE_WORDS);
}

/** "qual a especialidade do dr rui?": the specialty of a provider asked (lexicon PROVIDER_SPECIALTY_ASK_WORDS). */
export function asksProviderSpecialty(text: string): boolean {
  return hasAny(normalizeReply(text), PROVIDER_SPECIALTY_ASK_WORDS);
}

/** The kind of a second ask as kept ("marca dermato segunda": a booking); null when its first word is no ask verb. */
export function askKindOfText(text: string): AskKind | null {
  const folded = text.trim().split(/\s+/).map((w) => normalizeReply(w));
  let at = 0;
  while (at < folded.length - 1 && SECOND_ASK_FILLERS.includes(folded[at]!)) at++;
  return askKindOf(folded[0] ?? '') ?? waitlistAskAt(folded, at);
}

/**
 * Two asks of different kinds in one message: the first and the second, as written ("cancela a de sexta" and
 * "marca dermato segunda"); null for one ask ("cardio e dermato", "a de segunda e a de terça", "marca cardio e
 * marca dermato", which the booking queues itself).
 */
export function splitAsks(text: string): [string, string] | null {
  return splitKindsOfAsks(text) ?? splitTwoMoves(text);
}

/**
 * "troca a da dra ana pra segunda e a do dr rui pra quarta": two appointments moved, each to its own day; the first
 * move and the second with the move verb said again ("troca a do dr rui pra quarta"), or null. With one new day for
 * both ("remarcar a de segunda e a de terça pra quinta") it is one ask (the booking queues the moves itself).
 */
function splitTwoMoves(text: string): [string, string] | null {
  const words = text.trim().split(/\s+/);
  const folded = words.map((w) => normalizeReply(w));
  const verbAt = folded.findIndex((w) => askKindOf(w) === 'reschedule');
  if (verbAt < 0) return null;
  const newDay = (ws: string[]) => ws.some((w) => MOVE_TARGET_LEADS.includes(w));
  for (let i = verbAt + 2; i < words.length - 3; i++) {
    if (!SECOND_ASK_JOINERS.includes(folded[i]!) || !['a', 'o'].includes(folded[i + 1]!) || !REFERENCE_DATE_LEADS.concat('com').includes(folded[i + 2]!)) continue;
    if (!newDay(folded.slice(verbAt + 1, i)) || !newDay(folded.slice(i + 1))) continue;
    return [words.slice(0, i).join(' ').replace(/[,;]+$/, ''), `${words[verbAt]} ${words.slice(i + 1).join(' ')}`];
  }
  return null;
}

/** "deixar marcado" at `at`: a booking asked by what it leaves done */
function keepBookedAt(folded: readonly string[], at: number): AskKind | null {
  return KEEP_BOOKED_LEADS.includes(folded[at]!) && KEEP_BOOKED_WORDS.includes(folded[at + 1] ?? '') ? 'book' : null;
}

function splitKindsOfAsks(text: string): [string, string] | null {
  const words = text.trim().split(/\s+/);
  const folded = words.map((w) => normalizeReply(w));
  for (let i = 1; i < words.length - 1; i++) {
    // the word as written: "é" is not "e"
    const joiner = SECOND_ASK_JOINERS.includes(words[i]!.toLowerCase());
    // "…sexta, já quero deixar marcado…", "…sexta mas já marca…": a break only before an ask of another kind
    const contrast = !joiner && (SECOND_ASK_CONTRASTS.includes(folded[i]!) || /[,;]$/.test(words[i - 1]!));
    if (!joiner && !contrast) continue;
    // "minha consulta e por convenio?": the appointment is what the question is about ("é"), not an ask of its own
    if (joiner && isQuestionSubject(words.slice(0, i).join(' '))) continue;
    let j = SECOND_ASK_CONTRASTS.includes(folded[i]!) || joiner ? i + 1 : i;
    while (j < words.length && SECOND_ASK_FILLERS.includes(folded[j]!)) j++;
    const second = j < words.length ? askKindOf(folded[j]!) ?? keepBookedAt(folded, j) ?? waitlistAskAt(folded, j) : null;
    if (contrast && second === null) continue;
    const head = folded.slice(0, i).filter((w) => w !== '');
    const headKinds = new Set(head.map(askKindOf).filter((k): k is AskKind => k !== null));
    // "não vou poder ir sexta, me coloca na lista de espera": not going is the cancel asked first
    if (second === 'waitlist' && hasAny(head.join(' '), NOT_GOING_PHRASES)) headKinds.add('cancel');
    const listed = hasAny(head.join(' '), LIST_ASK_PHRASES);
    if (headKinds.size === 0 && !listed) continue;
    // "cancel tomorrow's, and what is your address?": a clinic question after the ask is the second ask
    const rest = words.slice(i + 1).join(' ');
    if (second === null && clinicTopics(rest).length > 0 && clinicTopics(words.slice(0, i).join(' ')).length === 0) {
      return [words.slice(0, i).join(' ').replace(/[,;]+$/, ''), rest];
    }
    if (second === null || headKinds.has(second)) continue;
    return [words.slice(0, i).join(' ').replace(/[,;]+$/, ''), words.slice(j).join(' ')];
  }
  return null;
}

/**
 * "sim e já marca outra pra terça" (or "sim, e me coloca na lista de espera") to "Desmarco?": a yes, then a booking
 * (or a waitlist request) asked after it; the booking as written (to
 * read once the cancel is done), or null when the message is not that.
 */
export function bookingAfterYes(text: string): string | null {
  const words = text.trim().split(/\s+/);
  const folded = words.map((w) => normalizeReply(w));
  if (!inSet(YES, folded[0] ?? '')) return null;
  let i = 1;
  while (i < words.length && (folded[i] === '' || inSet(YES, folded[i]!) || SECOND_ASK_JOINERS.includes(folded[i]!) || SECOND_ASK_FILLERS.includes(folded[i]!))) i++;
  // "sim, e me coloca na lista de espera": a waitlist request after the yes, as a booking is
  let at = i;
  while (at < words.length && (folded[at] === '' || SECOND_ASK_FILLERS.includes(folded[at]!))) at++;
  if (at < words.length && waitlistAskAt(folded, at) === 'waitlist') return words.slice(at).join(' ');
  if (i >= words.length || askKindOf(folded[i]!) !== 'book') return null;
  // "quero marcar dermato sexta", "pode marcar dermato sexta": words that only lead the book verb are no yes to the cancel
  const before = folded.slice(0, i).filter((w) => w !== '');
  if (before.every((w) => !inSet(YES, w) || BOOKING_LEAD_WORDS.includes(w))) return null;
  return words.slice(i).join(' ');
}

/**
 * "ok marca dermato sexta", "tá bom, marca dermato sexta" to "Desmarco?": a booking after words that may only acknowledge
 * (lexicon BARE_OK_WORDS, besides the words that lead the book verb), with no clear yes ("sim", "isso", "confirmo")
 * among them: the booking as written, or null. Such an "ok" is no yes to cancelling, so the cancel is asked again.
 */
export function bookingAfterBareOk(text: string): string | null {
  const words = text.trim().split(/\s+/);
  const folded = words.map((w) => normalizeReply(w));
  const acknowledges = (w: string) => w === '' || BARE_OK_WORDS.includes(w) || BOOKING_LEAD_WORDS.includes(w) || SECOND_ASK_JOINERS.includes(w) || SECOND_ASK_FILLERS.includes(w);
  let i = 0;
  while (i < words.length && acknowledges(folded[i]!) && askKindOf(folded[i]!) !== 'book') i++;
  if (i >= words.length || askKindOf(folded[i]!) !== 'book') return null;
  return folded.slice(0, i).some((w) => BARE_OK_WORDS.includes(w)) ? words.slice(i).join(' ') : null;
}

/**
 * The most words a question asked beside a booking may have for the splits below to find it. Each break point they try
 * reads the whole message again (its topics, whether it is a question), so trying every word of a 4 KB message took
 * over a second; a clinic question is far shorter.
 */
const MAX_ASIDE_WORDS = 40;

/**
 * Facts, then a clinic question as its own part of the message ("tomorrow, and what is the address?"):
 * the facts and the question, as written. The question follows a joiner or a sentence's end and names a
 * clinic topic the facts do not (the shortest such question at the end); null when there is no such question after other words.
 * A clinic question first and a booking asked after it count too (the booking, then the question). `named` are the
 * words the whole message names to book with (a specialty, a provider, a day as written): a question whether there
 * are times ("e tem cardio amanhã?") is a booking only when it says one of them.
 */
export function splitAsideQuestion(text: string, named: readonly string[] = []): [string, string] | null {
  const words = text.trim().split(/\s+/);
  // the last such break: a greeting, a booking and then a question asks the question, not all after the greeting;
  // a question is looked for in the last MAX_ASIDE_WORDS words only (each break reads the whole text again)
  for (let i = words.length - 1; i >= Math.max(1, words.length - 1 - MAX_ASIDE_WORDS); i--) {
    const joined = i < words.length - 1 && SECOND_ASK_JOINERS.includes(words[i]!.toLowerCase());
    const ended = /[.;?!,]$/.test(words[i - 1]!);
    if (!joined && !ended) continue;
    const head = words.slice(0, i).join(' ').replace(/[,;.]+$/, '');
    const rest = words.slice(joined ? i + 1 : i).join(' ');
    if (normalizeReply(head) === '' || clinicTopics(head).length > 0) continue;
    // "a consulta e por convenio?": the appointment is what the question is about ("é"), no booking beside it
    if (joined && isQuestionSubject(head)) continue;
    // "minha consulta de cardio amanha, onde fica?": so is an appointment named by what and when before the question
    if (namesAppointmentAsSubject(head)) continue;
    // "bom dia. gostaria de saber se a dra ana atende pelo unimed e marcar com ela": a hello, then a question that asks
    // for a booking too: no question set aside (the booking would be lost with the hello read alone)
    if (!saysMoreThanHello(head) && namesAnAsk(rest)) continue;
    if (isClinicQuestion(rest)) return [head, rest];
  }
  return splitBookingAfterQuestion(text, named);
}

/**
 * "cardio amanha e quanto custa?", "dra ana sexta, qual o endereco?": whom to book with (`whom`, a specialty or a provider
 * as written) and when (`when`, a day or a time as written) named before a clinic question asked last; the booking and
 * the question, as written, or null. Either alone before the question is no booking: "amanha e quanto custa?",
 * "cardio, quanto custa?" (the price of it), "sou paciente da dra ana, onde fica?".
 */
export function splitBookingBeforeQuestion(text: string, whom: readonly string[], when: readonly string[]): [string, string] | null {
  const split = splitAsideQuestion(text);
  if (!split || !text.trim().endsWith(split[1])) return null;
  const head = normalizeReply(split[0]);
  const says = (words: readonly string[]) => words.some((w) => normalizeReply(w) !== '' && has(head, normalizeReply(w)));
  return says(whom) && says(when) ? split : null;
}

/** "minha consulta de cardio amanha", "a consulta do dr paulo": words that open with an appointment (lexicon APPOINTMENT_SUBJECT_LEADS). */
function namesAppointmentAsSubject(head: string): boolean {
  const all = words(head);
  let at = 0;
  while (at < all.length - 2 && APPOINTMENT_SUBJECT_OPENERS.includes(all[at]!)) at++;
  if (APPOINTMENT_SUBJECT_LEADS.includes(all[at] ?? '') && OWN_APPOINTMENT_NOUNS.includes(all[at + 1] ?? '')) return true;
  // "meu marido tem consulta com o dr paulo amanha, onde fica?", "eu tenho consulta de cardio sexta, qual o endereço?":
  // someone's appointment said to be had (not "tem consulta de cardio amanha?", a question whether there are times)
  return all.some(
    (w, i) =>
      OWN_APPOINTMENT_NOUNS.includes(all[i + 1] ?? '') &&
      (w === 'tenho' || (w === 'tem' && i > 0 && (RELATIVE_WORDS.includes(all[i - 1]!) || all[i - 1] === 'ele' || all[i - 1] === 'ela'))),
  );
}
const OWN_APPOINTMENT_NOUNS = OWN_APPOINTMENT_WORDS.filter((w) => !w.includes(' '));

/**
 * "a consulta", "minha consulta", "a consulta do dr rui", "a consulta de cardio": an appointment named alone (lexicon
 * QUESTION_SUBJECT_WORDS, then at most a link word, a title and one word), as the subject of a question after it.
 */
function isQuestionSubject(head: string): boolean {
  const all = normalizeReply(head).split(' ').filter((w) => w !== '');
  let i = 0;
  while (i < all.length && QUESTION_SUBJECT_WORDS.includes(all[i]!)) i++;
  if (i === 0 || i === all.length) return i > 0;
  if (!LISTED_APPOINTMENT_LINKS.includes(all[i]!)) return false;
  i++;
  if (PROVIDER_TITLES.includes(all[i] ?? '')) i++;
  return i === all.length - 1;
}

/**
 * "qual o endereço da savassi? e tb queria marcar cardio", "quanto custa? e tem cardio amanhã?": a clinic question
 * first, then a booking asked for; the booking and the question, as written, or null.
 */
export function splitBookingAfterQuestion(text: string, named: readonly string[] = []): [string, string] | null {
  const words = text.trim().split(/\s+/);
  // a question of at most MAX_ASIDE_WORDS words opens the message (each break reads the whole text again)
  for (let i = 1; i < Math.min(words.length, MAX_ASIDE_WORDS + 1); i++) {
    if (!/[?]$/.test(words[i - 1]!)) continue;
    const question = words.slice(0, i).join(' ');
    let from = i;
    while (from < words.length - 1 && SECOND_ASK_JOINERS.includes(words[from]!.toLowerCase())) from++;
    const rest = words.slice(from).join(' ');
    if (normalizeReply(rest) === '' || clinicTopics(rest).length > 0 || !asksBooking(rest, named)) continue;
    if (isClinicQuestion(question)) return [rest, question];
  }
  return null;
}

/**
 * Whether the words after a clinic question ask for a booking: an ask verb first ("marca", "tb marca"), a wish
 * ("queria marcar"), or a question whether there are times that names something to book ("tem cardio amanhã?").
 */
function asksBooking(rest: string, named: readonly string[]): boolean {
  const all = words(rest);
  const from = ALSO_WORDS.includes(all[0] ?? '') ? 1 : 0;
  if (askKindOf(all[from] ?? '') !== null || all.some((w) => BOOKING_WISH_WORDS.includes(w))) return true;
  const asked = all.slice(from).join(' ');
  if (!BOOKING_QUESTION_OPENERS.some((p) => asked === p || asked.startsWith(`${p} `))) return false;
  return named.some((n) => normalizeReply(n) !== '' && has(asked, normalizeReply(n)));
}

/** "urgente", "é uma emergência": the patient says it is urgent. */
export function soundsUrgent(text: string): boolean {
  return hasAny(normalizeReply(text), URGENT_PHRASES);
}

/** Any of them will do, to the times on offer (lexicon ANY_OPTION_PHRASES). */
export function acceptsAnyOption(text: string): boolean {
  return ANY_OPTION_PHRASES.includes(meaningful(text).join(' '));
}

/** A question of when or with whom about an appointment that names none (lexicon JUST_BOOKED_ASK_PHRASES). */
export function asksWhenOrWhoOf(text: string): boolean {
  return hasAny(normalizeReply(text), JUST_BOOKED_ASK_PHRASES);
}

/** Words that correct the booking just made (lexicon BOOKED_CORRECTION_PHRASES). */
export function correctsBooking(text: string): boolean {
  return hasAny(normalizeReply(text), BOOKED_CORRECTION_PHRASES);
}

/**
 * "quero marcar retorno com ela", "com o mesmo doutor": a provider named earlier, by the form of address the words
 * imply (lexicon PROVIDER_REFERENCES); null when the message refers to none, or to both
 */
export function refersToProvider(text: string): 'female' | 'male' | null {
  const n = normalizeReply(text);
  const returnAsked = asksReturnVisit(text);
  const forms = (['female', 'male'] as const).filter(
    (form) => hasAny(n, PROVIDER_REFERENCES[form]) || (returnAsked && hasAny(n, PROVIDER_SUBJECT_REFERENCES[form])),
  );
  return forms.length === 1 ? forms[0]! : null;
}

/** A question about the hours of the provider just talked about, named by a pronoun (lexicon PROVIDER_PRONOUNS). */
export function asksHoursOfPronoun(text: string): boolean {
  const n = normalizeReply(text);
  return hasAny(n, HOURS_ASK_WORDS) && hasAny(n, PROVIDER_PRONOUNS);
}

/**
 * "a dra ana atende sábado?", "quais dias o dr paulo atende?", "quais os médicos de dermato?": words of a question
 * about someone's hours, or about who practises (answered with the same hours).
 */
export function asksHours(text: string): boolean {
  const n = normalizeReply(text);
  // "a dra fernanda atende pelo convênio unimed?", "ele atende particular?": which insurance or price, not when
  return (hasAny(n, HOURS_ASK_WORDS) || hasAny(n, PRACTITIONERS_ASK_PHRASES)) && !clinicTopics(text).some((t) => NOT_HOURS_TOPICS.includes(t));
}

/** Topics that make "atende" a question about how the provider is paid, not about when they work. */
const NOT_HOURS_TOPICS: readonly ClinicTopic[] = ['insurance', 'price', 'payment'];

/**
 * The days a move asks to shift the appointment by, counted from its own date ("adiar uma semana", "adiar em 2
 * semanas", "pode adiar 15 dias"; lexicon: a shift verb, later a count and its unit), or null. "daqui a 2 semanas"
 * is no shift: a date from today, the language layer's.
 */
export function daysShift(text: string): number | null {
  const all = words(text);
  const verb = all.findIndex((w) => SHIFT_VERBS.includes(w));
  if (verb < 0) return null;
  for (let i = verb + 1; i < all.length - 1; i++) {
    const word = all[i]!;
    const count = /^\d{1,2}$/.test(word) ? Number(word) : SHIFT_COUNTS[word];
    const unit = SHIFT_UNITS[all[i + 1]!];
    if (count === undefined || count === 0 || unit === undefined) continue;
    // "daqui a uma semana", "daqui 15 dias": from now, not from the appointment
    const before = all[i - 1] ?? '';
    if (SHIFT_NOT_AFTER.includes(before) || (['a', 'em'].includes(before) && all[i - 2] === 'daqui')) return null;
    return count * unit;
  }
  return null;
}

/** "the same time": keep the time of the appointment being moved. */
export function sameTime(text: string): boolean {
  return hasAny(normalizeReply(text), SAME_TIME_PHRASES);
}

/** "no mesmo dia", "nesse mesmo dia": the day of the appointment just booked or cancelled. */
export function sameDay(text: string): boolean {
  return hasAny(normalizeReply(text), SAME_DAY_PHRASES);
}

/** "na mesma semana": the week of the appointment just booked or cancelled (lexicon SAME_WEEK_PHRASES). */
export function sameWeek(text: string): boolean {
  return hasAny(normalizeReply(text), SAME_WEEK_PHRASES);
}

/** "logo depois", "depois dessa": right after the appointment just booked, that day. */
export function rightAfter(text: string): boolean {
  return hasAny(normalizeReply(text), RIGHT_AFTER_PHRASES);
}

/** "antes dessa", "logo antes": before the appointment just booked, that day. */
export function rightBefore(text: string): boolean {
  return hasAny(normalizeReply(text), RIGHT_BEFORE_PHRASES);
}

/** To "stop or cancel?": stop, "this booking", "the first". */
export function wantsToStop(text: string): boolean {
  const n = normalizeReply(text);
  if (hasAny(n, CANCEL_BOOKED_PHRASES)) return false;
  return hasAny(n, STOP_PHRASES) || pickIndex(text, TWO) === 0;
}

/** "deixa pra lá", "desisto": the whole reply gives up the booking in progress. */
export function givesUp(text: string): boolean {
  const all = words(text);
  // thanks said after it (lexicon) are no part of it
  while (all.length > 1 && GIVE_UP_TAILS.includes(all[all.length - 1]!)) all.pop();
  return isOneOf(all.join(' '), GIVE_UP_PHRASES);
}

/** "volta", "quero voltar", "volta um passo, por favor": one step back, and nothing else said. */
export function goesBack(text: string): boolean {
  const all = words(text);
  while (all.length > 1 && BACK_TAILS.includes(all[all.length - 1]!)) all.pop();
  return isOneOf(all.join(' '), BACK_PHRASES);
}

/** To "stop or cancel?": cancel, "the booked appointment", "the second". */
export function wantsToCancelBooked(text: string): boolean {
  return hasAny(normalizeReply(text), CANCEL_BOOKED_PHRASES) || pickIndex(text, TWO) === 1;
}

/** In "parar ou desmarcar?": neither, go on ("continuar", "nenhum", "não"). */
export function wantsToContinue(text: string): boolean {
  return isOneOf(normalizeReply(text), CONTINUE_PHRASES);
}

const TWO: Pickable[] = [
  { date: '', start_time: '' },
  { date: '', start_time: '' },
];

/** Clinic topics there is no data for: the answer says so and offers a person. */
export const UNANSWERED_TOPICS: readonly ClinicTopic[] = ['holidays', 'parking', 'payment', 'wifi', 'accessibility', 'duration', 'companion', 'paperwork', 'online', 'walk_in', 'lost_item', 'arrival', 'exams'];

/** The clinic questions in a message: address, opening hours, what to bring, price, fasting, health plans, and those with no data. */
export function clinicTopics(text: string, place: string | null = null): ClinicTopic[] {
  // a turn asks this of its message and of its parts many times over (routing, answers, guards): the last few
  // answers are kept, the oldest dropped first
  const key = place ? `${text}\u0000${place}` : text;
  const kept = keptTopics.get(key);
  if (kept) return [...kept];
  const topics = topicsOf(text, place);
  if (keptTopics.size >= KEPT_TOPICS) keptTopics.delete(keptTopics.keys().next().value!);
  keptTopics.set(key, topics);
  return [...topics];
}

/**
 * clinicTopics without keeping the answer: for single words of a message, which would push the message's own out.
 * `place` is the words that name a unit of the clinic in the message (as the language layer found them): an hours word
 * right before them asks that unit's opening hours ('qual o horario do centro?').
 */
function topicsOf(text: string, place: string | null = null): ClinicTopic[] {
  const n = normalizeReply(text);
  const topics = (Object.keys(CLINIC_TOPIC_PHRASES) as ClinicTopic[]).filter((topic) => {
    let read = ` ${n} `;
    for (const phrase of CLINIC_TOPIC_NOT_PHRASES[topic] ?? []) read = read.split(` ${phrase} `).join(' ');
    // an exam named is the topic only after a verb of doing or booking ("fazer um ultrassom", not "levar o ultrassom")
    return hasAny(read.trim(), CLINIC_TOPIC_PHRASES[topic]) && (topic !== 'exams' || EXAM_ASK.test(read.trim()));
  });
  if (topics.includes('hours') || !place) return topics;
  const unit = normalizeReply(place);
  if (unit === '' || !hasAny(n, UNIT_HOURS_LEADS.map((lead) => `${lead} ${unit}`))) return topics;
  return (Object.keys(CLINIC_TOPIC_PHRASES) as ClinicTopic[]).filter((t) => t === 'hours' || topics.includes(t));
}

/** The texts clinicTopics last read, and their topics (a pure function of the text). */
const keptTopics = new Map<string, ClinicTopic[]>();
const KEPT_TOPICS = 8;

/** "a consulta de sexta ta confirmada?": whether an appointment is confirmed, asked (lexicon CONFIRMED_ASK_PHRASES). */
export function asksIfConfirmed(text: string): boolean {
  return hasAny(normalizeReply(text), CONFIRMED_ASK_PHRASES);
}

/**
 * A question the rules cannot place that names something ("vcs fazem exame de sangue?"): it ends with "?" and has a
 * word of four letters or more that is not one of UNPLACED_QUESTION_NOT_WORDS ("como assim?" names nothing).
 */
export function asksUnplacedQuestion(text: string): boolean {
  if (!text.trim().endsWith('?')) return false;
  const all = words(text);
  return all.length >= 2 && all.some((w) => w.length >= 4 && /^\p{L}+$/u.test(w) && !UNPLACED_QUESTION_NOT_WORDS.includes(w));
}

const SMALL_TALK_ALONG = new Set(SMALL_TALK_COMPANIONS);
const ATTACHMENT_ALONG = new Set([...SMALL_TALK_COMPANIONS, ...ATTACHMENT_COMPANIONS]);

/** Each list of phrases longest first, as they are taken out of a message (sorted once per list, not per call). */
const longestFirst = new WeakMap<readonly string[], readonly string[]>();

function longestFirstOf(phrases: readonly string[]): readonly string[] {
  let sorted = longestFirst.get(phrases);
  if (!sorted) {
    sorted = [...phrases].sort((a, b) => b.length - a.length);
    longestFirst.set(phrases, sorted);
  }
  return sorted;
}

/**
 * The message says one or more of `phrases` (the longest first, on word boundaries) and nothing else but words of
 * `along`; the words left are returned for a closer look, or null when it says something else.
 */
function onlyPhrases(text: string, phrases: readonly string[], along: ReadonlySet<string>): string[] | null {
  const all = normalizeReply(text);
  let n = ` ${all} `;
  let found = false;
  for (const phrase of longestFirstOf(phrases)) {
    if (!n.includes(` ${phrase} `)) continue;
    n = n.split(` ${phrase} `).join('  ');
    found = true;
  }
  const left = n.split(' ').filter((w) => w !== '');
  return found && left.every((w) => along.has(w)) ? all.split(' ') : null;
}

function asksSomething(text: string): boolean {
  return text.trim().endsWith('?');
}

/** "tem vaga pra amanhã?", "e amanhã, tem?", "teria sexta": asking whether there are times, not saying a wish */
export function asksAboutTimes(text: string): boolean {
  const n = normalizeReply(text);
  return asksSomething(text) || BOOKING_QUESTION_OPENERS.some((o) => n.startsWith(`${o} `) || n.startsWith(`e ${o} `));
}

/** "é com quem?", "qual o nome do médico?", "quem vai me atender na sexta?": who sees the patient, with nothing else said (lexicon WHO_SEES_PHRASES). */
export function asksWhoSees(text: string): boolean {
  return onlyPhrases(text, WHO_SEES_PHRASES, WHO_SEES_ALONG) !== null;
}

/**
 * "voce e um robo?", "quem e voce?", "to falando com quem?", "é atendimento automático?": who answers here (lexicon
 * ASSISTANT_QUESTION_PHRASES), with a "?" or a word of such a question ("é", "quem"). An ask for a person says more
 * ("quero falar com um humano") and is none.
 */
export function asksAboutAssistant(text: string): boolean {
  const all = onlyPhrases(text, ASSISTANT_QUESTION_PHRASES, SMALL_TALK_ALONG);
  return all !== null && (asksSomething(text) || all.some((w) => ASSISTANT_QUESTION_MARKERS.includes(w)));
}

/** "alguém aí?", "tá funcionando?", "ta on?", "oi??": whether anyone is here (lexicon PRESENCE_CHECK_PHRASES, PRESENCE_HELLOS). */
export function checksPresence(text: string): boolean {
  if (onlyPhrases(text, PRESENCE_CHECK_PHRASES, SMALL_TALK_ALONG)) return true;
  const all = words(text);
  return asksSomething(text) && all.length > 0 && all.every((w) => PRESENCE_HELLOS.includes(w));
}

/** "sério?", "como assim?", "hein?", "??", "não entendi": the patient did not follow the last reply. */
export function asksToRepeat(text: string): boolean {
  if (words(text).length === 0) return /^[?¿\s]*\?[?¿\s]*$/u.test(text);
  if (onlyPhrases(text, REPEAT_REQUEST_PHRASES, SMALL_TALK_ALONG)) return true;
  return asksSomething(text) && onlyPhrases(text, REPEAT_QUESTION_PHRASES, SMALL_TALK_ALONG) !== null;
}

/** "e agora?", "o que eu faço agora?", "qual o próximo passo?", "então?", "pode ser?": what to do next. */
export function asksWhatNow(text: string): boolean {
  if (onlyPhrases(text, WHAT_NOW_PHRASES, SMALL_TALK_ALONG) !== null) return true;
  return asksSomething(text) && onlyPhrases(text, WHAT_NOW_ASKED_PHRASES, SMALL_TALK_ALONG) !== null;
}

/** "posso mandar áudio?", "aceita foto?", "consegue ver?": what this channel reads (lexicon ATTACHMENT_WORDS). */
export function asksAboutAttachments(text: string): boolean {
  return asksSomething(text) && onlyPhrases(text, ATTACHMENT_WORDS, ATTACHMENT_ALONG) !== null;
}

/** "posso perguntar uma coisa?", "tenho uma dúvida": permission to ask, nothing asked yet. */
export function asksMayIAsk(text: string): boolean {
  return onlyPhrases(text, MAY_I_ASK_PHRASES, SMALL_TALK_ALONG) !== null;
}

/**
 * "tudo certo?", "td bem?", "beleza?": how we are asked, and nothing else (not a yes, whatever its words), so never an
 * answer to a waitlist offer, a booking summary or "Desmarco?".
 */
export function asksOnlyWellbeing(text: string): boolean {
  return asksSomething(text) && (onlyWellbeing(text) || onlyPhrases(text, WELLBEING_ASKED_ALONE, FILLERS) !== null);
}

/** "pode ser?", "isso é...": a question, or a message that trails off unfinished. */
export function asksOrTrailsOff(text: string): boolean {
  return /(?:\?|…|\.\.)\s*$/u.test(text.trim());
}

const DID_IT_WORK_ALONG_SET = new Set(DID_IT_WORK_ALONG);
const UNSURE_ALONG = new Set(UNSURE_COMPANIONS);

/** "ainda não sei se confirmo", "vou pensar": not sure yet, and nothing else (lexicon UNSURE_PHRASES). */
export function isUnsure(text: string): boolean {
  return onlyPhrases(text, UNSURE_PHRASES, UNSURE_ALONG) !== null;
}

/**
 * To "Para quando?": not sure, maybe with any day said beside it ("sei la, qualquer dia", "sei la tanto faz"), and
 * nothing else (lexicon UNSURE_PHRASES, ANY_DATE_PHRASES).
 */
export function isUnsureOfDate(text: string): boolean {
  if (isUnsure(text)) return true;
  const all = onlyPhrases(text, UNSURE_OR_ANY_DATE, UNSURE_ALONG);
  if (all === null) return false;
  return onlyPhrases(text, ANY_DATE_PHRASES, UNSURE_ALONG) === null;
}

const UNSURE_OR_ANY_DATE = [...UNSURE_PHRASES, ...ANY_DATE_PHRASES];

/** "deu certo?", "funcionou?", "e aí, deu certo?": whether what was done went through, and nothing else (lexicon DID_IT_WORK_PHRASES). */
export function asksIfItWorked(text: string): boolean {
  return asksSomething(text) && onlyPhrases(text, DID_IT_WORK_PHRASES, DID_IT_WORK_ALONG_SET) !== null;
}

/**
 * "tem pediatra?", "vcs tem dermatologista?", "boa noite, tem pediatra?": a question whether the clinic has something
 * (lexicon OFFERED_QUESTION_LEADS), after any greeting.
 */
export function asksWhetherOffered(text: string): boolean {
  if (!text.trim().endsWith('?')) return false;
  const all = words(text);
  let from = 0;
  while (from < all.length && (GREETING_ONLY_WORDS.includes(all[from]!) || FILLERS.has(all[from]!))) from++;
  const asked = all.slice(from).join(' ');
  return OFFERED_QUESTION_LEADS.some((lead) => asked.startsWith(`${lead} `));
}

/** "vou chegar 10 min atrasada", "to atrasado": the patient says they will be late (lexicon LATENESS_PHRASES). */
export function saysLate(text: string): boolean {
  return hasAny(normalizeReply(text), LATENESS_PHRASES);
}

/** "quero confirmar presença": a confirmation of presence at an appointment booked (lexicon PRESENCE_WORDS). */
export function namesPresence(text: string): boolean {
  return hasAny(normalizeReply(text), PRESENCE_WORDS);
}

/** Whether a clinic question names the patient's own appointment (lexicon OWN_APPOINTMENT_WORDS). */
export function mentionsOwnAppointment(text: string): boolean {
  return hasAny(normalizeReply(text), OWN_APPOINTMENT_WORDS);
}

/** "tudo bem?", "como vai?": the patient asks how we are. */
export function asksWellbeing(text: string): boolean {
  return hasAny(normalizeReply(text), WELLBEING_PHRASES);
}

/**
 * "oi doutora, tudo bem?", "oi td bem? queria marcar cardio": how we are asked as part of a hello (a hello word, or the
 * phrase asked with "?"), whatever else the message asks; not "tudo bem, pode ser sexta" (an ok)
 */
export function asksWellbeingInGreeting(text: string): boolean {
  if (!asksWellbeing(text)) return false;
  const n = normalizeReply(text);
  if (salutation(text) !== null || n.split(' ').some((w) => PRESENCE_HELLOS.includes(w))) return true;
  return WELLBEING_ASKED.test(text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
}

/**
 * A wellbeing phrase asked with "?" ("td bem?", "e aí, tudo bem?"), opening the message or a sentence of it, on text
 * folded to lower case without accents; not asked after words of another sentence ("vou levar meu filho junto, tudo bem?"
 * asks leave, not how we are).
 */
const WELLBEING_ASKED = new RegExp(`(?:^|[.!?…])\\s*(?:e\\s+ai\\s*,?\\s*)?(?:${WELLBEING_PHRASES.join('|')})\\s*\\?`, 'u');

/** "tudo bem?", "e aí, tudo bom?" and nothing more (no "oi", no ask). */
export function onlyWellbeing(text: string): boolean {
  if (!asksWellbeing(text)) return false;
  let n = ` ${normalizeReply(text)} `;
  for (const phrase of WELLBEING_PHRASES) n = n.split(` ${phrase} `).join(' ');
  return n.split(' ').every((w) => w === '' || FILLERS.has(w) || w === 'ai' || w === 'vc' || w === 'voce');
}

/** Laughter and nothing else (lexicon LAUGHTER_WORDS, LAUGHTER_EMOJI). */
export function onlyLaughter(text: string): boolean {
  let rest = text;
  let laughed = false;
  for (const e of LAUGHTER_EMOJI) if (rest.includes(e)) [rest, laughed] = [rest.split(e).join(' '), true];
  const all = words(rest);
  if (all.length === 0) return laughed;
  return all.every((w) => LAUGHTER_WORDS.some((re) => re.test(w)));
}

/**
 * Emoji and nothing else ("🙂", "😊🙏", "❤️", "🥰🥰"): a reaction, with no ask and nothing misunderstood.
 * The emoji that mean yes, no or hello are read as those before this is asked. Digits and letters
 * ("1 🙂") are words, never part of a reaction.
 */
export function onlyEmoji(text: string): boolean {
  const rest = text.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3\s.,!?…]/gu, '');
  return rest === '' && /\p{Extended_Pictographic}/u.test(text);
}

/** A greeting with more to say than hello (words beyond GREETING_ONLY_WORDS and fillers). */
export function saysMoreThanHello(text: string): boolean {
  return words(text).some((w) => !GREETING_ONLY_WORDS.includes(w) && !FILLERS.has(w));
}

/** The greeting to echo: "bom dia" → bom_dia; null for "oi", "olá" or none. */
export function salutation(text: string): Salutation | null {
  const n = normalizeReply(text);
  return (Object.keys(SALUTATIONS) as Salutation[]).find((s) => hasAny(n, SALUTATIONS[s])) ?? null;
}

/** A date as a patient points at an appointment: day of month (with month when written) or weekday. */
export interface DateMention {
  day: number | null;
  month: number | null;
  weekday: number | null;
  /** "hoje", "amanhã", "depois de amanhã": days from today */
  offset: number | null;
  /** preceded by "pra"/"para": the new date of a move, not the appointment meant */
  target: boolean;
  /** preceded by "do"/"da"/"de": the appointment meant ("a do dia 3") */
  reference: boolean;
  /** a reference with "a"/"o" before its lead ("é a de terça", "a do dia 3"): plainly an appointment, never a wish */
  article?: boolean;
}

/**
 * The dates a message points at, in order: "dia 3", "3/12", "sexta". Used to tell, in "remarcar a do
 * dia 3 pra dia 10", the appointment (dia 3) from the new date (dia 10); the language layer resolves
 * only the last date.
 */
export function dateMentions(text: string): DateMention[] {
  const all = words(text);
  const out: DateMention[] = [];
  const leads = (i: number) => all.slice(Math.max(0, i - 2), i);
  /** the index of the last word of the mention before (-1: none yet) */
  let previousEnd = -1;
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    let mention: Omit<DateMention, 'target' | 'reference'> | null = null;
    const start = i;
    const dm = /^(\d{1,2})\/(\d{1,2})(?:\/\d{2,4})?$/.exec(w);
    const three = all.slice(i, i + 3).join(' ');
    if (dm) {
      mention = { day: Number(dm[1]), month: Number(dm[2]), weekday: null, offset: null };
    } else if (w === 'dia' && /^\d{1,2}$/.test(all[i + 1] ?? '')) {
      mention = { day: Number(all[i + 1]), month: null, weekday: null, offset: null };
      i++;
    } else if (RELATIVE_DAY_WORDS[three] !== undefined) {
      mention = { day: null, month: null, weekday: null, offset: RELATIVE_DAY_WORDS[three]! };
      i += 2;
    } else if (RELATIVE_DAY_WORDS[w] !== undefined) {
      mention = { day: null, month: null, weekday: null, offset: RELATIVE_DAY_WORDS[w]! };
    } else {
      const two = `${w} ${all[i + 1] ?? ''}`;
      // "a de qurta pra sexat": a weekday with one typo where a day is expected, as the language layer reads it
      const slipped = weekdaySlipAt(all, i);
      const weekday = WEEKDAY_WORDS[two] ?? WEEKDAY_WORDS[w] ?? slipped ?? undefined;
      // "2a"/"3a" double as ordinals: a weekday only in the long or spelled forms
      if (weekday !== undefined && !/^\d/.test(w)) {
        mention = { day: null, month: null, weekday, offset: null };
        if (WEEKDAY_WORDS[two] !== undefined) i++;
      }
    }
    if (!mention) continue;
    const before = leads(start);
    const last = before[before.length - 1];
    const lead = last === 'a' || last === 'o' ? before[before.length - 2] : last;
    // "depois do dia 10", "a partir de segunda": a bound of the days wished, never the appointment's day
    const bound = lead !== undefined && lead === last && DATE_BOUND_WORDS.includes(before[before.length - 2] ?? '');
    // "as de segunda e terça": a day joined to the one just said by "e" alone shares its lead
    const joined = out.length > 0 && start >= 2 && DAY_JOINS.includes(last ?? '') && previousEnd === start - 2 ? out[out.length - 1]! : null;
    out.push({
      ...mention,
      target: joined ? joined.target : lead !== undefined && TARGET_DATE_LEADS.includes(lead),
      reference: joined ? joined.reference : lead !== undefined && !bound && REFERENCE_DATE_LEADS.includes(lead),
      ...(!joined && lead !== undefined && lead === last && REFERENCE_DATE_LEADS.includes(lead) && before.length === 2 && ['a', 'o'].includes(before[0]!)
        ? { article: true }
        : {}),
    });
    previousEnd = i;
  }
  return out;
}

/** Whether a no word is anywhere in the message ("não quero a de terça às 8"): it may refuse what it describes. */
export function carriesNo(text: string): boolean {
  return words(text).some((w) => inSet(NO, w));
}

/**
 * The clock times a message names an appointment by ("remarca a das 9 pras 10": 09:00; "a consulta das 15h"): a time
 * after "das"/"da"/"de" that comes right after "a", "consulta"… (lexicon). A bare hour from 1 to 7 may be the afternoon
 * hour said the short way, so both readings are given ("a das 3": 03:00 and 15:00); `exact` when minutes were said.
 */
export function referenceTimes(text: string): Array<{ times: string[]; exact: boolean }> {
  const all = words(text);
  const out: Array<{ times: string[]; exact: boolean }> = [];
  for (let i = 2; i < all.length; i++) {
    if (!REFERENCE_TIME_LEADS.includes(all[i - 1]!) || !APPOINTMENT_WORDS_BEFORE_TIME.includes(all[i - 2]!)) continue;
    const clock = readClock(all[i]!);
    if (!clock) continue;
    const hour = Number(clock.time.slice(0, 2));
    const times = [clock.time];
    if (hour >= 1 && hour <= 7) times.push(`${String(hour + 12).padStart(2, '0')}${clock.time.slice(2)}`);
    out.push({ times, exact: clock.exact });
  }
  return out;
}

/** "quero marcar pra minha mãe", "meu filho tá com febre": a relative of the patient named (lexicon RELATIVE_WORDS). */
export function mentionsRelative(text: string): boolean {
  return relativeNamed(text) !== null;
}

/** The relative a message names with "meu"/"minha" ("pra minha mãe": 'mae'; folded), the first one; null none. */
export function relativeNamed(text: string): string | null {
  const all = words(text);
  return all.find((w, i) => i > 0 && RELATIVE_WORDS.includes(w) && RELATIVE_POSSESSIVES.includes(all[i - 1]!)) ?? null;
}

/**
 * "é pra minha filha de 8 anos", "pro meu pai": only whom the booking is for, and nothing else (an opener, a lead, a
 * relative with "meu"/"minha", and an age after it at most; lexicon WHO_FOR_*).
 */
export function saysOnlyWhoFor(text: string): boolean {
  let rest = ` ${normalizeReply(text)} `;
  const opener = longestFirstOf(WHO_FOR_OPENERS).find((o) => rest.startsWith(` ${o} `));
  if (opener) rest = rest.slice(opener.length + 1);
  const lead = longestFirstOf(BOOKED_FOR_LEADS).find((l) => rest.startsWith(` ${l} `));
  if (!lead) return false;
  const all = rest.slice(lead.length + 2).trim().split(' ');
  const at = all[0] === 'a' || all[0] === 'o' ? 1 : 0;
  if (!RELATIVE_POSSESSIVES.includes(all[at] ?? '') || !RELATIVE_WORDS.includes(all[at + 1] ?? '')) return false;
  return all.slice(at + 2).every((w) => w === '' || /^\d{1,3}$/.test(w) || WHO_FOR_AGE_WORDS.includes(w));
}

/**
 * "o pedro tem consulta sexta?", "e a ana tem retorno amanhã?", "pedro tem consulta sexta?": someone else named by first
 * name, whose appointment is asked about (lexicon NOT_A_PERSON_WORDS: no doctor, no unit; without an article,
 * NOT_A_NAME_WORDS: nor "vc", "amanhã"…).
 */
export function namesAnotherPerson(text: string, ownFirstName = ''): boolean {
  const all = words(text);
  const from = all[0] === 'e' || all[0] === 'oi' ? 1 : 0;
  // "a maria tem consulta amanhã?" from Maria: her own first name names the patient
  const own = foldKey(ownFirstName.trim().split(/\s+/)[0] ?? '');
  if (all[from] === 'o' || all[from] === 'a') {
    const name = all[from + 1] ?? '';
    return name.length >= 3 && name !== own && !NOT_A_PERSON_WORDS.includes(name) && all[from + 2] === 'tem';
  }
  const name = all[from] ?? '';
  return name.length >= 3 && name !== own && !NOT_A_NAME_WORDS.includes(name) && all[from + 1] === 'tem';
}

/** The leads before a name written with a capital, as folded words: those with an article only ("com Urgência" is no name). */
const NAME_LEADS = PROVIDER_LEADS.map((l) => foldKey(l).split(' ')).filter((l) => l.length > 1 || ['pela', 'pelo'].includes(l[0]!));

/**
 * "dr joão", "com a dra camila", "marcar com o Pedro": a provider asked for by a name, as written (first letter up),
 * with the title said (null after a lead alone, "com o", "pelo", where only a name written with a capital counts).
 * `read`: what the language layer read the message's words as (a specialty, a day, a place), no name then. Null when
 * no such name is said; whether the clinic has someone of that name is the caller's (the language layer found none).
 */
export function providerNameAsked(text: string, read: readonly string[]): { title: 'Dr.' | 'Dra.' | null; name: string } | null {
  const tokens = text.match(/[\p{L}\p{N}]+\.?/gu) ?? [];
  const folded = tokens.map((t) => foldKey(t.replace(/\.$/u, '')));
  const readWords = new Set(read.flatMap((r) => foldKey(r).split(/[^\p{L}\p{N}]+/u)).filter(Boolean));
  const isName = (i: number) => {
    const word = tokens[i]?.replace(/\.$/u, '') ?? '';
    const f = folded[i] ?? '';
    // an insurer or any clinic topic's word ("pelo Unimed") is no name either
    return /^\p{L}{3,}$/u.test(word) && !NOT_A_NAME_AFTER_TITLE.includes(f) && !NOT_A_PERSON_WORDS.includes(f) && !readWords.has(f) && topicsOf(f).length === 0;
  };
  const written = (i: number) => {
    const word = tokens[i]!.replace(/\.$/u, '');
    return word.charAt(0).toLocaleUpperCase('pt-BR') + word.slice(1).toLocaleLowerCase('pt-BR');
  };
  for (let i = 0; i < tokens.length - 1; i++) {
    if (PROVIDER_TITLES.includes(folded[i]!) && isName(i + 1)) return { title: PROVIDER_TITLES_FEMALE.includes(folded[i]!) ? 'Dra.' : 'Dr.', name: written(i + 1) };
  }
  for (let i = 1; i < tokens.length; i++) {
    // after a lead, only a name written with a capital (not at the start): "com o João", but "com o mesmo" is none
    if (!/^\p{Lu}\p{Ll}+$/u.test(tokens[i]!.replace(/\.$/u, '')) || !isName(i)) continue;
    const ledBy = NAME_LEADS.some((l) => l.length <= i && l.every((w, k) => folded[i - l.length + k] === w));
    if (ledBy && !['da', 'do'].includes(folded[i - 1]!)) return { title: null, name: written(i) };
  }
  return null;
}

/** "meu filho tem consulta amanhã?", "o pedro tem consulta sexta?": an appointment of someone else asked about. */
export function asksForSomeoneElse(text: string, ownFirstName = ''): boolean {
  return mentionsRelative(text) || namesAnotherPerson(text, ownFirstName);
}

/**
 * "meu marido tem consulta amanhã, onde fica?", "o pedro tem consulta sexta, qual o endereço?": a question about someone
 * else's appointment, not the patient's own (which "minha consulta" names, a relative beside it or not).
 */
export function asksAboutOthersAppointment(text: string, ownFirstName = ''): boolean {
  if (hasAny(normalizeReply(text), MY_APPOINTMENT_PHRASES)) return false;
  if (namesAnotherPerson(text, ownFirstName)) return true;
  // the relative has it ("meu marido tem consulta", "minha mãe vai ter") or it is theirs ("a consulta do meu filho"); not
  // a relative who only comes along ("meu pai vai comigo")
  const all = words(text);
  return all.some(
    (w, i) =>
      i > 0 &&
      RELATIVE_WORDS.includes(w) &&
      RELATIVE_POSSESSIVES.includes(all[i - 1]!) &&
      (OTHERS_APPOINTMENT_VERBS.some((v) => v.split(' ').every((x, k) => all[i + 1 + k] === x)) || OTHERS_APPOINTMENT_OF.includes(all[i - 2] ?? '')),
  );
}

/** "que horas abre lá?": the place just talked about, pointed at (lexicon THERE_WORDS). */
export function pointsThere(text: string): boolean {
  return hasAny(normalizeReply(text), THERE_WORDS);
}

/** "e no centro?", "e no domingo?": a short message that opens with "e", asking again what was just answered (lexicon FOLLOW_UP_LEADS). */
export function followsUp(text: string): boolean {
  const all = words(text);
  return all.length >= 2 && all.length <= FOLLOW_UP_MAX_WORDS && FOLLOW_UP_LEADS.includes(all[0]!);
}

/**
 * "quero remarcar com a dra ana": the provider named (`written`, as the language layer found it) follows a lead that
 * makes them the one to come (lexicon NEW_PROVIDER_LEADS), an article between or not.
 */
export function leadsToNewProvider(text: string, written: string | null): boolean {
  if (!written) return false;
  const all = words(text);
  const name = words(written);
  if (name.length === 0) return false;
  for (let i = 0; i + name.length <= all.length; i++) {
    if (!name.every((w, k) => all[i + k] === w)) continue;
    const before = all[i - 1] === 'o' || all[i - 1] === 'a' ? all[i - 2] : all[i - 1];
    if (before !== undefined && NEW_PROVIDER_LEADS.includes(before)) return true;
  }
  return false;
}

/**
 * "quero outra cardio sexta", "marca mais uma consulta de dermato" while moving an appointment: another appointment
 * besides it (lexicon BESIDE_MOVE_LEADS, then BESIDE_MOVE_NOUNS or the specialty as written, `specialty`), not a change
 * of the move ("outro dia", "outra médica").
 */
export function asksAnotherBesideMove(text: string, specialty: string | null): boolean {
  const all = words(text);
  const named = specialty ? words(specialty)[0] : undefined;
  for (const lead of BESIDE_MOVE_LEADS) {
    const parts = lead.split(' ');
    for (let i = 0; i + parts.length < all.length; i++) {
      if (!parts.every((p, k) => all[i + k] === p)) continue;
      const next = all[i + parts.length]!;
      const after = next === 'de' ? all[i + parts.length + 1] : next;
      if (BESIDE_MOVE_NOUNS.includes(next) || (named !== undefined && after === named)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// The patient's name, asked after a booking of a patient known only by a phone

const NAME_WORD = /^\p{L}+(?:['’-]\p{L}+)*$/u;
const PARTICLES = new Set(NAME_PARTICLES);
/** words no name is made of: greetings, yes, no, thanks, days, question words and the like (folded) */
const NOT_NAME_WORDS = new Set([...NOT_A_NAME_WORDS, ...NOT_A_NAME_REPLY_WORDS, ...GREETING_ONLY_WORDS, ...BARE_OK_WORDS, ...YES_WORDS, ...NO_HEADS, ...ACK_WORDS]);
const LEADS = PERSON_NAME_LEADS.map((l) => l.split(' '));
/** at most this many words in a name, particles aside ("Maria das Graças de Oliveira Santos" has four) */
const MAX_NAME_WORDS = 6;
const REFUSALS = new Set(NAME_REFUSAL_PHRASES);
const REFUSAL_ALONG = new Set(NAME_REFUSAL_COMPANIONS);

/** One word of a name as stored: capitalised (each part of "ana-lúcia", "d'ávila"); a word typed in mixed case is kept ("McAllister"). */
function capitalisedNameWord(word: string): string {
  const plain = word === word.toLowerCase() || word === word.toUpperCase() ? word.toLowerCase() : word;
  return plain.replace(/(^|['’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * A full name given alone ("Carla Mendes", "carla mendes", "meu nome é Carla Mendes", "sou a Carla"): letters, apostrophes
 * and hyphens only, after a lead of PERSON_NAME_LEADS at most; one to six words, the particles of NAME_PARTICLES besides (never
 * first or last), none of them a greeting, yes, no, thanks, day or request word. The name as stored: each word capitalised,
 * the particles in lower case ("Maria das Graças"). Null when the message is anything else (a digit, a "?", a request).
 * Whether the language layer reads an ask in it is the machine's to check.
 */
export function personNameGiven(text: string): string | null {
  const clean = text.normalize('NFC').replace(/[,:;]/g, ' ').trim().replace(/[.!]+$/u, '').trim();
  if (clean === '' || /\d/.test(clean)) return null;
  let tokens = clean.split(/\s+/);
  const folded = tokens.map((t) => foldKey(t));
  const lead = LEADS.find((l) => l.length < tokens.length && l.every((w, i) => folded[i] === w));
  if (lead) tokens = tokens.slice(lead.length);
  const keys = tokens.map((t) => foldKey(t));
  const nameWords = keys.filter((k) => !PARTICLES.has(k));
  if (nameWords.length < 1 || nameWords.length > MAX_NAME_WORDS) return null;
  if (PARTICLES.has(keys[0]!) || PARTICLES.has(keys[keys.length - 1]!)) return null;
  const fits = tokens.every((t, i) => NAME_WORD.test(t) && (PARTICLES.has(keys[i]!) || (t.replace(/['’-]/g, '').length >= 2 && !NOT_NAME_WORDS.has(keys[i]!))));
  if (!fits) return null;
  return tokens.map((t, i) => (PARTICLES.has(keys[i]!) ? t.toLowerCase() : capitalisedNameWord(t))).join(' ');
}

/**
 * Not giving the name when asked ("não quero dizer", "depois", "prefiro não", "agora não, obrigada"): one phrase of
 * NAME_REFUSAL_PHRASES, with NAME_REFUSAL_COMPANIONS at either end at most.
 */
export function refusesToGiveName(text: string): boolean {
  const all = words(text);
  for (let i = 0; i < all.length; i++) {
    if (i > 0 && !REFUSAL_ALONG.has(all[i - 1]!)) break;
    for (let j = all.length; j > i; j--) {
      if (j < all.length && !REFUSAL_ALONG.has(all[j]!)) break;
      if (REFUSALS.has(all.slice(i, j).join(' '))) return true;
    }
  }
  return false;
}
