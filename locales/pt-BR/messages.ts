/**
 * Messages the patient reads, in Brazilian Portuguese (ARCHITECTURE.md, convention 10). Placeholders
 * in braces are filled by the core (`fillTemplate` in src/core/waitlist/messages.ts); dates and times
 * arrive already in the location's local time. Add a section per feature.
 */
export const ptBR = {
  /** weekday names, 0 = domingo … 6 = sábado */
  weekdays: ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'],

  waitlist: {
    /**
     * A freed time offered to a patient on the waitlist.
     * {nome}: the patient's first name; {profissional}: the provider's display name;
     * {data}: e.g. "terça-feira, 01/12"; {hora}: e.g. "09:00"; {unidade}: the location's name.
     */
    offer:
      'Olá, {nome}! Abriu um horário com {profissional} em {data} às {hora} ({unidade}). ' +
      'Quer agendar? Responda SIM para reservar.',
    /** {profissional} when the provider has no display name */
    providerFallback: 'um de nossos profissionais',
    /** {data}: weekday and day/month */
    date: '{diaDaSemana}, {dia}/{mes}',
  },
} as const;

export type PtBrMessages = typeof ptBR;
