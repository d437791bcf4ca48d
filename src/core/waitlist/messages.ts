/** The patient-facing text of a waitlist offer, from locales/pt-BR, with date and time local to the location. */
import { ptBR } from '../../../locales/pt-BR/messages';
import { utcToLocal } from '../time';
import type { MessageTemplate } from '../model';

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

/** A waitlist offer's text, and the same as the parameters of its WhatsApp template. */
export function waitlistOfferMessage(input: OfferText): { text: string; template: MessageTemplate } {
  const local = utcToLocal(new Date(input.startTime), input.timezone);
  const [, month, day] = local.date.split('-');
  const t = ptBR.waitlist;
  const name = firstName(input.patientName);
  const values = {
    data: fillTemplate(t.date, {
      artigo: ptBR.weekdayArticles[local.dayOfWeek]!,
      diaDaSemana: ptBR.weekdays[local.dayOfWeek]!,
      dia: day!,
      mes: month!,
    }),
    hora: local.time,
    profissional: input.providerName?.trim() || t.providerFallback,
    unidade: input.locationName,
  };
  return {
    text: fillTemplate(t.offer, { ...values, saudacao: name ? fillTemplate(t.hello, { nome: name }) : t.helloNoName }),
    template: {
      name: 'waitlist_offer',
      parameters: [name || ptBR.whatsappTemplates.nameless, values.data, values.hora, values.profissional, values.unidade],
    },
  };
}
