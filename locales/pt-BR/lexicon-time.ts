/**
 * The pt-BR words for dates and times, as the rules read them: lower case and without accents
 * (`fold`), a single space standing for any run of spaces. What each phrase means is RULES.md's;
 * src/core/language/calendar.ts and time-of-day.ts hold the arithmetic.
 */
import type { DateRangeKind, MonthPart } from '../../src/core/language/calendar';
import type { DayPart } from '../../src/core/language/time-of-day';

/** Weekday words, 0 = domingo … 6 = sábado. Full names may take "-feira" / " feira". */
export const WEEKDAY_NAMES: Record<string, number> = {
  domingo: 0,
  segunda: 1,
  terca: 2,
  quarta: 3,
  quinta: 4,
  sexta: 5,
  sabado: 6,
};

export const WEEKDAY_ABBREVIATIONS: Record<string, number> = {
  dom: 0,
  seg: 1,
  ter: 2,
  qua: 3,
  qui: 4,
  // "qta", "qta feira": WhatsApp's quinta
  qta: 4,
  sex: 5,
  sab: 6,
};

/** "2a feira", "2ª", "3a": the digit is the weekday's number counting Sunday as the first day. */
export const WEEKDAY_ORDINAL_MARKS = ['a', 'ª', 'º', '°'];
export const WEEKDAY_SUFFIX = 'feira';

/**
 * Abbreviations that are also everyday words ("ter" = to have): a weekday only after one of these
 * words, or when followed by punctuation, a number or "feira"/"que vem".
 */
export const AMBIGUOUS_WEEKDAY_WORDS = ['ter'];
/**
 * Abbreviations that are also a unit after a count: "só um seg", "1 seg" (a second, "peraí 1 seg vou ver
 * minha agenda"), never Monday. A weekday lead still makes them a day ("na seg").
 */
export const UNIT_WEEKDAY_WORDS = ['seg'];
export const UNIT_COUNTS = ['um', '1', 'uns'];
export const WEEKDAY_DETERMINERS = ['na', 'no', 'nesta', 'nessa', 'neste', 'nesse', 'esta', 'essa', 'este', 'esse', 'proxima', 'proximo', 'prox', 'ate', 'ou'];

/** Before a weekday: "esta sexta" is today when today is Friday; "próxima segunda" is a bare weekday. */
export const THIS_WEEKDAY = ['esta', 'essa', 'nesta', 'nessa', 'este', 'esse', 'neste', 'nesse'];
export const NEXT_WEEKDAY_BEFORE = ['proxima', 'proximo', 'prox'];
/** After a weekday: "segunda que vem" (a bare weekday too); "terça agora" (this one: today counts). */
export const NEXT_WEEKDAY_AFTER = ['que vem', 'q vem'];
export const THIS_WEEKDAY_AFTER = ['agora'];
/** After a weekday, a past one: "segunda passada" names no date to book. */
export const PAST_MARKERS = ['passada', 'passado', 'retrasada', 'retrasado'];
/**
 * A weekday name with one typo ("segnda", "tersa", "quinat", "sabdo", "domigo"; edit distance 1, the first letter
 * right): a weekday only right after one of these words, or as the whole message (the answer to "Para quando?").
 */
export const WEEKDAY_SLIP_LEADS = [
  'na', 'no', 'pra', 'pro', 'para', 'de', 'dia',
  // "proxima sexat", "essa sabdo", "ate sexat", "pode ser sabdo?", "tem sexat?"
  'proxima', 'proximo', 'prox', 'essa', 'esta', 'nessa', 'nesta', 'ate', 'ateh', 'ser', 'tem',
];
/**
 * After a misspelt weekday first in the message, words that go on with a day ("segnda de manha", "sexat as 10",
 * "segnda ou terca"): the weekday is read there too. Anything else after it ("segnda eu posso") leaves it alone.
 */
export const WEEKDAY_SLIP_FOLLOWERS = [
  'de', 'a', 'as', 'pela', 'pelo', 'ou', 'cedo', 'manha', 'tarde', 'noite', 'depois', 'antes', 'apos', 'que', 'q', 'agora',
  'mesmo', 'feira', 'perto', 'umas', 'entre', 'dia',
];
/** "e sabdo?": a misspelt weekday right after one of these opening the message (a follow-up), read as a day. */
export const WEEKDAY_SLIP_OPENERS = ['e'];
/** "terca ou qurta": a misspelt weekday after one of these, right after a weekday, is one of a list of days. */
export const WEEKDAY_LIST_JOINERS = ['ou', 'e'];
/**
 * Weekdays written in consonants, as in quick messages ("sxt", "qrt", "qnt", "sgd"): read only where a misspelt
 * weekday is (after a lead, alone, first before a word of a day, in a list), never elsewhere ("qnt custa?").
 */
export const WEEKDAY_SHORTHANDS: Record<string, number> = {
  dmg: 0, dmgo: 0,
  sgd: 1, sgda: 1, sgnd: 1, sgnda: 1,
  trc: 2, trca: 2,
  qrt: 3, qrta: 3,
  qnt: 4, qnta: 4, qnto: 4,
  sxt: 5, sxta: 5,
  sbd: 6, sbdo: 6,
};
/** Words one letter from a weekday name that are words of their own (ordinals, plurals, "quarto", "terra"): never a weekday. */
export const NOT_WEEKDAY_SLIPS = [
  'segundo', 'segundos', 'segundas', 'seguida',
  'terco', 'tercos', 'tercas', 'terra', 'tera', 'teria', 'terna', 'torca',
  'quarto', 'quartos', 'quartas', 'quanta',
  'quinto', 'quintos', 'quintas', 'quintal', 'quina', 'quita',
  'sexto', 'sextos', 'sextas', 'seita', 'seta', 'senta',
  'sabados', 'sabao', 'sabido',
  'domingos', 'domino',
];
/** An ordinal, not a weekday: "segunda vez", "segunda via". */
export const ORDINAL_FOLLOWERS = ['vez', 'via', 'opcao', 'dose', 'parte', 'etapa', 'tentativa', 'chamada', 'consulta', 'sessao', 'filha', 'filho'];

/** Fixed-date holidays: month and day, the next one on or after today. */
export const HOLIDAYS: Record<string, [number, number]> = {
  natal: [12, 25],
  'dia de natal': [12, 25],
  'vespera de natal': [12, 24],
  'ano novo': [1, 1],
  'dia de ano novo': [1, 1],
  reveillon: [1, 1],
  'vespera de ano novo': [12, 31],
  tiradentes: [4, 21],
  'dia do trabalho': [5, 1],
  'dia do trabalhador': [5, 1],
  finados: [11, 2],
  'dia de finados': [11, 2],
};

/**
 * Brazil's national holidays (Lei 662/1949 and its changes; Consciência Negra since 2024): month and day,
 * and Good Friday, which moves with Easter. Carnaval and Corpus Christi are optional days off, not holidays.
 */
export const NATIONAL_HOLIDAYS: ReadonlyArray<[number, number] | 'good-friday'> = [
  [1, 1], 'good-friday', [4, 21], [5, 1], [9, 7], [10, 12], [11, 2], [11, 15], [11, 20], [12, 25],
];
/** "o feriado": the next national holiday on or after today. */
export const HOLIDAY_WORDS = ['feriado', 'feriadao', 'proximo feriado', 'feriado que vem', 'feriado prolongado'];
/** "depois do feriado" / "antes do natal": the words before a holiday that make a range around it. */
export const AFTER_HOLIDAY_LEADS = ['depois do', 'depois da', 'depois de', 'dps do', 'dps da', 'apos o', 'apos a', 'apos', 'passado o', 'passada a', 'pos'];
export const BEFORE_HOLIDAY_LEADS = ['antes do', 'antes da', 'antes de'];
/** "depois do feriado": from the day after the holiday, this many days (a week, as "semana que vem"). */
export const AFTER_HOLIDAY_DAYS = 7;

/**
 * One day with a bound before it is an open range (RULES.md, dates): "a partir do dia 10" (that day on),
 * "depois de quarta" (the day after on), "antes de sexta" (today to the day before), "até dia 5"
 * (today to that day). The words may be followed by an article ("do", "da", "o", "a").
 */
export const DATE_FROM_LEADS = ['a partir de', 'a partir do', 'a partir da', 'a partir', 'apartir de', 'apartir do', 'apartir da', 'apartir'];
export const DATE_AFTER_LEADS = ['depois de', 'depois do', 'depois da', 'dps de', 'dps do', 'dps da', 'apos o', 'apos a', 'apos'];
export const DATE_BEFORE_LEADS = ['antes de', 'antes do', 'antes da'];
export const DATE_UNTIL_LEADS = ['ate o', 'ate a', 'ate', 'ateh o', 'ateh a', 'ateh'];
/** "semana do dia 7": the week (Monday to Sunday) holding that day. */
export const WEEK_OF_LEADS = ['semana do', 'semana da', 'semana de'];
/** Articles between the bound and the day: "até o dia 5", "a partir da sexta". */
export const DATE_BOUND_ARTICLES = ['o', 'a'];
/** "a partir do dia 10": from that day, this many days (two weeks, as "nas próximas duas semanas"). */
export const DATE_FROM_DAYS = 14;

/** Between two dates, a range: "10 de agosto a 12 de setembro", "21/12 até 06/01". */
export const DATE_RANGE_JOINERS = ['a', 'ate', '-', '–'];

/** Before two dates joined by "e", a range: "entre segunda e sexta" (every day between them), not two days. */
export const DATE_RANGE_OPENERS = ['entre'];
export const DATE_RANGE_CLOSER = 'e';
/** Articles that may come before each of those dates: "entre a segunda e a sexta", "entre os dias 5 e 10". */
export const DATE_RANGE_ARTICLES = ['a', 'o', 'as', 'os'];

/**
 * Between days offered as alternatives, any of which suits: "quinta ou sexta", "segunda, terça ou
 * sexta", "dia 3 ou 4", and "segunda e terça", "segunda, terça e quarta" (a patient naming two days to
 * book one appointment means either). A list joined by commas counts only when its last joiner is one
 * of these words.
 */
export const DATE_ALTERNATIVE_JOINERS = ['ou', 'e'];
/** Words that may come between the joiner and the next day: "na segunda ou na quarta", "dia 3 ou no dia 4". */
export const DATE_ALTERNATIVE_LEADS = ['na', 'no', 'em', 'pra', 'para', 'pro', 'a', 'o', 'entao'];

/** Before a past day, words that make it when something began ("febre desde ontem"): no date at all, not one that has passed. */
export const SINCE_LEADS = ['desde'];

/** Days from today; negative ones have passed ("ontem"): no date to book, but worth telling the patient. */
export const RELATIVE_DAYS: Record<string, number> = {
  ontem: -1,
  anteontem: -2,
  'antes de ontem': -2,
  'antes d ontem': -2,
  hoje: 0,
  hj: 0,
  amanha: 1,
  amnh: 1,
  amh: 1,
  amanh: 1,
  amn: 1,
  'depois de amanha': 2,
  'depois d amanha': 2,
  'dps de amanha': 2,
  'dps d amanha': 2,
  'dpois de amanha': 2,
  'dpois d amanha': 2,
  'depois de amnh': 2,
  'dps de amnh': 2,
  'depois de amh': 2,
  'dps de amh': 2,
};

/**
 * The one-letter slips of a date word typed in a hurry: a letter left out, two neighbours swapped, a letter doubled
 * ("semna", "smeana", "semmana"; "amnha", "amanah", "amannha"), the first letter always right, and never `not`, a word
 * of its own. Only these shapes: a letter replaced by another makes real words too ("aranha", "amanda" for "amanhã").
 */
function oneLetterSlips(word: string, not: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 1; i < word.length; i++) {
    out.add(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    out.add(word.slice(0, i) + word[i] + word.slice(i));
  }
  out.delete(word);
  for (const w of not) out.delete(w);
  return [...out];
}

/** "semna q vem", "proxima smana": "semana" with one letter slipped, read only inside the week phrases. */
export const SEMANA_SLIPS = oneLetterSlips('semana', ['semana', 'semanas']);
/** "amanah", "amnha de manha", "depois de amahna": "amanhã" with one letter slipped, read as "amanhã" is. */
export const AMANHA_SLIPS = oneLetterSlips('amanha', ['amanh', 'amanha']);
for (const slip of AMANHA_SLIPS) {
  RELATIVE_DAYS[slip] ??= 1;
  for (const lead of ['depois de', 'dps de']) RELATIVE_DAYS[`${lead} ${slip}`] ??= 2;
}

/** "daqui a 3 dias", "em 2 semanas", "daqui a um mês", "daqui a um ano": that one day. */
export const OFFSET_LEADS = ['daqui a', 'daqui', 'dqui a', 'dqui', 'daki a', 'daki', 'daq a', 'daq', 'em'];
/** "dentro de 30 dias", "em até 15 dias", "no prazo de uma semana": any day from today to that one. */
export const OFFSET_WITHIN_LEADS = ['dentro de', 'em ate', 'em ateh', 'em no maximo', 'no maximo em', 'no prazo de', 'num prazo de'];
/** "depois de 30 dias", "após 2 semanas": that day on (DATE_FROM_DAYS days, as "a partir de segunda"). */
export const OFFSET_AFTER_LEADS = ['depois de', 'dps de', 'dpois de', 'apos'];
/** Between an OFFSET_LEADS word and the count, "more than": "daqui a mais de um mês" is that day on, as OFFSET_AFTER_LEADS. */
export const OFFSET_MORE_THAN = ['mais de'];
/** Between an OFFSET_LEADS word and the count, "less than": "em menos de 10 dias" is any day up to it, as OFFSET_WITHIN_LEADS. */
export const OFFSET_LESS_THAN = ['menos de'];
/** Before the count, "about": "daqui a mais ou menos 10 dias", "daqui uns 10 dias" are that day, as without it. */
export const OFFSET_ABOUT = ['uns', 'umas', 'mais ou menos', 'cerca de', 'aproximadamente'];
/** After such a count, words that make it how long something lasted ("depois de 3 dias de gripe"), unless a part of the day follows. */
export const OFFSET_LASTED_JOINERS = ['de', 'do', 'da', 'sem', 'com'];
export const OFFSET_UNITS: Record<string, 'day' | 'week' | 'month' | 'year'> = {
  dia: 'day',
  dias: 'day',
  semana: 'week',
  semanas: 'week',
  mes: 'month',
  meses: 'month',
  ano: 'year',
  anos: 'year',
};

/**
 * "nos próximos 10 dias", "nas próximas duas semanas", "nas próximas semanas": the days after today up to
 * that far ahead (a range). With no count, the count here.
 */
export const NEXT_SPAN_WORDS = ['proximos', 'proximas', 'prox'];
export const NEXT_SPAN_UNITS: Record<string, 'day' | 'week' | 'month'> = {
  dias: 'day',
  semanas: 'week',
  meses: 'month',
};
export const NEXT_SPAN_DEFAULT_COUNT: Record<'day' | 'week' | 'month', number> = { day: 7, week: 2, month: 2 };

export const MONTHS: Record<string, number> = {
  janeiro: 1,
  jan: 1,
  fevereiro: 2,
  fev: 2,
  marco: 3,
  mar: 3,
  abril: 4,
  abr: 4,
  maio: 5,
  mai: 5,
  junho: 6,
  jun: 6,
  julho: 7,
  jul: 7,
  agosto: 8,
  ago: 8,
  setembro: 9,
  set: 9,
  outubro: 10,
  out: 10,
  novembro: 11,
  nov: 11,
  dezembro: 12,
  dez: 12,
};

/** "dia 15", "no dia 3 de janeiro". */
export const DAY_WORD = 'dia';
/** Before a range of days: "de 10 a 15 de dezembro", "entre 10 e 15 de dezembro", "dos dias 3 a 5". */
export const DAY_RANGE_LEADS = ['de', 'desde', 'entre', 'do dia', 'dos dias', 'entre os dias', 'entre o dia', 'a partir de', 'dia', 'dias'];
export const DAY_RANGE_JOINERS = ['a', 'ate', 'e', '-', '–'];
/** Between two days of the month after "dia", a range: "dia 3 a 5", "do dia 3 ao dia 5", "dia 3 até o 5" (a dash is a day and month: "dia 10-12"). */
export const DAY_OF_MONTH_RANGE_JOINERS = ['a', 'ao', 'ate', 'ate o', 'ate a', 'ateh', 'ateh o'];
/** Between a bare day number and next month: "5 do mês que vem", "10 no próximo mês" (without "dia" only there). */
export const BARE_DAY_MONTH_JOINERS = ['do', 'no'];
/** "primeiro de dezembro", "dia primeiro". */
export const FIRST_DAY_WORDS = ['primeiro'];

/** Number words for counts, days of the month and hours (single spaces between words). */
export const NUMBER_WORDS: Record<string, number> = {
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  treze: 13,
  catorze: 14,
  quatorze: 14,
  quinze: 15,
  dezesseis: 16,
  dezessete: 17,
  dezoito: 18,
  dezenove: 19,
  vinte: 20,
  trinta: 30,
  // "dia vinte e cinco", "às vinte e uma", "daqui a vinte e um dias", "dia trinta e um": a ten and a unit
  ...tensAndUnits(),
};

function tensAndUnits(): Record<string, number> {
  const units: Record<string, number> = { um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9 };
  const words: Record<string, number> = {};
  for (const [unit, n] of Object.entries(units)) {
    words[`vinte e ${unit}`] = 20 + n;
    if (n === 1) words[`trinta e ${unit}`] = 31;
  }
  return words;
}

/** "primeira quinzena", "segunda quinzena": the halves of a month (the 1st to the 15th, the 16th to the last day). */
const FORTNIGHT_WORDS = {
  first: ['primeira quinzena', '1a quinzena', '1 quinzena'],
  second: ['segunda quinzena', '2a quinzena', '2 quinzena', 'ultima quinzena'],
};

/** Phrases that name a range of days. */
export const DATE_RANGE_PHRASES: Record<string, DateRangeKind> = buildDateRangePhrases();

function buildDateRangePhrases(): Record<string, DateRangeKind> {
  const phrases: Record<string, DateRangeKind> = {};
  const add = (kind: DateRangeKind, list: string[]) => list.forEach((p) => (phrases[p] = kind));
  const thisWords = ['este', 'esse', 'neste', 'nesse'];
  const thisWordsFeminine = ['esta', 'essa', 'nesta', 'nessa'];
  // "sexta da outra semana", "na outra semana": the week after this one, as people say it (a reply to the times on offer,
  // "tem outra semana?", is read by the dialogue as another day first)
  const nextWeek = ['semana que vem', 'semana q vem', 'proxima semana', 'prox semana', 'semana seguinte', 'outra semana'];
  const nextMonth = ['mes que vem', 'mes q vem', 'proximo mes', 'prox mes', 'mes seguinte', 'outro mes'];
  const endWords = ['fim', 'final', 'finalzinho'];
  const startWords = ['inicio', 'comeco', 'comecinho'];

  add('next-week', nextWeek);
  // "semna q vem", "proxima smana": the week words with "semana" slipped (SEMANA_SLIPS), never the slip alone
  add('next-week', SEMANA_SLIPS.flatMap((s) => [`${s} que vem`, `${s} q vem`, `proxima ${s}`, `prox ${s}`, `${s} seguinte`, `outra ${s}`]));
  // "desta semana" reads as a complement: "terça desta semana"
  add('this-week', [...thisWordsFeminine, 'desta', 'dessa'].flatMap((w) => [`${w} semana`, ...SEMANA_SLIPS.map((s) => `${w} ${s}`)]));
  const weekend = ['fim de semana', 'final de semana', 'fim d semana', 'final d semana', 'fds'];
  add('weekend', weekend);
  add(
    'weekend',
    weekend.flatMap((w) => [
      `${w} que vem`,
      `proximo ${w}`,
      ...thisWords.map((t) => `${t} ${w}`),
    ]),
  );
  add('next-month', nextMonth);
  add('this-month', thisWords.map((w) => `${w} mes`));
  add('end-of-month', endWords.flatMap((e) => [`${e} do mes`, `${e} deste mes`, `${e} desse mes`]));
  add('end-of-next-month', endWords.flatMap((e) => nextMonth.map((m) => `${e} do ${m}`)));
  add('start-of-month', startWords.map((s) => `${s} do mes`));
  add('start-of-next-month', startWords.flatMap((s) => nextMonth.map((m) => `${s} do ${m}`)));
  // "meio do mês", "lá pro meio do mês que vem"; "primeira quinzena", "segunda quinzena do mês que vem" (never Monday)
  const monthParts: [DateRangeKind, DateRangeKind, string[]][] = [
    ['middle-of-month', 'middle-of-next-month', ['meio', 'meados', 'metade']],
    ['first-half-of-month', 'first-half-of-next-month', FORTNIGHT_WORDS.first],
    ['second-half-of-month', 'second-half-of-next-month', FORTNIGHT_WORDS.second],
  ];
  for (const [thisKind, nextKind, words] of monthParts) {
    add(thisKind, words.flatMap((w) => [`${w} do mes`, `${w} deste mes`, `${w} desse mes`]));
    add(nextKind, words.flatMap((w) => nextMonth.flatMap((m) => [`${w} do ${m}`, `${m} no ${w}`])));
  }
  // a fortnight alone is this month's
  add('first-half-of-month', FORTNIGHT_WORDS.first);
  add('second-half-of-month', FORTNIGHT_WORDS.second);
  add('next-year', ['ano que vem', 'ano q vem', 'proximo ano', 'prox ano', 'ano seguinte']);
  // "mês que vem no início", "semana que vem no final": the part said after
  add('start-of-next-month', startWords.flatMap((s) => nextMonth.map((m) => `${m} no ${s}`)));
  add('end-of-next-month', endWords.flatMap((e) => nextMonth.map((m) => `${m} no ${e}`)));
  // "início da semana", "meio da semana que vem", "final dessa semana" (not "final de semana", the weekend)
  const weekParts: [DateRangeKind, DateRangeKind, string[]][] = [
    ['start-of-week', 'start-of-next-week', startWords],
    ['middle-of-week', 'middle-of-next-week', ['meio', 'meados']],
    ['end-of-week', 'end-of-next-week', endWords],
  ];
  for (const [thisKind, nextKind, words] of weekParts) {
    add(thisKind, words.flatMap((w) => [`${w} da semana`, `${w} desta semana`, `${w} dessa semana`]));
    add(nextKind, words.flatMap((w) => nextWeek.flatMap((n) => [`${w} da ${n}`, `${n} no ${w}`])));
  }
  return phrases;
}

/**
 * A named month, or a part of it (RULES.md, dates): "em dezembro", "início de dezembro", "meados de
 * janeiro", "fim de dezembro", "segunda semana de dezembro". Only full month names count ("mar" is a
 * word of its own), and "março" alone needs a lead ("marco" is also "I book").
 */
export const MONTH_PART_PHRASES: Record<string, MonthPart> = {
  inicio: 'start', comeco: 'start', comecinho: 'start',
  meados: 'middle', meio: 'middle',
  fim: 'end', final: 'end', finalzinho: 'end', 'ultima semana': 'end', 'ultimos dias': 'end',
  'primeira semana': 'week-1', '1a semana': 'week-1',
  'segunda semana': 'week-2', '2a semana': 'week-2',
  'terceira semana': 'week-3', '3a semana': 'week-3',
  'quarta semana': 'week-4', '4a semana': 'week-4',
  'primeira quinzena': 'first-half', '1a quinzena': 'first-half',
  'segunda quinzena': 'second-half', '2a quinzena': 'second-half', 'ultima quinzena': 'second-half',
};
/** Between the part and the month: "início de dezembro", "fim do mês de janeiro". */
export const MONTH_PART_JOINERS = ['de', 'do mes de', 'do mes', 'da', 'do'];
/** Before a month alone: "em dezembro", "no mês de janeiro", "pra dezembro". */
export const MONTH_LEADS = ['em', 'no mes de', 'mes de', 'pra', 'para', 'durante'];
/** Month names that need a part or a lead before them to be a month. */
export const MONTH_NEEDS_LEAD = ['marco'];

/** Lunch as it is often misspelt ("almoso"): each phrase also with that spelling. */
const LUNCH_SLIP = 'almoso';

function withLunchSlips(phrases: Record<string, DayPart>): Record<string, DayPart> {
  const out: Record<string, DayPart> = { ...phrases };
  for (const [phrase, part] of Object.entries(phrases)) if (phrase.includes('almoco')) out[phrase.replace('almoco', LUNCH_SLIP)] = part;
  return out;
}

/** Phrases that name a part of the day. */
export const DAY_PART_PHRASES: Record<string, DayPart> = {
  manha: 'manha',
  tarde: 'tarde',
  noite: 'noite',
  cedo: 'early-morning',
  'bem cedo': 'early-morning',
  'logo cedo': 'early-morning',
  cedinho: 'early-morning',
  'bem cedinho': 'early-morning',
  // "cedo" as it is often misspelt
  sedo: 'early-morning',
  'bem sedo': 'early-morning',
  'logo sedo': 'early-morning',
  sedinho: 'early-morning',
  // "na primeira hora": first thing in the morning
  'primeira hora': 'early-morning',
  'primeira hr': 'early-morning',
  'primeira hora da manha': 'early-morning',
  'primeiras horas da manha': 'early-morning',
  'primeira hora do dia': 'early-morning',
  'manha cedo': 'early-morning',
  'manha bem cedo': 'early-morning',
  'cedo de manha': 'early-morning',
  'cedo pela manha': 'early-morning',
  manhazinha: 'early-morning',
  'inicio da manha': 'early-morning',
  'comeco da manha': 'early-morning',
  'inicio de manha': 'early-morning',
  'comeco de manha': 'early-morning',
  'fim da manha': 'late-morning',
  'final da manha': 'late-morning',
  'finalzinho da manha': 'late-morning',
  'fim de manha': 'late-morning',
  'final de manha': 'late-morning',
  'inicio da tarde': 'early-afternoon',
  'comeco da tarde': 'early-afternoon',
  'comecinho da tarde': 'early-afternoon',
  'inicio de tarde': 'early-afternoon',
  'comeco de tarde': 'early-afternoon',
  'fim da tarde': 'late-afternoon',
  'final da tarde': 'late-afternoon',
  'finalzinho da tarde': 'late-afternoon',
  'fim de tarde': 'late-afternoon',
  'final de tarde': 'late-afternoon',
  'finalzinho de tarde': 'late-afternoon',
  // the clinic's day ends with the afternoon
  'fim do dia': 'late-afternoon',
  'final do dia': 'late-afternoon',
  ...withLunchSlips({
    'depois do almoco': 'tarde',
    'dps do almoco': 'tarde',
    'apos o almoco': 'tarde',
    'apos almoco': 'tarde',
    'pos almoco': 'tarde',
    'pos-almoco': 'tarde',
    'depois de almocar': 'tarde',
    'dps de almocar': 'tarde',
  }),
  tardinha: 'late-afternoon',
  // the evening, as it is said fondly ("à noitinha")
  noitinha: 'noite',
  tardezinha: 'late-afternoon',
  // the small hours, before the morning: a clock range, not a period
  // "à noite", "à tarde" run together
  anoite: 'noite',
  atarde: 'tarde',
  madrugada: 'small-hours',
  madrugadinha: 'small-hours',
};

/**
 * Parts of the day named by lunch, read only when the message has the word (LUNCH_WORD): "no almoço",
 * "na hora do almoço" (around 12:00–14:00), "antes do almoço" (the morning). "depois do almoço" is above.
 */
export const LUNCH_WORD = 'almo';
export const LUNCH_PHRASES: Record<string, DayPart> = withLunchSlips({
  'antes do almoco': 'manha',
  almoco: 'lunch',
  'hora do almoco': 'lunch',
  'hora de almoco': 'lunch',
  'horario do almoco': 'lunch',
  'horario de almoco': 'lunch',
  'perto do almoco': 'lunch',
  'por volta do almoco': 'lunch',
});

/** The three period words: after an hour they settle it ("2 da tarde"). */
export const PERIOD_WORDS = ['manha', 'tarde', 'noite'];
/** The small hours after a number ("3 da madrugada"), as a period is ("3 da tarde"): the hour is read in them. */
export const SMALL_HOURS_WORDS = Object.keys(DAY_PART_PHRASES).filter((w) => DAY_PART_PHRASES[w] === 'small-hours');

/** Words a part of the day may follow; kept in what the patient wrote ("de manhã", "no fim da tarde"). */
export const DAY_PART_LEADS = [
  'de',
  'da',
  'pela',
  'pelo',
  'a',
  'na',
  'no',
  'ao',
  'do',
  'durante a',
  'na parte da',
  'no periodo da',
  'no turno da',
  'periodo da',
  'turno da',
  'parte da',
];

/** Between a day and the week or month around it: "sexta da semana que vem", "dia 10 do mês que vem". */
export const SCOPE_JOINERS = ['da', 'de', 'do', 'na', 'no', 'a', 'e'];
/** Spoken words that may come before a scope joiner ("semana que vem é na quarta", "semana que vem, de preferência na sexta"). */
export const SCOPE_FILLERS = ['e', 'eh', 'é', 'tipo', 'pode ser', 'de preferencia', 'de preferência', 'se der', 'mas'];

/** Before a part of the day: today's ("esta noite", "nessa tarde"). */
export const TODAY_DAY_PART_LEADS = ['esta', 'essa', 'nesta', 'nessa'];

/**
 * Period words that are not a period: greetings ("boa tarde") and adverbs ("mais tarde", "muito cedo",
 * "tarde demais").
 */
export const NOT_A_PERIOD_BEFORE = ['bom', 'boa', 'mais', 'muito', 'tao'];
export const NOT_A_PERIOD_AFTER = ['demais'];

/** Hour units: "14h", "14hs", "14 horas". */
export const HOUR_UNITS = ['h', 'hs', 'hrs', 'hr', 'horas', 'hora'];
/** Units that also count a duration ("por 2 horas"): without "às" they need an hour of 7 or later. */
export const DURATION_HOUR_UNITS = ['horas', 'hora'];
export const MINUTE_UNITS = ['min', 'mins', 'minutos'];
/** Units after a dotted number that make it a measure ("70.50 kg", "37.50 graus"), not a time ("10.30"). */
export const MEASURE_UNITS = ['kg', 'kilos', 'quilos', 'g', 'mg', 'ml', 'l', 'litros', 'm', 'cm', 'graus', 'reais', 'real', 'pila', 'conto', 'porcento', 'por cento'];
/**
 * Words right before a dotted number that make it money or a score, not a time ("nota 9.50", "paguei 9.50", "custa
 * 9.50"): the number is no time even after "umas" ("custou umas 9.50"). Folded words.
 */
export const NOT_A_TIME_BEFORE_DOTTED = [
  'nota', 'notas', 'media', 'pontos', 'ponto', 'score', 'avaliacao',
  'paguei', 'pagou', 'pagamos', 'pago', 'pagar', 'paga', 'custa', 'custam', 'custou', 'custaram', 'custar', 'cobrou', 'cobra',
  'cobram', 'cobraram', 'valor', 'preco', 'total', 'saldo', 'troco', 'conta', 'boleto', 'pix', 'taxa', 'gastei', 'reais', 'r', 'rs',
  'peso', 'pesando', 'altura',
];
/**
 * A dotted number with no hour word before it, no hour unit and no period after it ("10.30") is a time only beside a
 * date ("sexta 10.30") or when the rest of the message is made only of these words: an answer to when
 * ("10.30", "pode ser 10.30?", "prefiro 10.30", "quero marcar 10.30"). Folded words.
 */
export const TIME_ANSWER_WORDS = [
  'pode', 'ser', 'podia', 'poderia', 'seria', 'fica', 'ficaria', 'prefiro', 'prefere', 'preferia', 'melhor', 'quero', 'queria',
  'gostaria', 'marcar', 'marca', 'marque', 'agendar', 'agenda', 'remarcar', 'pra', 'para', 'p', 'o', 'a', 'de', 'do', 'da',
  'no', 'na', 'sim', 's', 'ok', 'blz', 'beleza', 'entao', 'tipo', 'isso', 'esse', 'este', 'horario', 'mesmo', 'certo', 'por',
  'favor', 'pfv', 'pf', 'eu', 'me', 'acho', 'que', 'tem', 'teria', 'ai', 'vaga', 'e', 'ou', 'consigo', 'posso', 'ta', 'bom',
  'otimo', 'perfeito', 'combinado', 'fechado', 'oi', 'ola', 'serve', 'servia', 'funciona', 'rola', 'obrigado', 'obrigada', 'obg',
];
/** "9 e meia" */
export const HALF_PAST = 'e meia';
/**
 * "às 17 e 30", "às cinco e quinze da tarde", "10h e 15": minutes after the hour, joined by "e". Without a lead,
 * an hour unit or a period after it ("dia 10 e 15", "17 e 30" alone) a number pair is not taken as a time.
 */
export const MINUTES_PAST_JOINER = 'e';
export const MINUTES_PAST_WORDS: Record<string, number> = {
  cinco: 5, dez: 10, quinze: 15, vinte: 20, 'vinte e cinco': 25, trinta: 30, 'trinta e cinco': 35, quarenta: 40,
  'quarenta e cinco': 45, cinquenta: 50, 'cinquenta e cinco': 55,
};
export const NOON = ['meio dia', 'meio-dia', 'meiodia'];
/** Half past noon: "meio dia e meia", and "meio dia e meio" as it is often said (agreeing with "dia"). */
export const HALF_PAST_NOON = ['e meia', 'e meio'];
export const NOON_LEADS = ['ao', 'as', 'a', 'pelo', 'por volta do'];
export const MIDNIGHT = ['meia noite', 'meia-noite', 'meianoite'];
/**
 * Minutes to the hour: "quinze pras 3" (14:45), "dez pra uma", "5 para as 10", "quinze pro meio dia". The minutes
 * said before the hour, and the words joining them to it; "pra"/"para" alone only before the hour one.
 */
export const MINUTES_TO_HOUR: Record<string, number> = {
  '5': 5, '10': 10, '15': 15, '20': 20, '25': 25, cinco: 5, dez: 10, quinze: 15, vinte: 20, 'vinte e cinco': 25,
};
export const MINUTES_TO_JOINERS = ['pras', 'pra as', 'para as', 'pra a', 'para a', 'p as'];
export const MINUTES_TO_ONE_JOINERS = ['pra', 'para', 'p'];
export const MINUTES_TO_NOON_JOINERS = ['pro', 'pra o', 'para o'];
/**
 * "umas 10": around an hour, read as that hour (as "lá pelas 10", "por volta das 10"). Also a count ("umas 10
 * pessoas", "umas 2 horas" of waiting): a time only when nothing or a word HOUR_FOLLOWERS lists comes after the
 * number, and never with "hora(s)" after it.
 */
export const APPROXIMATE_HOUR_LEADS = ['umas'];
/** Words before an hour that make a bare number a time: "às 3", "lá pelas 10", "por volta das 9". */
export const HOUR_LEADS = ['as', 'das', 'pras', 'pelas', 'la pelas', 'por volta das', 'por volta de', 'perto das', ...APPROXIMATE_HOUR_LEADS];
/** Words before "N horas" that make it a duration ("por 2 horas", "faz 3 horas"), not a time. */
export const DURATION_LEADS = ['por', 'durante', 'ha', 'faz', 'umas', 'uns', 'quase', 'cerca', 'mais', 'menos', 'daqui', 'em', 'leva', 'demora', 'dura', 'de'];
/**
 * Verbs of waiting or delay up to three words before a number of hours or minutes with no "às": a duration, whatever the
 * unit ("esperei 2h", "fiquei 3h esperando", "esperei mais de 1h", "demorou 40 min"), not a time.
 */
export const WAIT_VERBS = ['esperei', 'esperamos', 'esperando', 'aguardei', 'aguardamos', 'aguardando', 'fiquei', 'ficamos', 'demorou', 'demoraram', 'atrasou', 'atrasaram'];
/** "à uma (da tarde)": "a" leads only the hour one. */
export const ONE_OCLOCK_LEAD = 'a';
/** "amanhã ou depois": tomorrow or the day after (folded words; "depois" not followed by what it is after). */
export const TOMORROW_OR_AFTER = { days: ['amanha'], joiner: 'ou', after: ['depois', 'dps'] };

/** Words before "um"/"uma" that make it a pronoun, not the hour one ("qualquer um de manhã", "cada uma à tarde"). */
export const NOT_AN_HOUR_BEFORE_ONE = ['qualquer', 'cada', 'algum', 'alguma', 'nenhum', 'nenhuma', 'outro', 'outra', 'mais', 'so', 'apenas', 'marcar', 'marca', 'agendar', 'quero', 'queria'];
/** The hour one is feminine ("uma da tarde"): "um" alone is never an hour without "às" before it. */
export const MASCULINE_ONE = 'um';

/** Words after an hour that keep a spelled-out number a time ("às duas pode ser?", not "as duas consultas"). */
export const HOUR_FOLLOWERS = ['ou', 'e', 'pode', 'fica', 'seria', 'ta', 'por', 'se', 'no', 'na', 'com', 'pra', 'para', 'que', 'mesmo', 'entao', 'certo', 'ok', 'tambem', 'do', 'de', 'da', 'em', 'la'];

/**
 * Hours offered as alternatives: "8 ou 9 da manhã", "às 8 ou às 9", "8h ou 9h". A window from the first to the
 * end of the last (08:00–10:00), as "de manhã ou à tarde" spans both parts; at most this many hours apart.
 */
export const HOUR_ALTERNATIVE_JOINER = 'ou';
export const HOUR_ALTERNATIVE_MAX_GAP_HOURS = 3;
/** Words before a number that make "N ou M" days, not hours ("dia 3 ou 4"). */
export const NOT_AN_HOUR_BEFORE = ['dia', 'dias'];

/** Clock ranges: "entre 14h e 16h", "das 14 às 16", "depois das 15h", "antes das 10". */
export const RANGE_BETWEEN = { lead: 'entre', joiner: 'e' };
export const RANGE_FROM_LEADS = ['das', 'de', 'dos', 'da'];
/** Leads of a clock range only before noon: "do meio dia às 14" ("do 3 ao 5" stays days). */
export const NOON_RANGE_FROM_LEADS = ['do', 'desde o'];
export const RANGE_TO_JOINERS = ['as', 'a', 'ao', 'ate'];
export const RANGE_DASHES = ['-', '–'];
export const AFTER_LEADS = ['depois', 'dps', 'apos', 'a partir', 'apartir'];
/** Words after a time that open it to the end of the day: "das 16h em diante", "das 4 da tarde pra frente". */
export const ONWARD_PHRASES = ['em diante', 'pra frente', 'para frente', 'por diante', 'pra diante'];
/** Words that join a part of the day to the hour before it, saying which hour it is ("4 da tarde", "10 de manhã"). */
export const HOUR_PART_LEADS = ['da', 'de'];
export const BEFORE_LEADS = ['antes', 'ate', 'ateh'];
/**
 * Words right before a range's number that make it an hour, not a day and month: "depois das 3.12", "até as 3.12",
 * "das 3.12 às 5" (as "depois das 3h12"); "até 3.12", "depois do 3.12" stay dates.
 */
export const HOUR_ARTICLES = ['das', 'as'];
/** Articles between a range word and its hour: "depois das 15", "até as 10", "antes do meio dia". */
export const RANGE_ARTICLES = ['das', 'da', 'dos', 'do', 'de', 'as', 'a', 'o', 'os'];
/** Units that make a number after "até"/"entre" a count, not an hour ("até 15 dias", "entre 2 e 3 semanas"). */
export const COUNT_UNITS = ['dia', 'dias', 'semana', 'semanas', 'mes', 'meses', 'ano', 'anos', 'vez', 'vezes', 'consulta', 'consultas', 'pessoa', 'pessoas', 'reais', 'minuto', 'minutos', 'min', 'km', 'anos', 'opcao', 'opcoes'];

/**
 * "qualquer dia menos quarta": any day, said before the days taken out (negated). The next two weeks from today are
 * wished, those days left out (RULES.md, dates). Folded phrases.
 */
export const ANY_DAY_PHRASES = ['qualquer dia', 'qualquer data', 'qualquer outro dia', 'qq dia', 'qlq dia', 'qq data', 'qlq data', 'tanto faz o dia'];
/** How many days from today "qualquer dia menos quarta" spans (as the conversation's "qualquer dia"). */
export const ANY_DAY_SPAN_DAYS = 14;

/** A mention is negated when one of these comes within three words before it (RULES.md). */
export const NEGATION_WORDS = ['nao', 'n', 'nem', 'menos', 'exceto', 'tirando', 'fora'];
export const NEGATION_WINDOW_WORDS = 3;
/** Negating phrases, in reading order, ending within the same three words: "qualquer dia sem ser sexta". */
export const NEGATION_PHRASES = [['sem', 'ser']];
/**
 * A mention is a reason, not a wish, when one of these (folded words, in order) comes within four words before
 * it in the same clause: "de manhã porque à tarde eu trabalho", "sexta, já que segunda eu viajo" (RULES.md).
 */
export const REASON_LEADS = [
  ['porque'], ['pq'], ['pois'], ['por', 'que'], ['ja', 'que'], ['por', 'causa'],
  // busy then: "pode ser à tarde, trabalho de manhã"
  ['trabalho'], ['trabalhando'], ['tenho', 'aula'],
];
export const REASON_WINDOW_WORDS = 4;
/**
 * After a mention, in the same clause, words that decline it: "de manhã não posso", "segunda não dá", "sexta eu
 * não consigo". Like a reason, such a mention counts only when no other of its kind is said ("prefiro à tarde,
 * de manhã não posso" → à tarde); alone it still counts (it may name the appointment: "amanhã não vou poder ir").
 * Up to DECLINED_GAP_WORDS words may stand between, none of them a DECLINED_STOP; a question mark right after
 * ("segunda não dá?") asks for the day instead.
 */
export const DECLINED_AFTER = [
  'nao posso', 'n posso', 'nao da', 'n da', 'nao consigo', 'n consigo', 'nao rola', 'nao vai dar', 'nao vai rolar',
  'nao vou poder', 'nao vou conseguir', 'nao tenho como', 'nao fica bom', 'nao e bom', 'nao serve', 'nao vai ser possivel',
  'ta ruim', 'esta ruim', 'fica ruim', 'e ruim', 'ta complicado', 'esta complicado', 'fica complicado', 'e complicado',
  'ta dificil', 'fica dificil', 'e dificil', 'ta osso', 'nao rola pra mim',
  // busy then: "de manhã eu trabalho", "segunda tenho aula"
  'trabalho', 'to trabalhando', 'estou trabalhando', 'tenho aula',
];
/**
 * Not going, said right before a whole part of the day ("não vou poder ir de manhã", "não consigo ir à tarde"): that
 * part of the day is refused, as when the decline comes after it. Folded phrases; the period follows with at most
 * "de", "a", "na", "pela" between (the time mention itself).
 */
export const ABSENCE_BEFORE_PERIOD = [
  'nao vou poder ir', 'n vou poder ir', 'nao vou pode ir', 'nao vou conseguir ir', 'n vou conseguir ir', 'nao vou consegui ir',
  'nao posso ir', 'n posso ir', 'nao consigo ir', 'n consigo ir', 'nao da pra ir', 'nao da para ir', 'nao vai dar pra ir',
  'nao vai dar para ir', 'nao tenho como ir', 'nao poderei ir', 'nao vou poder', 'nao posso', 'nao consigo',
];
/** Declining only at the end of the clause: "quinta, sexta não" (but "sexta não vou" is not read so). */
export const DECLINED_AT_END = ['nao', 'n'];
export const DECLINED_GAP_WORDS = 3;
export const DECLINED_STOPS = ['mas', 'porem', 'so', 'e', 'ou', 'que', 'porque', 'pq', 'pois', 'se'];
/**
 * "não tem sexta?", "nao teria na sexta?": a question whether there is that day, which asks for it. "não" right before
 * one of these, the mention at most NEGATED_QUESTION_GAP words later, and a "?" closing its clause is no negation
 * ("não tem sexta, só segunda" still is). Folded words.
 */
export const NEGATED_QUESTION_VERBS = ['tem', 'teria', 'tinha', 'rola', 'ha', 'haveria', 'existe', 'da', 'dava', 'daria'];
export const NEGATED_QUESTION_GAP = [
  'pra', 'para', 'na', 'no', 'nessa', 'nesse', 'horario', 'horarios', 'vaga', 'vagas', 'nada', 'consulta', 'de', 'dia',
  // a day before a part of the day: "não tem sexta de tarde?"
  'hoje', 'amanha', 'segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado', 'domingo', 'feira',
];

/** "pelo menos na segunda", "mais ou menos às 3": "menos" that does not negate, by the word before it. */
export const NOT_NEGATING_BEFORE: Record<string, string[]> = { menos: ['pelo', 'ao', 'ou'] };
/** Right after "não", a preference: the comma left out of "não, prefiro à tarde" ("nao prefiro a tarde"), no negation. */
export const NO_THEN_PREFERENCE = ['prefiro', 'preferia', 'preferiria'];
