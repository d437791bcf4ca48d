/**
 * Messages the patient reads, in Brazilian Portuguese (ARCHITECTURE.md, convention 10). Placeholders
 * in braces are filled by the core (`fillTemplate` in src/core/waitlist/messages.ts); dates and times
 * arrive already in the location's local time. Add a section per feature.
 */
export const ptBR = {
  /** weekday names, 0 = domingo … 6 = sábado */
  weekdays: ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'],
  /** "no" or "na" before each weekday's name: "no sábado", "na terça-feira" */
  weekdayArticles: ['no', 'na', 'na', 'na', 'na', 'na', 'no'],

  waitlist: {
    /**
     * A freed time offered to a patient on the waitlist.
     * {saudacao}: `hello` with the patient's first name, or `helloNoName` for a patient known only by
     * their phone (registered by a channel); {data}: e.g. "na terça-feira, 01/12"; {hora}: e.g. "09:00";
     * {profissional}: the provider's display name; {unidade}: the location's name.
     * The patient's "sim" or "não" is answered by the conversation (machines/booking).
     * `whatsappTemplates.waitlist_offer` below is this text with its values as parameters: change both.
     */
    offer:
      '{saudacao} Abriu um horário {data}, às {hora}, com {profissional} ({unidade}). ' +
      'Quer agendar? Responda SIM para reservar ou NÃO para continuar na lista de espera.',
    hello: 'Olá, {nome}!',
    helloNoName: 'Olá!',
    /** {profissional} when the provider has no display name */
    providerFallback: 'um de nossos profissionais',
    /** {data}: weekday, with its article, and day/month */
    date: '{artigo} {diaDaSemana}, {dia}/{mes}',
  },

  /**
   * The bodies of the WhatsApp message templates a clinic submits for approval (README, "Reminders and waitlist
   * offers"): outside 24 hours of the patient's last message WhatsApp delivers only an approved template, and it
   * approves none that is a bare parameter, starts or ends with one, or has two side by side. Each body is the
   * message's own text with its parts as parameters `{{1}}`, `{{2}}`, … (src/core/model.ts MessageTemplate).
   */
  whatsappTemplates: {
    /**
     * {{1}} the patient's first name (`nameless` when none is on file), {{2}} what and with whom ("sua consulta de
     * Cardiologia com Dra. Ana Souza"), {{3}} when ("amanhã, quinta, 26/11, às 09:00"), {{4}} where ("na Unidade
     * Centro (Av. Afonso Pena, 1000)"), {{5}} the question or, for a confirmed appointment, the closing ("Você
     * confirma sua presença?", "Sua presença já está confirmada. Até lá!"); the last sentence says how to answer.
     */
    appointment_reminder: 'Olá, {{1}}! Lembrete: {{2}} é {{3}}, {{4}}. {{5}} Se precisar desmarcar ou remarcar, é só responder esta mensagem.',
    /** `waitlist.offer` above: {{1}} first name, {{2}} date, {{3}} time, {{4}} provider, {{5}} location. */
    waitlist_offer:
      'Olá, {{1}}! Abriu um horário {{2}}, às {{3}}, com {{4}} ({{5}}). Quer agendar? Responda SIM para reservar ou NÃO para continuar na lista de espera.',
    /** {{1}} for a patient known only by their phone: a template parameter may not be empty */
    nameless: 'paciente',
  },

  /**
   * No-show risk, read by clinic staff (GET /no-show/…): what to do about an appointment, and why its
   * score is what it is. {placeholders} are filled by src/core/no-show/texts.ts.
   */
  noShow: {
    /** by risk level (thresholds in src/core/no-show/service.ts); `veryHigh` is `high` from 50% up */
    recommendation: {
      low: 'Risco baixo de falta: o lembrete de rotina é suficiente.',
      medium:
        'Risco moderado de falta: envie um segundo lembrete na véspera, por WhatsApp ou SMS, pedindo que o paciente confirme a presença.',
      high:
        'Risco alto de falta: ligue para o paciente na véspera para confirmar a presença; se ele não puder vir, ofereça o horário à lista de espera.',
      veryHigh:
        'Risco muito alto de falta: ligue na véspera para confirmar a presença e, sem confirmação, considere um encaixe (overbooking) neste horário.',
    },
    factors: {
      leadSameDay: 'Agendada no mesmo dia da consulta',
      leadOne: 'Agendada com 1 dia de antecedência',
      leadMany: 'Agendada com {dias} dias de antecedência',
      /** {artigo}: "na" or "no" (weekdayArticles) */
      weekday: 'Consulta {artigo} {diaDaSemana}',
      timeOfDay: {
        manha: 'Consulta no período da manhã',
        tarde: 'Consulta no período da tarde',
        noite: 'Consulta no período da noite',
        outro: 'Consulta fora dos períodos habituais (antes das 6h ou depois das 22h)',
      },
      age: 'Paciente com {idade} anos',
      ageUnknown: 'Idade do paciente não informada',
      firstVisit: 'Primeira consulta do paciente na clínica',
      returning: 'Paciente já atendido pela clínica',
      noShowsNone: 'Nenhuma falta em consultas anteriores',
      noShowsOnly: 'Faltou à única consulta anterior',
      noShowsOne: 'Faltou a 1 de {total} consultas anteriores',
      noShowsMany: 'Faltou a {faltas} de {total} consultas anteriores',
      noShowsLast: ', inclusive à última',
      /** appended when some of those no-shows came after this appointment was booked */
      noShowsSinceBookedOne: '; 1 delas depois do agendamento desta consulta',
      noShowsSinceBookedMany: '; {n} delas depois do agendamento desta consulta',
      visitsNone: 'Nenhuma consulta anterior realizada',
      visitsOne: 'Compareceu a 1 consulta anterior',
      visitsMany: 'Compareceu a {visitas} consultas anteriores',
      sinceLastNone: 'Sem consultas anteriores',
      sinceLastOne: 'Última consulta há 1 dia',
      sinceLastMany: 'Última consulta há {dias} dias',
      appointmentType: 'Tipo de atendimento: {tipo}',
      specialty: 'Especialidade: {especialidade}',
      specialtyNone: 'Atendimento sem especialidade definida',
      channel: 'Agendada pelo canal: {canal}',
      location: 'Unidade: {unidade}',
      bookingsFirst: 'Primeiro agendamento do paciente',
      bookingsSinceSameDay: 'Agendamento anterior do paciente feito no mesmo dia',
      bookingsSinceOne: 'Agendamento anterior do paciente feito há 1 dia',
      bookingsSinceMany: 'Agendamento anterior do paciente feito há {dias} dias',
      bookingsSameDayOne: '1 outro agendamento feito no mesmo dia',
      bookingsSameDayMany: '{n} outros agendamentos feitos no mesmo dia',
      bookingTime: 'Agendamento feito às {hora}h',
      bookingTimeUnknown: 'Horário do agendamento desconhecido',
    },
  },

  /** The history import (npm run cli -- import appointments): records it creates when the file leaves them out. */
  historyImport: {
    /** a patient created from a file row without a name; {ref}: the external id or the phone */
    patientName: 'Paciente importado {ref}',
    /** inactive records imported appointments point at when the file names no provider, type or location */
    placeholderProvider: 'Histórico importado',
    placeholderType: 'Atendimento importado',
    placeholderLocation: 'Histórico importado',
  },
} as const;

export type PtBrMessages = typeof ptBR;
