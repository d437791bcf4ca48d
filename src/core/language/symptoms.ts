/**
 * Symptoms instead of a specialty ("to com dor no joelho", "meu filho ta com febre"): the entry of the
 * pt-BR symptom table (locales/pt-BR/symptoms.ts) the message matches, and the clinic's own spelling
 * of its specialty. A routing suggestion only: the conversation asks before booking it.
 */
import { BODY_WORDS, SYMPTOM_TABLE, type SymptomEntry } from '../../../locales/pt-BR/symptoms';
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

/** The first entry of the table the message matches (red flags first); null when none does. */
export function readSymptom(message: string): SymptomEntry | null {
  const folded = foldKey(message).replace(/\s+/g, ' ');
  if (folded === '') return null;
  return SYMPTOM_TABLE.find((e) => hasPhrase(folded, e.phrases) && (!e.with || hasPhrase(folded, e.with))) ?? null;
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

/** The clinic's spelling of the entry's specialty, or null when the clinic does not offer it. */
export function clinicSpecialty(entry: SymptomEntry, specialties: readonly string[]): string | null {
  const key = foldKey(entry.specialty);
  return specialties.find((s) => foldKey(s) === key) ?? null;
}
