/**
 * Intent by rules: each intent's strong and weak patterns (locales/pt-BR/lexicon.ts) over the folded
 * message. Negated matches ("não quero cancelar") do not count. When several intents match, the more
 * specific one wins: a handoff request over anything, a waitlist ask over the "cancelar" inside it
 * ("me avisa se alguém cancelar"), a reschedule over the cancel or book words it carries.
 */
import { ANOTHER_DAY_ASKS, DAY_INSTEAD_ASKS, INTENT_PATTERNS, NEGATIONS } from '../../../locales/pt-BR/lexicon';
import { ABSENCE_BEFORE_PERIOD } from '../../../locales/pt-BR/lexicon-time';
import type { Intent } from './types';

export interface IntentReading {
  intent: Intent;
  confidence: number;
  /** the strength of the evidence: 'strong' pattern, 'weak' pattern, or none */
  evidence: 'strong' | 'weak' | 'none';
}

/** How sure each kind of evidence makes us; below LLM_THRESHOLD an LLM (when configured) is asked. */
export const CONFIDENCE = { strong: 0.9, contested: 0.75, implicitBook: 0.55, weak: 0.5, none: 0.2 } as const;
export const LLM_THRESHOLD = 0.6;

const WORD = String.raw`[\p{L}\p{N}]`;

function compile(sources: string[]): RegExp | null {
  if (sources.length === 0) return null;
  return new RegExp(`(?<!${WORD})(?:${sources.join('|')})(?!${WORD})`, 'gu');
}

/** When several intents match equally, the first here wins: the more specific ask. */
const PRECEDENCE: Intent[] = ['handoff', 'waitlist', 'reschedule', 'cancel', 'list', 'book', 'confirm', 'help', 'greeting'];

const COMPILED = [...INTENT_PATTERNS].sort((a, b) => PRECEDENCE.indexOf(a.intent) - PRECEDENCE.indexOf(b.intent)).map((p) => ({ intent: p.intent, strong: compile(p.strong), weak: compile(p.weak) }));
const NEGATION_SET = new Set(NEGATIONS);
const RESCHEDULE_WEAK = COMPILED.find((c) => c.intent === 'reschedule')?.weak ?? null;
/** "tem outro dia?" beside not going: a move asked (lexicon ANOTHER_DAY_ASKS) */
const ANOTHER_DAY = compile(ANOTHER_DAY_ASKS);
/** "pode ser sexta?" beside not going: a move to that day asked (lexicon DAY_INSTEAD_ASKS) */
const DAY_INSTEAD = compile(DAY_INSTEAD_ASKS);

/** "tem outro dia?", "pode ser outro dia?": another day or time asked (folded text; lexicon ANOTHER_DAY_ASKS) */
export function asksAnotherDay(folded: string): boolean {
  return matches(ANOTHER_DAY, folded);
}

/**
 * True when one of the two words right before `index`, in the same clause, negates what follows: "não
 * quero remarcar" is negated, "não, quero remarcar" (a no to the question, then the ask) is not.
 */
export function isNegated(folded: string, index: number, words = 2): boolean {
  const clause = folded.slice(Math.max(0, index - 40), index).split(/[,.;!?]/u).pop() ?? '';
  const before = clause.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return before.slice(-words).some((w) => NEGATION_SET.has(w));
}

function matches(re: RegExp | null, folded: string): boolean {
  if (!re) return false;
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    // A pattern that starts with a negation word carries it on purpose ("não vou poder ir").
    if (!NEGATION_SET.has(m[0].split(' ')[0]!) && isNegated(folded, m.index)) continue;
    return true;
  }
  return false;
}

/** Words of the message, for the short-answer rules ("sim", "ok"). */
function wordCount(folded: string): number {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

/** "não vou poder ir de manhã": not going at a part of the day, a refused period rather than a cancel */
const ABSENCE_AT_PERIOD = new RegExp(
  `(?<!${WORD})(?:${ABSENCE_BEFORE_PERIOD.join('|')}) (?:(?:de|a|na|pela|durante a) )?(?:manha|tarde|noite|cedo)(?!${WORD})`,
  'gu',
);

const CANCEL_STRONG = COMPILED.find((c) => c.intent === 'cancel')!.strong;

/**
 * Whether the only cancel words of a message say not going at a part of the day ("não consigo ir à tarde"): while
 * booking, or beside a booking word, that part of the day refused, not an appointment cancelled.
 */
export function cancelsOnlyAPeriod(folded: string): boolean {
  const rest = folded.replace(ABSENCE_AT_PERIOD, (m) => ' '.repeat(m.length));
  return rest !== folded && !matches(CANCEL_STRONG, rest);
}

/** The part of the day a message says not going at ("não vou poder ir de manhã": manha), or null. */
export function periodNotGoing(folded: string): 'manha' | 'tarde' | 'noite' | null {
  ABSENCE_AT_PERIOD.lastIndex = 0;
  const m = ABSENCE_AT_PERIOD.exec(folded);
  const word = m?.[0].split(' ').at(-1);
  return word === 'manha' || word === 'cedo' ? 'manha' : word === 'tarde' || word === 'noite' ? word : null;
}

const GREETING = COMPILED.find((c) => c.intent === 'greeting')!.strong!;

export function classifyIntent(folded: string): IntentReading {
  let strong: Intent[] = COMPILED.filter((c) => matches(c.strong, folded)).map((c) => c.intent);
  // "quero marcar sexta, não vou poder ir de manhã": a booking with the morning refused, not a cancel
  if (strong.includes('cancel') && strong.includes('book') && cancelsOnlyAPeriod(folded)) strong = strong.filter((i) => i !== 'cancel');
  // "não vou conseguir ir, dá pra passar pra quarta?", "… tem outro dia?", "não posso ir amanhã, pode ser sexta?": not going
  // is the reason, the move to another day the ask
  if (
    strong.includes('cancel') &&
    !strong.includes('reschedule') &&
    (matches(RESCHEDULE_WEAK, folded) || matches(ANOTHER_DAY, folded) || matches(DAY_INSTEAD, folded))
  ) {
    strong = PRECEDENCE.filter((i) => i === 'reschedule' || strong.includes(i));
  }
  if (strong.length > 0) {
    // Greeting words beside another ask: the ask wins ("oi, queria marcar").
    const asks = strong.filter((i) => i !== 'greeting');
    if (asks.length === 0) {
      // a greeting before a short answer is that answer ("bom dia, sim" to a reminder; "td bem, pode ser")
      const weak = weakReading(folded.replace(GREETING, ' '));
      return weak.evidence === 'weak' ? weak : { intent: 'greeting', confidence: CONFIDENCE.strong, evidence: 'strong' };
    }
    // A confirmation word beside a real ask is part of it ("sim, quero remarcar").
    const specific = asks.length > 1 ? asks.filter((i) => i !== 'confirm' && i !== 'help') : asks;
    const chosen = (specific.length > 0 ? specific : asks)[0]!;
    const contested = new Set(specific.length > 0 ? specific : asks).size > 1 && !dominates(chosen, asks);
    return { intent: chosen, confidence: contested ? CONFIDENCE.contested : CONFIDENCE.strong, evidence: 'strong' };
  }
  return weakReading(folded);
}

/** The weak patterns' reading of a message no strong pattern matched (or of what is left beside a greeting). */
function weakReading(folded: string): IntentReading {
  const weak = COMPILED.filter((c) => matches(c.weak, folded)).map((c) => c.intent);
  if (weak.length > 0) {
    const chosen = weak[0]!;
    // "sim", "ok" are confirmations only as a short answer.
    if (chosen === 'confirm' && wordCount(folded) > 3) return { intent: 'unknown', confidence: CONFIDENCE.none, evidence: 'none' };
    return { intent: chosen, confidence: CONFIDENCE.weak, evidence: 'weak' };
  }
  return { intent: 'unknown', confidence: CONFIDENCE.none, evidence: 'none' };
}

/** Pairs where the first intent's words usually contain the second's: no doubt when both match. */
const DOMINATES: Partial<Record<Intent, Intent[]>> = {
  handoff: ['book', 'reschedule', 'cancel', 'list', 'confirm', 'help', 'waitlist'],
  waitlist: ['cancel', 'book'],
  reschedule: ['cancel', 'book', 'list', 'confirm'],
  cancel: ['book', 'list', 'confirm'],
  list: ['book', 'confirm'],
  book: ['confirm', 'help'],
};

function dominates(chosen: Intent, all: Intent[]): boolean {
  const covered = DOMINATES[chosen] ?? [];
  return all.every((i) => i === chosen || covered.includes(i));
}
