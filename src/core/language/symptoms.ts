/**
 * Symptoms instead of a specialty ("to com dor no joelho", "meu filho ta com febre"): the entry of the
 * pt-BR symptom table (locales/pt-BR/symptoms.ts) the message matches, and the clinic's own spelling
 * of its specialty. A routing suggestion only: the conversation asks before booking it.
 */
import { BODY_WORDS, CHILD_SPECIALTY, CHILD_WORDS, SYMPTOM_TABLE, type SymptomEntry } from '../../../locales/pt-BR/symptoms';
import { foldKey } from './normalize';

export type { SymptomEntry };

/** Words that negate a symptom said within four words after them ("não tenho dor no peito"). */
const NEGATIONS = new Set(['nao', 'nem', 'nunca']);

/** Whether a phrase occurs on word boundaries, not negated by a word of NEGATIONS up to four words before it. */
function hasPhrase(folded: string, phrases: readonly string[]): boolean {
  const padded = ` ${folded} `;
  return phrases.some((p) => {
    for (let at = padded.indexOf(` ${p} `); at >= 0; at = padded.indexOf(` ${p} `, at + 1)) {
      const before = padded.slice(0, at).trim().split(' ').slice(-4);
      if (!before.some((w) => NEGATIONS.has(w))) return true;
    }
    return false;
  });
}

/**
 * The first entry of the table the message matches (red flags first); null when none does. A child named
 * beside the symptom ("my son is short of breath") makes it the children's specialty, the adults' one kept
 * for a clinic without it; a red flag stays one.
 */
export function readSymptom(message: string): SymptomEntry | null {
  const folded = foldKey(message).replace(/\s+/g, ' ');
  if (folded === '') return null;
  const entry = SYMPTOM_TABLE.find((e) => hasPhrase(folded, e.phrases) && (!e.with || hasPhrase(folded, e.with))) ?? null;
  if (!entry || foldKey(entry.specialty) === foldKey(CHILD_SPECIALTY) || !hasPhrase(folded, CHILD_WORDS)) return entry;
  return { ...entry, specialty: CHILD_SPECIALTY, otherwise: entry.specialty };
}

/** Whether the message names a red-flag symptom (chest pain, shortness of breath, fainting, heavy bleeding, signs of stroke). */
export function namesRedFlag(message: string): boolean {
  const folded = foldKey(message).replace(/\s+/g, ' ');
  return SYMPTOM_TABLE.some((e) => e.urgent && hasPhrase(folded, e.phrases));
}

/** Whether the words read as a specialty only name a part of the body (skin, heart), not the specialty itself. */
export function isBodyWord(written: string): boolean {
  return BODY_WORDS.includes(foldKey(written));
}

/** The clinic's spelling of the entry's specialty (or of its `otherwise`), or null when the clinic offers neither. */
export function clinicSpecialty(entry: SymptomEntry, specialties: readonly string[]): string | null {
  for (const wanted of [entry.specialty, entry.otherwise]) {
    if (wanted === undefined) continue;
    const key = foldKey(wanted);
    const found = specialties.find((s) => foldKey(s) === key);
    if (found !== undefined) return found;
  }
  return null;
}
