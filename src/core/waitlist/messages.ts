/** The patient-facing text of a waitlist offer, from locales/pt-BR, with date and time local to the location. */
import { ptBR } from '../../../locales/pt-BR/messages';
import { utcToLocal } from '../time';

/** Replaces each `{name}` with its value; unknown placeholders are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
}

/** "Maria" of "  Maria da Silva "; '' for a name with no letters (a patient a channel named by their phone). */
export function firstName(name: string): string {
  if (!/\p{L}/u.test(name)) return '';
  return name.trim().split(/\s+/u)[0] ?? '';
}

export interface OfferText {
  patientName: string;
  providerName: string | null;
  locationName: string;
  timezone: string;
  /** UTC instant, RFC 3339 */
  startTime: string;
}

export function waitlistOfferText(input: OfferText): string {
  const local = utcToLocal(new Date(input.startTime), input.timezone);
  const [, month, day] = local.date.split('-');
  const t = ptBR.waitlist;
  return fillTemplate(t.offer, {
    saudacao: firstName(input.patientName) ? fillTemplate(t.hello, { nome: firstName(input.patientName) }) : t.helloNoName,
    profissional: input.providerName?.trim() || t.providerFallback,
    data: fillTemplate(t.date, {
      artigo: ptBR.weekdayArticles[local.dayOfWeek]!,
      diaDaSemana: ptBR.weekdays[local.dayOfWeek]!,
      dia: day!,
      mes: month!,
    }),
    hora: local.time,
    unidade: input.locationName,
  });
}
