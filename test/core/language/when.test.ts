import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractWhen } from '../../../src/core/language/when';
import type { When } from '../../../src/core/language/types';

/** Wednesday 2026-11-25, 09:00 in São Paulo (RULES.md examples read from here). */
const REFERENCE = new Date('2026-11-25T12:00:00Z');
const SAO_PAULO = 'America/Sao_Paulo';

function when(message: string, reference = REFERENCE, timezone = SAO_PAULO): When {
  return extractWhen(message, { reference, timezone });
}

const dates = (message: string, reference?: Date, timezone?: string) => {
  const w = when(message, reference, timezone);
  return [w.date_from, w.date_to];
};

const times = (message: string) => {
  const w = when(message);
  return { time: w.time, period: w.period, time_from: w.time_from, time_to: w.time_to };
};

const EXACT = (time: string, period: string | null = null) => ({ time, period, time_from: null, time_to: null });
const RANGE = (from: string, to: string, period: string | null = null) => ({ time: null, period, time_from: from, time_to: to });

describe('extractWhen: dates (RULES.md, one block per row)', () => {
  it.each(['hoje', 'Hoje', 'hj'])('%s → today', (m) => {
    expect(dates(m)).toEqual(['2026-11-25', '2026-11-25']);
  });

  it.each(['amanhã', 'amanha', 'AMANHÃ', 'amnh'])('%s → today + 1', (m) => {
    expect(dates(m)).toEqual(['2026-11-26', '2026-11-26']);
  });

  it.each(['depois de amanhã', 'depois de amanha', 'dps de amanha'])('%s → today + 2', (m) => {
    expect(dates(m)).toEqual(['2026-11-27', '2026-11-27']);
  });

  // today is a Wednesday: a bare weekday is its next occurrence strictly after today
  it.each([
    ['segunda', '2026-11-30'],
    ['seg', '2026-11-30'],
    ['2a feira', '2026-11-30'],
    ['2ª', '2026-11-30'],
    ['2ª feira', '2026-11-30'],
    ['segunda-feira', '2026-11-30'],
    ['Segunda Feira', '2026-11-30'],
    ['terça', '2026-12-01'],
    ['terca', '2026-12-01'],
    ['ter', '2026-12-01'],
    ['3a', '2026-12-01'],
    ['terça-feira', '2026-12-01'],
    ['quarta', '2026-12-02'],
    ['qua', '2026-12-02'],
    ['4a', '2026-12-02'],
    ['quinta', '2026-11-26'],
    ['qui', '2026-11-26'],
    ['qta', '2026-11-26'],
    ['qta feira', '2026-11-26'],
    ['qta às 10h', '2026-11-26'],
    ['5a', '2026-11-26'],
    ['sexta', '2026-11-27'],
    ['sex', '2026-11-27'],
    ['6a', '2026-11-27'],
    ['sexta-feira', '2026-11-27'],
    ['sábado', '2026-11-28'],
    ['sabado', '2026-11-28'],
    ['sab', '2026-11-28'],
    ['domingo', '2026-11-29'],
    ['dom', '2026-11-29'],
  ])('bare weekday %s → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each([
    ['próxima segunda', '2026-11-30'],
    ['proxima segunda', '2026-11-30'],
    ['prox seg', '2026-11-30'],
    ['segunda que vem', '2026-11-30'],
    ['segunda q vem', '2026-11-30'],
    ['na segunda', '2026-11-30'],
    ['próxima quarta', '2026-12-02'],
    ['quarta que vem', '2026-12-02'],
  ])('%s → same as the bare weekday (%s)', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each([
    ['esta sexta', '2026-11-27'],
    ['essa sexta', '2026-11-27'],
    ['nesta sexta', '2026-11-27'],
    ['nessa sexta', '2026-11-27'],
    ['esta quarta', '2026-11-25'],
    ['nessa quarta', '2026-11-25'],
  ])('%s → today when today is that weekday, else the next one (%s)', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each(['semana que vem', 'próxima semana', 'proxima semana', 'semana q vem', 'na semana que vem', 'na outra semana'])(
    '%s → next Monday – the Sunday after it',
    (m) => {
      expect(dates(m)).toEqual(['2026-11-30', '2026-12-06']);
    },
  );

  // "os próximos N dias" are the N days after today (as Duckling reads "proximos 3 dias"); weeks are 7 days each
  it.each([
    ['nas próximas duas semanas', '2026-12-09'],
    ['nas proximas 2 semanas', '2026-12-09'],
    ['proximas duas semanas', '2026-12-09'],
    ['nas próximas semanas', '2026-12-09'],
    ['nos próximos 10 dias', '2026-12-05'],
    ['nos proximos dez dias', '2026-12-05'],
    ['proximos 3 dias', '2026-11-28'],
    ['nos 3 proximos dias', '2026-11-28'],
    ['nas próximas três semanas', '2026-12-16'],
    ['nos próximos dias', '2026-12-02'],
    ['nos proximos 2 meses', '2027-01-25'],
  ])('%s → tomorrow – the last of those days (%s)', (m, to) => {
    expect(dates(m)).toEqual(['2026-11-26', to]);
  });

  it('"nas próximas duas semanas de manhã" keeps both the range and the period', () => {
    expect(when('nas próximas duas semanas de manhã')).toMatchObject({ date_from: '2026-11-26', date_to: '2026-12-09', period: 'manha', date_text: 'próximas duas semanas' });
  });

  it.each(['esta semana', 'essa semana', 'nesta semana'])('%s → today – this week’s Sunday', (m) => {
    expect(dates(m)).toEqual(['2026-11-25', '2026-11-29']);
  });

  it.each(['fim de semana', 'final de semana', 'fds', 'no fds'])('%s → the next Saturday – Sunday', (m) => {
    expect(dates(m)).toEqual(['2026-11-28', '2026-11-29']);
  });

  it('fim de semana on a Saturday or a Sunday starts today', () => {
    expect(dates('fim de semana', new Date('2026-11-28T12:00:00Z'))).toEqual(['2026-11-28', '2026-11-29']);
    expect(dates('fds', new Date('2026-11-29T12:00:00Z'))).toEqual(['2026-11-29', '2026-11-29']);
  });

  it.each([
    ['dia 15', '2026-12-15'],
    ['no dia 15', '2026-12-15'],
    ['dia 25', '2026-11-25'],
    ['dia 30', '2026-11-30'],
    ['dia 31', '2026-12-31'],
    ['dia 1º', '2026-12-01'],
    ['dia primeiro', '2026-12-01'],
  ])('%s → the next such day on or after today (%s)', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each([
    ['15/12', '2026-12-15'],
    ['15/12/2026', '2026-12-15'],
    ['15/12/26', '2026-12-15'],
    ['15 de dezembro', '2026-12-15'],
    ['15 dezembro', '2026-12-15'],
    ['15 de dez', '2026-12-15'],
    ['dia 3 de janeiro', '2027-01-03'],
    ['3 de março', '2027-03-03'],
    ['3 de marco', '2027-03-03'],
    ['1º de dezembro', '2026-12-01'],
    ['primeiro de dezembro', '2026-12-01'],
    ['cinco de janeiro', '2027-01-05'],
    ['15 de dezembro de 2027', '2027-12-15'],
  ])('%s → that date (%s)', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each([
    ['3-12', '2026-12-03'],
    ['3.12', '2026-12-03'],
    ['03-12', '2026-12-03'],
    ['dia 3.12', '2026-12-03'],
    ['dia 10-12', '2026-12-10'],
    ['15-11', '2027-11-15'],
    ['03-12-2026', '2026-12-03'],
    ['3.12.27', '2027-12-03'],
    ['sexta 4-12 às 10h', '2026-12-04'],
  ])('a day and month written with a dash or a dot, as with a slash: %s → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it('dashed and dotted dates join as slashed ones do: ranges and alternatives', () => {
    expect(dates('entre 3-12 e 5-12')).toEqual(['2026-12-03', '2026-12-05']);
    expect(when('3.12 ou 4.12').dates).toEqual(['2026-12-03', '2026-12-04']);
  });

  it('"de 3-12 a 5-12" is a range of days, not the hours 15:00 to noon; "de 3-5" stays an hour range', () => {
    expect(when('de 3-12 a 5-12')).toMatchObject({ date_from: '2026-12-03', date_to: '2026-12-05', time_from: null, time_to: null });
    expect(times('de 3-5')).toEqual(RANGE('15:00', '17:00'));
    expect(times('de 8-10 da manhã')).toEqual(RANGE('08:00', '10:00', 'manha'));
  });

  it.each([
    ['10-12h', RANGE('10:00', '12:00')],
    ['das 10-12', RANGE('10:00', '12:00')],
    ['10.30', EXACT('10:30')],
    ['às 3.12', EXACT('15:12')],
  ])('numbers that may be hours are no date: %s', (m, time) => {
    expect(dates(m)).toEqual([null, null]);
    expect(times(m)).toEqual(time);
  });

  it.each(['10-12', '8-10', '3-5', '2.5', '3-5 dias', 'nota 9.5', 'R$ 10.50', 'tel 99999-1234', 'cpf 123.456.789-10', '31-11'])(
    '%s: no date (an hour range, a count, a number)',
    (m) => {
      expect(dates(m)).toEqual([null, null]);
    },
  );

  it.each([
    ['15/10', '2027-10-15'],
    ['10 de outubro', '2027-10-10'],
    ['25/11', '2026-11-25'],
    ['29/02', '2028-02-29'],
  ])('a date without a year that has passed is next year’s: %s → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each(['daqui a 3 dias', 'daqui 3 dias', 'em 3 dias', 'daqui a três dias', 'em tres dias', 'daqui a mais ou menos 3 dias', 'daqui uns 3 dias', 'em cerca de 3 dias'])('%s → today + 3', (m) => {
    expect(dates(m)).toEqual(['2026-11-28', '2026-11-28']);
  });

  it.each(['daqui a 2 semanas', 'em 2 semanas', 'em duas semanas', 'daqui a duas semanas'])('%s → today + 14, one day', (m) => {
    expect(dates(m)).toEqual(['2026-12-09', '2026-12-09']);
  });

  it.each(['daqui a um mês', 'daqui a um mes', 'em um mês', 'em 1 mes'])('%s → the same day next month', (m) => {
    expect(dates(m)).toEqual(['2026-12-25', '2026-12-25']);
  });

  it.each([
    ['dentro de 30 dias', '2026-12-25'],
    ['dentro de 2 semanas', '2026-12-09'],
    ['dentro de um mês', '2026-12-25'],
    ['em até 30 dias', '2026-12-25'],
    ['em ate 10 dias', '2026-12-05'],
    ['no prazo de 15 dias', '2026-12-10'],
    ['em no máximo 10 dias', '2026-12-05'],
    ['até daqui a 2 semanas', '2026-12-09'],
    ['em menos de 10 dias', '2026-12-05'],
    ['daqui a menos de um mês', '2026-12-25'],
  ])('%s → a window from today to that day, not that day alone', (m, to) => {
    expect(dates(m)).toEqual(['2026-11-25', to]);
  });

  it.each([
    ['depois de 30 dias', '2026-12-25'],
    ['dps de 30 dias', '2026-12-25'],
    ['após 2 semanas', '2026-12-09'],
    ['daqui a mais de um mês', '2026-12-25'],
    ['daqui mais de um mes', '2026-12-25'],
    ['em mais de 15 dias', '2026-12-10'],
    ['só depois de um mês', '2026-12-25'],
  ])('%s → the search starts that day (two weeks from it)', (m, from) => {
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
    expect(dates(m)).toEqual([from, to]);
  });

  it.each(['tenho dor há mais de 30 dias', 'faz mais de um mês que tô com dor', 'to com febre depois de 3 dias de gripe'])(
    '%s: no date (a time ago, how long something lasted)',
    (m) => {
      expect(dates(m)).toEqual([null, null]);
    },
  );

  it.each(['daqui a um ano', 'daqui 1 ano', 'daqui a 1 ano', 'em um ano', 'Daqui a UM ANO'])('%s → the same day next year', (m) => {
    expect(dates(m)).toEqual(['2027-11-25', '2027-11-25']);
  });

  it('daqui a um ano from 29 February lands on 28 February', () => {
    expect(dates('daqui a um ano', new Date('2028-02-29T12:00:00Z'))).toEqual(['2029-02-28', '2029-02-28']);
  });

  it.each(['tenho 30 anos', 'faz um ano que não venho'])('%s: no date (an age, a time ago)', (m) => {
    expect(dates(m)).toEqual([null, null]);
  });

  it('daqui a um mês from the 31st lands on the next month’s last day', () => {
    expect(dates('daqui a um mês', new Date('2027-01-31T12:00:00Z'))).toEqual(['2027-02-28', '2027-02-28']);
  });

  it.each(['mês que vem', 'mes que vem', 'mes q vem', 'próximo mês', 'proximo mes'])('%s → first – last day of next month', (m) => {
    expect(dates(m)).toEqual(['2026-12-01', '2026-12-31']);
  });

  it.each(['ano que vem', 'no ano que vem', 'ANO Q VEM', 'próximo ano', 'proximo ano', 'Próximo Ano', 'ano seguinte'])(
    '%s → 1 January – 31 December of next year',
    (m) => {
      expect(dates(m)).toEqual(['2027-01-01', '2027-12-31']);
      expect(dates(m, new Date('2026-12-31T12:00:00Z'))).toEqual(['2027-01-01', '2027-12-31']);
    },
  );

  it.each([
    ['dezembro do ano que vem', '2027-12-01', '2027-12-31'],
    ['em novembro do próximo ano', '2027-11-01', '2027-11-30'],
    ['março do ano que vem', '2027-03-01', '2027-03-31'],
    ['início de dezembro do ano que vem', '2027-12-01', '2027-12-07'],
    ['15/12 do ano que vem', '2027-12-15', '2027-12-15'],
    ['15 de dezembro do ano que vem', '2027-12-15', '2027-12-15'],
    ['ano que vem, em dezembro', '2027-12-01', '2027-12-31'],
  ])('a month or a day named with "ano que vem" is in next year: %s → %s – %s', (m, from, to) => {
    expect(dates(m)).toEqual([from, to]);
  });

  it('"ano novo" is still the holiday, not next year', () => {
    expect(dates('ano novo')).toEqual(['2027-01-01', '2027-01-01']);
  });

  it.each(['este mês', 'esse mês', 'esse mes', 'neste mês'])('%s → today – last day of this month', (m) => {
    expect(dates(m)).toEqual(['2026-11-25', '2026-11-30']);
  });

  it.each(['fim do mês', 'final do mês', 'fim do mes', 'final do mes'])('%s → max(today, last day − 6) – last day', (m) => {
    expect(dates(m)).toEqual(['2026-11-25', '2026-11-30']);
    expect(dates(m, new Date('2026-11-10T12:00:00Z'))).toEqual(['2026-11-24', '2026-11-30']);
  });

  it.each(['início do mês que vem', 'inicio do mes que vem', 'começo do mês que vem', 'comeco do proximo mes'])(
    '%s → 1st – 7th of next month',
    (m) => {
      expect(dates(m)).toEqual(['2026-12-01', '2026-12-07']);
    },
  );

  it.each(['quero marcar uma consulta', 'oi', 'bom dia', 'boa tarde', 'boa noite', 'tenho 2 filhos', 'meu telefone é 11 99999-1234', ''])(
    'no date words: %j → nulls',
    (m) => {
      const w = when(m);
      expect([w.date_text, w.date_from, w.date_to]).toEqual([null, null, null]);
    },
  );
});

describe('extractWhen: times (RULES.md, one block per row)', () => {
  it.each(['14h', '14H', '14hs', '14 hrs', '14:00', '14 horas', 'às 14', 'as 14', 'ás 14', 'às 14h'])('%s → 14:00', (m) => {
    expect(times(m)).toEqual(EXACT('14:00'));
  });

  it.each(['umas 10', 'Umas 10', 'UMAS 10h', 'lá pelas 10', 'la pelas 10', 'lá pelas umas 10', 'por volta das 10', 'amanhã umas 10, pode ser?'])(
    '%s → around 10:00, read as 10:00',
    (m) => {
      expect(times(m)).toEqual(EXACT('10:00'));
    },
  );

  it('umas 3 is a bare hour (15:00); umas 10 da manhã keeps its period', () => {
    expect(times('umas 3')).toEqual(EXACT('15:00'));
    expect(times('umas 10 da manhã')).toEqual(EXACT('10:00', 'manha'));
  });

  it.each(['umas 10 pessoas', 'tem umas 10 vagas?', 'demora umas 2 horas', 'umas 2 horas', 'umas duas semanas'])('%s: a count, not a time', (m) => {
    expect(when(m).time).toBeNull();
  });

  it.each(['esperei 2h e ninguém me chamou', 'fiquei 3h esperando', 'esperei mais de 1h', 'aguardando 40 min', 'demorou 2h pra me atender'])(
    '%s: how long waited, not a time',
    (m) => {
      expect(when(m).time).toBeNull();
    },
  );

  it('a time said with "às" beside a wait stays a time', () => {
    expect(times('fiquei esperando, pode ser às 15h')).toEqual(EXACT('15:00'));
    expect(times('esperei 2h, pode ser amanha 14h?')).toEqual(EXACT('14:00'));
  });

  it.each(['10h30', '10:30', '10h 30', '10h30min', 'às 10:30', '10.30', '10.30h', 'às 10.30', 'AS 10.30', 'as 10.30hs'])('%s → 10:30', (m) => {
    expect(times(m)).toEqual(EXACT('10:30'));
  });

  it.each([
    ['sexta 10.30', '2026-11-27', EXACT('10:30')],
    ['dia 3.12 às 9.45', '2026-12-03', EXACT('09:45')],
    ['amanhã 14.00', '2026-11-26', EXACT('14:00')],
    ['amanhã às 3.30', '2026-11-26', EXACT('15:30')],
    ['2.30 da tarde amanhã', '2026-11-26', EXACT('14:30', 'tarde')],
  ])('a dotted time beside a date: %s', (m, date, time) => {
    expect(dates(m)).toEqual([date, date]);
    expect(times(m)).toEqual(time);
  });

  it.each([
    ['das 10.30 às 12', RANGE('10:30', '12:00')],
    ['depois das 14.30', RANGE('14:30', '22:00')],
    ['antes das 9.30', RANGE('06:00', '09:30')],
    ['entre 9.30 e 11.15', RANGE('09:30', '11:15')],
  ])('dotted times in a range: %s', (m, time) => {
    expect(times(m)).toEqual(time);
  });

  // "das"/"as" make the number an hour, not the date 3/12: a dotted time reads as its "h" form after every time word
  it.each([
    ['depois das 3.12', RANGE('15:12', '22:00')],
    ['dps das 3.12', RANGE('15:12', '22:00')],
    ['a partir das 3.12', RANGE('15:12', '22:00')],
    ['após as 3.05', RANGE('15:05', '22:00')],
    ['antes das 3.12', RANGE('06:00', '15:12')],
    ['até as 3.12', RANGE('06:00', '15:12')],
    ['antes das 10.30', RANGE('06:00', '10:30')],
    ['até as 9.45', RANGE('06:00', '09:45')],
    ['até as 10.05', RANGE('06:00', '10:05')],
    ['entre as 3.12 e 5.12', RANGE('15:12', '17:12')],
    ['das 3.12 às 5', RANGE('15:12', '17:00')],
    ['das 3.12 às 5.12', RANGE('15:12', '17:12')],
    ['depois das 3.12 da tarde', RANGE('15:12', '22:00')],
    ['lá pelas 3.12', EXACT('15:12')],
    ['por volta das 3.12', EXACT('15:12')],
    ['umas 3.12', EXACT('15:12')],
  ])('%s reads as its "h" form does', (m, time) => {
    expect(times(m)).toEqual(time);
    expect(times(m.replace('.', 'h'))).toEqual(time);
    expect(dates(m)).toEqual([null, null]);
  });

  it.each([
    ['até 3.12', ['2026-11-25', '2026-12-03']],
    ['depois do 3.12', ['2026-12-04', '2026-12-17']],
    ['entre 3.12 e 5.12', ['2026-12-03', '2026-12-05']],
    ['de 3.12 a 5.12', ['2026-12-03', '2026-12-05']],
  ])('%s: no hour word, still days', (m, range) => {
    expect(dates(m)).toEqual(range);
    expect(when(m).time_from).toBeNull();
  });

  it.each(['R$ 10.50', 'custa 10.50 reais', 'nota 9.5', 'peso 70.50 kg', 'cpf 123.456.789-10', 'temperatura 37.50', '10.30.45'])(
    '%s: a number, no time',
    (m) => {
      expect(when(m).time).toBeNull();
    },
  );

  // a dotted number is a time only when something says so: an hour word, a unit, a period, a date beside it, or the
  // message being an answer to when
  it.each([
    'nota 9.50', 'paguei 9.50', 'R$ 9.50', 'custa 9,50', 'custa 9.50', 'custou umas 9.50', 'a consulta custou 10.30',
    'dei nota 9.50 pro atendimento', 'paguei 9.50 ontem', 'minha nota foi 9.50, sexta tem vaga?',
  ])('%s: money or a score, no time', (m) => {
    const w = when(m);
    expect([w.time, w.time_from, w.time_to]).toEqual([null, null, null]);
  });

  it.each([
    ['10.30', EXACT('10:30')],
    ['pode ser 10.30?', EXACT('10:30')],
    ['prefiro 9.50', EXACT('09:50')],
    ['quero marcar 10.30', EXACT('10:30')],
    ['paguei, pode ser às 9.50?', EXACT('09:50')],
    ['nota: umas 9.50 da manhã', EXACT('09:50', 'manha')],
    ['marcar clinico amanha 10.30', EXACT('10:30')],
    ['10.30 amanhã', EXACT('10:30')],
    ['pode ser 9.50h', EXACT('09:50')],
    ['10.30 serve, obrigada', EXACT('10:30')],
  ])('%s: a dotted time the words around say is one', (m, time) => {
    expect(times(m)).toEqual(time);
  });

  it.each(['9 e meia', '9h e meia', 'às 9 e meia', 'nove e meia'])('%s → 09:30', (m) => {
    expect(times(m)).toEqual(EXACT('09:30'));
  });

  it.each(['meio dia', 'meio-dia', 'meiodia', 'ao meio dia', 'Meio-Dia'])('%s → 12:00', (m) => {
    expect(times(m)).toEqual(EXACT('12:00'));
  });

  it.each(['às 2 da tarde', 'as 2 da tarde', '2 da tarde', 'às duas da tarde', 'às 2 de tarde', 'às 2 à tarde'])('%s → 14:00, tarde', (m) => {
    expect(times(m)).toEqual(EXACT('14:00', 'tarde'));
  });

  it.each([
    ['8 da manhã', EXACT('08:00', 'manha')],
    ['8 da manha', EXACT('08:00', 'manha')],
    ['às 8 da manhã', EXACT('08:00', 'manha')],
    ['9 da noite', EXACT('21:00', 'noite')],
    ['às 9 da noite', EXACT('21:00', 'noite')],
    ['de manhã às 9', EXACT('09:00', 'manha')],
    ['à tarde, às 3', EXACT('15:00', 'tarde')],
    ['à uma da tarde', EXACT('13:00', 'tarde')],
  ])('%s → %o', (m, expected) => {
    expect(times(m)).toEqual(expected);
  });

  it.each([
    ['às 1', '13:00'],
    ['às 3', '15:00'],
    ['as 3', '15:00'],
    ['3h', '15:00'],
    ['às 5:30', '17:30'],
    ['às 6', '18:00'],
    ['às duas', '14:00'],
    ['pelas 4', '16:00'],
  ])('a bare hour 1–6 without a period is in the afternoon: %s → %s', (m, time) => {
    expect(times(m)).toEqual(EXACT(time));
  });

  it.each([
    ['às 7', '07:00'],
    ['às 11', '11:00'],
    ['às 03:00', '03:00'],
    ['08h', '08:00'],
  ])('other hours are as written: %s → %s', (m, time) => {
    expect(times(m)).toEqual(EXACT(time));
  });

  it.each(['de manhã', 'de manha', 'pela manhã', 'pela manha', 'manhã', 'manha', 'na parte da manhã'])('%s → manha 06:00–12:00', (m) => {
    expect(times(m)).toEqual(RANGE('06:00', '12:00', 'manha'));
  });

  it.each([
    ['qualquer um de manhã', RANGE('06:00', '12:00', 'manha')],
    ['com qualquer um de tarde', RANGE('12:00', '18:00', 'tarde')],
    ['qualquer uma à tarde', RANGE('12:00', '18:00', 'tarde')],
    ['quero marcar um de manha', RANGE('06:00', '12:00', 'manha')],
    ['uma da tarde', EXACT('13:00', 'tarde')],
  ])('"um"/"uma" as a pronoun or an article is no hour one: %s → %o', (m, expected) => {
    expect(times(m)).toEqual(expected);
  });

  it.each(['à tarde', 'a tarde', 'de tarde', 'tarde', 'À TARDE'])('%s → tarde 12:00–18:00', (m) => {
    expect(times(m)).toEqual(RANGE('12:00', '18:00', 'tarde'));
  });

  it.each(['à noite', 'a noite', 'de noite', 'noite'])('%s → noite 18:00–22:00', (m) => {
    expect(times(m)).toEqual(RANGE('18:00', '22:00', 'noite'));
  });

  it.each(['cedo', 'bem cedo', 'logo cedo', 'cedinho'])('%s → manha 06:00–09:00', (m) => {
    expect(times(m)).toEqual(RANGE('06:00', '09:00', 'manha'));
  });

  it.each(['início da tarde', 'inicio da tarde', 'começo da tarde', 'comeco da tarde', 'no início da tarde', 'começo de tarde', 'no inicio de tarde'])('%s → tarde 12:00–15:00', (m) => {
    expect(times(m)).toEqual(RANGE('12:00', '15:00', 'tarde'));
  });

  it.each(['fim da tarde', 'final da tarde', 'no fim da tarde', 'no final da tarde', 'fim de tarde', 'no final de tarde', 'no fim do dia', 'final do dia'])('%s → tarde 16:00–18:00', (m) => {
    expect(times(m)).toEqual(RANGE('16:00', '18:00', 'tarde'));
  });

  it.each(['fim da manhã', 'final da manhã', 'fim da manha', 'no final da manha', 'fim de manhã'])('%s → manha 10:00–12:00', (m) => {
    expect(times(m)).toEqual(RANGE('10:00', '12:00', 'manha'));
  });

  it.each(['depois das 15h', 'depois das 15', 'a partir das 15h', 'a partir das 15', 'após as 15', 'apos as 15', 'depois das 3', 'dps das 15h', 'dps das 15'])(
    '%s → 15:00–22:00',
    (m) => {
      expect(times(m)).toEqual(RANGE('15:00', '22:00'));
    },
  );

  // the part of the day says which 4 it is ("4 da tarde" is 16:00), not that the window stops with the afternoon
  it.each(['a partir das 4 da tarde', 'depois das 4 da tarde', 'a partir das 16', 'das 4 da tarde em diante', 'das 16h em diante', 'das 16 pra frente', 'de 4 da tarde para frente', 'a partir das 4 da tarde em diante'])(
    '%s → 16:00–22:00, as "depois das 16h"',
    (m) => {
      expect(times(m)).toEqual(RANGE('16:00', '22:00'));
    },
  );

  it.each([
    ['antes das 3 da tarde', RANGE('06:00', '15:00')],
    ['até as 10 da manhã', RANGE('06:00', '10:00')],
    ['à tarde, depois das 3', RANGE('15:00', '18:00', 'tarde')],
    ['quinta a partir das 4 da tarde', RANGE('16:00', '22:00')],
  ])('%s: an hour with its part of the day is that hour; a part said apart still bounds the window', (m, expected) => {
    expect(times(m)).toEqual(expected);
  });

  it.each(['antes das 10', 'antes das 10h', 'até as 10', 'ate as 10', 'até às 10h', 'até 10h'])('%s → 06:00–10:00', (m) => {
    expect(times(m)).toEqual(RANGE('06:00', '10:00'));
  });

  it.each(['entre 14h e 16h', 'entre 14 e 16', 'entre as 14 e as 16', 'das 14 às 16', 'das 14h às 16h', '14h às 16h', '14h-16h', 'entre 2 e 4'])(
    '%s → 14:00–16:00',
    (m) => {
      expect(times(m)).toEqual(RANGE('14:00', '16:00'));
    },
  );

  it.each(['no almoço', 'na hora do almoço', 'hora do almoco', 'no horário de almoço', 'no horario do almoco', 'perto do almoço', 'horário de almoço'])(
    '%s → around lunch, 12:00–14:00, no period',
    (m) => {
      expect(times(m)).toEqual(RANGE('12:00', '14:00'));
    },
  );

  it.each(['de madrugada', 'De Madrugada', 'madrugada', 'na madrugada', 'pela madrugada', 'de madrugadinha'])(
    '%s → the small hours, 00:00–06:00, no period',
    (m) => {
      expect(times(m)).toEqual(RANGE('00:00', '06:00'));
    },
  );

  it.each(['3 da madrugada', '3h da madrugada', 'às 3 da madrugada', 'as 3 de madrugada', '3 DA MADRUGADA', 'tres da madrugada'])(
    '%s → 03:00: an hour said with the small hours is read in them, not in the afternoon',
    (m) => {
      expect(times(m)).toEqual(EXACT('03:00'));
    },
  );

  it('an hour range and 12 said with the small hours: in them', () => {
    expect(times('entre 2 e 4 da madrugada')).toEqual(RANGE('02:00', '04:00'));
    expect(times('às 12 da madrugada')).toEqual(EXACT('00:00'));
    const w = when('sexta às 3 da madrugada');
    expect([w.date_from, w.time, w.time_text]).toEqual(['2026-11-27', '03:00', 'às 3 da madrugada']);
  });

  it('sexta de madrugada: the day and the small hours', () => {
    const w = when('sexta de madrugada');
    expect([w.date_from, w.time_from, w.time_to, w.time_text]).toEqual(['2026-11-27', '00:00', '06:00', 'de madrugada']);
  });

  it('amanhã no almoço: the day and the lunch window', () => {
    const w = when('quero marcar cardio amanhã no almoço');
    expect([w.date_from, w.time_from, w.time_to, w.time_text]).toEqual(['2026-11-26', '12:00', '14:00', 'no almoço']);
  });

  it('"depois do almoço" stays the afternoon, "antes do almoço" is the morning', () => {
    expect(times('depois do almoço')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(times('antes do almoço')).toEqual(RANGE('06:00', '12:00', 'manha'));
  });

  it.each(['depois do almoço', 'dps do almoco', 'após o almoço', 'pós almoço', 'pós-almoço', 'após almoço', 'depois de almoçar'])('%s → tarde 12:00–18:00', (m) => {
    expect(times(m)).toEqual(RANGE('12:00', '18:00', 'tarde'));
  });

  it.each(['a das 10', 'esse das 10', 'das 10h'])('%s → 10:00 ("das" leads an hour as "às" does)', (m) => {
    expect(times(m)).toEqual(EXACT('10:00'));
  });

  it('"das" before a count is no hour', () => {
    expect(times('uma das 3 opções').time).toBeNull();
  });

  it('an open range said with a period keeps to the period', () => {
    expect(times('à tarde, depois das 3')).toEqual(RANGE('15:00', '18:00', 'tarde'));
    expect(times('de manhã, antes das 10')).toEqual(RANGE('06:00', '10:00', 'manha'));
  });

  it('an exact time leaves time_from/time_to null', () => {
    const w = when('amanhã às 14h');
    expect([w.time, w.time_from, w.time_to]).toEqual(['14:00', null, null]);
  });

  it.each(['bom dia', 'Bom dia!', 'boa tarde', 'Boa tarde, tudo bem?', 'boa noite', 'boa noite!!'])('greeting %j is not a period or a date', (m) => {
    expect(when(m)).toEqual(when(''));
  });

  it('a greeting and a period in one message: only the period counts', () => {
    const w = when('Boa tarde! Queria marcar pra amanhã à tarde');
    expect([w.date_from, w.period, w.time_text]).toEqual(['2026-11-26', 'tarde', 'à tarde']);
    expect(when('boa noite, tem horário à noite?').period).toBe('noite');
    expect(when('bom dia, pode ser de manhã?').period).toBe('manha');
  });

  it.each(['mais tarde eu vejo', 'é muito cedo', 'o mais cedo possível', 'tarde demais'])('%j: tarde/cedo as adverbs are not periods', (m) => {
    expect(when(m).period).toBeNull();
  });

  it.each(['quero marcar uma consulta', 'preciso de 2 consultas', 'as duas consultas', 'fiquei 2 horas esperando', 'de 2 a 3 dias'])(
    'no time words: %j → nulls',
    (m) => {
      const w = when(m);
      expect([w.time, w.period, w.time_from, w.time_to, w.time_text]).toEqual([null, null, null, null, null]);
    },
  );
});

describe('extractWhen: parts of the day offered as alternatives ("de manhã ou à tarde")', () => {
  it.each([
    ['de manhã ou à tarde', '06:00', '18:00'],
    ['manha ou tarde, tanto faz', '06:00', '18:00'],
    ['à tarde ou à noite', '12:00', '22:00'],
    ['de manhã ou de noite', '06:00', '22:00'],
    ['de madrugada ou de manhã', '00:00', '12:00'],
    ['de manha ou de madrugada', '00:00', '12:00'],
    ['madrugada ou manhã', '00:00', '12:00'],
  ])('%j → %s–%s, no one period', (m, from, to) => {
    expect(times(m)).toEqual(RANGE(from, to));
  });

  it('keeps the date beside it; a correction or a negation is not an alternative', () => {
    const w = when('amanhã de manhã ou à tarde');
    expect([w.date_from, w.time_from, w.time_to, w.period]).toEqual(['2026-11-26', '06:00', '18:00', null]);
    expect(times('de manhã, ou melhor, à tarde')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(times('não posso de manhã ou à tarde')).toEqual({ time: null, period: null, time_from: null, time_to: null });
  });
});

describe('extractWhen: hours offered as alternatives ("8 ou 9 da manhã")', () => {
  it.each([
    ['8 ou 9 da manhã', RANGE('08:00', '10:00', 'manha')],
    ['8 OU 9 DA MANHA', RANGE('08:00', '10:00', 'manha')],
    ['oito ou nove da manhã', RANGE('08:00', '10:00', 'manha')],
    ['2 ou 3 da tarde', RANGE('14:00', '16:00', 'tarde')],
    ['às 8 ou às 9', RANGE('08:00', '10:00')],
    ['8h ou 9h', RANGE('08:00', '10:00')],
    ['8:00 ou 9:00', RANGE('08:00', '10:00')],
    ['às 3 ou 4', RANGE('15:00', '17:00')],
    ['umas 10 ou 11', RANGE('10:00', '12:00')],
    ['10 ou 9 da manhã', RANGE('09:00', '11:00', 'manha')],
  ])('%j → the window from the first hour to the end of the last', (m, time) => {
    expect(times(m)).toEqual(time);
  });

  it('keeps the days beside it, alternatives included', () => {
    const w = when('amanhã ou depois às 8 ou 9 da manhã');
    expect([w.dates, w.time_from, w.time_to, w.period]).toEqual([['2026-11-26', '2026-11-27'], '08:00', '10:00', 'manha']);
  });

  it.each(['dia 3 ou 4', '2 ou 3 consultas', '3 ou 4 de janeiro', 'amanhã 8 ou 9', 'não posso às 8 ou 9'])('%j: no hours offered', (m) => {
    expect(times(m)).toEqual({ time: null, period: null, time_from: null, time_to: null });
  });
});

describe('extractWhen: minutes past the hour joined by "e" ("às 17 e 30")', () => {
  it.each([
    ['às 17 e 30', '17:30'],
    ['as 10 e 15', '10:15'],
    ['às 8 e 45', '08:45'],
    ['às dez e quinze', '10:15'],
    ['às 5 e 15 da tarde', '17:15'],
    ['cinco e quinze da tarde', '17:15'],
    ['às duas e vinte e cinco', '14:25'],
    ['10h e 15', '10:15'],
  ])('%j → %s', (m, time) => {
    expect(when(m).time).toBe(time);
  });

  it('a number pair without a lead, a unit or a period is not a time; days and ranges stay', () => {
    expect(when('17 e 30').time).toBeNull();
    expect(dates('dia 10 e 15')).toEqual(['2026-12-10', '2026-12-15']);
    expect(times('entre 10 e 15')).toEqual(RANGE('10:00', '15:00'));
    expect(times('das 9 e 15 às 10')).toEqual(RANGE('09:15', '10:00'));
    expect(when('às 10 e 15 consultas').time).toBe('10:00');
    expect(when('dia 10 e 15 horas').time).toBe('15:00');
  });
});

describe('extractWhen: minutes to the hour ("quinze pras 3")', () => {
  it.each([
    ['quinze pras 3', '14:45'],
    ['às quinze pras três', '14:45'],
    ['15 para as 10', '09:45'],
    ['dez pras 7', '06:50'],
    ['10 pras 4', '15:50'],
    ['dez pra uma', '12:50'],
    ['vinte pras 8 da noite', '19:40'],
    ['quinze pras 8 da manhã', '07:45'],
    ['quinze pro meio dia', '11:45'],
    ['vinte e cinco pras 5', '16:35'],
  ])('%j → %s', (m, time) => {
    expect(when(m).time).toBe(time);
  });

  it('keeps the date beside it, and is not a count or a range', () => {
    const w = when('amanhã quinze pras 3 da tarde');
    expect([w.date_from, w.time, w.period]).toEqual(['2026-11-26', '14:45', 'tarde']);
    expect(when('são 10 pras 2 consultas').time).toBeNull();
    expect(when('das 10 pras 11').time).not.toBe('10:50');
  });
});

describe('extractWhen: words as written', () => {
  it('quotes date_text and time_text from the original message, accents and case kept', () => {
    const w = when('Pode ser Amanhã às 14H?');
    expect([w.date_text, w.time_text]).toEqual(['Amanhã', 'às 14H']);
  });

  it('reads text that arrives decomposed (NFD) and quotes it composed', () => {
    const w = when('amanha\u0303 de manha\u0303'.normalize('NFD'));
    expect(w.date_text).toBe('amanhã');
    expect(w.time_text).toBe('de manhã');
    expect(w.date_from).toBe('2026-11-26');
  });

  it('keeps the weekday modifiers and week scope in the quoted words', () => {
    expect(when('pode ser na próxima segunda?').date_text).toBe('próxima segunda');
    expect(when('sexta da semana que vem').date_text).toBe('sexta da semana que vem');
  });
});

describe('extractWhen: combinations', () => {
  it('amanhã às 2 da tarde', () => {
    expect(when('amanhã às 2 da tarde')).toEqual({
      date_text: 'amanhã',
      date_from: '2026-11-26',
      date_to: '2026-11-26',
      period: 'tarde',
      time: '14:00',
      time_from: null,
      time_to: null,
      time_text: 'às 2 da tarde',
    });
  });

  it('semana que vem à tarde', () => {
    const w = when('semana que vem à tarde');
    expect([w.date_from, w.date_to, w.period, w.time_from, w.time_to]).toEqual(['2026-11-30', '2026-12-06', 'tarde', '12:00', '18:00']);
  });

  it('dia 15 às 10h', () => {
    const w = when('dia 15 às 10h');
    expect([w.date_text, w.date_from, w.time_text, w.time]).toEqual(['dia 15', '2026-12-15', 'às 10h', '10:00']);
  });

  it.each([
    ['sexta 16:00', '2026-11-27', '16:00', 'sexta', '16:00'],
    ['quinta 14:30', '2026-11-26', '14:30', 'quinta', '14:30'],
    ['quarta 9:30', '2026-12-02', '09:30', 'quarta', '9:30'],
    ['sexta as 16:00', '2026-11-27', '16:00', 'sexta', 'as 16:00'],
    ['terça 10:00', '2026-12-01', '10:00', 'terça', '10:00'],
  ])('a weekday ending in "a" right before a colon time keeps both: %j', (m, date, time, dateText, timeText) => {
    const w = when(m);
    expect([w.date_from, w.time, w.date_text, w.time_text]).toEqual([date, time, dateText, timeText]);
  });

  it('sexta de manhã cedo', () => {
    const w = when('sexta de manhã cedo');
    expect([w.date_from, w.period, w.time_from, w.time_to]).toEqual(['2026-11-27', 'manha', '06:00', '09:00']);
  });

  it.each([
    ['sexta da semana que vem', '2026-12-04'],
    ['semana que vem, na sexta', '2026-12-04'],
    // spoken, as a voice note reads: a filler before the joiner
    ['pra semana que vem é na quarta de manhã', '2026-12-02'],
    ['semana que vem e na sexta', '2026-12-04'],
    ['semana que vem, de preferência na sexta', '2026-12-04'],
    ['quarta da próxima semana', '2026-12-02'],
    ['sexta da outra semana de manhã', '2026-12-04'],
    ['dia 10 do mês que vem', '2026-12-10'],
  ])('a day inside a named week or month: %s → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it('a day inside a named month, early in the month', () => {
    expect(dates('mês que vem, dia 10', new Date('2026-11-05T12:00:00Z'))).toEqual(['2026-12-10', '2026-12-10']);
  });

  it.each([
    ['oi, queria marcar cardiologista amanha de manha', '2026-11-26', 'manha'],
    ['vcs tem horario pra dermato sexta a tarde?', '2026-11-27', 'tarde'],
    ['hj a noite tem?', '2026-11-25', 'noite'],
    ['sab de manha', '2026-11-28', 'manha'],
    ['amanhã cedinho', '2026-11-26', 'manha'],
  ])('WhatsApp style %j', (m, date, period) => {
    const w = when(m);
    expect([w.date_from, w.period]).toEqual([date, period]);
  });

  it('esta noite names today and the evening', () => {
    const w = when('tem vaga esta noite?');
    expect([w.date_from, w.period, w.time_from, w.time_to]).toEqual(['2026-11-25', 'noite', '18:00', '22:00']);
  });

  it('15/12 às 9 e meia', () => {
    const w = when('pode ser 15/12 às 9 e meia?');
    expect([w.date_from, w.time]).toEqual(['2026-12-15', '09:30']);
  });
});

describe('extractWhen: beyond the tables (same resolution rules)', () => {
  it.each([
    ['13 a 15 de julho', '2027-07-13', '2027-07-15'],
    ['de 10 até 12 de dezembro', '2026-12-10', '2026-12-12'],
    ['entre 10 e 15 de dezembro', '2026-12-10', '2026-12-15'],
    ['15/12 a 20/12', '2026-12-15', '2026-12-20'],
    ['21 de dez a 6 de jan', '2026-12-21', '2027-01-06'],
    ['de amanhã até sexta', '2026-11-26', '2026-11-27'],
    ['segunda a sexta', '2026-11-30', '2026-12-04'],
    ['10 agosto - 12 setembro 2027', '2027-08-10', '2027-09-12'],
  ])('a range of days: %s → %s – %s', (m, from, to) => {
    expect(dates(m)).toEqual([from, to]);
  });

  it.each([
    ['sexta, 27/11', '2026-11-27', 'sexta, 27/11'],
    ['sexta dia 27', '2026-11-27', 'sexta dia 27'],
  ])('a weekday beside the date it names is one mention: %s', (m, date, text) => {
    const w = when(m);
    expect([w.date_from, w.date_text]).toEqual([date, text]);
    expect(w.date_conflict).toBeUndefined();
  });

  it.each([
    ['sexta dia 5', '2026-12-05', '2026-12-04'],
    ['SEXTA, DIA 5', '2026-12-05', '2026-12-04'],
    ['dia 5, sexta', '2026-12-05', '2026-12-04'],
    ['sexta 5/12', '2026-12-05', '2026-12-04'],
    ['sexta 5-12', '2026-12-05', '2026-12-04'],
    ['sexta-feira, 5 de dezembro', '2026-12-05', '2026-12-04'],
    ['sexta dia 28', '2026-11-28', '2026-11-27'],
    ['sabado dia 4', '2026-12-04', '2026-12-05'],
    // the Monday before the 3rd (30/11) is nearer than the one after (07/12)
    ['segunda dia 3', '2026-12-03', '2026-11-30'],
    // the Thursday before today's 25th has passed: the one after
    ['quinta dia 25', '2026-11-25', '2026-11-26'],
  ])('a weekday beside a date that is another weekday takes no date and names both: %s', (m, day, weekday) => {
    const w = when(m);
    expect([w.date_from, w.date_to, w.dates]).toEqual([null, null, undefined]);
    expect(w.date_conflict).toEqual({ day, weekday });
    expect(w.date_text).toBe(m);
  });

  it('a conflict keeps the time beside it; a day not written as a number is no conflict', () => {
    const w = when('sexta dia 5 às 10h');
    expect([w.date_conflict, w.time]).toEqual([{ day: '2026-12-05', weekday: '2026-12-04' }, '10:00']);
    expect(when('amanhã, sexta').date_conflict).toBeUndefined();
    expect(when('não posso sexta dia 5, só segunda').date_conflict).toBeUndefined();
  });

  it.each([
    ['natal', '2026-12-25'],
    ['véspera de ano novo', '2026-12-31'],
    ['ano novo', '2027-01-01'],
    ['terça agora', '2026-12-01'],
    ['quarta agora', '2026-11-25'],
    ['dia quinze', '2026-12-15'],
    ['cinco maio', '2027-05-05'],
    // a ten and a unit spelled out: the whole number (it was the ten alone, or the unit: "dia vinte" → 20/12, "cinco de dezembro")
    ['dia vinte e cinco', '2026-11-25'],
    ['dia vinte e um', '2026-12-21'],
    ['dia trinta e um', '2026-12-31'],
    ['vinte e cinco de dezembro', '2026-12-25'],
    ['vinte e dois de dezembro as nove', '2026-12-22'],
    ['daqui a vinte e um dias', '2026-12-16'],
    ['dia vinte', '2026-12-20'],
  ])('%s → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it.each([
    // the next national holiday from Wednesday 25/11/2026 is Christmas (20/11 has passed)
    ['depois do feriado', REFERENCE, '2026-12-26', '2027-01-01'],
    ['dps do feriado', REFERENCE, '2026-12-26', '2027-01-01'],
    ['após o feriadão', REFERENCE, '2026-12-26', '2027-01-01'],
    ['antes do feriado', REFERENCE, '2026-11-25', '2026-12-24'],
    ['depois do natal', REFERENCE, '2026-12-26', '2027-01-01'],
    ['antes do ano novo', REFERENCE, '2026-11-25', '2026-12-31'],
    // 15/11 (Proclamação da República), then 20/11 (Consciência Negra)
    ['depois do feriado', new Date('2026-11-10T12:00:00Z'), '2026-11-16', '2026-11-22'],
    ['antes do feriado', new Date('2026-11-14T12:00:00Z'), '2026-11-14', '2026-11-14'],
    ['depois do feriado', new Date('2026-11-16T12:00:00Z'), '2026-11-21', '2026-11-27'],
    // Good Friday moves with Easter: 26/03/2027
    ['depois do feriado', new Date('2027-03-20T12:00:00Z'), '2027-03-27', '2027-04-02'],
    // 7/9 and 12/10
    ['depois do feriado', new Date('2027-09-01T12:00:00Z'), '2027-09-08', '2027-09-14'],
    ['antes do feriado', new Date('2027-09-20T12:00:00Z'), '2027-09-20', '2027-10-11'],
  ])('around the next holiday: %s (from %s) → %s – %s', (m, reference, from, to) => {
    expect(dates(m, reference)).toEqual([from, to]);
  });

  it.each([
    // a bound before one day makes an open range (Wednesday 25/11/2026)
    ['a partir do dia 10', '2026-12-10', '2026-12-23'],
    ['a partir de segunda', '2026-11-30', '2026-12-13'],
    ['depois de quarta', '2026-12-03', '2026-12-16'],
    ['dps do dia 10 de dezembro', '2026-12-11', '2026-12-24'],
    ['antes de sexta', '2026-11-25', '2026-11-26'],
    ['antes do dia 5', '2026-11-25', '2026-12-04'],
    ['até dia 2', '2026-11-25', '2026-12-02'],
    ['ate o dia 5/12', '2026-11-25', '2026-12-05'],
    // the week holding the day, from today when it has begun
    ['semana do dia 7', '2026-12-07', '2026-12-13'],
    ['na semana do dia 26', '2026-11-25', '2026-11-29'],
    ['semana do natal', '2026-12-21', '2026-12-27'],
    // not bounds: a day of its own, a range already, a past day
    ['depois de amanhã', '2026-11-27', '2026-11-27'],
    ['de amanhã até sexta', '2026-11-26', '2026-11-27'],
  ])('a bounded day: %s → %s – %s', (m, from, to) => {
    expect(dates(m)).toEqual([from, to]);
  });

  it.each([
    // a named month or a part of it (Wednesday 25/11/2026)
    ['em dezembro', '2026-12-01', '2026-12-31'],
    ['começo de dezembro', '2026-12-01', '2026-12-07'],
    ['meados de dezembro', '2026-12-10', '2026-12-20'],
    ['final de dezembro', '2026-12-25', '2026-12-31'],
    ['segunda semana de dezembro', '2026-12-08', '2026-12-14'],
    ['fim de novembro', '2026-11-25', '2026-11-30'],
    ['no mês de janeiro', '2027-01-01', '2027-01-31'],
    ['em março', '2027-03-01', '2027-03-31'],
  ])('a month: %s → %s – %s', (m, from, to) => {
    expect(dates(m)).toEqual([from, to]);
  });

  it('"marco" alone is a verb, not March', () => {
    expect(dates('eu marco pra sexta')).toEqual(['2026-11-27', '2026-11-27']);
  });

  it('"depois do feriado" in a request keeps the other facts', () => {
    const w = when('quero marcar cardio depois do feriado de manhã');
    expect([w.date_from, w.date_to, w.period]).toEqual(['2026-12-26', '2027-01-01', 'manha']);
  });

  it('spelled-out hours and colon times keep their lead', () => {
    expect(times('às dezoito')).toEqual(EXACT('18:00'));
    expect(when('às 14:30').time_text).toBe('às 14:30');
    expect(times('pelas 9:30')).toEqual(EXACT('09:30'));
    expect(times('10:30-12:00')).toEqual(RANGE('10:30', '12:00'));
  });
});

describe('extractWhen: corrections and negations (last non-negated mention wins)', () => {
  it.each([
    ['não posso segunda, só terça', '2026-12-01', 'terça'],
    ['nao posso segunda so terca', '2026-12-01', 'terca'],
    ['na verdade prefiro sexta', '2026-11-27', 'sexta'],
    ['quero segunda. na verdade prefiro sexta', '2026-11-27', 'sexta'],
    ['amanhã não, depois de amanhã', '2026-11-27', 'depois de amanhã'],
    ['qualquer dia menos segunda, pode ser quinta', '2026-11-26', 'quinta'],
    ['exceto sexta, qualquer dia da semana que vem', '2026-11-30', 'semana que vem'],
    ['sexta, ou melhor, sábado', '2026-11-28', 'sábado'],
    ['quero remarcar a do dia 3 pra dia 10', '2026-12-10', 'dia 10'],
  ])('%j → %s', (m, date, text) => {
    const w = when(m);
    expect([w.date_from, w.date_text]).toEqual([date, text]);
  });

  it('"sem ser" and "fora" negate: "semana que vem sem ser segunda" is the week without Monday', () => {
    expect(when('semana que vem sem ser segunda')).toMatchObject({
      date_from: '2026-12-01',
      date_to: '2026-12-06',
      dates: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'],
    });
    expect(when('qualquer dia sem ser sexta').dates).not.toContain('2026-11-27');
    expect(when('qualquer dia fora segunda').dates).not.toContain('2026-11-30');
    expect(when('pode ser sem pressa na sexta').date_from).toBe('2026-11-27');
  });

  it.each(['não posso segunda', 'nao posso na segunda', 'exceto segunda', 'nem segunda nem terça'])(
    'only negated dates: %j → no date',
    (m) => {
      expect(when(m).date_from).toBeNull();
    },
  );

  it('negation reaches three words back, no further', () => {
    expect(when('não dá pra segunda').date_from).toBeNull();
    expect(when('não sei se dá, mas prefiro segunda').date_from).toBe('2026-11-30');
    expect(when('não tenho nenhuma preferência quanto a segunda').date_from).toBe('2026-11-30');
  });

  it('punctuation ends a negation: "não, prefiro sexta"', () => {
    expect(when('não, prefiro sexta').date_from).toBe('2026-11-27');
  });

  it('"não tem sexta?" asks whether there is Friday: no negation; without the "?" it still is one', () => {
    expect(when('não tem sexta?').date_from).toBe('2026-11-27');
    expect(when('nao tem sexta?').date_from).toBe('2026-11-27');
    expect(when('não teria na sexta?').date_from).toBe('2026-11-27');
    expect(when('nao tem horario na sexta?').date_from).toBe('2026-11-27');
    expect(when('não dá pra segunda?').date_from).toBe('2026-11-30');
    expect(times('não tem sexta de tarde?')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(when('não tem sexta, só segunda').date_from).toBe('2026-11-30');
    expect(when('nao tem sexta').date_from).toBeNull();
    expect(when('não posso sexta?').date_from).toBeNull();
  });

  it('"pelo menos" and "mais ou menos" do not negate', () => {
    expect(when('pelo menos na segunda').date_from).toBe('2026-11-30');
    expect(when('mais ou menos às 3').time).toBe('15:00');
  });

  it('times: the last non-negated mention wins', () => {
    expect(times('não posso de manhã, só à tarde')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(times('às 10, não, melhor às 11')).toEqual(EXACT('11:00'));
    expect(times('de manhã não dá, pode ser 14h')).toEqual(EXACT('14:00'));
  });

  it('a day or time given as a reason ("porque à tarde eu trabalho") loses to the one wished; alone, it counts', () => {
    expect(times('de preferência de manhã porque à tarde eu trabalho')).toEqual(RANGE('06:00', '12:00', 'manha'));
    expect(times('de manhã pq eu trabalho de tarde')).toEqual(RANGE('06:00', '12:00', 'manha'));
    expect(times('prefiro à tarde, porque de manhã levo as crianças')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(when('pode ser sexta porque segunda eu viajo').date_from).toBe('2026-11-27');
    expect(when('quero sexta já que na segunda eu trabalho').date_from).toBe('2026-11-27');
    expect(when('quero remarcar porque só posso na sexta').date_from).toBe('2026-11-27');
    expect(times('quero mudar pois só consigo à tarde')).toEqual(RANGE('12:00', '18:00', 'tarde'));
  });

  it('a day or time declined right after it ("de manhã não posso") loses to the one wished; alone, it counts', () => {
    expect(times('prefiro tarde, de manhã não posso')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(times('à tarde tá bom, de manha eu ja nao consigo')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(times('sexta às 10 eu não consigo, tem às 15?')).toEqual(EXACT('15:00'));
    expect(when('sexta, segunda não dá').date_from).toBe('2026-11-27');
    expect(when('tem segunda? sexta nao da').date_from).toBe('2026-11-30');
    expect(when('terça à tarde, segunda de manhã eu não consigo').date_from).toBe('2026-12-01');
    expect(when('quero remarcar pra sexta, amanhã não vou poder ir').date_from).toBe('2026-11-27');
    expect(when('quinta, sexta não').date_from).toBe('2026-11-26');
    expect(when('prefiro quinta, sexta fica complicado').date_from).toBe('2026-11-26');
    expect(times('à tarde, de manhã tá difícil')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(when('sexta não?').date_from).toBe('2026-11-27');
    // alone it may name the appointment; a question asks for the day
    expect(when('amanhã não vou poder ir').date_from).toBe('2026-11-26');
    expect(when('pode ser sexta? ou segunda não dá?').date_from).toBe('2026-11-30');
  });

  it('a day or time the patient is busy at ("trabalho de manhã", "segunda tenho aula") loses to the one wished', () => {
    expect(times('pode ser à tarde, trabalho de manhã')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(times('pode ser à tarde? de manhã eu trabalho')).toEqual(RANGE('12:00', '18:00', 'tarde'));
    expect(when('quinta, sexta eu trabalho').date_from).toBe('2026-11-26');
    expect(when('quero sexta, segunda tenho aula').date_from).toBe('2026-11-27');
    expect(times('depois que sair do trabalho, umas 18h')).toEqual(EXACT('18:00'));
  });

  it('a whole part of the day refused with no time wished means the rest of the day ("amanhã, de manhã não posso")', () => {
    const refused = (m: string) => {
      const w = when(m);
      return [w.date_from, w.period, w.time, w.time_from, w.time_to];
    };
    expect(refused('amanhã, de manhã não posso')).toEqual(['2026-11-26', null, null, '12:00', '22:00']);
    expect(refused('amanha de manha nao posso')).toEqual(['2026-11-26', null, null, '12:00', '22:00']);
    // the afternoon refused: the morning and the evening, the afternoon between them left out
    expect(refused('sexta, de tarde não dá')).toEqual(['2026-11-27', null, null, '06:00', '22:00']);
    expect(when('sexta, de tarde não dá').refused_periods).toEqual(['tarde']);
    expect(when('à tarde nao posso').refused_periods).toEqual(['tarde']);
    expect(when('amanhã, de manhã não posso')).not.toHaveProperty('refused_periods');
    expect(when('nem de manhã nem de tarde')).not.toHaveProperty('refused_periods');
    expect(when('de manha nao posso, a tarde sim')).not.toHaveProperty('refused_periods');
    expect(refused('nem de manhã nem de tarde')).toEqual([null, null, null, '18:00', '22:00']);
    expect(refused('amanha nem de manha nem de tarde')).toEqual(['2026-11-26', null, null, '18:00', '22:00']);
    expect(refused('de noite nao da')).toEqual([null, null, null, '06:00', '18:00']);
    expect(refused('qualquer dia menos de manhã')).toEqual([null, null, null, '12:00', '22:00']);
    expect(refused('de manha nao posso pq trabalho')).toEqual([null, null, null, '12:00', '22:00']);
    expect(when('amanhã, de manhã não posso').time_text).toBe('de manhã');
    // a time wished beside it still wins
    expect(refused('de manha nao posso, a tarde sim')).toEqual([null, 'tarde', null, '12:00', '18:00']);
    // a period said of an appointment ("a de manhã") names it: the period is kept
    expect(refused('a de manhã não vou poder ir')).toEqual([null, 'manha', null, '06:00', '12:00']);
    expect(refused('a consulta da tarde nao vou poder ir')).toEqual([null, 'tarde', null, '12:00', '18:00']);
    expect(refused('amanhã não vou poder ir')).toEqual(['2026-11-26', null, null, null, null]);
    // not going said before the part of the day refuses it too
    expect(refused('quero marcar sexta, não vou poder ir de manhã')).toEqual(['2026-11-27', null, null, '12:00', '22:00']);
    expect(refused('sexta nao consigo ir a tarde')).toEqual(['2026-11-27', null, null, '06:00', '22:00']);
    expect(when('sexta nao consigo ir a tarde').refused_periods).toEqual(['tarde']);
    // which part not going names, for a cancel to read as the appointment's (the language service)
    expect(when('não vou poder ir de manhã').absent_period).toBe('manha');
    expect(when('sexta nao consigo ir a tarde').absent_period).toBe('tarde');
    expect(when('amanhã, de manhã não posso').absent_period).toBeUndefined();
    expect(when('não vou poder ir de manhã, só à tarde').absent_period).toBeUndefined();
  });

  it('a negated time leaves the date alone', () => {
    const w = when('amanhã, mas não de manhã');
    expect([w.date_from, w.period]).toEqual(['2026-11-26', null]);
  });
});

describe('extractWhen: words that only look like dates', () => {
  it.each([
    'é a segunda vez que tento marcar',
    'preciso da segunda via',
    'vou ter que desmarcar',
    'segunda passada eu não fui',
    'quero ter uma consulta',
  ])('%j names no date', (m) => {
    expect(when(m).date_from).toBeNull();
  });

  it.each(['só um seg', 'so um seg, vou ver minha agenda', 'peraí 1 seg', 'espera uns seg'])('%j is a second, not Monday', (m) => {
    expect(when(m).date_from).toBeNull();
  });

  it('"seg" is still Monday with a lead, a time or alone', () => {
    expect(dates('só seg')).toEqual(['2026-11-30', '2026-11-30']);
    expect(dates('um horário na seg')).toEqual(['2026-11-30', '2026-11-30']);
    expect(dates('pode ser seg às 10')).toEqual(['2026-11-30', '2026-11-30']);
  });

  it('"ter" is Tuesday where a day fits', () => {
    expect(dates('pode ser ter?')).toEqual(['2026-12-01', '2026-12-01']);
    expect(dates('na ter às 14h')).toEqual(['2026-12-01', '2026-12-01']);
  });

  it('a past weekday does not hide the wanted one', () => {
    expect(when('fui sexta passada, quero voltar quinta').date_from).toBe('2026-11-26');
  });
});

describe('extractWhen: a weekday with one typo where a day is expected', () => {
  // today is a Wednesday: each is read as the weekday it misspells, its next occurrence
  it.each([
    ['qro marca consuta cm dermatologsta na segnda', '2026-11-30'],
    ['na sgunda', '2026-11-30'],
    ['pra segnda de manha', '2026-11-30'],
    ['na tersa', '2026-12-01'],
    ['para qurta', '2026-12-02'],
    ['pode ser dia quata?', '2026-12-02'],
    ['na quinat', '2026-11-26'],
    ['de qinta a tarde', '2026-11-26'],
    ['consulta de sexat', '2026-11-27'],
    ['no sabdo', '2026-11-28'],
    ['pro sabadi', '2026-11-28'],
    ['no domigo', '2026-11-29'],
    ['Na Segnda', '2026-11-30'],
  ])('%j → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  // alone, as the answer to "Para quando?"
  it.each([
    ['segnda', '2026-11-30'],
    ['sgunda?', '2026-11-30'],
    ['tersa', '2026-12-01'],
    ['qurta', '2026-12-02'],
    ['qinta', '2026-11-26'],
    ['sexat', '2026-11-27'],
    ['sabadi', '2026-11-28'],
    ['domigo', '2026-11-29'],
  ])('%j alone → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  // first in the message, before a word that goes on with a day (the answer to "Para quando?" with more said)
  it.each([
    ['segnda de manha', '2026-11-30'],
    ['sexat a tarde', '2026-11-27'],
    ['qurta as 10', '2026-12-02'],
    ['tersa depois das 14h', '2026-12-01'],
  ])('%j first, more after it → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it('"segnda de manha" keeps the morning', () => {
    expect(when('segnda de manha')).toMatchObject({ date_from: '2026-11-30', period: 'manha' });
  });

  // written in consonants, where a misspelt weekday would be read
  it.each([
    ['sxt', '2026-11-27'],
    ['qrt', '2026-12-02'],
    ['qnt', '2026-11-26'],
    ['sgd', '2026-11-30'],
    ['na sxt', '2026-11-27'],
    ['pra qrt de manha', '2026-12-02'],
    ['dia qnt', '2026-11-26'],
    ['sgd a tarde', '2026-11-30'],
    ['Sxt', '2026-11-27'],
  ])('%j → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it('quotes the word as written', () => {
    expect(when('quero marcar na Segnda').date_text).toBe('Segnda');
  });

  it('a negated misspelt weekday is not wished', () => {
    expect(when('na sexta, nao na segnda').date_from).toBe('2026-11-27');
  });

  it.each([
    // ordinals, masculine and plural words next to a weekday name keep their meaning
    'quero a segunda opção',
    'pode ser o segundo',
    'é o segundo horário',
    'no quarto dia',
    'de quinto andar',
    'ela está no quarto',
    'nas sextas eu não posso',
    'aos sabados',
    'nos domingos',
    'pra quanta gente?',
    'de sexto ano',
    'de terra',
    'dia sabido',
    'teria?',
    'pra teria como?',
    // no lead and not alone: the word is not read as a day
    'segnda eu posso',
    'quero marcar sexat',
    // consonant shorthands elsewhere keep their other meanings
    'qnt custa?',
    'qnt e a consulta?',
    'qnt tempo demora',
    'sxt eu vejo',
    // first, but before a word of its own: ordinals and "quarto" keep their meanings
    'segundo de tarde',
    'quarto ou quinto',
  ])('%j names no date', (m) => {
    expect(when(m).date_from).toBeNull();
  });

  it('exact weekday names keep their readings', () => {
    expect(dates('sexta-feira')).toEqual(['2026-11-27', '2026-11-27']);
    expect(dates('na segunda')).toEqual(['2026-11-30', '2026-11-30']);
    expect(when('é a segunda vez que tento marcar').date_from).toBeNull();
  });
});

describe('extractWhen: "não prefiro" with the comma left out is "não, prefiro"', () => {
  it.each(['nao prefiro a tarde', 'não prefiro à tarde', 'n prefiro a tarde', 'nao preferia de tarde'])('%j wishes the afternoon', (m) => {
    expect(times(m)).toEqual(RANGE('12:00', '18:00', 'tarde'));
  });

  it('"nao prefiro sexta" wishes Friday', () => {
    expect(dates('nao prefiro sexta')).toEqual(['2026-11-27', '2026-11-27']);
  });

  it('"nao quero a tarde", "não posso à tarde" still refuse the afternoon', () => {
    expect(when('nao quero a tarde').period).toBeNull();
    expect(when('não posso à tarde').period).toBeNull();
  });
});

describe('extractWhen: "semana" and "amanhã" with one letter slipped, and more places for a misspelt weekday', () => {
  it.each(['semna q vem', 'semna que vem', 'smana que vem', 'semnaa q vem', 'semmana que vem', 'proxima smana', 'prox semna', 'na outra semna', 'cardiologia semna q vem a tarde'])(
    '%j → next week',
    (m) => {
      expect(dates(m)).toEqual(['2026-11-30', '2026-12-06']);
    },
  );

  it.each(['essa semna', 'nessa smana'])('%j → this week', (m) => {
    expect(dates(m)).toEqual(['2026-11-25', '2026-11-29']);
  });

  it.each(['amanah', 'amnha', 'amahna', 'amannha', 'quero marcar cardio amanah de manha', 'amnha de manha'])('%j → tomorrow', (m) => {
    expect(dates(m)).toEqual(['2026-11-26', '2026-11-26']);
  });

  it.each(['depois de amanah', 'dps de amnha'])('%j → today + 2', (m) => {
    expect(dates(m)).toEqual(['2026-11-27', '2026-11-27']);
  });

  it.each([
    ['proxima sexat', '2026-11-27'],
    ['pode ser sabdo?', '2026-11-28'],
    ['tem sexat?', '2026-11-27'],
    ['cardio sexat de manha', '2026-11-27'],
    ['cardio sabdo que vem', '2026-11-28'],
    ['e sabdo?', '2026-11-28'],
    ['e na sexat?', '2026-11-27'],
  ])('%j → %s', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });

  it('quotes the slip as written', () => {
    expect(when('quero marcar semna q vem').date_text).toBe('semna q vem');
  });

  it.each([
    'quero falar com a amanda',
    'tem aranha no consultorio',
    'apanha o resultado',
    'a semente',
    'uma semaninha',
    'semna',
    'smana passada',
    'a segnda de tarde',
    'quero marcar sexat',
    'segnda eu posso',
    'e segundo o medico',
    'eu e sabdo',
  ])('%j names no date', (m) => {
    expect(when(m).date_from).toBeNull();
  });
});

describe('extractWhen: days offered as alternatives, each with its own part of the day', () => {
  /** Tuesday 2026-11-24, 09:00 in São Paulo */
  const TUESDAY = new Date('2026-11-24T12:00:00Z');

  it('"sexta de tarde ou sábado de manhã": both days, the window spanning both parts, and each day\'s part', () => {
    expect(when('quero passar minha consulta pra sexta de tarde ou sábado de manhã')).toMatchObject({
      date_from: '2026-11-27',
      date_to: '2026-11-28',
      dates: ['2026-11-27', '2026-11-28'],
      period: null,
      time_from: '06:00',
      time_to: '18:00',
      day_periods: [
        { date: '2026-11-27', period: 'tarde' },
        { date: '2026-11-28', period: 'manha' },
      ],
    });
  });

  it('on a Friday, "sexta de tarde ou sabado de manha" is this afternoon or tomorrow morning (not next Friday)', () => {
    const friday = new Date('2026-11-27T13:00:00Z');
    expect(when('sexta de tarde ou sabado de manha', friday)).toMatchObject({
      dates: ['2026-11-27', '2026-11-28'],
      day_periods: [
        { date: '2026-11-27', period: 'tarde' },
        { date: '2026-11-28', period: 'manha' },
      ],
    });
  });

  it('on a Friday at 19:00, the afternoon is over: left out and named, and Saturday morning is read as that day with its part', () => {
    const fridayEvening = new Date('2026-11-27T22:00:00Z');
    const w = when('sexta de tarde ou sabado de manha', fridayEvening);
    expect(w).toMatchObject({
      date_from: '2026-11-28',
      date_to: '2026-11-28',
      period: 'manha',
      time_from: '06:00',
      time_to: '12:00',
      date_text: 'sabado',
      time_text: 'de manha',
      period_passed: { date: '2026-11-27', period: 'tarde' },
    });
    expect(w.dates).toBeUndefined();
    expect(w.day_periods).toBeUndefined();
    // at 17:00 the afternoon still has time: both days stay
    expect(when('sexta de tarde ou sabado de manha', new Date('2026-11-27T20:00:00Z'))).toMatchObject({ dates: ['2026-11-27', '2026-11-28'] });
    expect(when('sexta de tarde ou sabado de manha', new Date('2026-11-27T20:00:00Z')).period_passed).toBeUndefined();
  });

  it('with three days, the one over is left out and the other two keep their parts', () => {
    const w = when('hoje de manhã ou amanhã à tarde ou segunda de manhã', new Date('2026-11-27T16:00:00Z'));
    expect(w).toMatchObject({
      dates: ['2026-11-28', '2026-11-30'],
      day_periods: [
        { date: '2026-11-28', period: 'tarde' },
        { date: '2026-11-30', period: 'manha' },
      ],
      period_passed: { date: '2026-11-27', period: 'manha' },
    });
  });

  it.each(['horario pra ginecologista sexta de manha ou sabado', 'sexta de manhã, ou sábado', 'amanhã à tarde ou sexta'])(
    '%j: a part said after the first day only is of both days, as in "sexta ou sábado de manhã" (the first day is not lost)',
    (m) => {
      const w = when(m);
      expect(w.dates).toHaveLength(2);
      expect(w.day_periods).toBeUndefined();
      expect([w.time_from, w.time_to]).toEqual(m.includes('tarde') ? ['12:00', '18:00'] : ['06:00', '12:00']);
      expect(w.period).toBe(m.includes('tarde') ? 'tarde' : 'manha');
    },
  );

  it.each(['segunda de manhã, quarta à tarde', 'segunda de manha, quarta a tarde', 'seg de manha, qua a tarde', 'segunda de manhã, ou quarta à tarde'])(
    '%j: a comma list pairs each day with its own part, as "ou" does',
    (m) => {
      // on a Tuesday: Wednesday is tomorrow, Monday next week's
      expect(when(m, TUESDAY)).toMatchObject({
        dates: ['2026-11-25', '2026-11-30'],
        period: null,
        time_from: '06:00',
        time_to: '18:00',
        day_periods: [
          { date: '2026-11-25', period: 'tarde' },
          { date: '2026-11-30', period: 'manha' },
        ],
      });
    },
  );

  it('"seg de manha, qua a tarde ou sex qualquer hora": each day its part, Friday at any time (no window over all)', () => {
    const w = when('seg de manha, qua a tarde ou sex qualquer hora', TUESDAY);
    expect(w).toMatchObject({
      date_from: '2026-11-25',
      date_to: '2026-11-30',
      dates: ['2026-11-25', '2026-11-27', '2026-11-30'],
      period: null,
      time: null,
      time_from: null,
      time_to: null,
      day_periods: [
        { date: '2026-11-25', period: 'tarde' },
        { date: '2026-11-30', period: 'manha' },
      ],
    });
  });

  it.each(['segunda de manhã, quarta'])('%j carries no day_periods (one day with a part)', (m) => {
    expect(when(m, TUESDAY).day_periods).toBeUndefined();
  });

  it('"sexta de manhã ou sábado" on the dates: Friday and Saturday', () => {
    expect(when('sexta de manha ou sabado')).toMatchObject({ date_from: '2026-11-27', date_to: '2026-11-28', dates: ['2026-11-27', '2026-11-28'] });
  });

  it.each(['quinta ou sexta de manhã', 'sexta de tarde'])('%j carries no day_periods', (m) => {
    expect(when(m).day_periods).toBeUndefined();
  });
});

describe('extractWhen: spellings patients write (typos and run-together words)', () => {
  it.each([
    ['primeira hora', RANGE('06:00', '09:00', 'manha')],
    ['na primeira hora', RANGE('06:00', '09:00', 'manha')],
    ['primeira hora da manhã', RANGE('06:00', '09:00', 'manha')],
    ['amanha sedo', RANGE('06:00', '09:00', 'manha')],
    ['bem sedinho', RANGE('06:00', '09:00', 'manha')],
    ['apartir das 16h', RANGE('16:00', '22:00')],
    ['apartir das 16', RANGE('16:00', '22:00')],
    ['meio dia e meio', EXACT('12:30')],
    ['meio-dia e meio', EXACT('12:30')],
    ['depois do almoso', RANGE('12:00', '18:00', 'tarde')],
    ['dps do almoso', RANGE('12:00', '18:00', 'tarde')],
    ['na hora do almoso', RANGE('12:00', '14:00')],
    ['antes do almoso', RANGE('06:00', '12:00', 'manha')],
    ['hoje anoite', RANGE('18:00', '22:00', 'noite')],
    ['hoje a noitinha', RANGE('18:00', '22:00', 'noite')],
    ['ateh as 10', RANGE('06:00', '10:00')],
    ['meio dia e 30', EXACT('12:30')],
    ['ao meio dia e quinze', EXACT('12:15')],
    ['do meio dia às 14', RANGE('12:00', '14:00')],
    ['desde o meio dia ate as 15', RANGE('12:00', '15:00')],
    ['primeira hr', RANGE('06:00', '09:00', 'manha')],
    ['hoje atarde', RANGE('12:00', '18:00', 'tarde')],
  ])('%j', (m, expected) => {
    expect(times(`queria marcar cardio ${m}`)).toEqual(expected);
  });

  it.each([
    ['daki 15 dias', '2026-12-10'],
    ['daki a 15 dias', '2026-12-10'],
    ['dqui 15 dias', '2026-12-10'],
    ['daq 15 dias', '2026-12-10'],
    ['fim d semana', '2026-11-28'],
    ['amn cedo', '2026-11-26'],
    ['dpois de amanha', '2026-11-27'],
    ['5 do mês que vem', '2026-12-05'],
    ['10 no proximo mes', '2026-12-10'],
  ])('%j → %s', (m, date) => {
    expect(when(`queria marcar cardio ${m}`).date_from).toBe(date);
  });

  it('"ter ou qui depois das 17": "ter" before "ou" and another weekday is Tuesday ("vou ter ou não" stays a verb)', () => {
    expect(when('queria marcar cardio ter ou qui depois das 17')).toMatchObject({
      dates: ['2026-12-01', '2026-12-03'],
      time_from: '17:00',
      time_to: '22:00',
    });
    expect(when('ter e qui').dates).toEqual(['2026-12-01', '2026-12-03']);
    expect(when('vou ter ou nao').date_from).toBeNull();
  });

  it('"apartir de segunda" is two weeks from Monday, as "a partir de segunda"; "ateh sexta" is today to Friday', () => {
    expect(dates('apartir de segunda')).toEqual(['2026-11-30', '2026-12-13']);
    expect(dates('ateh sexta')).toEqual(['2026-11-25', '2026-11-27']);
  });

  it.each([
    ['dia 3 a 5', '2026-12-03', '2026-12-05'],
    ['do dia 3 ao dia 5', '2026-12-03', '2026-12-05'],
    ['do dia 3 ao 5', '2026-12-03', '2026-12-05'],
    ['do dia 3 até o dia 5', '2026-12-03', '2026-12-05'],
    ['dia 28 a 3', '2026-11-28', '2026-12-03'],
    ['dia 10 a 12h', '2026-12-10', '2026-12-10'],
  ])('%j → %s – %s', (m, from, to) => {
    expect(dates(m)).toEqual([from, to]);
  });

  it('"5 do mês que vem" on the 2nd is next month\'s 5th, not this month\'s', () => {
    expect(dates('5 do mes que vem', new Date('2026-11-02T12:00:00Z'))).toEqual(['2026-12-05', '2026-12-05']);
    expect(dates('no outro mes', new Date('2026-11-02T12:00:00Z'))).toEqual(['2026-12-01', '2026-12-31']);
    expect(dates('dia 5 do outro mês', new Date('2026-11-02T12:00:00Z'))).toEqual(['2026-12-05', '2026-12-05']);
  });

  it('"primeiro horário" stays the conversation\'s first time free, and counts stay counts', () => {
    expect(times('primeiro horário')).toEqual({ time: null, period: null, time_from: null, time_to: null });
    expect(when('tenho 5 do mes passado').date_from).toBeNull();
  });
});

describe('extractWhen: any day but the days negated ("qualquer dia menos quarta")', () => {
  // today, Wednesday 25/11, is a Wednesday too: it is left out with the others
  const twoWeeks = (skip: (d: string) => boolean) => {
    const out: string[] = [];
    for (let i = 0; i < 14; i++) {
      const d = new Date(Date.UTC(2026, 10, 25 + i)).toISOString().slice(0, 10);
      if (!skip(d)) out.push(d);
    }
    return out;
  };
  const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

  it.each(['qualquer dia menos quarta', 'qualquer dia exceto quarta', 'qlq dia menos qua', 'pode ser qualquer dia, só não quarta', 'qualquer dia sem ser quarta'])(
    '%j: the next two weeks without their Wednesdays',
    (m) => {
      const w = when(`queria marcar cardio ${m}`);
      const days = twoWeeks((d) => weekday(d) === 3);
      expect(w).toMatchObject({ date_from: '2026-11-26', date_to: '2026-12-08', dates: days, period: null, time_from: null });
    },
  );

  it('"qualquer dia menos quarta e sexta" leaves both out; "menos dia 5" that date only; "menos hoje" today only', () => {
    expect(when('qualquer dia menos quarta e sexta').dates).toEqual(twoWeeks((d) => weekday(d) === 3 || weekday(d) === 5));
    expect(when('qualquer dia menos dia 5').dates).toEqual(twoWeeks((d) => d === '2026-12-05'));
    expect(when('qualquer dia menos hoje').dates).toEqual(twoWeeks((d) => d === '2026-11-25'));
  });

  // a receptionist hears "not Wednesday morning": every day stays, Wednesdays only in the afternoon and evening
  it.each(['qualquer dia menos quarta de manhã', 'qualquer dia menos quarta de manha', 'qlq dia menos qua de manha', 'qualquer dia exceto quarta pela manhã'])(
    '%j: the next two weeks, their Wednesdays in the afternoon and evening only, the other days at any time',
    (m) => {
      const w = when(`queria marcar cardio ${m}`);
      expect(w).toMatchObject({
        date_from: '2026-11-25',
        date_to: '2026-12-08',
        dates: twoWeeks(() => false),
        period: null,
        time: null,
        time_from: null,
        time_to: null,
        day_periods: [
          { date: '2026-11-25', period: 'tarde' },
          { date: '2026-11-25', period: 'noite' },
          { date: '2026-12-02', period: 'tarde' },
          { date: '2026-12-02', period: 'noite' },
        ],
      });
      expect(w.refused_periods).toBeUndefined();
    },
  );

  it('"qualquer dia menos quarta à tarde": Wednesdays in the morning and evening; "qualquer dia menos de manhã" still refuses every morning', () => {
    expect(when('qualquer dia menos quarta à tarde').day_periods).toEqual([
      { date: '2026-11-25', period: 'manha' },
      { date: '2026-11-25', period: 'noite' },
      { date: '2026-12-02', period: 'manha' },
      { date: '2026-12-02', period: 'noite' },
    ]);
    expect(when('qualquer dia menos de manhã')).toMatchObject({ time_from: '12:00', time_to: '22:00' });
  });

  it.each(['qualquer dia menos quarta à noite', 'qualquer dia menos quarta a noite', 'qlq dia menos qua de noite'])(
    '%j: every day of the next two weeks (Wednesdays too) at any time, but Wednesday evenings; no evening of another day is refused',
    (m) => {
      const w = when(m);
      expect(w).toMatchObject({ date_from: '2026-11-25', date_to: '2026-12-08', dates: twoWeeks(() => false), time_from: null, time_to: null });
      expect(w.refused_periods).toBeUndefined();
      expect(w.day_periods).toEqual([
        { date: '2026-11-25', period: 'manha' },
        { date: '2026-11-25', period: 'tarde' },
        { date: '2026-12-02', period: 'manha' },
        { date: '2026-12-02', period: 'tarde' },
      ]);
    },
  );

  it('"qualquer dia menos quarta à noite e sexta de manhã": the negation carries over "e" to Friday morning, which is left out, not wished', () => {
    const w = when('qualquer dia menos quarta à noite e sexta de manhã');
    expect(w).toMatchObject({ date_from: '2026-11-25', date_to: '2026-12-08', time_from: null, time_to: null, period: null });
    expect(w.day_periods).toEqual([
      { date: '2026-11-25', period: 'manha' },
      { date: '2026-11-25', period: 'tarde' },
      { date: '2026-11-27', period: 'tarde' },
      { date: '2026-11-27', period: 'noite' },
      { date: '2026-12-02', period: 'manha' },
      { date: '2026-12-02', period: 'tarde' },
      { date: '2026-12-04', period: 'tarde' },
      { date: '2026-12-04', period: 'noite' },
    ]);
    // not past a comma: "não posso segunda, só terça" still wishes Tuesday
    expect(when('não posso segunda, só terça')).toMatchObject({ date_from: '2026-12-01', date_to: '2026-12-01' });
  });

  it('"semana que vem menos quarta à noite": every day of next week, its Wednesday without the evening', () => {
    const w = when('semana que vem menos quarta à noite');
    expect(w).toMatchObject({ date_from: '2026-11-30', date_to: '2026-12-06', time_from: null, time_to: null });
    expect(w.dates).toContain('2026-12-02');
    expect(w.day_periods).toEqual([
      { date: '2026-12-02', period: 'manha' },
      { date: '2026-12-02', period: 'tarde' },
    ]);
  });

  it('"semana que vem menos quarta": next week without its Wednesday', () => {
    expect(when('semana que vem menos quarta')).toMatchObject({
      date_from: '2026-11-30',
      date_to: '2026-12-06',
      dates: ['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'],
    });
  });

  it.each(['não posso quarta', 'menos quarta', 'não posso segunda, só terça', 'eu trabalho qualquer dia menos sexta'])('%j: no any day wished, nothing is left out of', (m) => {
    expect(when(m).dates).toBeUndefined();
  });
});

describe('extractWhen: days offered as alternatives ("quinta ou sexta")', () => {
  const alternatives = (m: string) => {
    const w = when(m);
    return { from: w.date_from, to: w.date_to, dates: w.dates ?? null, text: w.date_text };
  };

  it.each([
    ['quero marcar cardio quinta ou sexta de manhã', ['2026-11-26', '2026-11-27'], 'quinta ou sexta'],
    ['segunda ou terça', ['2026-11-30', '2026-12-01'], 'segunda ou terça'],
    // a weekday misspelt or in consonants in the list, as its spelt name
    ['segnda ou terca', ['2026-11-30', '2026-12-01'], 'segnda ou terca'],
    ['terca ou qurta', ['2026-12-01', '2026-12-02'], 'terca ou qurta'],
    ['qnt ou sxt', ['2026-11-26', '2026-11-27'], 'qnt ou sxt'],
    ['pode ser na segunda ou na quarta?', ['2026-11-30', '2026-12-02'], 'segunda ou na quarta'],
    // weekdays in the week's order are days of one week, the first one's (today is a Wednesday)
    ['segunda, terça ou sexta', ['2026-11-30', '2026-12-01', '2026-12-04'], 'segunda, terça ou sexta'],
    ['quarta ou sexta', ['2026-12-02', '2026-12-04'], 'quarta ou sexta'],
    ['quarta ou quinta', ['2026-12-02', '2026-12-03'], 'quarta ou quinta'],
    ['sexta ou segunda', ['2026-11-27', '2026-11-30'], 'sexta ou segunda'],
    ['amanhã ou sexta', ['2026-11-26', '2026-11-27'], 'amanhã ou sexta'],
    ['dia 3 ou 4', ['2026-12-03', '2026-12-04'], 'dia 3 ou 4'],
    ['dia 3 ou dia 4', ['2026-12-03', '2026-12-04'], 'dia 3 ou dia 4'],
    ['dia 30 ou 2', ['2026-11-30', '2026-12-02'], 'dia 30 ou 2'],
    ['3 ou 4 de janeiro', ['2027-01-03', '2027-01-04'], '3 ou 4 de janeiro'],
    ['15/12 ou 16/12', ['2026-12-15', '2026-12-16'], '15/12 ou 16/12'],
    // "e" between days means the same: any of them suits
    ['quero marcar cardio segunda e terça de manhã', ['2026-11-30', '2026-12-01'], 'segunda e terça'],
    ['segunda, terça e quarta', ['2026-11-30', '2026-12-01', '2026-12-02'], 'segunda, terça e quarta'],
    ['pode ser na segunda e na quarta?', ['2026-11-30', '2026-12-02'], 'segunda e na quarta'],
    ['amanhã e sexta', ['2026-11-26', '2026-11-27'], 'amanhã e sexta'],
    ['dia 3 e 4', ['2026-12-03', '2026-12-04'], 'dia 3 e 4'],
    ['dia 3 e dia 4', ['2026-12-03', '2026-12-04'], 'dia 3 e dia 4'],
    ['15/12 e 16/12', ['2026-12-15', '2026-12-16'], '15/12 e 16/12'],
    ['dias 3, 5 e 8', ['2026-12-03', '2026-12-05', '2026-12-08'], 'dias 3, 5 e 8'],
    ['3 e 8 de dezembro', ['2026-12-03', '2026-12-08'], '3 e 8 de dezembro'],
    // "amanhã ou depois": tomorrow or the day after
    ['quero marcar cardio amanha ou depois', ['2026-11-26', '2026-11-27'], 'amanha ou depois'],
    ['amanhã ou dps, de manhã', ['2026-11-26', '2026-11-27'], 'amanhã ou dps'],
  ])('%j → both days', (m, days, text) => {
    expect(alternatives(m)).toEqual({ from: days[0], to: days.at(-1), dates: days, text });
  });

  it('the weekdays of a named week', () => {
    expect(alternatives('quinta ou sexta da semana que vem')).toMatchObject({ from: '2026-12-03', to: '2026-12-04', dates: ['2026-12-03', '2026-12-04'] });
  });

  it.each([
    ['sexta, ou melhor, sábado', '2026-11-28'],
    ['não posso quinta ou sexta, só segunda', '2026-11-30'],
    ['sexta ou', '2026-11-27'],
    ['amanhã ou depois das 15h', '2026-11-26'],
  ])('%j is no pair of alternatives', (m, date) => {
    expect(alternatives(m)).toMatchObject({ from: date, to: date, dates: null });
  });

  it('a single day or a range carries no list', () => {
    expect(when('sexta').dates ?? null).toBeNull();
    expect(when('segunda a sexta').dates ?? null).toBeNull();
  });

  it('"entre segunda e sexta" is the range between them, not two days', () => {
    expect(alternatives('entre segunda e sexta')).toEqual({ from: '2026-11-30', to: '2026-12-04', dates: null, text: 'entre segunda e sexta' });
    expect(alternatives('entre dia 3 e dia 10')).toMatchObject({ from: '2026-12-03', to: '2026-12-10', dates: null });
    expect(alternatives('entre a segunda e a sexta')).toMatchObject({ from: '2026-11-30', to: '2026-12-04', dates: null });
    expect(alternatives('entre dia 3 e 10')).toMatchObject({ from: '2026-12-03', to: '2026-12-10', dates: null });
    expect(alternatives('entre 10 e 15 de dezembro')).toMatchObject({ from: '2026-12-10', to: '2026-12-15', dates: null });
  });

  it.each(['entre os dias 5 e 10', 'entre o dia 5 e o dia 10', 'dos dias 5 ao 10', 'dos dias 5 até o 10'])(
    '%j, with an article or "dias", is the range too (was only the 5th and the 10th, or nothing)',
    (m) => {
      expect(alternatives(m)).toMatchObject({ from: '2026-12-05', to: '2026-12-10', dates: null });
    },
  );

  it('"entre as 10 e 12" stays hours', () => {
    const w = when('entre as 10 e 12');
    expect([w.date_from, w.time_from, w.time_to]).toEqual([null, '10:00', '12:00']);
  });

  it.each([
    ['dia 10 e 15h', '2026-12-10', '15:00'],
    ['dia 10 e 15 horas', '2026-12-10', '15:00'],
    ['não posso segunda e terça, só quarta', '2026-12-02', null],
  ])('%j: "e" joins no day that is not one', (m, date, time) => {
    const w = when(m);
    expect([w.date_from, w.date_to, w.dates ?? null, w.time]).toEqual([date, date, null, time]);
  });
});

describe('extractWhen: a day that has passed', () => {
  it.each([
    ['queria marcar pra ontem', '2026-11-24'],
    ['ontem', '2026-11-24'],
    ['anteontem', '2026-11-23'],
    ['antes de ontem de manhã', '2026-11-23'],
  ])('%j names no date to book, and says which day passed', (m, passed) => {
    const w = when(m);
    expect([w.date_from, w.date_to, w.date_text, w.date_passed]).toEqual([null, null, null, passed]);
  });

  it('a date written with a past year keeps its reading, and is marked as passed', () => {
    const w = when('dia 20/11/2026');
    expect([w.date_from, w.date_passed]).toEqual(['2026-11-20', '2026-11-20']);
  });

  it.each(['ontem não deu, quero amanhã', 'quero amanhã, ontem não deu'])('a day to book beside a past one wins: %j', (m) => {
    const w = when(m);
    expect([w.date_from, w.date_passed ?? null]).toEqual(['2026-11-26', null]);
  });

  it.each(['meu filho ta com febre desde ontem', 'estou com dor desde anteontem'])('when something began is no day at all: %j', (m) => {
    const w = when(m);
    expect([w.date_from, w.date_passed ?? null]).toEqual([null, null]);
  });

  it('today and later days are not passed', () => {
    for (const m of ['hoje', 'amanhã', 'dia 25', 'dia 2', 'sexta']) expect(when(m).date_passed ?? null).toBeNull();
  });
});

describe('extractWhen: a day its month does not have', () => {
  it.each([
    ['quero marcar pro dia 31/11', '31/11', 31, 11, null],
    ['31/11', '31/11', 31, 11, null],
    ['cardio dia 31 de novembro', 'dia 31 de novembro', 31, 11, null],
    ['31 de novembro de manhã', '31 de novembro', 31, 11, null],
    ['dia 30/02', '30/02', 30, 2, null],
    ['dia 31-11', 'dia 31-11', 31, 11, null],
    ['29/02/2027', '29/02/2027', 29, 2, 2027],
    ['30 de fevereiro de 2028', '30 de fevereiro de 2028', 30, 2, 2028],
    ['2026-11-31', '2026-11-31', 31, 11, 2026],
    ['em fevereiro, dia 30', 'em fevereiro, dia 30', 30, 2, null],
    ['dia 31 em abril', 'dia 31 em abril', 31, 4, null],
  ])('%j: no date, what was written reported', (m, text, day, month, year) => {
    const w = when(m);
    expect([w.date_from, w.date_to, w.date_text]).toEqual([null, null, null]);
    expect(w.date_invalid).toEqual({ text, day, month, year });
  });

  it('a time said with it stays', () => {
    const w = when('dia 31/04 às 10h');
    expect([w.date_from, w.time, w.date_invalid?.text]).toEqual([null, '10:00', '31/04']);
  });

  it('"dia 31 do mês que vem" when next month has 30 days; a 29th of February in a common year names its year', () => {
    expect(when('dia 31 do mês que vem', new Date('2026-10-05T12:00:00Z')).date_invalid).toEqual({ text: 'dia 31 do mês que vem', day: 31, month: 11, year: null });
    expect(when('mês que vem, dia 29', new Date('2027-01-10T12:00:00Z')).date_invalid).toEqual({ text: 'mês que vem, dia 29', day: 29, month: 2, year: 2027 });
    expect(when('dia 31 do mês que vem').date_from).toBe('2026-12-31');
  });

  it('the last day said wins: a real day after it is taken, a real day before it is not', () => {
    const after = when('dia 31/11 ou 1/12');
    expect([after.date_from, after.date_invalid ?? null]).toEqual(['2026-12-01', null]);
    const before = when('a de sexta pro dia 31/11');
    expect([before.date_from, before.date_invalid?.text]).toEqual([null, '31/11']);
  });

  it.each(['não dia 31/11', 'dia 31/11 não', 'dia 31/11 não, dia 1/12'])('negated, it is nothing: %j', (m) => {
    const w = when(m);
    expect(w.date_invalid ?? null).toBeNull();
  });

  it.each([
    ['29/02', '2028-02-29'],
    ['fevereiro, dia 29', '2028-02-29'],
    ['30/11', '2026-11-30'],
    ['31/12', '2026-12-31'],
  ])('days that exist are read as before: %j → %s', (m, date) => {
    const w = when(m);
    expect([w.date_from, w.date_invalid ?? null]).toEqual([date, null]);
  });

  it.each(['31-11', '31.11', 'tel 3111-2233'])('bare numbers are not taken for a date: %j', (m) => {
    const w = when(m);
    expect([w.date_from, w.date_invalid ?? null]).toEqual([null, null]);
  });
});

describe('extractWhen: a day of the month beside a month named', () => {
  it.each([
    ['em fevereiro, dia 15', '2027-02-15'],
    ['fevereiro dia 15', '2027-02-15'],
    ['dia 15 em fevereiro', '2027-02-15'],
    ['janeiro, no dia 10', '2027-01-10'],
    ['dezembro, dia 3', '2026-12-03'],
  ])('%j → that day of that month (not the next such day of any month)', (m, date) => {
    expect(dates(m)).toEqual([date, date]);
  });
});

describe('extractWhen: reference near the end of a month and a year', () => {
  const DEC_30 = new Date('2026-12-30T12:00:00Z'); // Wednesday

  it.each([
    ['semana que vem', '2027-01-04', '2027-01-10'],
    ['dia 5', '2027-01-05', '2027-01-05'],
    ['dia 30', '2026-12-30', '2026-12-30'],
    ['mês que vem', '2027-01-01', '2027-01-31'],
    ['fim do mês', '2026-12-30', '2026-12-31'],
    ['início do mês que vem', '2027-01-01', '2027-01-07'],
    ['15/01', '2027-01-15', '2027-01-15'],
    ['2 de janeiro', '2027-01-02', '2027-01-02'],
    ['daqui a 3 dias', '2027-01-02', '2027-01-02'],
    ['daqui a um mês', '2027-01-30', '2027-01-30'],
    ['sexta', '2027-01-01', '2027-01-01'],
    ['fim de semana', '2027-01-02', '2027-01-03'],
  ])('2026-12-30: %s → %s – %s', (m, from, to) => {
    expect(dates(m, DEC_30)).toEqual([from, to]);
  });

  it('dia 31 from a 30-day month skips to the next month with a 31st', () => {
    expect(dates('dia 31', new Date('2027-02-10T12:00:00Z'))).toEqual(['2027-03-31', '2027-03-31']);
  });

  it('fim do mês in February of a leap year', () => {
    expect(dates('fim do mês', new Date('2028-02-01T12:00:00Z'))).toEqual(['2028-02-23', '2028-02-29']);
  });
});

describe('extractWhen: time zones', () => {
  // 2026-11-26T03:30Z is Wednesday 25/11 23:30 in Manaus (UTC-4) and Thursday 26/11 00:30 in São Paulo
  const LATE = new Date('2026-11-26T03:30:00Z');

  it('"today" is the reference’s local date in the clinic’s zone', () => {
    expect(dates('hoje', LATE, 'America/Manaus')).toEqual(['2026-11-25', '2026-11-25']);
    expect(dates('hoje', LATE, SAO_PAULO)).toEqual(['2026-11-26', '2026-11-26']);
  });

  it('amanhã differs between Manaus and São Paulo', () => {
    expect(dates('amanhã', LATE, 'America/Manaus')).toEqual(['2026-11-26', '2026-11-26']);
    expect(dates('amanhã', LATE, SAO_PAULO)).toEqual(['2026-11-27', '2026-11-27']);
  });

  it('a bare weekday follows the local today', () => {
    expect(dates('quinta', LATE, 'America/Manaus')).toEqual(['2026-11-26', '2026-11-26']);
    expect(dates('quinta', LATE, SAO_PAULO)).toEqual(['2026-12-03', '2026-12-03']);
  });

  it('São Paulo under its old daylight saving time (2018-11-04 skipped midnight)', () => {
    // 2018-11-03T23:30-03:00 = 02:30Z on the 4th; the clocks then jumped to 01:00 -02:00
    expect(dates('amanhã', new Date('2018-11-04T02:30:00Z'))).toEqual(['2018-11-04', '2018-11-04']);
    expect(dates('amanhã', new Date('2018-11-04T03:30:00Z'))).toEqual(['2018-11-05', '2018-11-05']);
  });

  it('times stay local wall times', () => {
    expect(when('amanhã às 14h', LATE, 'America/Manaus').time).toBe('14:00');
  });
});

describe('extractWhen: bad input never throws', () => {
  const NOTHING = when('');

  it.each(['😀', '👍🙏😂🎉', '🗓️⏰', '\u0000\uFFFF', '\uD83D', '...', '   '])('%j → nulls', (m) => {
    expect(when(m)).toEqual(NOTHING);
  });

  it('emoji around a date still read', () => {
    const w = when('👍 amanhã 🙏 às 14h 🎉');
    expect([w.date_text, w.time_text]).toEqual(['amanhã', 'às 14h']);
  });

  it('an invalid zone or reference gives nulls', () => {
    expect(when('amanhã', REFERENCE, 'Mars/Olympus')).toEqual(NOTHING);
    expect(when('amanhã', new Date(Number.NaN))).toEqual(NOTHING);
    expect(extractWhen(undefined as unknown as string, { reference: REFERENCE, timezone: SAO_PAULO })).toEqual(NOTHING);
  });

  it('a 20 KB message finishes quickly and reads its last mention', () => {
    const message = `${'não posso segunda, só terça de manhã. amanhã às 14h? '.repeat(380)}ok, sexta às 10h`;
    expect(message.length).toBeGreaterThan(20_000);
    extractWhen('aquecer sexta às 10h', { reference: REFERENCE, timezone: SAO_PAULO });
    const started = performance.now();
    const w = when(message);
    expect(performance.now() - started).toBeLessThan(500);
    expect([w.date_from, w.time]).toEqual(['2026-11-27', '10:00']);
  });

  it.each([
    ['long runs of spaces', `1${' '.repeat(20_000)}x`],
    ['digits', '1'.repeat(20_000)],
    ['digits and dashes', '1-'.repeat(10_000)],
    ['digits and slashes', '1/'.repeat(10_000)],
    ['repeated leads', 'de 2 a '.repeat(3_000)],
    ['repeated hours', '1h '.repeat(7_000)],
    ['one long word', 'a'.repeat(20_000)],
  ])('20 KB of %s stays fast', (_name, message) => {
    const started = performance.now();
    when(message);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('any string: no throw, and well-formed fields', () => {
    const DATE = /^\d{4}-\d{2}-\d{2}$/;
    const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
    const words = fc.constantFrom('amanhã', 'às', '14h', 'dia', '15', 'de', 'manhã', 'não', 'sexta', 'semana', 'que', 'vem', '2', 'e', 'meia', 'entre', '/', '-', ',', 'boa', 'tarde', '😀', 'ter', 'depois', 'das', 'até');
    const message = fc.oneof(fc.string({ maxLength: 80 }), fc.array(words, { maxLength: 12 }).map((w) => w.join(' ')));
    fc.assert(
      fc.property(message, fc.integer({ min: 0, max: 4_102_444_800_000 }), (m, ms) => {
        const w = extractWhen(m, { reference: new Date(ms), timezone: SAO_PAULO });
        for (const d of [w.date_from, w.date_to]) if (d !== null) expect(d).toMatch(DATE);
        for (const t of [w.time, w.time_from, w.time_to]) if (t !== null) expect(t).toMatch(CLOCK);
        if (w.date_from !== null) expect(w.date_to! >= w.date_from).toBe(true);
        // a weekday and a date that disagree ("sexta dia 15" when the 15th is no Friday) quote the words, take no date
        if (w.date_conflict) expect([w.date_from, typeof w.date_text]).toEqual([null, 'string']);
        else expect(w.date_text === null).toBe(w.date_from === null);
        if (w.date_conflict) expect([w.date_conflict.day, w.date_conflict.weekday]).toEqual([expect.stringMatching(DATE), expect.stringMatching(DATE)]);
        expect(w.time_text === null).toBe(w.time === null && w.period === null && w.time_from === null);
      }),
      { numRuns: 400 },
    );
  });
});

describe('extractWhen: parts of the day wished together ("de manhã e de tarde")', () => {
  it.each(['segunda de manhã e de tarde', 'segunda de manha e de tarde', 'seg de manha e a tarde', 'segunda, de manhã e à tarde'])('%j: Monday, morning and afternoon (one window)', (m) => {
    const w = when(m);
    expect(w).toMatchObject({ date_from: '2026-11-30', date_to: '2026-11-30', period: null, time: null, time_from: '06:00', time_to: '18:00' });
    expect(w.refused_periods).toBeUndefined();
  });

  it('"segunda de manhã e à noite": the window over both, the afternoon between them refused', () => {
    expect(when('segunda de manhã e à noite')).toMatchObject({ date_from: '2026-11-30', time_from: '06:00', time_to: '22:00', refused_periods: ['tarde'] });
  });

  it('"de manhã, à tarde e à noite" with no day: the whole day, nothing refused', () => {
    const w = when('pode ser de manhã, à tarde e à noite');
    expect(w).toMatchObject({ period: null, time_from: '06:00', time_to: '22:00' });
    expect(w.refused_periods).toBeUndefined();
  });

  it.each(['segunda de manhã e terça à tarde', 'seg de manha e terca a tarde', 'segunda de manha, e terca a tarde', 'segunda de manha e terca de tarde e quarta de manha'])(
    '%j: each day with its own part, both kept (not only the last pair)',
    (m) => {
      const w = when(m);
      expect(w.dates).toEqual(expect.arrayContaining(['2026-11-30', '2026-12-01']));
      expect(w.day_periods).toEqual(expect.arrayContaining([
        { date: '2026-11-30', period: 'manha' },
        { date: '2026-12-01', period: 'tarde' },
      ]));
    },
  );

  it('a part said of each of two days is no run ("segunda de manhã ou terça à tarde" stays each day\'s own)', () => {
    expect(when('segunda de manhã ou terça à tarde').day_periods).toEqual([
      { date: '2026-11-30', period: 'manha' },
      { date: '2026-12-01', period: 'tarde' },
    ]);
  });
});

describe('extractWhen: numbers spelled out as a ten and a unit', () => {
  it.each([
    ['às vinte e uma horas', '21:00'],
    ['às vinte e duas e trinta', '22:30'],
    ['às vinte e trinta', '20:30'],
    ['às oito e vinte e cinco', '08:25'],
    ['dia vinte e tres às dez', '10:00'],
  ])('%s: the time %s', (m, time) => {
    expect(when(m).time).toBe(time);
  });

  it('"trinta e um de novembro" is the day November does not have, not the 1st of November', () => {
    const w = when('trinta e um de novembro');
    expect(w.date_from).toBeNull();
    expect(w.date_invalid).toEqual({ text: 'trinta e um de novembro', day: 31, month: 11, year: null });
  });
});

describe('extractWhen: the start, middle and end of a week', () => {
  const SUNDAY = new Date('2026-11-29T12:00:00Z');
  const MONDAY = new Date('2026-11-30T12:00:00Z');
  it.each([
    // from Wednesday 25/11: next week is 30/11 – 06/12 (they were the whole week, or no date at all)
    ['final da semana que vem', REFERENCE, '2026-12-03', '2026-12-05'],
    ['no fim da próxima semana', REFERENCE, '2026-12-03', '2026-12-05'],
    ['semana que vem no final', REFERENCE, '2026-12-03', '2026-12-05'],
    ['começo da semana que vem', REFERENCE, '2026-11-30', '2026-12-01'],
    ['inicio da proxima semana', REFERENCE, '2026-11-30', '2026-12-01'],
    ['meio da semana que vem', REFERENCE, '2026-12-01', '2026-12-03'],
    // this week's part from today, or next week's once it has passed
    ['no fim da semana', REFERENCE, '2026-11-26', '2026-11-28'],
    ['no final dessa semana', REFERENCE, '2026-11-26', '2026-11-28'],
    ['no meio da semana', REFERENCE, '2026-11-25', '2026-11-26'],
    ['no inicio da semana', REFERENCE, '2026-11-30', '2026-12-01'],
    ['no inicio da semana', MONDAY, '2026-11-30', '2026-12-01'],
    ['no fim da semana', SUNDAY, '2026-12-03', '2026-12-05'],
    ['final da semana que vem', SUNDAY, '2026-12-03', '2026-12-05'],
    // "fim de semana" is still the weekend
    ['fim de semana', REFERENCE, '2026-11-28', '2026-11-29'],
    // a weekday beside the part is that weekday of that week
    ['sexta no final da semana que vem', REFERENCE, '2026-12-04', '2026-12-04'],
    ['segunda no inicio da semana', REFERENCE, '2026-11-30', '2026-11-30'],
  ])('%s (from %s) → %s – %s', (m, reference, from, to) => {
    expect(dates(m, reference)).toEqual([from, to]);
  });

  it('the part of next month said after it: "mês que vem no início", "mês que vem no fim"', () => {
    expect(dates('no mês que vem no início')).toEqual(['2026-12-01', '2026-12-07']);
    expect(dates('mes que vem no fim')).toEqual(['2026-12-25', '2026-12-31']);
  });
});

describe('extractWhen: the middle of a month and its halves (quinzenas)', () => {
  const DECEMBER_5 = new Date('2026-12-05T12:00:00Z');
  const DECEMBER_31 = new Date('2026-12-31T12:00:00Z');
  it.each([
    // "meio do mês" was no date; "segunda quinzena" was Monday 30/11
    ['lá pro meio do mês', REFERENCE, '2026-12-10', '2026-12-20'],
    ['no meio do mês', DECEMBER_5, '2026-12-10', '2026-12-20'],
    ['metade do mês', REFERENCE, '2026-12-10', '2026-12-20'],
    ['meio do mês que vem', REFERENCE, '2026-12-10', '2026-12-20'],
    ['meio do mes que vem', DECEMBER_31, '2027-01-10', '2027-01-20'],
    ['segunda quinzena', REFERENCE, '2026-11-25', '2026-11-30'],
    ['na segunda quinzena do mês', DECEMBER_5, '2026-12-16', '2026-12-31'],
    ['primeira quinzena', REFERENCE, '2026-12-01', '2026-12-15'],
    ['primeira quinzena do mês que vem', REFERENCE, '2026-12-01', '2026-12-15'],
    ['segunda quinzena do próximo mês', REFERENCE, '2026-12-16', '2026-12-31'],
    ['na 2a quinzena de janeiro', REFERENCE, '2027-01-16', '2027-01-31'],
    ['primeira quinzena de dezembro', DECEMBER_5, '2026-12-05', '2026-12-15'],
    ['última quinzena de fevereiro', REFERENCE, '2027-02-16', '2027-02-28'],
  ])('%s (from %s) → %s – %s', (m, reference, from, to) => {
    expect(dates(m, reference)).toEqual([from, to]);
  });

  it('"segunda de manhã" and "segunda semana de dezembro" are as before', () => {
    expect(dates('segunda de manhã')).toEqual(['2026-11-30', '2026-11-30']);
    expect(dates('segunda semana de dezembro')).toEqual(['2026-12-08', '2026-12-14']);
  });
});
