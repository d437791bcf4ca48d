/**
 * Who, what and where a message names, found against one tenant's catalogue: specialties (their
 * colloquial forms from locales/pt-BR/lexicon.ts and the tenant's own names), providers by name with
 * or without title and surname, appointment types by name or synonym, locations by name or their
 * distinctive word. Matching is on folded text and word boundaries; the stretch as written is kept.
 * When a fact is named twice, the last mention that is not negated counts ("não com o dr paulo, com a
 * dra ana").
 */
import {
  BOOKED_FOR_LEADS,
  BOOKED_FOR_PRONOUNS,
  DEFAULT_TYPE_WORD,
  LOCATION_GENERIC_WORDS,
  LOCATION_LEADS,
  NAME_SPELLING_VARIANTS,
  PLACE_REPLACED_LEADS,
  PROVIDER_LEADS,
  PROVIDER_SWAP_LINKS,
  PROVIDER_SWAP_VERBS,
  PROVIDER_FORM_PATTERNS,
  PROVIDER_FORM_TITLES,
  PROVIDER_TITLES,
  RELATIVE_POSSESSIVES,
  RELATIVE_WORDS,
  SPECIALTIES,
  TYPE_SYNONYM_DETERMINERS,
  TYPE_SYNONYM_OF_CONTRACTIONS,
  TYPE_SYNONYM_OF_WORD,
} from '../../../locales/pt-BR/lexicon';
import { fold, foldHeldLetters, foldKey, prepare } from './normalize';
import { editDistance } from './spelling';
import { isBodyWord } from './symptoms';
import type { LanguageCatalog } from './types';

const WORD = String.raw`[\p{L}\p{N}]`;
const NEGATIONS = new Set(['nao', 'n', 'menos', 'exceto', 'sem', 'nem']);

/** A phrase of the catalogue and what it stands for. */
interface Phrase<T> {
  /** folded words separated by single spaces */
  words: string;
  value: T;
}

export interface Found<T> {
  /** [start, end) in the message */
  start: number;
  end: number;
  values: T[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Phrase words as a pattern that tolerates any run of spaces and punctuation between words. */
function phrasePattern(words: string): string {
  return words.split(' ').map(escape).join(String.raw`[\s.,'-]*\s*`);
}

/** Finds every phrase in folded text, longest first where they overlap. */
export class PhraseFinder<T> {
  private readonly regex: RegExp | null;
  private readonly byWords = new Map<string, T[]>();

  /** `prefix`: a pattern required (or allowed) before the phrase; `prefixInText`: whether the match's text includes it ("Dra. Ana", but "Ana" of "com a Ana"). */
  constructor(
    phrases: Phrase<T>[],
    prefix = '',
    private readonly prefixInText = false,
  ) {
    for (const p of phrases) {
      if (!p.words) continue;
      const values = this.byWords.get(p.words) ?? [];
      if (!values.includes(p.value)) values.push(p.value);
      this.byWords.set(p.words, values);
    }
    const keys = [...this.byWords.keys()].sort((a, b) => b.length - a.length);
    this.regex =
      keys.length === 0 ? null : new RegExp(`(?<!${WORD})${prefix}(${keys.map(phrasePattern).join('|')})(?!${WORD})`, 'gu');
  }

  /** All matches in order; negated ones left out. */
  findAll(folded: string): Found<T>[] {
    if (!this.regex) return [];
    const found: Found<T>[] = [];
    this.regex.lastIndex = 0;
    for (let m = this.regex.exec(folded); m; m = this.regex.exec(folded)) {
      const phrase = m[1]!;
      const key = phrase.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      const values = this.byWords.get(key);
      if (!values || isNegated(folded, m.index)) continue;
      found.push({ start: this.prefixInText ? m.index : m.index + m[0].length - phrase.length, end: m.index + m[0].length, values });
    }
    return found;
  }

  last(folded: string): Found<T> | null {
    return this.findAll(folded).at(-1) ?? null;
  }
}

const PLACE_REPLACED_AT_END = new RegExp(
  `(?<!${WORD})(?:${PLACE_REPLACED_LEADS.map((l) => phrasePattern(foldKey(l))).join('|')})(?:\\s+(?:${LOCATION_GENERIC_WORDS.map((w) => escape(foldKey(w))).join('|')}))*\\s*$`,
  'u',
);

/** The place at `index` is the one given up ("em vez da savassi", "ao invés da unidade centro"). */
function isReplacedPlace(folded: string, index: number): boolean {
  return PLACE_REPLACED_AT_END.test(folded.slice(Math.max(0, index - 40), index));
}

/** "não", "menos", "exceto" among the three words before `index`, in the same clause ("não, cardio" is cardio). */
function isNegated(folded: string, index: number): boolean {
  const clause = folded.slice(Math.max(0, index - 40), index).split(/[,.;!?]/u).pop() ?? '';
  const before = clause.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return before.slice(-3).some((w) => NEGATIONS.has(w));
}

const TITLE_WORDS = new Set(PROVIDER_TITLES.map((t) => foldKey(t)));
const TITLE_PATTERN = `(?:${[...TITLE_WORDS].map(escape).join('|')})`;
const LEAD_PATTERN = `(?:${PROVIDER_LEADS.map((l) => foldKey(l)).sort((a, b) => b.length - a.length).map(phrasePattern).join('|')})`;
const GENERIC_LOCATION_WORDS = new Set(LOCATION_GENERIC_WORDS.map((w) => foldKey(w)));

export interface CatalogMatchers {
  specialty: PhraseFinder<string>;
  /** a specialty word with a typo ("oftamologista"): the last one, when no exact form is there */
  fuzzySpecialty: (folded: string) => Found<string> | null;
  /** provider ids by full name ("ana souza") */
  providerFull: PhraseFinder<string>;
  /** provider ids by first name or surname after a title ("dra ana", "dr. lima") */
  providerTitled: PhraseFinder<string>;
  /** provider ids by first name after "com a", "pela" ("com a ana") */
  providerLed: PhraseFinder<string>;
  /** provider ids by first name alone: only for names an LLM hands back */
  providerBare: PhraseFinder<string>;
  /** a provider's first name or surname with a typo, after a title or "com a" ("dra fernada"): the last one, when no exact name is there */
  fuzzyProvider: (folded: string) => Found<string> | null;
  appointmentType: PhraseFinder<string>;
  location: PhraseFinder<string>;
  /** a location's distinctive word with a typo, after "na", "no", "unidade" ("na savasi"): the last one, when no exact name is there */
  fuzzyLocation: (folded: string) => Found<string> | null;
  /** canonical specialty → the tenant's spelling of it */
  tenantSpelling: Map<string, string>;
}

/** A provider's name without titles, as folded words. */
function nameWords(name: string): string[] {
  return foldKey(name)
    .split(' ')
    .filter((w) => w && !TITLE_WORDS.has(w));
}

/** A location by its full name and by its distinctive words ("savassi" of "Unidade Savassi"). */
function placePhrases(locations: ReadonlyArray<{ id: string; name: string }>): Phrase<string>[] {
  const places: Phrase<string>[] = [];
  for (const l of locations) {
    const words = foldKey(l.name).split(' ');
    places.push({ words: words.join(' '), value: l.id });
    let first = 0;
    while (first < words.length - 1 && GENERIC_LOCATION_WORDS.has(words[first]!)) first++;
    if (first > 0) places.push({ words: words.slice(first).join(' '), value: l.id });
  }
  return places;
}

/**
 * The location a piece of text names, matched as the language layer matches it (the last one not negated);
 * for a part of a message read apart from the rest, such as a clinic question asked beside a booking.
 */
export function locationNamedIn(text: string, locations: ReadonlyArray<{ id: string; name: string }>): string | null {
  return new PhraseFinder(placePhrases(locations)).last(fold(prepare(text)))?.values[0] ?? null;
}

export function buildMatchers(catalog: LanguageCatalog): CatalogMatchers {
  const tenantSpelling = new Map<string, string>();
  for (const s of catalog.specialties) tenantSpelling.set(foldKey(s), s);
  for (const p of catalog.providers) for (const s of p.specialties) if (!tenantSpelling.has(foldKey(s))) tenantSpelling.set(foldKey(s), s);

  const specialtyPhrases: Phrase<string>[] = [];
  for (const entry of SPECIALTIES) {
    const canonical = tenantSpelling.get(foldKey(entry.canonical)) ?? entry.canonical;
    specialtyPhrases.push({ words: foldKey(entry.canonical), value: canonical });
    for (const form of entry.forms) specialtyPhrases.push({ words: foldKey(form), value: canonical });
  }
  for (const [key, spelling] of tenantSpelling) specialtyPhrases.push({ words: key, value: spelling });

  const full: Phrase<string>[] = [];
  const titled: Phrase<string>[] = [];
  const bare: Phrase<string>[] = [];
  // a provider's whole name is theirs alone: "ana souza" is Dra. Ana Souza, not also Dra. Ana Paula Souza shortened
  const wholeNames = new Set(catalog.providers.map((p) => nameWords(p.name ?? '').join(' ')));
  const shortened = (words: string) => !wholeNames.has(words);
  for (const p of catalog.providers) {
    const words = nameWords(p.name ?? '');
    if (words.length === 0) continue;
    if (words.length > 1) {
      full.push({ words: words.join(' '), value: p.id });
      // first and last name without middle names: "ana souza" for "Ana Maria Souza"
      const firstLast = `${words[0]} ${words.at(-1)}`;
      if (words.length === 2 || shortened(firstLast)) full.push({ words: firstLast, value: p.id });
      // the first two names without the surname: "ana paula" for "Ana Paula Souza"
      const firstTwo = `${words[0]} ${words[1]}`;
      if (words.length > 2 && shortened(firstTwo)) full.push({ words: firstTwo, value: p.id });
      titled.push({ words: words.at(-1)!, value: p.id });
    }
    titled.push({ words: words[0]!, value: p.id });
    bare.push({ words: words[0]!, value: p.id });
    bare.push({ words: words.join(' '), value: p.id });
  }

  const types: Phrase<string>[] = [];
  for (const t of catalog.appointmentTypes) {
    types.push({ words: foldKey(t.name), value: t.id });
    for (const s of t.synonyms) for (const words of synonymVariants(foldKey(s))) types.push({ words, value: t.id });
  }

  const places = placePhrases(catalog.locations);

  return {
    specialty: new PhraseFinder(specialtyPhrases),
    fuzzySpecialty: fuzzyFinder(specialtyPhrases),
    providerFull: new PhraseFinder(full, `(?:${TITLE_PATTERN}[\\s.]*\\s*)?`, true),
    providerTitled: new PhraseFinder(titled, `${TITLE_PATTERN}[\\s.]*\\s*`, true),
    providerLed: new PhraseFinder(titled, `${LEAD_PATTERN}\\s+`),
    providerBare: new PhraseFinder(bare),
    fuzzyProvider: fuzzyProviderFinder(catalog),
    appointmentType: new PhraseFinder(types),
    location: new PhraseFinder(places),
    fuzzyLocation: fuzzyLocationFinder(catalog.locations),
    tenantSpelling,
  };
}

export interface FoundEntities {
  specialty: { text: string; canonical: string } | null;
  /** only when the message asks for several specialties together ("cardio e dermato"): each, in order; `specialty` is the first */
  specialties?: string[];
  /** `ambiguous`: one name said fits several providers ("com o joão" with two Joãos), not names offered as alternatives */
  provider: { text: string; ids: string[]; ambiguous?: boolean } | null;
  /** only when the message swaps providers ("trocar a dra ana pelo dr paulo"): the one(s) replaced, empty when unnamed; `provider` comes instead */
  replacedProvider?: string[];
  appointmentType: { text: string; id: string } | null;
  location: { text: string; id: string } | null;
}

/** What the message names. `original` is the prepared message, `folded` its folded twin. */
export function findEntities(original: string, folded: string, m: CatalogMatchers, catalog: LanguageCatalog): FoundEntities {
  const text = (f: Found<unknown>) => original.slice(f.start, f.end);

  const mentions = providerMentions([...m.providerFull.findAll(folded), ...m.providerTitled.findAll(folded), ...m.providerLed.findAll(folded)]);
  const fuzzy = mentions.length === 0 ? m.fuzzyProvider(folded) : null;
  const named = mentions.length > 0 ? alternatives(mentions, folded, original) : null;
  const provider = named
    ? { text: named.text, ids: named.ids, ...(named.ambiguous ? { ambiguous: true } : {}) }
    : fuzzy
      ? { text: text(fuzzy), ids: fuzzy.values }
      : null;
  const replaced = named ? swappedProvider(mentions, named.first, folded) : null;
  const swap = replaced ? { replacedProvider: replaced } : {};

  const specialtyHits = m.specialty.findAll(folded);
  const together = specialtiesTogether(specialtyHits, folded, m.location.findAll(folded));
  const specialtyHit = together?.[0] ?? namedOverBodyWord(specialtyHits, folded) ?? m.fuzzySpecialty(folded);
  const specialty = specialtyHit ? { text: text(specialtyHit), canonical: specialtyHit.values[0]! } : null;

  const typeHits = m.appointmentType.findAll(folded);
  const typeHit = preferSpecificType(typeHits, catalog);
  const appointmentType = typeHit ? { text: text(typeHit), id: typeHit.values[0]! } : null;

  // "no centro em vez da savassi": the place given up is no wish
  const locationHit = m.location.findAll(folded).filter((h) => !isReplacedPlace(folded, h.start)).at(-1) ?? m.fuzzyLocation(folded);
  const location = locationHit ? { text: text(locationHit), id: locationHit.values[0]! } : null;

  if (together) return { specialty, specialties: [...new Set(together.map((h) => h.values[0]!))], provider, ...swap, appointmentType, location };
  return { specialty, provider, ...swap, appointmentType, location };
}

/**
 * The last specialty named, except a body word ("pele") after the specialty's own name: "um dermatologista, pois estou
 * com alergia na pele" names Dermatologia by "dermatologista" (a body word alone may be a symptom's place).
 */
function namedOverBodyWord(hits: Found<string>[], folded: string): Found<string> | null {
  const last = hits.at(-1);
  if (!last || !isBodyWord(folded.slice(last.start, last.end))) return last ?? null;
  return hits.findLast((h) => h.values[0] === last.values[0] && !isBodyWord(folded.slice(h.start, h.end))) ?? last;
}

/**
 * Between specialties asked together: "cardio e dermato", "uma de dermato e outra de cardio", "pediatra, cardio e clínico";
 * the day or time of the first may come before the join ("cardio amanhã e dermato", "cardio na sexta de manhã e dermato").
 */
const WHEN_BEFORE_JOIN =
  '(?:\\s+(?:hoje|amanha|depois|segunda|terca|quarta|quinta|sexta|sabado|domingo|feira|manha|tarde|noite|cedo|semana|que|vem|proxima|proximo|dia|as|na|no|de|a|pra|para|\\d{1,2}(?:[:/h]\\d{0,2})?h?)(?=\\s|,))*';
const TOGETHER_GAP = new RegExp(
  `^${WHEN_BEFORE_JOIN}\\s*(?:,|e|mais)(?:\\s+(?:tambem|outra|outro|uma|um|mais|de|do|da|com|o|a|consulta|para|pra|pro))*\\s*$`,
  'u',
);

/** Who one of them is for ("pra mim", "pro meu filho"), said beside specialties asked together: no part of the join. */
const BOOKED_FOR = new RegExp(
  `(?<!${WORD})(?:${BOOKED_FOR_LEADS.map(phrasePattern).join('|')})\\s+(?:${BOOKED_FOR_PRONOUNS.join('|')}|(?:${RELATIVE_POSSESSIVES.join('|')})\\s+(?:${RELATIVE_WORDS.join('|')}))(?!${WORD})`,
  'gu',
);

/**
 * The last run of specialties joined by "e" (or a comma list with "e"), when it names two or more
 * different ones: the patient wants each ("quero marcar cardio e dermato"). A correction ("cardio… na
 * verdade dermato") or "ou" is no run.
 */
function specialtiesTogether(hits: Found<string>[], folded: string, places: Found<string>[] = []): Found<string>[] | null {
  // the place of the first ("cardio no centro e dermato") is no part of the join either: blanked, its lead is a join word
  let blanked = folded;
  for (const p of places) blanked = blanked.slice(0, p.start) + ' '.repeat(p.end - p.start) + blanked.slice(p.end);
  let first = hits.length - 1;
  let saysAnd = false;
  while (first > 0) {
    const gap = blanked.slice(hits[first - 1]!.end, hits[first]!.start).replace(BOOKED_FOR, ' ');
    if (gap.length > 40 || !TOGETHER_GAP.test(gap)) break;
    if (!/^\s*,\s*$/u.test(gap)) saysAnd = true;
    first--;
  }
  const run = hits.slice(first);
  return saysAnd && new Set(run.map((h) => h.values[0])).size > 1 ? run : null;
}

/** One reading per place in the text: where readings overlap, the longest ("ana souza" over "ana"). */
function providerMentions(hits: Found<string>[]): Found<string>[] {
  const byLength = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found<string>[] = [];
  for (const h of byLength) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Between two names offered as alternatives ("a dra ana ou o dr paulo", "ana e paulo") or naming one appointment each
 * ("a da dra ana e a do dr paulo", "a com a dra ana e a com o dr paulo").
 */
const ALTERNATIVE_GAP = /^[\s,]*(?:ou|e)\s+(?:(?:o|a)\s+(?=d[oa]\s|com\s))?(?:(?:com|d[oa])\s+)?(?:(?:o|a)\s+)?$/u;

/** The last mention, with the ones joined to it by "ou"/"e": all are acceptable to the patient. `first`: the index of the first of them. */
function alternatives(mentions: Found<string>[], folded: string, original: string): { text: string; ids: string[]; first: number; ambiguous: boolean } {
  let first = mentions.length - 1;
  while (first > 0 && ALTERNATIVE_GAP.test(folded.slice(mentions[first - 1]!.end, mentions[first]!.start))) first--;
  const chosen = mentions.slice(first);
  const ids = [...new Set(chosen.flatMap((h) => h.values))];
  // one name that fits several ("com o joão" with Dr. João Batista and Dr. João Silva): which one is to be asked
  const ambiguous = chosen.some((h) => new Set(h.values).size > 1);
  return { text: original.slice(chosen[0]!.start, chosen.at(-1)!.end), ids, first, ambiguous };
}

const SWAP_LINK_AT_END = new RegExp(
  `(?<!${WORD})(?:${PROVIDER_SWAP_LINKS.map((l) => foldKey(l)).sort((a, b) => b.length - a.length).map(phrasePattern).join('|')})\\s*$`,
  'u',
);
const SWAP_VERB = new RegExp(`(?<!${WORD})(?:${PROVIDER_SWAP_VERBS.map((v) => escape(foldKey(v))).join('|')})(?!${WORD})`, 'u');

/**
 * "trocar a dra ana pelo dr paulo", "mudar minha consulta da dra ana pro dr paulo": the provider named before
 * the one who comes instead (mentions[`first`], after a swap link, with a change verb before it in the same
 * sentence) is the one replaced; "trocar de médico pelo dr paulo" names none (empty). Null when it is no swap.
 */
function swappedProvider(mentions: Found<string>[], first: number, folded: string): string[] | null {
  const instead = mentions[first]!;
  const previous = first > 0 ? mentions[first - 1]! : null;
  if (!SWAP_LINK_AT_END.test(folded.slice(previous?.end ?? 0, instead.start))) return null;
  const sentence = folded.slice(0, instead.start).split(/[.;!?]/u).pop() ?? '';
  if (!SWAP_VERB.test(sentence)) return null;
  return previous ? [...previous.values] : [];
}

export { editDistance };

/** Single words long enough that one typo (two in long ones) cannot turn one into another. */
const FUZZY_MIN_LENGTH = 9;

function fuzzyFinder(phrases: Phrase<string>[]) {
  const words = phrases.filter((p) => !p.words.includes(' ') && p.words.length >= FUZZY_MIN_LENGTH);
  // any one-word form typed with a letter held down ("cardioo", "dermatooo"), however short: the same form
  const held = new Map(phrases.filter((p) => !p.words.includes(' ')).map((p) => [foldHeldLetters(p.words), p.value] as const));
  return (folded: string): Found<string> | null => {
    let found: Found<string> | null = null;
    for (const token of folded.matchAll(/\p{L}+/gu)) {
      const word = token[0];
      if (isNegated(folded, token.index)) continue;
      const once = foldHeldLetters(word);
      const heldForm = once !== word ? held.get(once) : undefined;
      if (heldForm !== undefined) {
        found = { start: token.index, end: token.index + word.length, values: [heldForm] };
        continue;
      }
      if (word.length < FUZZY_MIN_LENGTH) continue;
      const max = word.length >= 10 ? 2 : 1;
      let best: { distance: number; value: string } | null = null;
      for (const p of words) {
        const distance = editDistance(word, p.words, max);
        if (distance <= max && (!best || distance < best.distance)) best = { distance, value: p.value };
      }
      if (best) found = { start: token.index, end: token.index + word.length, values: [best.value] };
    }
    return found;
  };
}

/**
 * Names shorter than this are not matched with a typo (a title makes the bar one lower): "ana", "rui"
 * are one letter away from too many words.
 */
const FUZZY_NAME_MIN_LENGTH = 5;
/** Below this length a changed letter ("pablo" for "paulo") is another name, not a typo; a missing, doubled or swapped one still is. */
const FUZZY_NAME_SUBSTITUTION_LENGTH = 7;

/** Whether `a` becomes `b` by changing one letter in place (not a swap of two neighbours). */
function isOneSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length && differ.length < 3; i++) if (a[i] !== b[i]) differ.push(i);
  return differ.length === 1;
}

const SPELLING_VARIANTS = new Set(NAME_SPELLING_VARIANTS.flatMap(([x, y]) => [`${x}${y}`, `${y}${x}`]));

/** Whether the one letter `a` and `b` differ by spells the same sound ("marcus" for "marcos"): a variant, not another name. */
function isSpellingVariant(a: string, b: string): boolean {
  const i = [...a].findIndex((ch, k) => ch !== b[k]);
  return i >= 0 && SPELLING_VARIANTS.has(`${a[i]}${b[i]}`);
}

/**
 * A provider's name with one typo ("dra fernada", "com a juliaana", "dr paullo"), read only where a
 * name is expected: right after a title ("dr", "dra", "doutora"…) or after "com a", "com o", "pela",
 * "pelo". Conservative: one edit at most, the first letter right, names of five letters or more (four
 * after a title), a changed letter only in names of seven or more, and no guess when two different
 * names are as near.
 */
function fuzzyProviderFinder(catalog: LanguageCatalog) {
  const names = new Map<string, string[]>();
  for (const p of catalog.providers) {
    for (const w of new Set(nameWords(p.name ?? ''))) {
      if (w.length < FUZZY_NAME_MIN_LENGTH - 1) continue;
      const ids = names.get(w) ?? [];
      ids.push(p.id);
      names.set(w, ids);
    }
  }
  const leads = PROVIDER_LEADS.map((l) => foldKey(l)).filter((l) => FUZZY_LEADS.has(l));
  const context = new RegExp(
    `(?<!${WORD})(?:(${TITLE_PATTERN})(?!${WORD})[\\s.]*\\s*|(?:${leads.sort((a, b) => b.length - a.length).map(phrasePattern).join('|')})\\s+)(\\p{L}+)(?!${WORD})`,
    'gu',
  );
  return (folded: string): Found<string> | null => {
    if (names.size === 0) return null;
    let found: Found<string> | null = null;
    context.lastIndex = 0;
    for (let m = context.exec(folded); m; m = context.exec(folded)) {
      const titled = m[1] !== undefined;
      const word = m[2]!;
      const start = m.index + m[0].length - word.length;
      // "com a dra fernada": the title's own match reads the name
      if (!titled && TITLE_WORDS.has(word)) context.lastIndex = start;
      if (TITLE_WORDS.has(word) || names.has(word) || word.length < FUZZY_NAME_MIN_LENGTH - (titled ? 1 : 0)) continue;
      if (isNegated(folded, m.index)) continue;
      let best: { distance: number; name: string } | null = null;
      let tie = false;
      for (const name of names.keys()) {
        if (name[0] !== word[0] || name.length < FUZZY_NAME_MIN_LENGTH - (titled ? 1 : 0)) continue;
        const distance = editDistance(word, name, 1);
        if (distance > 1) continue;
        if (name.length < FUZZY_NAME_SUBSTITUTION_LENGTH && isOneSubstitution(word, name) && !isSpellingVariant(word, name)) continue;
        if (!best || distance < best.distance) {
          best = { distance, name };
          tie = false;
        } else if (distance === best.distance) tie = true;
      }
      if (best && !tie) found = { start: titled ? m.index : start, end: start + word.length, values: [...names.get(best.name)!] };
    }
    return found;
  };
}

/** Place words shorter than this are not matched with a typo. */
const FUZZY_PLACE_MIN_LENGTH = 5;

function fuzzyLocationFinder(locations: ReadonlyArray<{ id: string; name: string }>) {
  const words = new Map<string, string[]>();
  for (const l of locations) {
    for (const w of foldKey(l.name).split(' ')) {
      if (w.length < FUZZY_PLACE_MIN_LENGTH || GENERIC_LOCATION_WORDS.has(w)) continue;
      words.set(w, [...(words.get(w) ?? []), l.id]);
    }
  }
  const context = new RegExp(`(?<!${WORD})(?:${LOCATION_LEADS.map(phrasePattern).join('|')})\\s+(\\p{L}+)(?!${WORD})`, 'gu');
  return (folded: string): Found<string> | null => {
    if (words.size === 0) return null;
    let found: Found<string> | null = null;
    context.lastIndex = 0;
    for (let m = context.exec(folded); m; m = context.exec(folded)) {
      const word = m[1]!;
      const start = m.index + m[0].length - word.length;
      context.lastIndex = start;
      if (word.length < FUZZY_PLACE_MIN_LENGTH || words.has(word) || isNegated(folded, m.index)) continue;
      let best: { distance: number; name: string } | null = null;
      let tie = false;
      for (const name of words.keys()) {
        if (name[0] !== word[0]) continue;
        const distance = editDistance(word, name, 1);
        if (distance > 1) continue;
        if (!best || distance < best.distance) {
          best = { distance, name };
          tie = false;
        } else if (distance === best.distance) tie = true;
      }
      if (best && !tie && words.get(best.name)!.length === 1) found = { start, end: start + word.length, values: [...words.get(best.name)!] };
    }
    return found;
  };
}

/** Leads after which a near name is read as a provider's ("com a fernada"); "da", "do" are too common. */
const FUZZY_LEADS = new Set(['com a', 'com o', 'com', 'pela', 'pelo']);

/**
 * A type's synonym of several words as patients word it: "mostrar exames" also as "mostrar exame", "mostrar os exames",
 * "mostrar meu exame"; "resultado de exames" as "resultado do exame" (lexicon TYPE_SYNONYM_*). One word stays itself.
 */
function synonymVariants(words: string): string[] {
  const all = words.split(' ');
  if (all.length < 2) return [words];
  const last = all.at(-1)!;
  const numbers = [last, last.endsWith('s') ? last.slice(0, -1) : `${last}s`].filter((w) => w.length > 2);
  const variants = new Set<string>();
  for (const number of numbers) {
    const [first, ...rest] = [...all.slice(0, -1), number];
    const restOptions = rest.map((w) => (w === TYPE_SYNONYM_OF_WORD ? [w, ...TYPE_SYNONYM_OF_CONTRACTIONS] : [w]));
    const tails = restOptions.reduce<string[]>((acc, options) => acc.flatMap((a) => options.map((o) => (a ? `${a} ${o}` : o))), ['']);
    for (const tail of tails) {
      variants.add(`${first} ${tail}`);
      // an article or possessive after the first word, unless "de" follows (its contraction says it already)
      if (rest[0] !== TYPE_SYNONYM_OF_WORD) for (const d of TYPE_SYNONYM_DETERMINERS) variants.add(`${first} ${d} ${tail}`);
    }
  }
  return [words, ...[...variants].filter((v) => v !== words)];
}

/** "consulta de retorno" is a Retorno: a type named by more than the generic word wins over it. */
function preferSpecificType(hits: Found<string>[], catalog: LanguageCatalog): Found<string> | null {
  if (hits.length === 0) return null;
  const generic = defaultTypeId(catalog);
  const specific = hits.filter((h) => h.values[0] !== generic);
  return (specific.length > 0 ? specific : hits).at(-1)!;
}

/** The tenant's type for a booking that names none: named or with the synonym "consulta", else the only one. */
export function defaultTypeId(catalog: LanguageCatalog): string | null {
  const word = foldKey(DEFAULT_TYPE_WORD);
  const named = catalog.appointmentTypes.find((t) => foldKey(t.name) === word || t.synonyms.some((s) => foldKey(s) === word));
  if (named) return named.id;
  return catalog.appointmentTypes.length === 1 ? catalog.appointmentTypes[0]!.id : null;
}

/** Provider ids for a name as an LLM hands it back ("Ana", "Dra. Ana Souza"). */
export function providersByName(name: string, m: CatalogMatchers): string[] {
  const folded = foldKey(name);
  const hit = m.providerFull.last(folded) ?? m.providerTitled.last(folded) ?? m.providerBare.last(folded);
  return hit ? hit.values : [];
}

/** A form of address a doctor is asked for by: a woman (Dra.) or a man (Dr.). */
export type ProviderForm = 'female' | 'male';

const FORM_PATTERNS = (Object.keys(PROVIDER_FORM_PATTERNS) as ProviderForm[]).map((form) => ({
  form,
  re: new RegExp(`(?<!${WORD})(?:${PROVIDER_FORM_PATTERNS[form].join('|')})(?!${WORD})`, 'u'),
}));

/**
 * The form of address a message asks a doctor by ("tem com médica mulher?": female; "tem algum médico homem?": male),
 * on folded text; null when it asks none, or both.
 */
export function providerFormAsked(folded: string): ProviderForm | null {
  const text = folded.replace(/[^\p{L}\p{N}?]+/gu, ' ').trim();
  const forms = FORM_PATTERNS.filter((p) => p.re.test(text)).map((p) => p.form);
  return forms.length === 1 ? forms[0]! : null;
}

/** The form the title of a provider's display name says ("Dra. Ana Souza": female); null with no title on file. */
export function providerFormOf(name: string | null): ProviderForm | null {
  const first = name ? foldKey(name).split(' ')[0] ?? '' : '';
  return (Object.keys(PROVIDER_FORM_TITLES) as ProviderForm[]).find((form) => PROVIDER_FORM_TITLES[form].includes(first)) ?? null;
}
