/**
 * The pure readers of short replies (machines/booking/replies.ts), the facts merge, and the pt-BR date
 * and name helpers, table by table.
 */
import { describe, expect, it } from 'vitest';
import { asksHours, opensWithYes, personNameGiven, refusesToGiveName, splitAsideQuestion, splitAsks, splitBookingBeforeQuestion } from '../../../machines/booking/replies';
import {
  acceptsShowingAgain,
  anyDate,
  asksEarlier,
  asksLater,
  asksOtherDay,
  asksOtherProvider,
  asksOthers,
  clinicTopics,
  afterLeadingNo,
  pointsAtOne,
  dateMentions,
  isAcknowledgement,
  isNo,
  isThanks,
  isYes,
  meansAll,
  pickIndex,
  readClock,
  rejectsAll,
  salutation,
  sameTime,
  wantsToCancelBooked,
  wantsToContinue,
  wantsToStop,
  givesUp,
  goesBack,
} from '../../../machines/booking/replies';
import { emptyFacts, mergeFacts, missingFact, splitSpecialtyAsks, wishedPeriods } from '../../../machines/booking/dialogue';
import { providerHours, suggestSpecialty, waitlistWish } from '../../../locales/pt-BR/conversation';
import { atPlace, dayPhrase, longDate, offer, onDate, otherProvidersBusyAndLeftOut, presentableName, shortDate, timeWish } from '../../../locales/pt-BR/conversation';
import type { Understanding } from '../../../src/core/language/types';

const OPTIONS = [
  { date: '2026-11-25', start_time: '08:30' },
  { date: '2026-11-25', start_time: '09:00' },
  { date: '2026-11-25', start_time: '14:00' },
];

describe('pickIndex', () => {
  it.each([
    ['1', 0],
    ['2', 1],
    ['3', 2],
    [' 2 ', 1],
    ['2.', 1],
    ['2)', 1],
    ['opção 2', 1],
    ['opcao 3', 2],
    ['numero 1', 0],
    ['a 2', 1],
    ['quero a 2', 1],
    ['pode ser a 2', 1],
    ['a primeira', 0],
    ['primeiro', 0],
    ['pode ser a primeira', 0],
    ['a segunda', 1],
    ['Segunda opção', 1],
    ['a terceira', 2],
    ['a 3ª', 2],
    ['2º', 1],
    ['dois', 1],
    ['a última', 2],
    ['ultimo', 2],
    ['a das 14h', 2],
    ['14:00', 2],
    ['14h', 2],
    ['as 14', 2],
    ['às 2', 2],
    ['8h30', 0],
    ['08:30', 0],
    ['a das 9', 1],
    ['fico com a das 9h', 1],
    ['a 2, por favor', 1],
    ['ok, a primeira', 0],
  ])('"%s" → %i', (text, index) => {
    expect(pickIndex(text, OPTIONS)).toBe(index);
  });

  it.each(['4', '0', 'a quarta', '15h', '10:00', 'nenhum', 'sim', 'amanhã', 'na segunda', 'segunda de manhã', '2 ou 3', '', 'quero marcar'])('"%s" → none', (text) => {
    expect(pickIndex(text, OPTIONS)).toBeNull();
  });

  it('a time that fits two options is no pick', () => {
    const two = [
      { date: '2026-11-25', start_time: '14:00' },
      { date: '2026-11-25', start_time: '14:30' },
    ];
    expect(pickIndex('as 14', two)).toBe(0);
    expect(pickIndex('14h30', two)).toBe(1);
    expect(pickIndex('a das 14', [...two, { date: '2026-11-26', start_time: '14:00' }])).toBeNull();
  });

  it('nothing to pick from', () => {
    expect(pickIndex('1', [])).toBeNull();
  });
});

describe('readClock', () => {
  it.each([
    ['14h', '14:00', false],
    ['14:30', '14:30', true],
    ['9h30', '09:30', true],
    ['9', '09:00', false],
    ['9hs', '09:00', false],
  ])('%s → %s', (word, time, exact) => {
    expect(readClock(word)).toEqual({ time, exact });
  });
  it.each(['25h', '14:75', 'h', 'amanha'])('%s → null', (word) => expect(readClock(word)).toBeNull());
});

describe('yes, no, thanks', () => {
  it.each(['sim', 'Sim!', 's', 'ss', 'pode', 'isso', 'ok', 'OK', 'okay', '👍', '👍🏽', '👌', 'confirmo', 'confirma', 'claro', 'com certeza', 'pode ser', 'pode marcar', 'sim, pode marcar por favor', 'isso mesmo', 'beleza', 'fechado', 'perfeito', 'sim sim', 'pode desmarcar', 'uhum', 'tá bom', 'siiim', 'Simmm!', 'okkk', 'pode sim, obg', 'td certo', 'sim, valeu'])(
    'yes: "%s"',
    (text) => {
      expect(isYes(text)).toBe(true);
      expect(isNo(text)).toBe(false);
    },
  );

  it.each(['não', 'nao', 'Não!', 'n', 'não, obrigado', 'nao quero', 'agora não', 'melhor não', 'deixa', 'deixa pra lá', 'esquece', '👎', 'não precisa', 'nada', 'naao', 'Naaaão', 'não, só isso'])('no: "%s"', (text) => {
    expect(isNo(text)).toBe(true);
    expect(isYes(text)).toBe(false);
  });

  it.each(['sim, mas prefiro sexta', 'não, prefiro sexta', 'pode ser de tarde?', 'a 2', 'sim não', ''])('neither: "%s"', (text) => {
    expect(isYes(text)).toBe(false);
    expect(isNo(text)).toBe(false);
  });

  it.each([
    ['obrigado', true, true],
    ['valeu!', true, true],
    ['ok obrigada', true, true],
    ['ok', true, false],
    ['td certo', true, false],
    ['👍', true, false],
    ['obrigado, mas quero marcar outra', false, true],
    ['bom dia', false, false],
    ['muito obrigada minha filha, deus te abencoe', true, true],
    ['Deus te abençoe!', true, true],
    ['obrigada querida, fique com Deus', true, true],
    ['minha filha quer marcar', false, false],
  ])('"%s": acknowledgement %s, thanks %s', (text, ack, thanks) => {
    expect(isAcknowledgement(text)).toBe(ack);
    expect(isThanks(text)).toBe(thanks);
  });
});

describe('other times', () => {
  it.each([
    ['tem mais tarde?', 'later'],
    ['mais tarde', 'later'],
    ['algum mais pro fim do dia?', 'later'],
    ['depois?', 'later'],
    ['tem mais cedo?', 'earlier'],
    ['mais cedo', 'earlier'],
    ['antes?', 'earlier'],
    ['outro dia', 'other'],
    ['tem em outra data?', 'other'],
    ['outros dias', 'other'],
    ['tem outros horarios?', 'others'],
    ['mais opções', 'others'],
    ['nenhum', 'none'],
    ['nenhum desses', 'none'],
    ['Nenhuma delas', 'none'],
    ['não serve', 'none'],
    ['não', 'none'],
    ['nao quero nenhum', 'none'],
    ['não posso nesses horários', 'none'],
    ['esses não dá', 'none'],
    ['não dá pra mim', 'none'],
  ])('"%s" → %s', (text, kind) => {
    expect({
      later: asksLater(text),
      earlier: asksEarlier(text),
      other: asksOtherDay(text),
      others: asksOthers(text),
      none: rejectsAll(text),
    }).toEqual({ later: kind === 'later', earlier: kind === 'earlier', other: kind === 'other', others: kind === 'others', none: kind === 'none' });
  });

  it('"o mais cedo possível" is any date, not earlier', () => {
    expect(asksEarlier('o mais cedo possível')).toBe(false);
    expect(anyDate('o mais cedo possível')).toBe(true);
  });

  it.each(['tanto faz', 'qualquer dia', 'o quanto antes', 'o primeiro que tiver', 'sem preferência', 'qq dia', 'assim que tiver', 'assim q possível'])('any date: "%s"', (text) => {
    expect(anyDate(text)).toBe(true);
  });

  it.each(['mesmo horário', 'no mesmo horario', 'pra dia 10 mesma hora'])('same time: "%s"', (text) => {
    expect(sameTime(text)).toBe(true);
  });
});

describe('giving up a booking', () => {
  it.each(['deixa pra lá', 'Desisto', 'esquece', 'não quero mais', 'não preciso mais'])('gives up: "%s"', (text) => {
    expect(givesUp(text)).toBe(true);
  });
  it.each(['não', 'deixa', 'não quero', 'esquece a segunda, quero a terceira', 'quero marcar para sexta'])('does not: "%s"', (text) => {
    expect(givesUp(text)).toBe(false);
  });
});

describe('one step back', () => {
  it.each(['volta', 'Voltar', 'quero voltar', 'volta um passo', 'Volta 1 passo, por favor', 'voltar atrás', 'pode voltar?', 'volta pro anterior'])('goes back: "%s"', (text) => {
    expect(goesBack(text)).toBe(true);
  });
  it.each(['quero voltar na dermato', 'marcar pra voltar na dermato', 'volta quando?', 'não', 'voltar a consulta pra sexta'])('does not: "%s"', (text) => {
    expect(goesBack(text)).toBe(false);
  });
});

describe('stop or cancel an appointment', () => {
  it.each([
    ['parar', 'stop'],
    ['parar este agendamento', 'stop'],
    ['esse agendamento', 'stop'],
    ['desisto', 'stop'],
    ['a primeira', 'stop'],
    ['desmarcar', 'cancel'],
    ['desmarcar a consulta marcada', 'cancel'],
    ['a que já tenho', 'cancel'],
    ['a segunda', 'cancel'],
    ['2', 'cancel'],
    ['continuar', 'continue'],
    ['nenhum', 'continue'],
    ['não', 'continue'],
  ])('"%s" → %s', (text, kind) => {
    expect({ stop: wantsToStop(text), cancel: wantsToCancelBooked(text), continue: wantsToContinue(text) }).toEqual({
      stop: kind === 'stop',
      cancel: kind === 'cancel',
      continue: kind === 'continue',
    });
  });
});

describe('clinic questions and greetings', () => {
  it.each([
    ['qual o endereço?', ['address']],
    ['onde fica a unidade centro?', ['address']],
    ['vcs abrem sabado?', ['hours']],
    ['que horas fecha?', ['hours']],
    ['o que preciso levar?', ['bring']],
    ['quanto custa a consulta?', ['price']],
    ['aceita convênio?', ['insurance']],
    ['aceita unimed?', ['insurance']],
    ['precisa de jejum?', ['fasting']],
    ['tem que ir em jejum pro exame?', ['fasting']],
    ['quanto custa particular?', ['price']],
    ['tem estacionamento?', ['parking']],
    ['aceita cartão?', ['payment']],
    ['posso pagar no pix?', ['payment']],
    ['tem wifi?', ['wifi']],
    ['tem acesso pra cadeirante?', ['accessibility']],
    ['qual o endereço e até que horas funciona?', ['address', 'hours']],
    ['quero marcar cardio amanhã', []],
    ['tem horário amanhã?', []],
    ['qto custa a consulta?', ['price']],
    ['qnto tempo dura?', ['duration']],
    ['posso levar meu filho junto?', ['companion']],
    ['pode entrar acompanhante?', ['companion']],
    // how early to come (it read "posso chegar mais cedo amanhã?" as a booking for tomorrow)
    ['posso chegar mais cedo amanhã?', ['arrival']],
    ['quanto tempo antes eu tenho que chegar?', ['arrival']],
    ['tem problema chegar uns 15 min antes?', ['arrival']],
    ['vou chegar mais tarde', []],
    ['qto demora a consulta?', ['duration']],
    ['qual o horario da unidade savassi sabado?', ['hours']],
    ['quero horario na unidade savassi sabado', []],
    ['a consulta custa quanto?', ['price']],
    ['de manhã pois à tarde minha filha trabalha e não pode me levar', []],
    ['meu marido vai me trazer', []],
    ['preciso levar os exames?', ['bring']],
    // an exam to have done or book (no booking here), only after a verb of doing or booking
    ['quero fazer um ultrassom', ['exams']],
    ['vcs fazem eletrocardiograma?', ['exams']],
    ['quero marcar exame de sangue', ['exams']],
    ['preciso fazer exame de raio x', ['exams']],
    ['preciso levar o ultrassom?', ['bring']],
    ['tem que ir em jejum pro ultrassom?', ['fasting']],
    ['ultrassonografista', []],
  ])('"%s" → %j', (text, topics) => {
    expect(clinicTopics(text)).toEqual(topics);
  });

  it.each([
    ['bom dia', 'bom_dia'],
    ['Bom dia!!', 'bom_dia'],
    ['boa tarde, tudo bem?', 'boa_tarde'],
    ['boa noite', 'boa_noite'],
    ['oi', null],
    ['olá', null],
  ])('"%s" → %s', (text, s) => {
    expect(salutation(text)).toBe(s);
  });
});

describe('dateMentions', () => {
  it('tells the appointment meant from the new date', () => {
    expect(dateMentions('quero remarcar a do dia 3 pra dia 10 mesmo horario')).toEqual([
      { day: 3, month: null, weekday: null, offset: null, target: false, reference: true, article: true },
      { day: 10, month: null, weekday: null, offset: null, target: true, reference: false },
    ]);
  });
  it.each([
    ['remarcar a de sexta', [{ weekday: 5, reference: true, target: false }]],
    ['remarcar para a segunda-feira', [{ weekday: 1, reference: false, target: true }]],
    ['mudar a de 03/12 para 10/12', [{ day: 3, month: 12, reference: true }, { day: 10, month: 12, target: true }]],
    ['remarcar minha consulta', []],
    ['remarca a de amanha', [{ offset: 1, reference: true, target: false }]],
    ['adiar a de hoje pra depois de amanha', [{ offset: 0, reference: true }, { offset: 2, target: true, reference: false }]],
    ['cancela as de segunda e terça', [{ weekday: 1, reference: true }, { weekday: 2, reference: true, target: false }]],
    ['as consultas de segunda e terca', [{ weekday: 1, reference: true }, { weekday: 2, reference: true }]],
    ['remarcar a de segunda pra quinta e sexta', [{ weekday: 1, reference: true }, { weekday: 4, target: true }, { weekday: 5, target: true, reference: false }]],
    ['de segunda a sexta', [{ weekday: 1, reference: true }, { weekday: 5, reference: false }]],
    ['entre segunda e sexta', [{ weekday: 1, reference: false }, { weekday: 5, reference: false }]],
    // "é a de terça": a reference with its article; "de terça" alone has none
    ['na verdade é a de terça', [{ weekday: 2, reference: true, article: true }]],
    ['pode ser de terça', [{ weekday: 2, reference: true }]],
  ])('"%s"', (text, expected) => {
    const found = dateMentions(text);
    expect(found).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(found[i]).toMatchObject(e));
  });
});

function reading(resolved: Partial<Understanding['resolved']>, entities: Partial<Understanding['entities']> = {}, intent: Understanding['intent'] = 'book'): Understanding {
  return {
    intent,
    confidence: 0.9,
    entities: { specialty: null, provider_name: null, appointment_type: null, location: null, date_text: null, period: null, time: null, ...entities },
    resolved: {
      specialty: null,
      provider_ids: [],
      appointment_type_id: null,
      location_id: null,
      date_from: null,
      date_to: null,
      time_from: null,
      time_to: null,
      time: null,
      ...resolved,
    },
    missing: [],
    suggested_slots: [],
    used_llm: false,
  };
}

describe('mergeFacts', () => {
  const booked = {
    ...emptyFacts(),
    specialty: 'Cardiologia',
    provider_ids: ['ana'],
    provider_name: 'dra ana',
    appointment_type_id: 'retorno',
    date_from: '2026-11-30',
    date_to: '2026-12-06',
    period: 'tarde' as const,
    time_from: '12:00',
    time_to: '18:00',
  };

  it('a period replaces the time wish only', () => {
    const next = mergeFacts(booked, reading({ time_from: '06:00', time_to: '12:00' }, { period: 'manha' }, 'unknown'));
    expect(next).toEqual({ ...booked, period: 'manha', time_from: '06:00', time_to: '12:00' });
  });

  it('an exact time replaces the window', () => {
    const next = mergeFacts(booked, reading({ time: '14:00' }, { time: '14h' }, 'unknown'));
    expect(next).toMatchObject({ time: '14:00', time_from: null, time_to: null, period: null });
  });

  it('a date replaces the dates only', () => {
    const next = mergeFacts(booked, reading({ date_from: '2026-11-27', date_to: '2026-11-27' }, { date_text: 'sexta' }));
    expect(next).toEqual({ ...booked, date_from: '2026-11-27', date_to: '2026-11-27' });
  });

  it('another specialty drops the provider of the old one', () => {
    const next = mergeFacts(booked, reading({ specialty: 'Dermatologia' }, { specialty: 'dermato' }));
    expect(next).toMatchObject({ specialty: 'Dermatologia', provider_ids: [], provider_name: null });
  });

  it('a provider named replaces the providers', () => {
    const next = mergeFacts(booked, reading({ provider_ids: ['paulo'], specialty: 'Cardiologia' }, { provider_name: 'dr paulo' }));
    expect(next).toMatchObject({ provider_ids: ['paulo'], provider_name: 'dr paulo', specialty: 'Cardiologia' });
  });

  it('the default type fills a gap but does not replace a type said', () => {
    expect(mergeFacts(booked, reading({ appointment_type_id: 'consulta' })).appointment_type_id).toBe('retorno');
    expect(mergeFacts(emptyFacts(), reading({ appointment_type_id: 'consulta' })).appointment_type_id).toBe('consulta');
    expect(mergeFacts(booked, reading({ appointment_type_id: 'consulta' }, { appointment_type: 'consulta' })).appointment_type_id).toBe('consulta');
  });

  it('asks who, then when, then what', () => {
    expect(missingFact(emptyFacts())).toBe('specialty_or_provider');
    expect(missingFact({ ...emptyFacts(), specialty: 'Cardiologia' })).toBe('date');
    expect(missingFact({ ...emptyFacts(), provider_ids: ['x'], date_from: '2026-11-25' })).toBe('appointment_type');
    expect(missingFact(booked)).toBeNull();
  });
});

describe('pt-BR dates, places and names', () => {
  it.each([
    ['2026-11-25', 'qua, 25/11', 'quarta, 25/11', 'na quarta, 25/11'],
    ['2026-11-28', 'sáb, 28/11', 'sábado, 28/11', 'no sábado, 28/11'],
    ['2026-11-29', 'dom, 29/11', 'domingo, 29/11', 'no domingo, 29/11'],
    ['2026-12-01', 'ter, 01/12', 'terça, 01/12', 'na terça, 01/12'],
  ])('%s', (date, short, long, on) => {
    expect([shortDate(date), longDate(date), onDate(date)]).toEqual([short, long, on]);
  });

  it('says hoje and amanhã', () => {
    expect(dayPhrase('2026-11-24', '2026-11-24', '2026-11-25')).toBe('hoje (ter, 24/11)');
    expect(dayPhrase('2026-11-25', '2026-11-24', '2026-11-25')).toBe('amanhã (qua, 25/11)');
    expect(dayPhrase('2026-11-27', '2026-11-24', '2026-11-25')).toBe('na sexta, 27/11');
  });

  it.each([
    [{ period: 'manha', time: null, time_from: '06:00', time_to: '12:00' }, 'de manhã'],
    [{ period: 'tarde', time: null, time_from: '12:00', time_to: '18:00' }, 'à tarde'],
    [{ period: null, time: '14:00', time_from: null, time_to: null }, 'perto das 14:00'],
    [{ period: null, time: null, time_from: '15:00', time_to: '22:00' }, 'a partir das 15:00'],
    [{ period: null, time: null, time_from: '06:00', time_to: '10:00' }, 'até as 10:00'],
    [{ period: null, time: null, time_from: '14:00', time_to: '16:00' }, 'entre 14:00 e 16:00'],
    [{ period: null, time: null, time_from: null, time_to: null }, ''],
  ] as const)('%j → "%s"', (wish, text) => {
    expect(timeWish(wish)).toBe(text);
  });

  it('says "depois das" and "antes das" around the time of an appointment moved later or earlier', () => {
    expect(timeWish({ period: null, time: null, time_from: '11:00', time_to: '22:00' }, '11:00')).toBe('depois das 11:00');
    expect(timeWish({ period: null, time: null, time_from: '06:00', time_to: '11:00' }, '11:00')).toBe('antes das 11:00');
    expect(timeWish({ period: null, time: null, time_from: '15:00', time_to: '22:00' }, '11:00')).toBe('a partir das 15:00');
  });

  it.each([
    ['Unidade Centro', 'na Unidade Centro'],
    ['Clínica Sul', 'na Clínica Sul'],
    ['Consultório Savassi', 'no Consultório Savassi'],
    ['Savassi', 'em Savassi'],
  ])('%s → %s', (name, text) => expect(atPlace(name)).toBe(text));

  it.each([
    ['dra ana', 'Dra. Ana'],
    ['dr. paulo lima', 'Dr. Paulo Lima'],
    ['doutora ana de souza', 'Dra. Ana de Souza'],
    ['Dr. Rui Alves', 'Dr. Rui Alves'],
  ])('%s → %s', (typed, name) => expect(presentableName(typed)).toBe(name));
});

describe('meansAll: "as duas", "ambas", "todas" (every appointment listed)', () => {
  it.each([
    ['as duas', 2],
    ['quero desmarcar as duas', 2],
    ['ambas', 2],
    ['os dois', 2],
    ['todas', 2],
    ['todas', 3],
    ['as três', 3],
    ['cancela todas as minhas consultas', 4],
    ['cancela as duas de sexta', 2],
    ['as duas do dia 27', 2],
  ])('%j with %i listed', (text, count) => {
    expect(meansAll(text, count)).toBe(true);
  });

  it.each([
    ['as duas', 3],
    ['ambas', 3],
    ['todas', 1],
    ['às duas da tarde', 2],
    ['as duas de tarde', 2],
    ['às duas da manhã', 2],
    ['as duas e meia', 2],
    ['a segunda', 2],
    ['duas', 2],
    ['tudo bem', 2],
  ])('not %j with %i listed', (text, count) => {
    expect(meansAll(text, count)).toBe(false);
  });
});

describe('a no, then a new pick', () => {
  it.each([
    ['nao, prefiro a 2', 'prefiro a 2'],
    ['Não. A das 9', 'A das 9'],
    ['n, a terceira', 'a terceira'],
  ])('"%s" leaves "%s" to read as the pick', (text, rest) => {
    expect(afterLeadingNo(text)).toBe(rest);
  });
  it.each([
    ['nao pera, prefiro a segunda', 'prefiro a segunda'],
    ['não, pera, a 3', 'a 3'],
    ['nao pera prefiro a segunda', 'prefiro a segunda'],
  ])('"%s" → "%s" (a pause after the no)', (text, rest) => {
    expect(afterLeadingNo(text)).toBe(rest);
  });
  it.each(['não quero a 2', 'sim, a 2', 'nao', 'nao pera'])('"%s" is not taken apart', (text) => {
    expect(afterLeadingNo(text)).toBeNull();
  });
});

describe('options for an exact time', () => {
  const slot = (start_time: string) => ({
    provider_name: 'Dra. Ana Souza',
    specialty: 'Cardiologia',
    location: { name: 'Unidade Centro' },
    location_address: null,
    appointment_type_name: 'Consulta',
    date: '2026-11-26',
    start_time,
  });
  const view = (times: string[]) => ({
    kind: 'asked' as const,
    slots: times.map(slot),
    specialty: 'Cardiologia',
    providerName: null,
    asked: { date_from: '2026-11-26', date_to: '2026-11-26', period: null, time: '15:00', time_from: null, time_to: null },
    today: '2026-11-25',
    tomorrow: '2026-11-26',
  });
  it('"perto das 15:00" when 15:00 itself is among them', () => {
    expect(offer(view(['14:30', '15:00', '15:30']))).toContain('Tenho estes horários de Cardiologia amanhã (qui, 26/11) perto das 15:00:');
  });
  it('says 15:00 is not free when none of them is at 15:00 ("pode ser às 15h?" answered with 08:00, 11:30)', () => {
    const text = offer(view(['08:00', '11:30']));
    expect(text).toContain('Não tenho horário de Cardiologia às 15:00 amanhã (qui, 26/11). Os mais próximos são:');
    expect(text).not.toContain('perto das');
  });
});

describe('asksOtherProvider: a change of doctor for an appointment', () => {
  it.each([
    'quero trocar de medico na consulta de cardio',
    'quero outro médico pra minha consulta',
    'trocar de médica',
    'queria mudar o doutor da minha consulta',
    'tem outra médica?',
    'prefiro um profissional diferente',
    'trocar de médico por outro',
    'trocar a dra ana por outra médica',
    'troca o dr paulo por qualquer um',
  ])('%j', (text) => expect(asksOtherProvider(text)).toBe(true));

  it.each([
    'quero trocar de horário',
    'tem outros horários?',
    'quero marcar com a dra ana',
    'médico de família',
    'outro dia',
    // a swap names who comes instead: that one is asked for, not any other
    'trocar a dra ana pelo dr paulo',
    'troca a dra ana pela dra fernanda',
    'trocar de médico pelo dr paulo',
  ])('not %j', (text) =>
    expect(asksOtherProvider(text)).toBe(false),
  );

  it('"tem outro médico?" is not a request for other times with the same provider', () => {
    expect(asksOthers('tem outro médico?')).toBe(false);
    expect(asksOthers('tem outro horário?')).toBe(true);
  });
});

describe('acceptsShowingAgain: a yes to "Se quiser, mostro de novo os horários de …"', () => {
  it.each(['sim', 'pode', 'quero', 'mostra', 'pode mostrar', 'quero ver os dela', 'mostra sim, por favor', 'Mostra!'])('%j', (text) =>
    expect(acceptsShowingAgain(text)).toBe(true),
  );

  it.each(['não', 'mostra outro dia', 'quero ver mais tarde', '2', 'quero outro médico'])('not %j', (text) => expect(acceptsShowingAgain(text)).toBe(false));
});

describe('otherProvidersBusyAndLeftOut: none of the others free, some left out at the patient\'s request', () => {
  it('names each group in alphabetical order, with the verb in the plural for several left out', () => {
    expect(otherProvidersBusyAndLeftOut(['Dr. Lucas Prado'], ['Dra. Ana Souza'])).toBe(
      'Não encontrei horários livres com Dr. Lucas Prado nos próximos dias, e Dra. Ana Souza ficou de fora a seu pedido. Se quiser, mostro de novo os horários de Dra. Ana Souza.',
    );
    expect(otherProvidersBusyAndLeftOut(['Dr. Lucas Prado', 'Dra. Bia Reis'], ['Dr. Paulo Lima', 'Dra. Ana Souza'])).toBe(
      'Não encontrei horários livres com Dra. Bia Reis e Dr. Lucas Prado nos próximos dias, e Dra. Ana Souza e Dr. Paulo Lima ficaram de fora a seu pedido. ' +
        'Se quiser, mostro de novo os horários de Dra. Ana Souza e Dr. Paulo Lima.',
    );
  });
});

describe('the wish a waitlist entry keeps', () => {
  it.each([
    [{ time: '10:00' }, ['manha']],
    [{ time: '23:00' }, []],
    [{ period: 'tarde', time_from: '12:00', time_to: '18:00' }, ['tarde']],
    [{ time_from: '15:00', time_to: '22:00' }, ['tarde', 'noite']],
    [{ time_from: '06:00', time_to: '10:00' }, ['manha']],
    [{}, []],
  ] as const)('%j → periods %j', (time, periods) => {
    expect(wishedPeriods({ ...emptyFacts(), ...time })).toEqual(periods);
  });

  const days = { today: '2026-11-25', tomorrow: '2026-11-26' };
  it.each([
    [{ date_from: '2026-11-26', date_to: '2026-11-26', periods: ['manha'], time: null }, ' para amanhã (qui, 26/11), de manhã'],
    [{ date_from: '2026-11-28', date_to: '2026-11-28', periods: [], time: null }, ' para o sábado, 28/11'],
    [{ date_from: '2026-11-30', date_to: '2026-12-06', periods: ['tarde', 'noite'], time: null }, ' entre segunda, 30/11, e domingo, 06/12, à tarde ou à noite'],
    [
      { date_from: '2026-11-26', date_to: '2026-11-27', dates: ['2026-11-26', '2026-11-27'], periods: ['manha'], time: '10:00' },
      ' para amanhã (qui, 26/11) ou a sexta, 27/11, às 10:00 ou outro horário da manhã',
    ],
    [{ date_from: null, date_to: null, periods: [], time: null }, ''],
  ] as const)('%j → %j', (wish, phrase) => {
    expect(waitlistWish({ ...days, ...wish })).toBe(phrase);
  });
});

describe('splitAsks: two asks of different kinds in one message', () => {
  it.each([
    ['cancela a de sexta e marca dermato segunda', 'cancela a de sexta', 'marca dermato segunda'],
    ['quando é minha consulta e se dá pra mudar pra tarde', 'quando é minha consulta', 'mudar pra tarde'],
    ['desmarca a de amanhã, e quero marcar cardio sexta', 'desmarca a de amanhã', 'marcar cardio sexta'],
    ['remarca a de sexta pra segunda e marca dermato terça', 'remarca a de sexta pra segunda', 'marca dermato terça'],
    // a clinic question after an ask is the second ask
    ['cancela a de amanha e qual o endereco de vcs?', 'cancela a de amanha', 'qual o endereco de vcs?'],
    ['desmarca a de sexta, e vcs tem estacionamento?', 'desmarca a de sexta', 'vcs tem estacionamento?'],
  ])('%s → %s | %s', (text, first, second) => {
    expect(splitAsks(text)).toEqual([first, second]);
  });

  it.each([
    'quero marcar cardio e dermato',
    'marca cardio amanha e marca dermato sexta',
    'remarca a de segunda e a de terça',
    'cancela a de segunda e a de terça',
    'quero marcar cardio amanhã e é urgente',
    'oi e marca cardio',
    'qual o endereço e o horário de funcionamento?',
    'cardio segunda e dermato terça',
  ])('one ask: %s', (text) => {
    expect(splitAsks(text)).toBeNull();
  });
});

describe('splitAsideQuestion: facts, then a clinic question as its own part', () => {
  it.each([
    ['amanha, e qual o endereço?', 'amanha', 'qual o endereço?'],
    ['amanhã e qual o endereço', 'amanhã', 'qual o endereço'],
    ['tem na sexta? e quanto custa', 'tem na sexta?', 'quanto custa'],
    ['sexta de manha. quanto custa?', 'sexta de manha', 'quanto custa?'],
    // the question is the last part, not everything after a greeting
    ['oi, quero marcar cardio amanha, qual o endereco da unidade savassi?', 'oi, quero marcar cardio amanha', 'qual o endereco da unidade savassi?'],
  ])('%s → %s | %s', (text, facts, question) => {
    expect(splitAsideQuestion(text)).toEqual([facts, question]);
  });

  it('a long message (every break point is no longer tried): the question at its end, or after its opening question', () => {
    const facts = Array.from({ length: 120 }, () => 'quero marcar cardio amanha de manha com a dra ana').join(' ');
    expect(splitAsideQuestion(`${facts}, qual o endereço?`)).toEqual([facts, 'qual o endereço?']);
    expect(splitAsideQuestion(`qual o endereço? e tb ${facts}`)).toEqual([`tb ${facts}`, 'qual o endereço?']);
  });

  it.each(['qual o endereço?', 'amanha de manha', 'qual o endereço e o horário de funcionamento?', 'quanto custa, amanha?', 'amanha e sexta'])(
    'no aside question: %s',
    (text) => {
      expect(splitAsideQuestion(text)).toBeNull();
    },
  );

  it.each([
    ['qual o endereço? e tb queria marcar cardio', [], 'tb queria marcar cardio', 'qual o endereço?'],
    ['quanto custa? aceita unimed? e tem cardio amanha?', ['cardio', 'amanha'], 'tem cardio amanha?', 'quanto custa? aceita unimed?'],
    ['que horas vcs abrem? e vcs tem com a dra ana na sexta?', ['dra ana', 'sexta'], 'vcs tem com a dra ana na sexta?', 'que horas vcs abrem?'],
  ])('a clinic question, then a booking: %s', (text, named, booking, question) => {
    expect(splitAsideQuestion(text, named)).toEqual([booking, question]);
  });

  it.each([
    // "tem" names nothing to book after the question: no booking
    ['quanto custa a consulta da dra ana? e tem desconto?', ['dra ana']],
    ['quanto custa? e tem cardio amanha?', []],
  ])('no booking after the question: %s', (text, named) => {
    expect(splitAsideQuestion(text, named)).toBeNull();
  });
});

describe('splitBookingBeforeQuestion: whom and when, then a clinic question last', () => {
  it.each([
    ['cardio amanha e quanto custa?', ['cardio'], ['amanha'], 'cardio amanha', 'quanto custa?'],
    ['dra ana sexta, qual o endereço?', ['dra ana'], ['sexta'], 'dra ana sexta', 'qual o endereço?'],
  ])('%s', (text, whom, when, booking, question) => {
    expect(splitBookingBeforeQuestion(text, whom, when)).toEqual([booking, question]);
  });

  it.each([
    ['amanha e quanto custa?', [], ['amanha']],
    ['cardio, quanto custa?', ['cardio'], []],
    // the question first: splitBookingAfterQuestion's
    ['quanto custa? e tem cardio amanha?', ['cardio'], ['amanha']],
  ])('no booking before the question: %s', (text, whom, when) => {
    expect(splitBookingBeforeQuestion(text, whom, when)).toBeNull();
  });
});

describe('symptoms and hours questions', () => {
  it.each([
    ['sim, pra sexta de manha', true],
    ['pode marcar amanha', true],
    ['quero, sexta', true],
    ['nao, prefiro dermato', false],
    ['sexta de manha', false],
    ['', false],
  ])('opensWithYes(%s) = %s', (text, expected) => {
    expect(opensWithYes(text)).toBe(expected);
  });

  it.each([
    ['quais dias a dra ana atende?', true],
    ['o dermato atende sabado?', true],
    ['que dias o dr paulo trabalha', true],
    ['quero marcar com a dra ana', false],
    ['Que horas vocês abrem?', false],
  ])('asksHours(%s) = %s', (text, expected) => {
    expect(asksHours(text)).toBe(expected);
  });

  it('proposes the specialty as a question', () => {
    expect(suggestSpecialty('dor no joelho', 'Ortopedia')).toBe('Para dor no joelho, quem atende é Ortopedia. Quer marcar com Ortopedia?');
  });

  const ANA = [
    ...[1, 2, 3, 4, 5].map((d) => ({ location_name: 'Unidade Centro', day_of_week: d, start_time: '08:00', end_time: '12:00' })),
    ...[1, 3].map((d) => ({ location_name: 'Unidade Savassi', day_of_week: d, start_time: '14:00', end_time: '18:00' })),
  ];
  const BEATRIZ = [
    ...[1, 2, 3, 4, 5].flatMap((d) => [
      { location_name: 'Unidade Savassi', day_of_week: d, start_time: '14:00', end_time: '17:00' },
      { location_name: 'Unidade Savassi', day_of_week: d, start_time: '08:00', end_time: '12:00' },
    ]),
    { location_name: 'Unidade Savassi', day_of_week: 6, start_time: '08:00', end_time: '11:00' },
  ];

  it('says where and when a provider works, Monday first, a run of days as a range', () => {
    expect(providerHours('Dra. Ana Souza', ANA, { place: null, day: null })).toBe(
      'A Dra. Ana Souza atende na Unidade Centro de segunda a sexta, das 08:00 às 12:00, e na Unidade Savassi às segundas e quartas, das 14:00 às 18:00.',
    );
    expect(providerHours('Dra. Beatriz Costa', BEATRIZ, { place: null, day: null })).toBe(
      'A Dra. Beatriz Costa atende na Unidade Savassi de segunda a sexta, das 08:00 às 12:00 e das 14:00 às 17:00, e aos sábados, das 08:00 às 11:00.',
    );
  });

  it('answers a place or weekday asked with a yes or a no', () => {
    expect(providerHours('Dra. Ana Souza', ANA, { place: 'Unidade Savassi', day: null })).toBe(
      'Sim, a Dra. Ana Souza atende na Unidade Savassi às segundas e quartas, das 14:00 às 18:00.',
    );
    expect(providerHours('Dra. Ana Souza', ANA, { place: null, day: 6 })).toMatch(/^Não, a Dra\. Ana Souza não atende aos sábados\. Ela atende na Unidade Centro/);
    expect(providerHours('Dra. Beatriz Costa', BEATRIZ, { place: null, day: null, period: { period: 'tarde', from: '12:00', to: '18:00' } })).toBe(
      'Sim, a Dra. Beatriz Costa atende na Unidade Savassi de segunda a sexta, das 14:00 às 17:00.',
    );
    expect(providerHours('Dra. Ana Souza', ANA, { place: null, day: null, period: { period: 'noite', from: '18:00', to: '22:00' } })).toMatch(/^Não, a Dra\. Ana Souza não atende à noite\. Ela atende/);
    expect(providerHours('Dr. Rui Alves', [{ location_name: 'Unidade Centro', day_of_week: 6, start_time: '08:00', end_time: '12:00' }], { place: null, day: 6 })).toBe(
      'Sim, o Dr. Rui Alves atende na Unidade Centro aos sábados, das 08:00 às 12:00.',
    );
    expect(providerHours('Dra. Ana Souza', [], { place: null, day: null })).toBe('Não encontrei os horários de atendimento da Dra. Ana Souza.');
  });
});

describe('splitSpecialtyAsks: two specialties, each with its own day', () => {
  const at = { now: '2026-11-25T12:00:00.000Z', timezone: 'America/Sao_Paulo' };
  it.each([
    ['quero marcar cardio amanha as 10 e dermato sexta de tarde', 'quero marcar cardio amanha as 10', 'dermato sexta de tarde'],
    ['cardio amanha de manha, dermato sexta e orto segunda', 'cardio amanha de manha', 'dermato sexta e orto segunda'],
  ])('%s → %s | %s', (text, first, rest) => {
    expect(splitSpecialtyAsks(text, at)).toEqual([first, rest]);
  });

  it.each(['quero marcar cardio e dermato amanha', 'cardio e dermato na sexta', 'cardio amanha e dermato', 'cardio amanha e sexta'])('one day for all, or one specialty: %s', (text) => {
    expect(splitSpecialtyAsks(text, at)).toBeNull();
  });
});

describe('pointing at an option', () => {
  it.each(['esse', 'essa aí', 'pode ser esse', 'esse mesmo', 'quero essa'])('"%s" points at one', (text) => {
    expect(pointsAtOne(text)).toBe(true);
  });
  it.each(['essa semana', 'esse não', 'sim', 'esse de amanhã às 10', 'esta marcado?'])('"%s" does not', (text) => {
    expect(pointsAtOne(text)).toBe(false);
  });
});

describe('hours asked', () => {
  it.each([
    ['quais dias a dra ana atende?', true],
    ['ela atende sabado?', true],
    ['a dra fernanda atende pelo convenio unimed?', false],
    ['o dr paulo atende particular?', false],
  ])('"%s" → %s', (text, asks) => {
    expect(asksHours(text)).toBe(asks);
  });
});

describe('a confirmation typed with a slip or said emphatically', () => {
  it.each(['confirmadp', 'confirmadoo', 'vo sim, confirmadissimo', 'confirmadíssimo', 'to confirmando sim', 'tô confirmando', 'vou sim, confirmado', 'confrimado'])('yes: "%s"', (text) => {
    expect(isYes(text)).toBe(true);
    expect(isNo(text)).toBe(false);
  });

  it.each(['nao confirmo', 'não confirmo não', 'ainda nao sei se confirmo', 'to confirmando com meu marido', 'confirmar o que?', 'vou sim', 'vo sim'])('no yes: "%s"', (text) => {
    expect(isYes(text)).toBe(false);
  });

  it.each(['nao confirmo', 'não confirmo não'])('no: "%s"', (text) => {
    expect(isNo(text)).toBe(true);
  });
});

describe('a full name given when asked for the record', () => {
  it.each([
    ['Carla Mendes', 'Carla Mendes'],
    ['carla mendes', 'Carla Mendes'],
    ['meu nome é Carla Mendes', 'Carla Mendes'],
    ['meu nome e carla mendes', 'Carla Mendes'],
    ['sou a Carla Mendes', 'Carla Mendes'],
    ['eu me chamo joão', 'João'],
    ['aqui é o Pedro Henrique!', 'Pedro Henrique'],
    ['CARLA', 'Carla'],
    ['maria das graças de oliveira', 'Maria das Graças de Oliveira'],
    ['ana-lúcia d\'ávila e silva', 'Ana-Lúcia D\'Ávila e Silva'],
    ['McAllister', 'McAllister'],
  ])('"%s" → "%s"', (text, name) => {
    expect(personNameGiven(text)).toBe(name);
  });

  it.each([
    'Carla?',
    'carla 2',
    'quero marcar dermato',
    'qual o endereço',
    'sim',
    'não',
    'obrigado',
    'bom dia',
    'depois',
    'sexta',
    'meu nome é',
    'de Carla',
    'Carla da',
    'a',
    'ana carla maria joana beatriz luisa souza',
    'carla 🌻',
  ])('none: "%s"', (text) => {
    expect(personNameGiven(text)).toBeNull();
  });

  it.each(['não quero dizer', 'nao quero falar', 'depois', 'depois te falo', 'prefiro não', 'agora não, obrigada', 'não', 'não precisa'])('refused: "%s"', (text) => {
    expect(refusesToGiveName(text)).toBe(true);
  });

  it.each(['obrigado', 'Carla Mendes', 'não quero marcar mais nada', 'depois das 15h', 'quero marcar depois'])('not refused: "%s"', (text) => {
    expect(refusesToGiveName(text)).toBe(false);
  });
});
