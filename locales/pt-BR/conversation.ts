/**
 * Every sentence the booking dialogue says, in Brazilian Portuguese (ARCHITECTURE.md, convention 10).
 * Functions build them from data the machine already holds; dates and times arrive local to the
 * appointment's location ("YYYY-MM-DD", "HH:MM"). The machine joins the parts of one reply and never
 * writes a word itself. Each reply carries at most one question.
 */

// ---------------------------------------------------------------------------------------------------
// Dates and times

const WEEKDAY_SHORT = ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'];
const WEEKDAY_NAME = ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'];
const WEEKDAY_PLURAL = ['domingos', 'segundas', 'terças', 'quartas', 'quintas', 'sextas', 'sábados'];
/** sábado and domingo are masculine: "no sábado", "aos domingos"; the others feminine */
const MASCULINE_DAYS = new Set([0, 6]);

function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function dayMonth(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** "qua, 26/11" */
export function shortDate(date: string): string {
  return `${WEEKDAY_SHORT[weekdayOf(date)]}, ${dayMonth(date)}`;
}

/** "quarta, 26/11" */
export function longDate(date: string): string {
  return `${WEEKDAY_NAME[weekdayOf(date)]}, ${dayMonth(date)}`;
}

/** "na quarta, 26/11", "no sábado, 28/11" */
export function onDate(date: string): string {
  return `${MASCULINE_DAYS.has(weekdayOf(date)) ? 'no' : 'na'} ${longDate(date)}`;
}

/** "hoje (qua, 25/11)", "amanhã (qui, 26/11)", else "na sexta, 27/11" */
export function dayPhrase(date: string, today: string, tomorrow: string): string {
  if (date === today) return `hoje (${shortDate(date)})`;
  if (date === tomorrow) return `amanhã (${shortDate(date)})`;
  return onDate(date);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The time wish of a request, for a header: "de manhã", "a partir das 15:00"; '' when none. */
export interface TimeWish {
  period: 'manha' | 'tarde' | 'noite' | null;
  time: string | null;
  time_from: string | null;
  time_to: string | null;
  /** parts of the day refused inside the window ("à tarde não posso"): the parts left are named instead */
  refused_periods?: ReadonlyArray<'manha' | 'tarde' | 'noite'>;
}

const PERIOD_WORDS = { manha: 'de manhã', tarde: 'à tarde', noite: 'à noite' } as const;
/** The parts of the day in order, with their bounds (the same as src/core/periods.ts). */
const PERIOD_BOUNDS = [
  ['manha', '06:00', '12:00'],
  ['tarde', '12:00', '18:00'],
  ['noite', '18:00', '22:00'],
] as const;

/**
 * `around`: the time of the appointment a move searches after or before ("mais tarde", "mais cedo"): the
 * search leaves that time out, so "depois das 11:00" and "antes das 11:00", not "a partir das 11:00".
 */
export function timeWish(wish: TimeWish, around: string | null = null): string {
  if (wish.time) return `perto das ${wish.time}`;
  if (wish.period) return PERIOD_WORDS[wish.period];
  const refused = wish.refused_periods ?? [];
  if (wish.time_from && wish.time_to && refused.length > 0) {
    // "à tarde não posso": "de manhã ou à noite"
    const from = wish.time_from;
    const to = wish.time_to;
    const left = PERIOD_BOUNDS.filter(([p, start, end]) => !refused.includes(p) && start < to && from < end).map(([p]) => PERIOD_WORDS[p]);
    if (left.length > 1) return `${left.slice(0, -1).join(', ')} ou ${left[left.length - 1]}`;
  }
  if (wish.time_from && wish.time_to && !around) {
    // "de manhã e de tarde", "de manhã ou à tarde": the window over two whole parts is named by them, not by its clock
    const whole = PERIOD_BOUNDS.filter(([, start, end]) => start >= wish.time_from! && end <= wish.time_to!);
    const spans = whole.length === 2 && whole[0]![1] === wish.time_from && whole[1]![2] === wish.time_to;
    if (spans) return `${PERIOD_WORDS[whole[0]![0]]} ou ${PERIOD_WORDS[whole[1]![0]]}`;
  }
  if (wish.time_from && wish.time_to) {
    if (around && wish.time_from === around && wish.time_to >= '22:00') return `depois das ${around}`;
    if (around && wish.time_to === around && wish.time_from <= '06:00') return `antes das ${around}`;
    if (wish.time_from <= '06:00') return `até as ${wish.time_to}`;
    if (wish.time_to >= '22:00') return `a partir das ${wish.time_from}`;
    return `entre ${wish.time_from} e ${wish.time_to}`;
  }
  return '';
}

/** "na Unidade Centro", "no Consultório Sul", "em Savassi" */
export function atPlace(name: string): string {
  const first = name.trim().split(/\s+/)[0]?.toLocaleLowerCase('pt-BR') ?? '';
  if (['unidade', 'clínica', 'clinica', 'sede', 'filial', 'policlínica', 'policlinica', 'casa'].includes(first)) return `na ${name}`;
  if (['consultório', 'consultorio', 'centro', 'hospital', 'posto', 'polo', 'espaço', 'espaco', 'instituto'].includes(first)) return `no ${name}`;
  return `em ${name}`;
}

/**
 * A provider's name as the patient typed it, made presentable: "dra ana" → "Dra. Ana", "dr. paulo" →
 * "Dr. Paulo". Used only when no slot or appointment gives the clinic's own spelling.
 */
export function presentableName(typed: string): string {
  const titles: Record<string, string> = { dr: 'Dr.', 'dr.': 'Dr.', doutor: 'Dr.', dra: 'Dra.', 'dra.': 'Dra.', doutora: 'Dra.' };
  const small = new Set(['da', 'de', 'do', 'das', 'dos', 'e']);
  return typed
    .trim()
    .split(/\s+/)
    .map((w, i) => {
      const lowerWord = w.toLocaleLowerCase('pt-BR');
      if (titles[lowerWord]) return titles[lowerWord];
      if (i > 0 && small.has(lowerWord)) return lowerWord;
      return lowerWord.charAt(0).toLocaleUpperCase('pt-BR') + lowerWord.slice(1);
    })
    .join(' ');
}

function provider(name: string | null): string {
  return name ?? 'um de nossos profissionais';
}

function lower(name: string): string {
  return name.toLocaleLowerCase('pt-BR');
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} e ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------
// Data the sentences describe (structural: the machine's slots and appointments fit these)

export interface SlotView {
  provider_name: string | null;
  specialty: string | null;
  location: { name: string };
  location_address: string | null;
  appointment_type_name: string;
  date: string;
  start_time: string;
}

export interface AppointmentView {
  provider_name: string | null;
  specialty: string | null;
  appointment_type_name: string;
  location_name: string;
  location_address: string | null;
  date: string;
  start_time: string;
}

export interface LocationView {
  name: string;
  address: string | null;
  /** per weekday 0–6: [from, to] or null when closed */
  hours: Array<[string, string] | null>;
}

/** "consulta de Dermatologia com Dr. Rui Alves" */
function what(a: { appointment_type_name: string; specialty: string | null; provider_name: string | null }): string {
  return `${lower(a.appointment_type_name)}${a.specialty ? ` de ${a.specialty}` : ''} com ${provider(a.provider_name)}`;
}

/**
 * Whether an appointment type's name is a feminine noun ("Consulta", "Avaliação", "Sessão") or a masculine one
 * ("Retorno", "Exame", "Check-up"), for the words that agree with it; an empty name stands for "consulta".
 */
function feminineType(name: string): boolean {
  const n = lower(name).trim().split(/\s+/)[0] ?? '';
  if (n === '') return true;
  return /(a|ção|cao|são|sao|gem|dade)$/.test(n);
}

/** "sua consulta de …", "seu retorno de …" */
function yourWhat(a: { appointment_type_name: string; specialty: string | null; provider_name: string | null }): string {
  return `${feminineType(a.appointment_type_name) ? 'sua' : 'seu'} ${what(a)}`;
}

/** "a"/"o" (and so "marcada"/"marcado", "na"/"no"…) as an appointment type's noun asks. */
function agreeing(a: { appointment_type_name: string }, feminine: string, masculine: string): string {
  return feminineType(a.appointment_type_name) ? feminine : masculine;
}

/** "da sua consulta de …", "do seu retorno de …" */
function ofYourWhat(a: { appointment_type_name: string; specialty: string | null; provider_name: string | null }): string {
  return `${feminineType(a.appointment_type_name) ? 'da sua' : 'do seu'} ${what(a)}`;
}

/** "consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00" */
export function describeAppointment(a: AppointmentView): string {
  return `${what(a)} ${onDate(a.date)}, às ${a.start_time}`;
}

// ---------------------------------------------------------------------------------------------------
// Openings, help, not understood, handoff

export type SalutationKey = 'bom_dia' | 'boa_tarde' | 'boa_noite';
const SALUTATION_WORDS: Record<SalutationKey, string> = { bom_dia: 'Bom dia', boa_tarde: 'Boa tarde', boa_noite: 'Boa noite' };

/** "Olá, Maria!", "Bom dia, João!" */
export function hello(firstName: string, salutation: SalutationKey | null): string {
  const word = salutation ? SALUTATION_WORDS[salutation] : 'Olá';
  return firstName.trim() ? `${word}, ${firstName.trim()}!` : `${word}!`;
}

/** "tudo bem?" answered. */
export function imWell(): string {
  return 'Tudo bem, obrigado!';
}

/** After a conversation timed out: we start afresh. */
export function startingAfresh(): string {
  return 'Como a nossa conversa ficou parada, vamos recomeçar.';
}

/**
 * After a timeout, a reply to the old question ("2", "sim"): the times offered then may be gone, and the
 * request searched again if the patient wants ("de Cardiologia para amanhã (qui, 26/11), de manhã").
 */
export function searchAgainAfterTimeout(specialty: string | null, providerName: string | null, wish = ''): string {
  return `Os horários que mostrei antes podem ter mudado. Quer que eu procure de novo horários${subject(specialty, providerName)}${wish}?`;
}

/**
 * After a timeout in the middle of a move, a reply to the old question: the appointment and the move's wish named, and
 * a search again offered ("… para remarcar sua consulta de Cardiologia com Dr. Rui Alves de segunda, 30/11, às 15:00, para amanhã (qui, 26/11)?").
 */
export function searchAgainForMoveAfterTimeout(a: AppointmentView, wish = ''): string {
  return `Os horários que mostrei antes podem ter mudado. Quer que eu procure de novo horários para remarcar ${yourWhat(a)} de ${longDate(a.date)}, às ${a.start_time}${wish ? `,${wish}` : ''}?`;
}

/** After a timeout, a first message not understood, with nothing in progress then: what to send. */
export function afreshWhatDoYouNeed(): string {
  return 'Se você estava respondendo a uma mensagem anterior, pode me dizer de novo o que precisa? Posso marcar, remarcar ou desmarcar consultas.';
}

export function howCanIHelp(): string {
  return 'Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.';
}

/** "sim" to "Posso ajudar em mais alguma coisa?" */
export function sureWhatDoYouNeed(): string {
  return 'Claro! Posso marcar, remarcar ou desmarcar consultas. O que você precisa?';
}

export function help(): string {
  return (
    'Posso marcar, remarcar, desmarcar e confirmar consultas, mostrar as suas próximas consultas e colocar você na lista de espera. ' +
    'Por exemplo: “quero marcar cardiologia amanhã de manhã”. O que você precisa?'
  );
}

export function notUnderstood(): string {
  return 'Desculpe, não entendi.';
}

/** Not understood with nothing pending: say what we can do. */
export function notUnderstoodWhatWeDo(): string {
  return 'Desculpe, não entendi. Posso marcar, remarcar ou desmarcar consultas. O que você precisa?';
}

export function unreadable(): string {
  return 'Desculpe, não consegui ler a sua mensagem.';
}

export function handoff(): string {
  return 'Vou chamar um atendente para continuar com você. Aguarde um momento, por favor.';
}

export function handoffAfterMisunderstanding(): string {
  return `Desculpe, não estou conseguindo entender. ${handoff()}`;
}

/** "pode me ligar?": no calls from here, a person takes over this conversation. */
export function handoffNoCalls(): string {
  return 'Não consigo fazer ligações por aqui, mas vou chamar um atendente para continuar com você nesta conversa. Aguarde um momento, por favor.';
}

/** "pode me ligar?" and no person could be called: what this conversation can do. */
export function noCallsNoHandoff(): string {
  return 'Não consigo fazer ligações por aqui, e não consegui chamar um atendente agora. Por esta conversa, posso marcar, remarcar ou desmarcar consultas.';
}

export function handoffFailed(): string {
  return 'Desculpe, não consegui chamar um atendente agora.';
}

/** "ontem a dra ana me atendeu muito bem, obrigada": thanks for a past visit. */
export function gladToHear(): string {
  return 'Que bom saber! Obrigado pelo retorno.';
}

/** "perdi minha consulta ontem": a missed appointment, no blame; a new time offered (the booking's question follows). */
export function missedAppointment(): string {
  return 'Sem problemas, isso acontece! Posso marcar um novo horário para você.';
}

/** A missed appointment asked to move: no blame, before the move goes on. */
export function missedNoBlame(): string {
  return 'Sem problemas, isso acontece!';
}

/**
 * A missed appointment that can no longer be moved (marked as missed): said plainly, and a new one offered
 * ("… de quarta, 25/11, às 08:00, já foi encerrada na agenda e não pode mais ser remarcada; vou marcar uma nova para você.").
 */
export function missedRebooked(a: AppointmentView): string {
  return `${missedNoBlame()} ${capitalised(agreeing(a, 'sua consulta', `seu ${lower(a.appointment_type_name)}`))} de ${longDate(a.date)}, às ${a.start_time}, já foi ${agreeing(a, 'encerrada', 'encerrado')} na agenda e não pode mais ser ${agreeing(a, 'remarcada', 'remarcado')}; vou marcar ${agreeing(a, 'uma nova', 'um novo')} para você.`;
}

/** "ontem fui atendida pela dra ana": a past visit told, nothing asked; how we can help. */
export function pastVisitNoted(thankedAlready = false): string {
  return `${thanksForTelling(thankedAlready)} ${howCanIHelp()}`;
}

/**
 * A past visit told in the middle of a booking (its question follows). `thankedAlready`: the reply already thanked
 * ("Tudo bem, obrigado!"), so no second thanks.
 */
export function thanksForTelling(thankedAlready = false): string {
  return thankedAlready ? 'Entendi!' : 'Obrigado por contar!';
}

/** "ontem fui atendida pela dra ana e ela pediu retorno": the return visit, with them when named (the booking's question follows). */
export function returnVisit(providerName: string | null): string {
  if (providerName === null) return 'Vamos marcar o seu retorno.';
  return `Vamos marcar o seu retorno com ${withArticle(providerName)}.`;
}

export function youAreWelcome(): string {
  return 'Por nada!';
}

/** The exchange is over: after thanks, after a goodbye ("tchau"), or after a no. */
export function goodbye(said: 'thanks' | 'bye' | 'nothing'): string {
  const opening = { thanks: 'Por nada!', bye: 'Até logo!', nothing: 'Tudo bem!' }[said];
  return `${opening} Se precisar, é só chamar.`;
}

/** "tchau" in the middle of a booking, a move or a cancellation: nothing was done, and it can go on later. */
export function leavingMidway(thanked: boolean): string {
  return `${thanked ? 'Por nada! ' : ''}Até logo! Ainda não terminamos: se quiser continuar, é só me responder.`;
}

/** "então me avisa", "fico no aguardo" right after joining the waitlist: we will. */
export function willLetYouKnow(): string {
  return 'Combinado! Aviso assim que abrir um horário.';
}

/** "ok", "blz" with no question pending: taken in, nothing changed (what we can do follows). */
export function acknowledged(): string {
  return 'Certo!';
}

export function anythingElse(): string {
  return 'Posso ajudar em mais alguma coisa?';
}

// ---------------------------------------------------------------------------------------------------
// Gathering what the patient wants

export function sure(): string {
  return 'Claro!';
}

/** The clinic does not offer the specialty asked: say so and which ones it does. */
export function specialtyNotOffered(asked: string[], offered: string[]): string {
  const none = specialtiesLeftOut(asked);
  if (offered.length === 0) return none;
  if (offered.length === 1) return `${none} A especialidade que atendemos é ${offered[0]}.`;
  return `${none} As especialidades que atendemos são ${joinAnd(offered)}.`;
}

/** "ela" for "Dra. Ana Souza", "ele" for "Dr. Rui Alves"; the name itself when no title says which. */
function pronounOf(name: string): string {
  return /^dra\.?\s/i.test(name) ? 'ela' : /^dr\.?\s/i.test(name) ? 'ele' : name;
}

/**
 * The place or period asked has no hours at all for the specialty or provider asked (no schedule covers
 * it): where and when there are. "O atendimento de Pediatria é só na Unidade Savassi, não na Unidade
 * Centro." "Não há atendimento de Clínica Geral à noite, só de manhã e à tarde." A place asked where they work
 * is named with the period ("Dra. Ana Souza não atende à noite na Unidade Centro, só de manhã."): they may
 * work it at another place.
 */
export function unservedAsk(v: {
  specialty: string | null;
  providerName: string | null;
  place: string | null;
  elsewhere: string[];
  period: 'manha' | 'tarde' | 'noite' | null;
  /** the place the period was checked at alone (named: they may work that period elsewhere) */
  periodPlace: string | null;
  periods: Array<'manha' | 'tarde' | 'noite'>;
  /** the other places where the period asked is served */
  periodElsewhere?: string[];
  /** the one day the period was checked on */
  periodDate?: string | null;
  /** the period was checked on the days asked alone */
  periodOnDays?: boolean;
}): string {
  const parts: string[] = [];
  if (v.place && v.elsewhere.length > 0) {
    const where = `só ${joinAnd(v.elsewhere.map(atPlace))}, não ${atPlace(v.place)}`;
    if (v.providerName) parts.push(`${v.providerName} atende ${where}.`);
    else if (v.specialty) parts.push(`O atendimento de ${v.specialty} é ${where}.`);
  }
  if (v.period) {
    const others = v.periods.length > 0 ? `, só ${joinAnd(v.periods.map((p) => PERIOD_WORDS[p]))}` : '';
    const there = `${v.periodPlace ? ` ${atPlace(v.periodPlace)}` : ''}${v.periodDate ? ` ${onDate(v.periodDate)}` : v.periodOnDays ? ' nesses dias' : ''}`;
    if (v.providerName) parts.push(`${v.providerName} não atende ${PERIOD_WORDS[v.period]}${there}${others}.`);
    else if (v.specialty) parts.push(`Não há atendimento de ${v.specialty} ${PERIOD_WORDS[v.period]}${there}${others}.`);
    const elsewhere = v.periodElsewhere ?? [];
    if (elsewhere.length > 0 && (v.providerName || v.specialty)) {
      const when = capitalize(PERIOD_WORDS[v.period]);
      const places = joinAnd(elsewhere.map(atPlace));
      if (v.providerName) parts.push(`${when} ${pronounOf(v.providerName)} atende ${places}.`);
      else parts.push(`${when} há atendimento de ${v.specialty} ${places}.`);
    }
  }
  return parts.join(' ');
}

/** A booking of a specialty on a day the patient already has an appointment of it: "Você já tem consulta de … Quer remarcar essa consulta?" */
export function sameDayAppointment(a: AppointmentView): string {
  return `Você já tem ${describeAppointment(a)}. Quer remarcar ${agreeing(a, 'essa consulta', `esse ${lower(a.appointment_type_name)}`)}?`;
}

/** That question again, after a reply that answers neither it nor the booking: "Quer remarcar sua consulta de sexta, 27/11, às 10:00? …" */
export function sameDayAgain(a: AppointmentView): string {
  return `Quer remarcar ${agreeing(a, 'sua consulta', `seu ${lower(a.appointment_type_name)}`)} de ${longDate(a.date)}, às ${a.start_time}? Responda sim para ${agreeing(a, 'remarcá-la', 'remarcá-lo')} ou não para marcar mais ${agreeing(a, 'uma', 'um')}.`;
}

/** A time or day given instead of yes or no to moving it: another one besides it, and it stays. */
export function anotherOneBeside(a: AppointmentView): string {
  return `Certo, vamos marcar mais ${agreeing(a, 'uma', 'um')}; ${agreeing(a, 'sua consulta', `seu ${lower(a.appointment_type_name)}`)} de ${longDate(a.date)}, às ${a.start_time}, continua ${agreeing(a, 'marcada', 'marcado')}.`;
}

/** "não" to moving it: another one besides it. "Certo, vamos marcar mais uma."; "mais um" beside a retorno (the appointment kept, when known). */
export function anotherOne(kept: { appointment_type_name: string } | null = null): string {
  return kept && !feminineType(kept.appointment_type_name) ? 'Certo, vamos marcar mais um.' : 'Certo, vamos marcar mais uma.';
}

/** The patient named an appointment they do not have ("cancela a do dr paulo"); the ones they have follow. */
export function noSuchAppointment(): string {
  return 'Não encontrei uma consulta sua com esses dados.';
}

/** "desmarca meu retorno" with only a consulta: "O que você tem marcado é uma consulta, não um retorno." (`asked`: as written) */
export function otherTypeThanAsked(have: string, asked: string): string {
  const article = (noun: string) => `${feminineType(noun) ? 'uma' : 'um'} ${lower(noun.trim())}`;
  return `O que você tem marcado é ${article(have)}, não ${article(asked)}.`;
}

/** Specialties named as appointments' ("a de cardio e a de ortopedia") with none of them: "Não encontrei consulta sua de Ortopedia." */
export function noAppointmentOfSpecialty(specialties: readonly string[]): string {
  return `Não encontrei consulta sua de ${specialties.length === 1 ? specialties[0]! : `${specialties.slice(0, -1).join(', ')} nem de ${specialties[specialties.length - 1]!}`}.`;
}

/** Days named as an appointment's ("a de segunda e a de quinta") with none on them: "Não encontrei consulta sua na quinta, 03/12." */
export function noAppointmentOn(dates: readonly string[], today: string, tomorrow: string): string {
  const phrases = dates.map((d) => dayPhrase(d, today, tomorrow));
  const days = phrases.length === 1 ? phrases[0]! : `${phrases.slice(0, -1).join(', ')}, nem ${phrases[phrases.length - 1]!}`;
  return `Não encontrei consulta sua ${days}.`;
}

/** "tenho consulta essa semana?" with none in those days; the upcoming ones follow. */
export function noAppointmentInDays(): string {
  return 'Não encontrei consulta sua nesses dias.';
}

/** "tem pediatra?": the clinic has it (said before the booking's question). */
export function specialtyAvailable(specialty: string): string {
  return `Sim, temos ${specialty}.`;
}

/** A provider asked for by a name the clinic has no one of ("dr joão"): said before the booking goes on. */
export function noSuchProvider(title: 'Dr.' | 'Dra.' | null, name: string): string {
  if (title === null) return `Não encontrei ninguém chamado ${name} entre os profissionais da clínica.`;
  return `Não encontrei ${title === 'Dra.' ? 'a' : 'o'} ${title} ${name} entre os profissionais da clínica.`;
}

/**
 * One name that fits several providers ("com o joão"): "Temos mais de um profissional com esse nome: Dr. João Batista,
 * de Cardiologia, e Dr. João Silva, de Ortopedia. Com qual deles você quer marcar?" ("delas" when every one is a Dra.).
 * `about` (in the order of `names`): each one's specialties, and the units they work at, named when theirs differ.
 */
export function askWhichProvider(names: string[], about: Array<{ specialties: string[]; places: string[] }> | null = null): string {
  const all = names.length > 0 && names.every((n) => /^dra\.?\s/iu.test(n)) ? 'delas' : 'deles';
  const question = `Com qual ${all} você quer marcar?`;
  if (!about || about.length !== names.length || about.every((a) => a.specialties.length === 0 && a.places.length === 0)) {
    return `Temos mais de um profissional com esse nome: ${joinAnd(names)}. ${question}`;
  }
  const placesDiffer = new Set(about.map((a) => a.places.join('|'))).size > 1;
  const described = names.map((name, i) => {
    const a = about[i]!;
    const parts = [name];
    if (a.specialties.length > 0) parts.push(`de ${joinAnd(a.specialties)}`);
    if (placesDiffer && a.places.length > 0) parts.push(joinAnd(a.places.map(atPlace)));
    return parts.join(', ');
  });
  const list = described.length > 1 ? `${described.slice(0, -1).join(', ')}, e ${described[described.length - 1]}` : described[0]!;
  return `Temos mais de um profissional com esse nome: ${list}. ${question}`;
}

/** Some of the specialties asked together are not offered; the others go on. */
export function specialtiesLeftOut(asked: string[]): string {
  return `Infelizmente a clínica não tem atendimento de ${joinAnd(asked)}.`;
}

export function askSpecialtyOrProvider(): string {
  return 'Com qual especialidade ou profissional?';
}

/**
 * "ok" alone to that question: it again, with an example of an answer: two of the clinic's own specialties
 * when they are known (as the clinic spells them), else what kind of answer is meant.
 */
export function askSpecialtyOrProviderWithExample(specialties: readonly string[]): string {
  if (specialties.length < 2) return 'Com qual especialidade ou profissional? Pode escrever o nome da especialidade ou do profissional.';
  const [a, b] = specialties.map((s) => s.toLocaleLowerCase('pt-BR'));
  return `Com qual especialidade ou profissional? Por exemplo: ${a}, ${b} ou o nome do profissional.`;
}

/**
 * "qualquer uma", "tanto faz" to "Com qual especialidade ou profissional?": each specialty has its own doctors and
 * times, so one is needed; the clinic's specialties, and which one (the question alone when they are not known).
 */
export function specialtiesToChoose(specialties: readonly string[]): string {
  if (specialties.length === 0) return `Preciso saber a especialidade para procurar os horários. ${askSpecialtyOrProvider()}`;
  if (specialties.length === 1) return `Atendemos ${specialties[0]}. ${askSpecialtyOrProvider()}`;
  return `Preciso saber a especialidade para procurar os horários. Atendemos ${joinAnd([...specialties])}. Qual delas você prefere?`;
}

/** "ok" alone to "Para quando?": it again, with an example of an answer. */
export function askDateWithExample(moving: boolean, period: 'manha' | 'tarde' | 'noite' | null = null): string {
  return `${askDate(moving, period)} Por exemplo: amanhã, sexta à tarde ou dia 10.`;
}

/**
 * "não sei", "sei lá" to "Para quando?": the nearest times are offered (they follow this line), and how to ask for
 * another day, with an example.
 */
export function unsureOfDate(): string {
  return 'Sem problemas! Vou mostrar os horários mais próximos. Se preferir outro dia, é só me dizer, por exemplo: amanhã, sexta à tarde ou dia 10.';
}

/** `period`: the part of the day a move already asked ("mudar pra tarde"), kept: "Para quando você quer remarcar, à tarde?" */
export function askDate(moving: boolean, period: 'manha' | 'tarde' | 'noite' | null = null): string {
  if (!moving) return 'Para quando você prefere?';
  return period ? `Para quando você quer remarcar, ${PERIOD_WORDS[period]}?` : 'Para quando você quer remarcar?';
}

/** A day that is gone ("pra ontem"): "O dia 25/11 já passou, então não consigo marcar nele." (the year only when not this one) */
export function datePassed(date: string, today: string): string {
  const written = date.slice(0, 4) === today.slice(0, 4) ? dayMonth(date) : `${dayMonth(date)}/${date.slice(0, 4)}`;
  return `O dia ${written} já passou, então não consigo marcar nele.`;
}

const MONTH_NAME = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];

/**
 * A day its month does not have ("31/11", "29/02/2027"), the month having `days` days (a common year's when no year
 * is named): "O dia 31/11 não existe: novembro tem 30 dias.", "O dia 29/02/2027 não existe: fevereiro de 2027 tem 28
 * dias."; a February with no year named has 28 or 29.
 */
export function dateInvalid(written: { day: number; month: number; year: number | null }, days: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const name = MONTH_NAME[written.month - 1]!;
  const date = `${two(written.day)}/${two(written.month)}${written.year === null ? '' : `/${written.year}`}`;
  const month = written.year === null ? name : `${name} de ${written.year}`;
  const leap = written.year === null && written.month === 2 ? ' (29 nos anos bissextos)' : '';
  return `O dia ${date} não existe: ${month} tem ${days} dias${leap}.`;
}

/**
 * A part of today offered beside other days that is already over ("sexta de tarde ou sábado de manhã" on Friday at
 * 19:00): "A tarde de hoje já passou, então não consigo marcar nela."
 */
export function periodPassedToday(period: 'manha' | 'tarde' | 'noite'): string {
  const part = { manha: 'A manhã', tarde: 'A tarde', noite: 'A noite' }[period];
  return `${part} de hoje já passou, então não consigo marcar nela.`;
}

/** "dia 4"; "dia 4/01" when the other day asked about is in another month */
function dayNumber(date: string, other: string): string {
  return date.slice(5, 7) === other.slice(5, 7) ? `dia ${Number(date.slice(8, 10))}` : `dia ${Number(date.slice(8, 10))}/${date.slice(5, 7)}`;
}

/** Which of two days is meant: "Você quer sexta, dia 4, ou sábado, dia 5?" */
export function askWhichDay(first: string, second: string): string {
  const name = (d: string) => WEEKDAY_NAME[weekdayOf(d)];
  return `Você quer ${name(first)}, ${dayNumber(first, second)}, ou ${name(second)}, ${dayNumber(second, first)}?`;
}

/**
 * A weekday said beside a date that is another weekday ("sexta dia 5"): "Dia 5 é um sábado. Você quer sexta, dia 4,
 * ou sábado, dia 5?" (the weekday named first, then the date as written).
 */
export function dateConflict(day: string, weekday: string): string {
  const article = MASCULINE_DAYS.has(weekdayOf(day)) ? 'um' : 'uma';
  const written = dayNumber(day, weekday);
  return `${written.charAt(0).toUpperCase()}${written.slice(1)} é ${article} ${WEEKDAY_NAME[weekdayOf(day)]}. ${askWhichDay(weekday, day)}`;
}

export function askAppointmentType(): string {
  return 'Qual tipo de atendimento você quer? Por exemplo: consulta ou retorno.';
}

/** "cardio e dermato": "Vamos marcar uma de cada vez: primeiro Cardiologia, depois Dermatologia." */
export function oneAtATime(specialties: string[]): string {
  return `Vamos marcar uma de cada vez: primeiro ${specialties[0]}, depois ${joinAnd(specialties.slice(1))}.`;
}

/**
 * After the first of several specialties is booked: "Agora vamos marcar Dermatologia?", with the days and
 * time asked for both when there were any ("Agora vamos marcar Dermatologia, também na sexta, 27/11, à tarde?").
 */
export function nextSpecialty(specialty: string, wish?: Pick<OfferView, 'asked' | 'today' | 'tomorrow'>): string {
  const when = wish ? dayAndWish(askedDays({ ...wish, kind: 'asked', slots: [], specialty: null, providerName: null }), timeWish(wish.asked)) : '';
  return when ? `Agora vamos marcar ${specialty}, também${when}?` : `Agora vamos marcar ${specialty}?`;
}

export function waitlistIntro(): string {
  return 'Claro, posso colocar você na lista de espera.';
}

// ---------------------------------------------------------------------------------------------------
// Offers

/** A day offered with its own part of the day ("sexta de tarde"). */
export interface DayPeriodView {
  date: string;
  period: 'manha' | 'tarde' | 'noite';
}

/**
 * Why the options on offer were searched: as asked; nothing there, so other days, places or providers; the
 * patient asked for later, earlier, the next days or other times; or for another doctor than the one(s)
 * on offer (`another_provider`).
 */
export type OfferKind = 'asked' | 'other_days' | 'other_places' | 'other_providers' | 'later' | 'earlier' | 'next_days' | 'others' | 'another_provider';

export interface OfferView {
  kind: OfferKind;
  slots: SlotView[];
  /** the specialty asked for, if any */
  specialty: string | null;
  /** the provider asked for, as the clinic names them (one provider), if any */
  providerName: string | null;
  /** a change of doctor: the options are with providers other than the appointment's */
  otherProviders?: boolean;
  /**
   * the dates and time wish asked for (before any widening); `dates`: days offered as alternatives ("quinta ou sexta");
   * `day_periods`: each of those days with its own part of the day ("sexta de tarde ou sábado de manhã")
   */
  asked: { date_from: string | null; date_to: string | null; dates?: string[] | null; day_periods?: ReadonlyArray<DayPeriodView> | null } & TimeWish;
  /** the place searched first, when the offer is of other places (a move keeps its place first) */
  placeName?: string | null;
  /** the place asked, when the options are there ("Não tenho horário às 10:00 na Unidade Savassi") */
  askedPlace?: string | null;
  /** in a move, the time of the appointment moved: a search from or to it leaves it out ("depois das 11:00") */
  movedFrom?: string | null;
  today: string;
  tomorrow: string;
}

function subject(specialty: string | null, providerName: string | null, otherProviders = false): string {
  if (providerName) return ` com ${providerName}`;
  if (otherProviders) return ` com outros profissionais${specialty ? ` de ${specialty}` : ''}`;
  if (specialty) return ` de ${specialty}`;
  return '';
}

/** The days on offer when each is one of the days offered as alternatives ("quinta ou sexta"), as a phrase; else "". */
function alternativeDaysOffered(view: OfferView): string {
  const asked = view.asked.dates;
  if (!asked || asked.length < 2) return '';
  const days = [...new Set(view.slots.map((s) => s.date))].sort();
  return days.length > 1 && days.every((d) => asked.includes(d)) ? eitherDay(days, view) : '';
}

function sameDay(slots: SlotView[]): string | null {
  const first = slots[0]?.date;
  return first && slots.every((s) => s.date === first) ? first : null;
}

function slotLine(slot: SlotView, index: number, withDate: boolean): string {
  const when = withDate ? `${shortDate(slot.date)} às ${slot.start_time}` : slot.start_time;
  return `${index + 1}) ${when} com ${provider(slot.provider_name)} — ${slot.location.name}`;
}

/** The numbered options: one line each, with the date when they are on different days. */
export function slotLines(slots: SlotView[]): string {
  const single = sameDay(slots) !== null;
  return slots.map((s, i) => slotLine(s, i, !single)).join('\n');
}

/** " amanhã (qua, 26/11) de manhã", " na sexta, 27/11, à tarde", " à tarde": a day and a time wish, each optional. */
function dayAndWish(day: string, wish: string): string {
  if (!wish) return day;
  if (!day) return ` ${wish}`;
  return day.endsWith(')') ? `${day} ${wish}` : `${day}, ${wish}`;
}

/** Days offered as alternatives: " amanhã (qui, 26/11) ou na sexta, 27/11", " na segunda, 30/11, na terça, 01/12, ou na sexta, 04/12". */
function eitherDay(dates: readonly string[], view: OfferView): string {
  const phrases = dates.map((d) => dayPhrase(d, view.today, view.tomorrow));
  const last = phrases.length - 1;
  // a comma between the items of a list, and after a date written "27/11" before "ou"
  const head = phrases.slice(0, last).map((p, i) => (i < last - 1 || !p.endsWith(')') ? `${p},` : p));
  return ` ${head.join(' ')} ou ${phrases[last]}`;
}

/** One end of a range of days: "amanhã (qui, 26/11)", "segunda, 30/11". */
function rangeEnd(date: string, view: Pick<OfferView, 'today' | 'tomorrow'>): string {
  if (date === view.today) return `hoje (${shortDate(date)})`;
  if (date === view.tomorrow) return `amanhã (${shortDate(date)})`;
  return longDate(date);
}

/**
 * A range of days, each end with its weekday: " entre segunda, 30/11, e quarta, 02/12",
 * " entre amanhã (qui, 26/11) e sexta, 04/12". Every header that names a range of days says it so.
 */
function dayRange(from: string, to: string, view: Pick<OfferView, 'today' | 'tomorrow'>): string {
  const first = rangeEnd(from, view);
  return ` entre ${first.endsWith(')') ? first : `${first},`} e ${rangeEnd(to, view)}`;
}

/** The range of days asked ("semana que vem", "de segunda a quarta") when the options fall on several of its days, as `dayRange`; else "". */
function askedRangeOffered(view: OfferView): string {
  const { date_from: from, date_to: to, dates } = view.asked;
  if ((dates && dates.length > 1) || !from || !to || from === to) return '';
  const days = new Set(view.slots.map((s) => s.date));
  if (days.size < 2 || view.slots.some((s) => s.date < from || s.date > to)) return '';
  return dayRange(from, to, view);
}

/**
 * The parts of the day asked on `date` when each day offered has its own ("sexta de tarde ou sábado de manhã"), as words
 * ("à tarde", "de manhã ou à tarde" for a day with two), else null.
 */
function periodAskedOn(view: Pick<OfferView, 'asked'>, date: string): string | null {
  const parts = (view.asked.day_periods ?? []).filter((d) => d.date === date).map((d) => PERIOD_WORDS[d.period]);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} ou ${parts[parts.length - 1]}`;
}

/**
 * Days offered each with its own part of the day: " hoje (sex, 27/11) à tarde ou amanhã (sáb, 28/11) de manhã",
 * " na sexta, 27/11, à tarde ou no sábado, 28/11, de manhã"; "" when a day has no part of its own.
 */
function eitherDayWithPeriod(dates: readonly string[], view: Pick<OfferView, 'asked' | 'today' | 'tomorrow'>): string {
  const phrases = dates.map((d) => {
    const period = periodAskedOn(view, d);
    return period ? dayAndWish(` ${dayPhrase(d, view.today, view.tomorrow)}`, period).trim() : null;
  });
  if (phrases.length < 2 || phrases.some((p) => p === null)) return '';
  const all = phrases as string[];
  return ` ${all.slice(0, -1).join(', ')} ou ${all[all.length - 1]}`;
}

/** The days asked for, as a phrase: " entre terça, 01/12, e sábado, 05/12", " amanhã (qua, 26/11)", " na quinta, 26/11, ou na sexta, 27/11", or "". */
function askedDays(view: OfferView): string {
  const { date_from: from, date_to: to, dates } = view.asked;
  if (dates && dates.length > 1) return eitherDayWithPeriod(dates, view) || eitherDay(dates, view);
  if (from && to && from !== to) return dayRange(from, to, view);
  return from ? ` ${dayPhrase(from, view.today, view.tomorrow)}` : '';
}

/** Whether every option is on one of the days asked (any, when no day was asked). */
function onAskedDays(view: OfferView): boolean {
  const { date_from: from, date_to: to, dates } = view.asked;
  if (!from) return true;
  return view.slots.every((s) => (dates && dates.length > 1 ? dates.includes(s.date) : s.date >= from && s.date <= (to ?? from)));
}

/** "Tenho estes horários de Cardiologia amanhã (qua, 26/11) de manhã:\n1) 08:30 com …\nQual prefere?" */
export function offer(view: OfferView): string {
  const day = sameDay(view.slots);
  const offeredDays = day ? '' : alternativeDaysOffered(view);
  let when = day ? ` ${dayPhrase(day, view.today, view.tomorrow)}` : offeredDays || askedRangeOffered(view);
  let wish = timeWish(view.asked, view.movedFrom ?? null);
  // "sexta de tarde ou sábado de manhã": each day names its own part, not the window spanning them
  const ownPeriods = (view.asked.day_periods?.length ?? 0) > 1;
  const askedWish = ownPeriods ? '' : wish;
  if (ownPeriods && day) {
    const period = periodAskedOn(view, day);
    if (period) wish = period;
  } else if (ownPeriods && offeredDays) {
    const each = eitherDayWithPeriod([...new Set(view.slots.map((s) => s.date))].sort(), view);
    if (each) [when, wish] = [each, ''];
  }
  const who = subject(view.specialty, view.providerName, view.otherProviders);
  let header: string;
  switch (view.kind) {
    case 'asked':
      // an exact time asked that none of the options has: say so, not "perto das 15:00" over morning times
      header =
        view.asked.time && !view.slots.some((s) => s.start_time === view.asked.time)
          ? `Não tenho horário${who} às ${view.asked.time}${view.askedPlace ? ` ${atPlace(view.askedPlace)}` : ''}${when}. Os mais próximos são:`
          : `Tenho estes horários${who}${dayAndWish(when, wish)}:`;
      break;
    case 'other_days':
      header = `Não encontrei horários${who}${dayAndWish(askedDays(view), askedWish)}. Os mais próximos são${when || ' estes'}:`;
      break;
    case 'other_places': {
      const there = view.placeName ? ` ${atPlace(view.placeName)}` : '';
      // options on one day of several asked: that day named (the option lines of one day carry none)
      const dayToName = day !== null && !(view.asked.date_from === day && (view.asked.date_to ?? day) === day);
      header = `Não encontrei horários${who}${there}${dayAndWish(askedDays(view), askedWish)}. Tenho estes em outra unidade${dayToName ? when : ''}:`;
      break;
    }
    case 'other_providers':
      header =
        `Não encontrei horários${view.providerName ? ` com ${view.providerName}` : ''} nos próximos dias. ` +
        `Tenho estes com outros profissionais${view.specialty ? ` de ${view.specialty}` : ''}${when}:`;
      break;
    case 'later':
      header = `Tenho estes horários mais tarde${when}:`;
      break;
    case 'earlier':
      header = `Tenho estes horários mais cedo${when}:`;
      break;
    case 'next_days':
      header = `Tenho estes horários${who}${dayAndWish(when || ' nos próximos dias', wish)}:`;
      break;
    case 'others':
      header = `Tenho também estes horários${who}${when}:`;
      break;
    case 'another_provider':
      // none with the others on the days asked: say so, then the nearest days they have
      header = onAskedDays(view)
        ? `Tenho estes horários${who}${dayAndWish(when || ' nos próximos dias', wish)}:`
        : `Não encontrei horários${who}${dayAndWish(askedDays(view), askedWish)}. Os mais próximos são${when || ' estes'}:`;
      break;
  }
  return `${header}\n${slotLines(view.slots)}\n${whichOne()}`;
}

export function whichOne(): string {
  return 'Qual prefere?';
}

/**
 * Who sees the patient at the times on offer, asked ("é com quem?"): "Todos esses horários são com Dr. Rui Alves.", "Esse
 * horário é com Dr. Rui Alves.", or by option: "Os horários 1 e 3 são com Dra. Ana Souza e o 2 é com Dr. Paulo Lima."
 */
export function whoOnOffer(slots: SlotView[]): string {
  const byProvider = new Map<string, number[]>();
  slots.forEach((s, i) => byProvider.set(provider(s.provider_name), [...(byProvider.get(provider(s.provider_name)) ?? []), i + 1]));
  const groups = [...byProvider];
  if (groups.length === 1) return slots.length === 1 ? `Esse horário é com ${groups[0]![0]}.` : `Todos esses horários são com ${groups[0]![0]}.`;
  const parts = groups.map(([name, numbers]) => (numbers.length > 1 ? `os horários ${joinAnd(numbers.map(String))} são com ${name}` : `o ${numbers[0]} é com ${name}`));
  return `${capitalize(joinAnd(parts))}.`;
}

/** Who sees the patient at the time chosen, asked at the summary ("é com quem?"). */
export function whoChosen(slot: SlotView): string {
  return `A consulta é com ${provider(slot.provider_name)}.`;
}

/** A yes to "Qual prefere?" that picks none: how to pick ("É só responder com o número do horário: 1, 2 ou 3."). */
export function whichOptionAgain(count: number): string {
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  const list = numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} ou ${numbers[numbers.length - 1]}` : numbers[0] ?? '1';
  return `Qual dos horários? É só responder com o número: ${list}.`;
}

/** "não" to the confirmation: the options again. */
export function optionsAgain(slots: SlotView[]): string {
  return `Sem problema. Estes são os horários que tenho:\n${slotLines(slots)}\n${whichOne()}`;
}

/** The booking taken up again after a waitlist question settled in its middle: the times on offer again, briefly. */
export function offeredStill(slots: SlotView[]): string {
  return `Voltando aos horários que ofereci:\n${slotLines(slots)}\n${whichOne()}`;
}

/** "volta" at a summary: the times on offer again. */
export function backToOptions(slots: SlotView[]): string {
  return `Tudo bem, vamos voltar aos horários:\n${slotLines(slots)}\n${whichOne()}`;
}

/** "volta" at the times or at "Para quando?": the question before is asked next. */
export function steppedBack(): string {
  return 'Tudo bem, vamos voltar um passo.';
}

/** "volta" where there is no step before: said, and the question asked again. */
export function nothingToGoBack(): string {
  return 'Não há uma etapa anterior para voltar.';
}

/** Another doctor asked for and none has a free time: the options on offer are still there. */
export function optionsStillThere(slots: SlotView[]): string {
  return `Estes horários continuam disponíveis:\n${slotLines(slots)}\n${whichOne()}`;
}

/** A provider's name without the title, to put names in alphabetical order ("Dra. Ana Souza" → "Ana Souza"). */
function untitled(name: string): string {
  return name.replace(/^(dra?|prof(a|ª)?)\.?\s+/i, '');
}

/**
 * Another doctor asked for when every provider of the specialty is already on offer: "Para Cardiologia,
 * atendem Dra. Ana Souza e Dr. Paulo Lima, e estes horários já são com os dois:", and the options again.
 */
export function allProvidersOnOffer(specialty: string | null, names: string[], slots: SlotView[]): string {
  const sorted = [...names].sort((a, b) => untitled(a).localeCompare(untitled(b), 'pt-BR'));
  const women = sorted.length > 0 && sorted.every((n) => /^dra\.?\s/i.test(n));
  const all = sorted.length === 2 ? (women ? 'as duas' : 'os dois') : women ? 'todas elas' : 'todos eles';
  const who = specialty ? `Para ${specialty}, atendem ${joinAnd(sorted)}` : `Atendem ${joinAnd(sorted)}`;
  return `${who}, e estes horários já são com ${all}:\n${slotLines(slots)}\n${whichOne()}`;
}

/** Another doctor asked for where the specialty has one: "Dr. Rui Alves é o único profissional de Dermatologia da clínica." */
export function onlyProvider(specialty: string | null, name: string): string {
  const woman = /^dra\.?\s/i.test(name);
  return `${name} é ${woman ? 'a única profissional' : 'o único profissional'}${specialty ? ` de ${specialty}` : ''} da clínica.`;
}

/**
 * Another doctor asked for again when the specialty's other providers were left out at the patient's request:
 * "Para Cardiologia, a clínica tem apenas Dra. Ana Souza e Dr. Paulo Lima, e Dra. Ana Souza ficou de fora a
 * seu pedido. Se quiser, mostro de novo os horários de Dra. Ana Souza." (the options follow)
 */
export function otherProvidersLeftOut(specialty: string | null, names: string[], leftOut: string[]): string {
  const byName = (list: string[]) => [...list].sort((a, b) => untitled(a).localeCompare(untitled(b), 'pt-BR'));
  const all = joinAnd(byName(names));
  const left = joinAnd(byName(leftOut));
  const who = specialty ? `Para ${specialty}, a clínica tem apenas ${all}` : `A clínica tem apenas ${all}`;
  return `${who}, e ${left} ${leftOut.length > 1 ? 'ficaram' : 'ficou'} de fora a seu pedido. Se quiser, mostro de novo os horários de ${left}.`;
}

/**
 * Another doctor asked for again when the specialty's others have no free time and some were left out at
 * the patient's request: "Não encontrei horários livres com Dr. Lucas Prado nos próximos dias, e Dra. Ana
 * Souza ficou de fora a seu pedido. Se quiser, mostro de novo os horários de Dra. Ana Souza." (the options follow)
 */
export function otherProvidersBusyAndLeftOut(busy: string[], leftOut: string[]): string {
  const byName = (list: string[]) => [...list].sort((a, b) => untitled(a).localeCompare(untitled(b), 'pt-BR'));
  const left = joinAnd(byName(leftOut));
  return (
    `Não encontrei horários livres com ${joinAnd(byName(busy))} nos próximos dias, e ${left} ${leftOut.length > 1 ? 'ficaram' : 'ficou'} de fora a seu pedido. ` +
    `Se quiser, mostro de novo os horários de ${left}.`
  );
}

/** "nenhum": what should change. */
export function noneSuits(): string {
  return 'Tudo bem. Prefere outro dia, outro período ou outro profissional?';
}

/** A yes to noneSuits' either-or question: which change, with an example. */
export function whichChangeAgain(): string {
  return 'Me diga o que prefere mudar: outro dia, outro período ou outro profissional. Por exemplo: “sexta à tarde” ou “semana que vem de manhã”.';
}

export function nothingLater(): string {
  return 'Não tenho horários mais tarde que esses.';
}

export function nothingEarlier(): string {
  return 'Não tenho horários mais cedo que esses.';
}

export function nothingElse(): string {
  return 'Não tenho outros horários para esse pedido.';
}

export function searchTrouble(): string {
  return 'Desculpe, tive um problema para consultar a agenda agora.';
}

// ---------------------------------------------------------------------------------------------------
// Confirming and booking

/** Said before the summary of a booking for a relative: the chat books in the record of the patient writing. */
export function bookedInOwnRecord(firstName: string): string {
  const who = firstName.trim() ? `, ${firstName.trim()}` : '';
  return `A consulta fica no seu cadastro${who}. Para marcar no nome de outra pessoa, peça para falar com um atendente.`;
}

/** "Confirma consulta de Cardiologia com Dra. Ana Souza na quarta, 26/11, às 09:00, na Unidade Centro (Av. …)?" */
export function confirmBooking(slot: SlotView): string {
  const where = `${atPlace(slot.location.name)}${slot.location_address ? ` (${slot.location_address})` : ''}`;
  return `Confirma ${what(slot)} ${onDate(slot.date)}, às ${slot.start_time}, ${where}?`;
}

/**
 * "Confirma a mudança da sua consulta de … de quinta, 03/12, às 15:00, para quinta, 10/12, às 15:00, na Unidade Centro (…)?";
 * to another provider: "… com Dra. Ana Souza de quinta, 03/12, às 15:00, para quinta, 10/12, às 15:00, com Dr. Paulo Lima, na …?"
 */
export function confirmMove(from: AppointmentView, slot: SlotView): string {
  const where = `${atPlace(slot.location.name)}${slot.location_address ? ` (${slot.location_address})` : ''}`;
  const newProvider = slot.provider_name !== null && slot.provider_name !== from.provider_name ? `, com ${slot.provider_name}` : '';
  return (
    `Confirma a mudança ${ofYourWhat({ ...from, provider_name: newProvider ? from.provider_name : slot.provider_name ?? from.provider_name })} ` +
    `de ${longDate(from.date)}, às ${from.start_time}, para ${longDate(slot.date)}, às ${slot.start_time}${newProvider}, ${where}?`
  );
}

/** The reminder promised after a booking; none for a time later today, whose eve has passed. */
function reminder(date: string, today: string): string {
  return date === today ? '' : ' Enviaremos um lembrete na véspera.';
}

/** "Pronto, está marcado! Enviaremos um lembrete na véspera."; for later today, the time instead of the reminder. */
export function booked(slot: { date: string; start_time: string } | null = null, today = ''): string {
  return slot !== null && slot.date === today ? `Pronto, está marcado para hoje, às ${slot.start_time}!` : 'Pronto, está marcado! Enviaremos um lembrete na véspera.';
}

/** After a booking, to a patient known only by a phone (asked once per conversation): their name for the clinic's record. */
export function askPatientName(): string {
  return 'Para o seu cadastro, qual é o seu nome completo?';
}

/** The name given was saved as the patient's; `firstName`: its first word. */
export function patientNameSaved(firstName: string): string {
  return `Obrigado, ${firstName}! Seu cadastro está completo.`;
}

/** The patient would rather not give their name ("não quero dizer", "depois"): taken in, not asked again. */
export function patientNameNotGiven(): string {
  return 'Sem problema!';
}

/** The name given could not be saved (the record refused it): the front desk can complete the record. */
export function patientNameNotSaved(): string {
  return 'Não consegui atualizar seu cadastro agora; a recepção completa isso no dia da consulta.';
}

export function moved(slot: SlotView, today: string, newProvider = false): string {
  const who = newProvider && slot.provider_name ? `, com ${slot.provider_name}` : '';
  const what = agreeing(slot, 'sua consulta foi remarcada', `seu ${lower(slot.appointment_type_name)} foi remarcado`);
  const when = slot.date === today ? 'hoje' : longDate(slot.date);
  return `Pronto, ${what} para ${when}, às ${slot.start_time}${who}.${reminder(slot.date, today)}`;
}

/** "deu certo?" right after a booking, a move or a cancel: yes, and what was done. */
export function itWorked(a: AppointmentView, cancelled: boolean): string {
  if (cancelled) return `Sim, deu certo! ${capitalize(yourWhat(a))} ${onDate(a.date)}, às ${a.start_time}, foi ${agreeing(a, 'desmarcada', 'desmarcado')}.`;
  return `Sim, deu certo! ${capitalize(yourWhat(a))} está ${agreeing(a, 'marcada', 'marcado')} para ${longDate(a.date)}, às ${a.start_time}, ${atPlace(a.location_name)}.`;
}

/**
 * "deu certo?", "ficou marcado?" before the booking (or the move) is done: nothing written yet, and what is still
 * missing (`step`: a time to pick, the summary to confirm, or anything else asked); the question pending follows.
 */
export function notDoneYet(step: 'pick' | 'confirm' | 'other', moving: boolean, slots: SlotView[] = [], moved: { appointment_type_name: string } | null = null): string {
  const head = moving ? (moved && !feminineType(moved.appointment_type_name) ? 'Ainda não está remarcado' : 'Ainda não está remarcada') : 'Ainda não está marcado';
  if (step === 'pick') return `${head}: falta você escolher um dos horários.${slots.length > 0 ? `\n${slotLines(slots)}\n${whichOne()}` : ''}`;
  if (step === 'confirm') return `${head}: falta você confirmar.`;
  return `${head}.`;
}

/** "ainda não sei se confirmo", "vou pensar" to the summary: no rush; the summary is asked again after it. */
export function noRush(): string {
  return 'Sem pressa! Quando decidir, é só me dizer.';
}

export function slotTaken(): string {
  return 'Desculpe, esse horário acabou de ser ocupado.';
}

/** A form of address a doctor was asked by: 'female' ("médica", "doutora") or 'male' ("médico homem"). */
export type ProviderForm = 'female' | 'male';

/** "tem com médica mulher?" with a specialty in play: who of it has that form ("Em Cardiologia, atende a Dra. Ana Souza."). */
export function providersOfFormIn(specialty: string, names: string[]): string {
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'pt-BR'));
  if (sorted.length === 1) return `Em ${specialty}, atende ${subjectOf(sorted[0]!).replace(/^[AO] /, (m) => m.toLowerCase())}.`;
  return `Em ${specialty}, atendem ${joinAnd(sorted)}.`;
}

/** No one of the specialty in play has that form: said as it is, the booking goes on with whom there is. */
export function noProviderOfFormIn(form: ProviderForm, specialty: string): string {
  return form === 'female' ? `Em ${specialty} não temos médica.` : `Em ${specialty} não temos médico homem.`;
}

/** No specialty in play: the specialties with a doctor of that form, each with their names ("Temos médicas em Cardiologia (Dra. Ana Souza) e …"). */
export function providersOfForm(form: ProviderForm, bySpecialty: Array<{ specialty: string; names: string[] }>): string {
  if (bySpecialty.length === 0) return form === 'female' ? 'Não temos médica na clínica.' : 'Não temos médico homem na clínica.';
  const groups = [...bySpecialty]
    .sort((a, b) => a.specialty.localeCompare(b.specialty, 'pt-BR'))
    .map((g) => `${g.specialty} (${joinAnd([...g.names].sort((a, b) => a.localeCompare(b, 'pt-BR')))})`);
  return `${form === 'female' ? 'Temos médicas' : 'Temos médicos homens'} em ${joinAnd(groups)}.`;
}

/** A time of an earlier list picked ("a das 13:30") that someone else has taken since: said before the nearest times. */
export function earlierOptionGone(time: string): string {
  return `Desculpe, o horário das ${time} não está mais livre.`;
}

export function slotRefused(): string {
  return 'Desculpe, não foi possível marcar esse horário.';
}

export function writeTrouble(): string {
  return 'Desculpe, não consegui concluir agora.';
}

// ---------------------------------------------------------------------------------------------------
// Nothing fits: the waitlist

/** What a waitlist entry asks for: its days, the periods it is kept for, and the exact time the patient said, if any. */
export interface WaitlistWish {
  date_from: string | null;
  date_to: string | null;
  /** days offered as alternatives ("quinta ou sexta") */
  dates?: readonly string[] | null;
  /** the periods the entry is stored with (empty: any time) */
  periods: ReadonlyArray<'manha' | 'tarde' | 'noite'>;
  /** the exact time asked ("às 10h"), kept as the period it falls in */
  time: string | null;
  today: string;
  tomorrow: string;
}

const PERIOD_OF_DAY = { manha: 'da manhã', tarde: 'da tarde', noite: 'da noite' } as const;

/** "amanhã (qui, 26/11)", "a sexta, 27/11", "o sábado, 28/11": a day after "para". */
function forDay(date: string, today: string, tomorrow: string): string {
  if (date === today) return `hoje (${shortDate(date)})`;
  if (date === tomorrow) return `amanhã (${shortDate(date)})`;
  return `${MASCULINE_DAYS.has(weekdayOf(date)) ? 'o' : 'a'} ${longDate(date)}`;
}

/**
 * " para amanhã (qui, 26/11), de manhã", " entre segunda, 30/11, e domingo, 06/12", " para a quinta, 26/11, ou a
 * sexta, 27/11, às 10:00 ou outro horário da manhã": what a waitlist entry waits for; '' when it is open.
 */
export function waitlistWish(wish: WaitlistWish): string {
  const { date_from: from, date_to: to, dates } = wish;
  let days = '';
  if (dates && dates.length > 1) {
    const phrases = dates.map((d) => forDay(d, wish.today, wish.tomorrow));
    const last = phrases.length - 1;
    const head = phrases.slice(0, last).map((p, i) => (i < last - 1 || !p.endsWith(')') ? `${p},` : p));
    days = `para ${head.join(' ')} ou ${phrases[last]}`;
  } else if (from && to && from !== to) {
    days = dayRange(from, to, wish).trim();
  } else if (from) {
    days = `para ${forDay(from, wish.today, wish.tomorrow)}`;
  }
  const [only] = wish.periods;
  const time =
    wish.time && only && wish.periods.length === 1
      ? `às ${wish.time} ou outro horário ${PERIOD_OF_DAY[only]}`
      : wish.periods.map((p) => PERIOD_WORDS[p]).join(' ou ');
  const parts = [days, time].filter(Boolean);
  return parts.length === 0 ? '' : ` ${parts.join(', ')}`;
}

/**
 * Whom a waitlist request waits for, after "lista de espera": " do Dr. Paulo Lima", " da Dra. Ana Souza", " de
 * Cardiologia", or nothing (so the days after it read "lista de espera do Dr. Paulo Lima para a segunda", one "para").
 */
function waitlistSubject(providerName: string | null | undefined, specialty: string | null | undefined): string {
  return providerName ? ` ${ofProvider(providerName)}` : specialty ? ` de ${specialty}` : '';
}

/** "do Dr. Paulo Lima", "da Dra. Ana Souza", "de Paulo Lima" (no title: no article) */
function ofProvider(name: string): string {
  return /^dra\.?\s/i.test(name) ? `da ${name}` : /^dr\.?\s/i.test(name) ? `do ${name}` : `de ${name}`;
}

/** "tem lista de espera?" while booking: "Temos, sim. Quer entrar na lista de espera de Cardiologia para a sexta, 27/11, de manhã? …" */
export function waitlistExists(specialty: string | null, providerName: string | null, wish = ''): string {
  const which = waitlistSubject(providerName, specialty);
  return `Temos, sim. Quer entrar na lista de espera${which}${wish}? Aviso assim que abrir uma vaga.`;
}

/**
 * `window`: a time window asked that is no whole part of the day ("na hora do almoço": "entre 12:00 e 14:00"), said so
 * the patient knows the clinic has other times: "Não encontrei horários livres de Cardiologia entre 12:00 e 14:00 nos
 * próximos dias."
 */
export function waitlistOffer(specialty: string | null, providerName: string | null, wish = '', window = ''): string {
  return `Não encontrei horários livres${subject(specialty, providerName)}${window ? ` ${window}` : ''} nos próximos dias. Quer entrar na lista de espera${wish}? Aviso assim que abrir uma vaga.`;
}

/**
 * "tem vaga pra dermato amanhã?" asked while the free times of a waitlist request are on offer, and none then: "Não há
 * horários livres de Dermatologia para amanhã (qua, 25/11). Quer que eu coloque você na lista de espera para amanhã (qua,
 * 25/11)?" (joining is asked, not done).
 */
export function noTimesThenWaitlist(specialty: string | null, providerName: string | null, wish = ''): string {
  return `Não há horários livres${subject(specialty, providerName)}${wish}. Quer que eu coloque você na lista de espera${wish}?`;
}

/**
 * A waitlist request for a part of the day no one works (said before: "Dr. Carlos Mendes não atende à noite, só de manhã
 * e à tarde."): the entry for the parts worked asked, not written unasked: "Quer entrar na lista de espera do Dr. Carlos
 * Mendes para amanhã (qui, 26/11), de manhã ou à tarde?"
 */
export function waitlistOtherPeriods(specialty: string | null, providerName: string | null, wish: string, periods: ReadonlyArray<'manha' | 'tarde' | 'noite'>): string {
  const which = waitlistSubject(providerName, specialty);
  const when = periods.length > 0 ? `${wish ? ',' : ''} ${periods.map((p) => PERIOD_WORDS[p]).join(' ou ')}` : '';
  return `Quer entrar na lista de espera${which}${wish}${when}?`;
}

export function waitlistJoined(position: number, specialty: string | null, providerName: string | null, wish = ''): string {
  const which = waitlistSubject(providerName, specialty);
  return `Pronto! Você está na lista de espera${which}${wish}, na posição ${position}. Aviso assim que abrir um horário.`;
}

/** One of the patient's waitlist entries, as "tô na lista de espera?" is answered. */
export interface WaitlistEntryView {
  specialty: string | null;
  provider_name: string | null;
  /** what it waits for, as waitlistWish words it ('' when open) */
  wish: string;
  position: number | null;
}

/** What a question about the waitlist named ("do dermato", "da dra ana", "na savassi"): the clinic's names. */
export interface WaitlistAskedView {
  specialty: string | null;
  provider_name: string | null;
  location_name: string | null;
}

/** " de Dermatologia para amanhã (qui, 26/11), de manhã, na posição 1": one entry, after "lista de espera". */
function waitlistEntryWords(e: WaitlistEntryView): string {
  const whom = waitlistSubject(e.provider_name, e.specialty);
  return `${whom}${e.wish}${e.position !== null ? `, na posição ${e.position}` : ''}`;
}

/**
 * A waitlist request for days no one of the specialty (or the provider) works: "Não há atendimento de Cardiologia no
 * domingo, 29/11." (several days: "nesses dias").
 */
export function noHoursOnDays(specialty: string | null, providerName: string | null, days: readonly string[]): string {
  const when = days.length === 1 ? onDate(days[0]!) : 'nesses dias';
  return `Não há atendimento${subject(specialty, providerName)} ${when}.`;
}

/** The same waitlist request made again: the entry there is, and no second one. */
export function alreadyOnWaitlist(e: WaitlistEntryView): string {
  return `Você já está na lista de espera${waitlistEntryWords(e)}. Aviso assim que abrir um horário.`;
}

/**
 * "Sim, você está na lista de espera de Dermatologia para amanhã (qui, 26/11), de manhã, na posição 1." — one
 * entry a sentence, several as a list; a freed time that awaits the patient's answer named after them. `missed`:
 * the question named what none of the entries is for ("Você não está na lista de espera de Cardiologia."), then the
 * entries there are.
 */
export function waitlistStatus(
  entries: readonly WaitlistEntryView[],
  offer: AppointmentView | null,
  missed: { asked: WaitlistAskedView; others: readonly WaitlistEntryView[] } | null = null,
  /** false: the question was another one ("ainda tá disponível?" about a freed time gone), so no "Sim," opens the entries */
  answersYes = true,
): string {
  const you = answersYes ? 'Sim, você' : 'Você';
  const which = waitlistEntryWords;
  // "• Dermatologia para amanhã (qui, 26/11), de manhã, na posição 1", "• com Dra. Ana Souza, na posição 2"
  const item = (e: WaitlistEntryView) => `• ${e.provider_name ? `com ${e.provider_name}` : (e.specialty ?? '')}${e.wish}${e.position !== null ? `, na posição ${e.position}` : ''}`;
  const parts: string[] = [];
  const listed = missed ? missed.others : entries;
  if (missed) {
    parts.push(notOnAskedWaitlistOf(missed.asked));
    if (listed.length === 1) parts.push(`Você está na lista de espera${which(listed[0]!)}.`);
    else parts.push(`Você tem ${listed.length} pedidos na lista de espera:\n${listed.map(item).join('\n')}`);
  } else if (entries.length === 1) parts.push(`${you} está na lista de espera${which(entries[0]!)}.`);
  else if (entries.length > 1) {
    parts.push(`${you} tem ${entries.length} pedidos na lista de espera:\n${entries.map(item).join('\n')}`);
  }
  if (offer) {
    parts.push(`Abriu uma vaga que aguarda a sua resposta: ${describeAppointment(offer)}, ${atPlace(offer.location_name)}. Responda SIM para reservar ou NÃO para continuar na lista de espera.`);
  } else if (listed.length > 0) {
    parts.push('Aviso assim que abrir um horário.');
  }
  // after a list, the next sentence on a line of its own
  return parts.join(listed.length > 1 ? '\n' : ' ');
}

/** "Você não está na lista de espera de Cardiologia.": what a question about the waitlist named has no entry. */
export function notOnAskedWaitlistOf(asked: WaitlistAskedView): string {
  const whom = waitlistSubject(asked.provider_name, asked.specialty);
  const where = asked.location_name ? ` ${atPlace(asked.location_name)}` : '';
  return `Você não está na lista de espera${whom}${where}.`;
}

/** "quanto tempo demora a lista de espera?": a freed time depends on someone else cancelling. */
export function waitCannotBeTold(): string {
  return 'Não consigo prever quando vai abrir um horário.';
}

/** "tô na lista de espera?" from a patient on none, asked while booking: said plainly (the booking goes on). */
export function notOnWaitlistNow(): string {
  return 'Você não está em nenhuma lista de espera no momento.';
}

/**
 * "ainda tô na fila do dermato?" with no entry for it: "Quer entrar na lista de espera de Dermatologia?" (`also`: beside
 * the entries the patient has, "Quer entrar também …").
 */
export function joinWaitlistOf(asked: WaitlistAskedView, also: boolean): string {
  const whom = waitlistSubject(asked.provider_name, asked.specialty);
  const where = asked.location_name ? ` ${atPlace(asked.location_name)}` : '';
  return `Quer entrar${also ? ' também' : ''} na lista de espera${whom}${where}?`;
}

/**
 * "recebi uma mensagem de vaga, ainda tá disponível?" with the freed time still standing: the first words answer that
 * (an offer has no deadline of its own: it stands until it is answered or someone else takes the time).
 */
export function offerStillAvailable(offer: AppointmentView): string {
  return `Sim, a vaga ainda está disponível para você: ${describeAppointment(offer)}, ${atPlace(offer.location_name)}. Responda SIM para reservar ou NÃO para continuar na lista de espera.`;
}

/** "que horas é essa vaga?" with the freed time still standing: it described, and how to answer. */
export function offerDetails(offer: AppointmentView): string {
  return `A vaga que abriu para você é: ${describeAppointment(offer)}, ${atPlace(offer.location_name)}. Responda SIM para reservar ou NÃO para continuar na lista de espera.`;
}

/** The same asked with no freed time standing for the patient (taken by someone else, turned down, or never sent). */
export function offerNoLongerAvailable(): string {
  return 'Essa vaga não está mais disponível.';
}

/** "tô na lista de espera?" from a patient on none: said plainly, and the waitlist offered. */
export function notOnWaitlist(): string {
  return 'Você não está em nenhuma lista de espera no momento, mas posso colocar você em uma.';
}

/** The waitlist was asked for, and there are free times that fit: they come first. */
export function waitlistHasRoom(): string {
  return 'Encontrei horários livres para o que você pediu, sem precisar de lista de espera.';
}

/** After those times: the waitlist is still there. */
export function waitlistIfNone(): string {
  return 'Se nenhum servir, coloco você na lista de espera.';
}

export function waitlistFailed(): string {
  return 'Desculpe, não consegui incluir você na lista de espera agora.';
}

/** The patient said yes to a freed time offered by message: "Pronto, reservei para você: consulta de … na quarta, 02/12, às 09:00, na Unidade Centro (…). …" */
export function offerBooked(offer: AppointmentView, today: string): string {
  const where = `${atPlace(offer.location_name)}${offer.location_address ? ` (${offer.location_address})` : ''}`;
  return `Pronto, reservei para você: ${describeAppointment(offer)}, ${where}.${reminder(offer.date, today)}`;
}

/** The offered time was taken by someone else before the patient answered. */
export function offerTaken(): string {
  return 'Que pena, esse horário acabou de ser preenchido. Você continua na lista de espera e aviso assim que abrir outro.';
}

/** The offered time can no longer be booked for the patient (a rule refuses it now). */
export function offerRefused(): string {
  return 'Desculpe, não consegui reservar esse horário para você. Você continua na lista de espera e aviso assim que abrir outro.';
}

/** The patient said no to the offered time. */
export function offerDeclined(): string {
  return 'Tudo bem! Você continua na lista de espera e aviso assim que abrir outro horário.';
}

/** "é pra minha filha" said alone: taken in (whose record it goes in is said before the confirmation). */
export function notedWhoFor(): string {
  return 'Certo.';
}

export function okay(): string {
  return 'Tudo bem.';
}

/** A change of doctor finds no other provider's time on the days searched: ask another date. */
export function nothingWithOtherProviders(specialty: string | null): string {
  return `Não encontrei horários livres com outros profissionais${specialty ? ` de ${specialty}` : ''} nos próximos dias.`;
}

/** Nothing to move to with the same provider: ask another date. */
export function nothingToMoveTo(providerName: string | null): string {
  return `Não encontrei horários livres${providerName ? ` com ${providerName}` : ''} nos próximos dias.`;
}

// ---------------------------------------------------------------------------------------------------
// Appointments: list, cancel, reschedule, confirm

export type AppointmentPurpose = 'cancel' | 'reschedule' | 'confirm';

function appointmentLine(a: AppointmentView, index: number): string {
  return `${index + 1}) ${shortDate(a.date)} às ${a.start_time} — ${what(a)}, ${a.location_name}`;
}

/** Whether the patient has confirmed it yet: what "minha consulta tá confirmada?" asks. */
const STATUS_NOTE: Record<string, string> = { requested: ' (a confirmar)', confirmed: ' (confirmada)' };

/** The status note of one appointment named alone: " (confirmado)" for a retorno. */
const statusNote = (a: AppointmentView & { status: string }) =>
  a.status === 'confirmed' ? ` (${agreeing(a, 'confirmada', 'confirmado')})` : (STATUS_NOTE[a.status] ?? '');

/** The patient's upcoming appointments; one alone in a sentence ("Sua consulta de Dermatologia com Dr. Rui Alves: sexta, 27/11, às 15:00, na Unidade Centro (a confirmar)."). */
export function appointmentList(list: Array<AppointmentView & { status: string }>): string {
  if (list.length === 1) {
    const a = list[0]!;
    return `${capitalize(yourWhat(a))}: ${longDate(a.date)}, às ${a.start_time}, ${atPlace(a.location_name)}${statusNote(a)}.`;
  }
  return `Suas próximas consultas:\n${list.map((a, i) => `${appointmentLine(a, i)}${STATUS_NOTE[a.status] ?? ''}`).join('\n')}`;
}

/** Before the list asked for someone else ("o pedro tem consulta sexta?"): what is shown is the patient's own record. */
export function ownRecordListed(): string {
  return 'Aqui vejo só as consultas do seu cadastro.';
}

export function noAppointments(): string {
  return 'Você não tem consultas marcadas.';
}

export function wantNewBooking(): string {
  return 'Quer marcar uma nova consulta?';
}

const PURPOSE_VERBS: Record<AppointmentPurpose, string> = { cancel: 'desmarcar', reschedule: 'remarcar', confirm: 'confirmar' };

/** Several appointments named to move at once ("remarcar a de segunda e a de terça"). */
export function oneMoveAtATime(): string {
  return 'Remarco uma consulta de cada vez.';
}

/** `first`: several were named to move, and one at a time: which one first. */
export function chooseAppointment(list: AppointmentView[], purpose: AppointmentPurpose, first = false): string {
  // the only one (the one named was not found): is it this one?
  if (list.length === 1) return `Você tem ${describeAppointment(list[0]!)}. ${whichAppointment(purpose, 1, list[0]!)}`;
  // to confirm, only those awaiting confirmation are listed: say so
  const intro = purpose === 'confirm' ? 'Você tem estas consultas aguardando confirmação:' : 'Você tem estas consultas:';
  const question = first ? `Qual delas você quer ${PURPOSE_VERBS[purpose]} primeiro?` : whichAppointment(purpose);
  return `${intro}\n${list.map(appointmentLine).join('\n')}\n${question}`;
}

/** `one`: the only one asked about, whose type's noun "essa"/"esse" agrees with ("É esse que você quer desmarcar?" of a retorno) */
export function whichAppointment(purpose: AppointmentPurpose, count = 2, one: { appointment_type_name: string } | null = null): string {
  if (count === 1) return `É ${one ? agreeing(one, 'essa', 'esse') : 'essa'} que você quer ${PURPOSE_VERBS[purpose]}?`;
  return `Qual delas você quer ${PURPOSE_VERBS[purpose]}?`;
}

/** "com a dra juliana" to which appointment, none of those listed with her: "Nenhuma dessas consultas é com Dra. Juliana Martins." */
export function noneListedWith(provider: string): string {
  return `Nenhuma dessas consultas é com ${provider}.`;
}

/** A "sim" to "Qual delas…?": it names none, so the list again and how to answer ("as duas" where all can be done at once). */
export function whichAppointmentAgain(list: AppointmentView[], purpose: AppointmentPurpose, allAllowed: boolean): string {
  const all = list.length <= 3 ? `“as ${countWord(list.length)}”` : '“todas”';
  const how = allAllowed && list.length > 1 ? `Responda com o número da consulta ou ${all}.` : 'Responda com o número da consulta.';
  return `${whichAppointment(purpose)}\n${list.map(appointmentLine).join('\n')}\n${how}`;
}

/** "Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?" */
export function confirmCancel(a: AppointmentView): string {
  return `Você tem ${describeAppointment(a)}. Desmarco?`;
}

/** "desmarco sua consulta de Cardiologia com Dra. Ana Souza na sexta, 27/11, às 09:00?" */
export function cancelQuestionOf(a: AppointmentView): string {
  return `desmarco ${yourWhat(a)} ${onDate(a.date)}, às ${a.start_time}?`;
}

/** An "ok" and a new request to "Desmarco?": the cancel asked again, the request to follow ("Antes de ver a nova marcação: desmarco …?") */
export function cancelAskedAgain(question: string): string {
  return `Antes de ver a nova marcação: ${question.charAt(0).toLowerCase()}${question.slice(1)}`;
}

/** "Desmarcada." for a consulta, "Desmarcado." for a retorno: agrees with the appointment type's noun (none: a consulta). */
export function cancelled(a: { appointment_type_name: string } | null = null): string {
  return feminineType(a?.appointment_type_name ?? '') ? 'Desmarcada.' : 'Desmarcado.';
}

/** Feminine number words for counts of appointments ("as duas consultas"); digits beyond. */
const COUNT_WORDS = ['nenhuma', 'uma', 'duas', 'três', 'quatro', 'cinco'];
const countWord = (n: number) => COUNT_WORDS[n] ?? String(n);

/** "Desmarco as duas?", "Desmarco as três?", "Desmarco todas?" */
export function cancelAllQuestion(count: number): string {
  return count <= 3 ? `Desmarco as ${countWord(count)}?` : 'Desmarco todas?';
}

/** "as duas": the appointments listed, and one question for all of them. */
export function confirmCancelAll(list: AppointmentView[]): string {
  return `Você tem estas consultas:\n${list.map(appointmentLine).join('\n')}\n${cancelAllQuestion(list.length)}`;
}

/** Masculine number words ("os dois retornos"); digits beyond. */
const COUNT_WORDS_MASCULINE = ['nenhum', 'um', 'dois', 'três', 'quatro', 'cinco'];

/**
 * Appointments named by their types' nouns, each group agreeing in gender and number: "a consulta", "os dois
 * retornos", "a consulta e o retorno", "as duas consultas e o retorno" (order of first appearance).
 */
function typesPhrase(typeNames: string[]): { phrase: string; feminine: boolean } {
  const groups: Array<{ noun: string; feminine: boolean; count: number }> = [];
  for (const name of typeNames) {
    const noun = lower(name.trim() || 'consulta');
    const group = groups.find((g) => g.noun === noun);
    if (group) group.count++;
    else groups.push({ noun, feminine: feminineType(noun), count: 1 });
  }
  const parts = groups.map((g) => {
    if (g.count === 1) return `${g.feminine ? 'a' : 'o'} ${g.noun}`;
    const n = g.count <= 3 ? (g.feminine ? countWord(g.count) : (COUNT_WORDS_MASCULINE[g.count] ?? String(g.count))) : String(g.count);
    return `${g.feminine ? 'as' : 'os'} ${n} ${plural(g.noun)}`;
  });
  const phrase = joinAnd(parts);
  // a group of nouns takes the masculine unless every one is feminine
  return { phrase, feminine: groups.every((g) => g.feminine) };
}

/** "consulta" → "consultas", "avaliação" → "avaliações", "retorno" → "retornos" (the first word of the type's name). */
function plural(noun: string): string {
  const [head = '', ...rest] = noun.split(/\s+/);
  const many = /ção$/.test(head) ? head.replace(/ção$/, 'ções') : /são$/.test(head) ? head.replace(/são$/, 'sões') : /gem$/.test(head) ? head.replace(/gem$/, 'gens') : /[aeiou]$/.test(head) ? `${head}s` : head;
  return [many, ...rest].join(' ');
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * After cancelling several at once: all, some or none of them went, named by their types ("Os dois retornos
 * foram desmarcados.", "A consulta e o retorno foram desmarcados."). `done` and `failed`: the type names of each.
 */
export function cancelledAll(done: string[], failed: string[]): string {
  const all = typesPhrase([...done, ...failed]);
  if (failed.length === 0) return `${capitalised(all.phrase)} ${done.length > 1 ? 'foram' : 'foi'} ${all.feminine ? 'desmarcada' : 'desmarcado'}${done.length > 1 ? 's' : ''}.`;
  if (done.length === 0) return `Desculpe, não consegui desmarcar ${all.phrase} agora.`;
  return `Desmarquei ${typesPhrase(done).phrase}; não consegui desmarcar ${typesPhrase(failed).phrase} agora.`;
}

export function wantAnotherTime(): string {
  return 'Quer marcar outro horário?';
}

export function cancelFailed(): string {
  return 'Desculpe, não consegui desmarcar essa consulta agora.';
}

/** "Quer seguir com a marcação (“marca dermato segunda”)?": the second of two asks, after the first was turned down */
export function goOnWithAsk(kind: 'book' | 'cancel' | 'reschedule' | 'confirm' | 'waitlist' | null, words: string): string {
  const what =
    kind === 'book'
      ? 'a marcação'
      : kind === 'reschedule'
        ? 'a remarcação'
        : kind === 'cancel'
          ? 'o cancelamento'
          : kind === 'confirm'
            ? 'a confirmação'
            : kind === 'waitlist'
              ? 'a lista de espera'
              : 'o outro pedido';
  return `Quer seguir com ${what} (“${words}”)?`;
}

/** "Tudo bem, sua consulta continua marcada."; "seu retorno continua marcado" for one of a masculine type. */
export function keptAppointment(several = false, one: { appointment_type_name: string } | null = null): string {
  if (several) return 'Tudo bem, suas consultas continuam marcadas.';
  return one && !feminineType(one.appointment_type_name) ? `Tudo bem, seu ${lower(one.appointment_type_name)} continua marcado.` : 'Tudo bem, sua consulta continua marcada.';
}

/** To "Desmarco?" answered with another ask: "Tudo bem, sua consulta de quarta, 02/12, continua marcada." */
export function keptAppointmentOf(a: AppointmentView): string {
  return `Tudo bem, ${agreeing(a, 'sua consulta', `seu ${lower(a.appointment_type_name)}`)} de ${longDate(a.date)}, continua ${agreeing(a, 'marcada', 'marcado')}.`;
}

/** "Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de quinta, 03/12, às 15:00." */
export function movingAppointment(a: AppointmentView): string {
  return `Vamos remarcar ${yourWhat(a)} de ${longDate(a.date)}, às ${a.start_time}.`;
}

/** After the first of several moves asked: "Agora vamos remarcar a de terça, 01/12, às 15:00." */
export function nextMove(a: AppointmentView): string {
  return `Agora vamos remarcar a de ${longDate(a.date)}, às ${a.start_time}.`;
}

/** "Vamos trocar o profissional da sua consulta de Cardiologia com Dra. Ana Souza de sexta, 27/11, às 09:00." */
export function movingToOtherProvider(a: AppointmentView): string {
  return `Vamos trocar o profissional ${ofYourWhat(a)} de ${longDate(a.date)}, às ${a.start_time}.`;
}

/** "Vamos passar sua consulta de Cardiologia com Dra. Ana Souza de sexta, 27/11, às 09:00 para Dr. Paulo Lima." */
export function movingToNamedProvider(a: AppointmentView, providerName: string): string {
  return `Vamos passar ${yourWhat(a)} de ${longDate(a.date)}, às ${a.start_time}, para ${providerName}.`;
}

/**
 * "Dr. Rui Alves não atende Cardiologia (atende Dermatologia). Sua consulta de Cardiologia com Dra. Ana Souza de
 * sexta, 27/11, às 09:00, continua marcada.": a provider named to take over an appointment of a specialty they do not see.
 */
export function providerOfOtherSpecialty(a: AppointmentView, providerName: string, theirSpecialty: string | null): string {
  const theirs = theirSpecialty ? ` (atende ${theirSpecialty})` : '';
  return `${providerName} não atende ${a.specialty ?? 'essa especialidade'}${theirs}. ${capitalize(yourWhat(a))} de ${longDate(a.date)}, às ${a.start_time}, continua ${agreeing(a, 'marcada', 'marcado')}.`;
}

export function confirmPresence(a: AppointmentView): string {
  return `Quer confirmar sua presença ${agreeing(a, 'na', 'no')} ${describeAppointment(a)}?`;
}

/** "a consulta de sexta ta confirmada?", it is: a plain yes, then the appointment. */
export function isConfirmed(a: AppointmentView): string {
  return `Sim, está ${agreeing(a, 'confirmada', 'confirmado')}: ${yourWhat(a)}, ${longDate(a.date)}, às ${a.start_time}, ${atPlace(a.location_name)}.`;
}

/** "a consulta de sexta ta confirmada?", it is not yet: said plainly, the appointment, and whether to confirm it now. */
export function notYetConfirmed(a: AppointmentView): string {
  return `Ainda não está ${agreeing(a, 'confirmada', 'confirmado')}: ${yourWhat(a)}, ${longDate(a.date)}, às ${a.start_time}, ${atPlace(a.location_name)}. Quer confirmar sua presença?`;
}

/**
 * A reminder of an appointment, the clinic's own message (no question of the patient's answered): "Olá, Maria! Lembrete:
 * sua consulta de Cardiologia com Dra. Ana Souza é amanhã, quarta, 25/11, às 09:00, na Unidade Centro (Av. Afonso Pena,
 * 1000). Você confirma sua presença?"; an appointment already confirmed is only told of ("… Sua presença já está
 * confirmada. Até lá!"). `today`, `tomorrow`: local dates at the clinic; "Olá!" alone when the patient has no name on file.
 */
export function appointmentReminder(firstName: string, a: AppointmentView, today: string, tomorrow: string, confirmed: boolean): string {
  const { what, when, where, ending } = appointmentReminderParts(a, today, tomorrow, confirmed);
  return `${hello(firstName, null)} Lembrete: ${what} é ${when}, ${where}. ${ending}`;
}

/**
 * The parts of `appointmentReminder` after the greeting, which are also its WhatsApp template's parameters {{2}}–{{5}}
 * (messages.ts `whatsappTemplates.appointment_reminder`): "sua consulta de Cardiologia com Dra. Ana Souza", "amanhã,
 * quarta, 25/11, às 09:00", "na Unidade Centro (Av. Afonso Pena, 1000)", "Você confirma sua presença?".
 */
export function appointmentReminderParts(a: AppointmentView, today: string, tomorrow: string, confirmed: boolean) {
  const day = a.date === today ? `hoje, ${longDate(a.date)}` : a.date === tomorrow ? `amanhã, ${longDate(a.date)}` : onDate(a.date);
  return {
    what: yourWhat(a),
    when: `${day}, às ${a.start_time}`,
    where: `${atPlace(a.location_name)}${a.location_address ? ` (${a.location_address})` : ''}`,
    ending: confirmed ? 'Sua presença já está confirmada. Até lá!' : 'Você confirma sua presença?',
  };
}

/** "essa consulta", "esse retorno": the appointment just spoken of. */
function thisOne(a: AppointmentView): string {
  return agreeing(a, 'essa consulta', `esse ${lower(a.appointment_type_name)}`);
}

/** The patient cannot come to the appointment reminded of: whether to cancel or move it ("Quer desmarcar ou remarcar essa consulta?"). */
export function cancelOrMoveQuestion(a: AppointmentView): string {
  return `Quer desmarcar ou remarcar ${thisOne(a)}?`;
}

/** "não vou poder ir" to a reminder: taken calmly, and whether to cancel or move it. */
export function cannotCome(a: AppointmentView): string {
  return `${okay()} ${cancelOrMoveQuestion(a)}`;
}

export function presenceConfirmed(a: AppointmentView): string {
  return `Obrigado! Sua presença ${agreeing(a, 'na', 'no')} ${describeAppointment(a)} está confirmada.`;
}

/** "vou sim" with nothing awaiting confirmation and the appointments already confirmed: said so. */
export function alreadyConfirmed(list: AppointmentView[]): string {
  if (list.length === 1) return `Sua presença ${agreeing(list[0]!, 'na', 'no')} ${describeAppointment(list[0]!)} já está confirmada.`;
  return `Suas consultas já estão confirmadas:\n${list.map(appointmentLine).join('\n')}`;
}

/** "confirmo as duas": the appointments confirmed, listed, and a word on any that could not be. */
export function presenceConfirmedAll(confirmed: AppointmentView[], failed: AppointmentView[]): string {
  if (confirmed.length === 0) return 'Desculpe, não consegui confirmar essas consultas agora.';
  const list = confirmed.map(appointmentLine).join('\n');
  const n = confirmed.length;
  const which = n === 1 ? 'Esta consulta está confirmada' : failed.length > 0 || n > 3 ? 'Estas consultas estão confirmadas' : `As ${countWord(n)} consultas estão confirmadas`;
  const head = `Obrigado! ${which}:\n${list}`;
  if (failed.length === 0) return head;
  return `${head}\nNão consegui confirmar ${failed.length === 1 ? 'a outra' : `as outras ${countWord(failed.length)}`} agora.`;
}

export function nothingToConfirm(): string {
  return 'Não encontrei consulta aguardando confirmação.';
}

export function confirmFailed(): string {
  return 'Desculpe, não consegui confirmar essa consulta agora.';
}

/** said once with the nearest times when the patient says it is urgent */
export function urgentCare(): string {
  return 'Se for uma emergência, ligue 192 (SAMU) ou procure o pronto-socorro mais próximo.';
}

// ---------------------------------------------------------------------------------------------------
// Symptoms instead of a specialty, and questions about a provider's hours

/** a symptom said instead of a specialty: who usually sees it, asked before booking (a routing suggestion, never a diagnosis) */
export function suggestSpecialty(symptom: string, specialty: string): string {
  return `Para ${symptom}, quem atende é ${specialty}. Quer marcar com ${specialty}?`;
}

/** A weekly stretch of hours, local to its place (day 0 = Sunday). */
export interface HoursView {
  provider_name?: string | null;
  location_name: string;
  day_of_week: number;
  start_time: string;
  end_time: string;
}

/** "às segundas", "aos sábados" */
const onWeekdays = (day: number) => `${MASCULINE_DAYS.has(day) ? 'aos' : 'às'} ${WEEKDAY_PLURAL[day]}`;
/** Monday first */
const weekOrder = (day: number) => (day + 6) % 7;

/** "de segunda a sexta", "às segundas e quartas", "aos sábados" */
function weekdays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => weekOrder(a) - weekOrder(b));
  const ordered = sorted.map(weekOrder);
  const consecutive = ordered.every((d, i) => i === 0 || d === ordered[i - 1]! + 1);
  if (sorted.length >= 3 && consecutive) return `de ${WEEKDAY_NAME[sorted[0]!]} a ${WEEKDAY_NAME[sorted[sorted.length - 1]!]}`;
  const plural = sorted.map(onWeekdays);
  // one article for a run of the same article: "às segundas e quartas", "às segundas e aos sábados"
  return joinAnd(plural.map((w, i) => (i > 0 && w.split(' ')[0] === plural[i - 1]!.split(' ')[0] ? w.split(' ')[1]! : w)));
}

/** "na Unidade Centro de segunda a sexta, das 08:00 às 12:00, e às quartas, das 14:00 às 18:00" */
function hoursAtPlace(place: string, stretches: HoursView[]): string {
  const byRange = new Map<string, number[]>();
  for (const s of stretches) {
    const key = `${s.start_time}-${s.end_time}`;
    byRange.set(key, [...(byRange.get(key) ?? []), s.day_of_week]);
  }
  const byDays = new Map<string, string[]>();
  for (const [range, days] of byRange) {
    const key = weekdays(days);
    byDays.set(key, [...(byDays.get(key) ?? []), range]);
  }
  const parts = [...byDays].map(([days, ranges]) => {
    const times = joinAnd(ranges.sort().map((r) => `das ${r.slice(0, 5)} às ${r.slice(6)}`));
    return `${days}, ${times}`;
  });
  return `${atPlace(place)} ${parts.join(', e ')}`;
}

/** "a Dra. Ana Souza", "o Dr. Paulo Lima", the name alone when no title says which */
function withArticle(name: string): string {
  return /^dra\.?\s/i.test(name) ? `a ${name}` : /^dr\.?\s/i.test(name) ? `o ${name}` : name;
}

/** "A Dra. Ana Souza", "O Dr. Paulo Lima", the name alone when no title says which */
function subjectOf(name: string): string {
  return /^dra\.?\s/i.test(name) ? `A ${name}` : /^dr\.?\s/i.test(name) ? `O ${name}` : name;
}

/**
 * "o dr paulo tá de férias?": what the schedule of the coming days shows, nothing more. `workDays`: the days asked they
 * have hours on; `daysOff`: those their weekly hours cover but the schedule is closed. Empty when no hours are on file
 * (the hours answer says so).
 */
export function providerAway(name: string, p: { workDays: string[]; daysOff: string[]; span: number }): string {
  const who = withArticle(name);
  if (p.workDays.length === 0 && p.daysOff.length === 0) return '';
  if (p.workDays.length === 0) return `Pela agenda, ${who} não tem atendimento nos próximos ${p.span} dias; a nossa recepção pode informar quando ${pronounOf(name)} volta.`;
  if (p.daysOff.length === 0) return `Pela agenda, ${who} está atendendo normalmente: não há folga marcada nos próximos ${p.span} dias.`;
  return `Pela agenda, ${who} não vai atender ${joinAnd(p.daysOff.map(onDate))}; nos outros dias, atende normalmente.`;
}

/**
 * Where and when a provider works, from the weekly templates: "A Dra. Ana Souza atende na Unidade Centro
 * de segunda a sexta, das 08:00 às 12:00." With a place or weekday asked, a yes or a no to it first.
 */
export function providerHours(
  name: string,
  stretches: HoursView[],
  asked: {
    place: string | null;
    day: number | null;
    period?: { period: 'manha' | 'tarde' | 'noite' | null; from: string; to: string } | null;
    /** the one date asked ("sexta": the next Friday) */
    date?: string | null;
    /** dates of the days asked (or of the coming week) the weekly hours cover but the schedule is closed */
    daysOff?: string[];
  },
): string {
  const daysOff = asked.daysOff ?? [];
  // the very date asked is closed: said, with the usual hours
  if (asked.date && daysOff.includes(asked.date)) {
    const usual = stretches.length > 0 ? ` ${capitalize(pronounOf(name))} costuma atender ${providerHoursList(stretches)}.` : '';
    return `Não, ${subjectOf(name).replace(/^[AO] /, (a) => a.toLowerCase())} não vai atender ${onDate(asked.date)}: a agenda ${pronounOf(name) === 'ela' ? 'dela' : pronounOf(name) === 'ele' ? 'dele' : `de ${name}`} está fechada nesse dia.${usual}`;
  }
  const answer = weeklyHoursAnswer(name, stretches, asked);
  if (daysOff.length === 0) return answer;
  return `${answer} Mas ${joinAnd(daysOff.map(onDate))}, ${pronounOf(name)} não vai atender.`;
}

/** "na Unidade Centro de segunda a sexta, das 08:00 às 12:00, e na Unidade Savassi …" */
function providerHoursList(list: HoursView[]): string {
  const stretches = [...list].sort((a, b) => weekOrder(a.day_of_week) - weekOrder(b.day_of_week) || a.start_time.localeCompare(b.start_time));
  const places = [...new Set(stretches.map((s) => s.location_name))];
  return places.map((p) => hoursAtPlace(p, stretches.filter((s) => s.location_name === p))).join(', e ');
}

function weeklyHoursAnswer(
  name: string,
  stretches: HoursView[],
  asked: { place: string | null; day: number | null; period?: { period: 'manha' | 'tarde' | 'noite' | null; from: string; to: string } | null },
): string {
  const sorted = [...stretches].sort((a, b) => weekOrder(a.day_of_week) - weekOrder(b.day_of_week) || a.start_time.localeCompare(b.start_time));
  const describe = (list: HoursView[]) => {
    const places = [...new Set(list.map((s) => s.location_name))];
    return places.map((p) => hoursAtPlace(p, list.filter((s) => s.location_name === p))).join(', e ');
  };
  if (sorted.length === 0) return `Não encontrei os horários de atendimento ${/^dra\.?\s/i.test(name) ? 'da' : /^dr\.?\s/i.test(name) ? 'do' : 'de'} ${name}.`;
  const within = asked.period ?? null;
  const fits = sorted.filter(
    (s) =>
      (asked.place === null || s.location_name === asked.place) &&
      (asked.day === null || s.day_of_week === asked.day) &&
      (within === null || (s.start_time < within.to && s.end_time > within.from)),
  );
  const everything = `${subjectOf(name)} atende ${describe(sorted)}.`;
  if (asked.place === null && asked.day === null && within === null) return everything;
  const where = asked.place ? ` ${atPlace(asked.place)}` : '';
  const period = within ? ` ${within.period ? PERIOD_WORDS[within.period] : `das ${within.from} às ${within.to}`}` : '';
  const when = `${asked.day !== null ? ` ${onWeekdays(asked.day)}` : ''}${period}`;
  if (fits.length === 0) {
    return `Não, ${subjectOf(name).replace(/^[AO] /, (a) => a.toLowerCase())} não atende${when}${where}. ${capitalize(pronounOf(name))} atende ${describe(sorted)}.`;
  }
  return `Sim, ${subjectOf(name).replace(/^[AO] /, (a) => a.toLowerCase())} atende ${describe(fits)}.`;
}

/**
 * "cadê o dr paulo?", "ele tá aí hoje?": whether they work today, and where ("Hoje (qua, 25/11), ele atende na Unidade
 * Savassi, das 08:00 às 12:00."); hours already over at `now` are said as such.
 */
export function providerToday(name: string, date: string, stretches: ReadonlyArray<{ location_name: string; start_time: string; end_time: string }>, now: string): string {
  const who = pronounOf(name);
  const day = `Hoje (${shortDate(date)})`;
  if (stretches.length === 0) return `${day}, ${who} não atende.`;
  const sorted = [...stretches].sort((a, b) => a.start_time.localeCompare(b.start_time));
  const places = [...new Set(sorted.map((s) => s.location_name))];
  const list = places
    .map((place) => `${atPlace(place)}, ${joinAnd(sorted.filter((s) => s.location_name === place).map((s) => `das ${s.start_time} às ${s.end_time}`))}`)
    .join(', e ');
  if (sorted.every((s) => s.end_time <= now)) return `${day}, ${who} atendeu ${list}; esse horário já terminou.`;
  return `${day}, ${who} atende ${list}.`;
}

/** "não tem sexta?" to the times of Friday: "Esses horários já são da sexta, 27/11." */
export function timesAreOfThatDay(date: string, today: string, tomorrow: string): string {
  const day = date === today ? `de hoje (${shortDate(date)})` : date === tomorrow ? `de amanhã (${shortDate(date)})` : `${MASCULINE_DAYS.has(weekdayOf(date)) ? 'do' : 'da'} ${longDate(date)}`;
  return `Esses horários já são ${day}.`;
}

/** after the hours: whether to book with them */
export function wantToBook(): string {
  return 'Quer marcar?';
}

/** after someone's hours, asked in the middle of a booking with another: whether to book with them instead */
export function wantToBookWith(name: string): string {
  return `Quer marcar com ${pronounOf(name)}?`;
}

// ---------------------------------------------------------------------------------------------------
// "cancelar" in the middle of a booking

export function cancelOrStop(): string {
  return 'Você quer parar este agendamento ou desmarcar uma consulta já marcada?';
}

/** "cancelar" again to that question: which of the two, once more, with numbers to answer */
export function cancelOrStopAgain(): string {
  return 'Só para eu entender: você quer parar este agendamento (1) ou desmarcar uma consulta que já está marcada (2)?';
}

export function stopped(): string {
  return 'Tudo bem, parei este agendamento.';
}

// ---------------------------------------------------------------------------------------------------
// Questions about the clinic

export function addresses(locations: LocationView[]): string {
  const known = locations.filter((l) => l.address);
  if (known.length === 0) return 'Não tenho o endereço cadastrado aqui; a recepção pode informar.';
  if (known.length === 1) return `Endereço da ${known[0]!.name}: ${known[0]!.address}.`;
  return `Nossos endereços: ${known.map((l) => `${l.name} — ${l.address}`).join('; ')}.`;
}

/**
 * "qual o endereço da minha consulta?": one appointment, its unit and address; several at one unit,
 * that unit once; at several units, each appointment with its unit's address.
 */
export function appointmentAddresses(list: AppointmentView[]): string {
  const where = (a: AppointmentView) => `${a.location_name}${a.location_address ? `: ${a.location_address}` : ''}`;
  if (list.length === 1) {
    const a = list[0]!;
    return `${capitalize(yourWhat(a))} ${onDate(a.date)}, às ${a.start_time} é ${atPlace(a.location_name)}${a.location_address ? `: ${a.location_address}` : ''}.`;
  }
  const places = new Set(list.map((a) => a.location_name));
  if (places.size === 1) {
    const a = list[0]!;
    return `Suas próximas consultas são ${atPlace(a.location_name)}${a.location_address ? `: ${a.location_address}` : ''}.`;
  }
  // not numbered: nothing is to be picked here, and a question pending may follow ("Qual prefere?")
  return `Suas próximas consultas:\n${list.map((a) => `- ${shortDate(a.date)} às ${a.start_time} — ${what(a)}, ${where(a)}`).join('\n')}`;
}

function pluralDay(day: number): string {
  return `${MASCULINE_DAYS.has(day) ? 'aos' : 'às'} ${WEEKDAY_PLURAL[day]}`;
}

/** "de segunda a sexta, das 08:00 às 18:00, e aos sábados, das 08:00 às 12:00" */
function weekHours(hours: Array<[string, string] | null>): string {
  // Monday first: a clinic's week reads segunda … domingo
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: Array<{ days: number[]; range: [string, string] }> = [];
  for (const day of order) {
    const range = hours[day] ?? null;
    if (!range) continue;
    const last = groups[groups.length - 1];
    const previous = order[order.indexOf(day) - 1];
    if (last && previous !== undefined && last.days[last.days.length - 1] === previous && last.range[0] === range[0] && last.range[1] === range[1]) {
      last.days.push(day);
    } else {
      groups.push({ days: [day], range });
    }
  }
  const parts = groups.map(({ days, range }) => {
    const which =
      days.length >= 3
        ? `de ${WEEKDAY_NAME[days[0]!]} a ${WEEKDAY_NAME[days[days.length - 1]!]}`
        : joinAnd(days.map(pluralDay));
    return `${which}, das ${range[0]} às ${range[1]}`;
  });
  // each part has its own commas: more than two read better apart
  return parts.length <= 2 ? joinAnd(parts) : parts.join('; ');
}

export function openingHours(locations: LocationView[]): string {
  const open = locations.filter((l) => l.hours.some((h) => h));
  if (open.length === 0) return 'Não tenho os horários de funcionamento cadastrados aqui; a recepção pode informar.';
  return open.map((l) => `${l.name}: ${weekHours(l.hours)}.`).join('\n');
}

/** "vocês abrem sábado?": the hours of that day at each location. */
export function openingHoursOn(date: string, locations: LocationView[]): string {
  const day = weekdayOf(date);
  const open = locations.filter((l) => l.hours[day]);
  if (open.length === 0) return `${capitalize(onDate(date))}, não abrimos.`;
  const parts = locations.map((l) => {
    const range = l.hours[day];
    return range ? `${l.name}, das ${range[0]} às ${range[1]}` : `${l.name}, fechada`;
  });
  return `${capitalize(onDate(date))}: ${parts.join('; ')}.`;
}

/**
 * "pode me lembrar um dia antes?": a reminder goes out on the eve (src/core/reminders.ts), as the booking's reply promises;
 * `todayAt`: the appointment just booked is later today, at that time, so it has no eve to be reminded on.
 */
export function reminderSent(todayAt: string | null = null): string {
  if (todayAt) return `Sua consulta é hoje, às ${todayAt}, então não haverá lembrete na véspera. Para as próximas, enviamos um lembrete na véspera de cada consulta.`;
  return 'Sim! Enviamos um lembrete na véspera de cada consulta.';
}

export function whatToBring(): string {
  return 'Traga um documento com foto, a carteirinha do convênio, se tiver, e exames ou receitas recentes.';
}

export function prices(): string {
  return 'Os valores dependem do tipo de atendimento e do convênio; a nossa recepção informa o valor exato.';
}

export function fasting(): string {
  return 'Não tenho aqui as orientações de preparo; a nossa recepção confirma se é preciso jejum para o seu atendimento.';
}

/** "o dr paulo tem whatsapp?": a question about a provider there is no data for; what the clinic has on them follows. */
export function noInfoOnProvider(names: string[]): string {
  if (names.length === 0) return 'Não tenho aqui essa informação sobre o profissional.';
  return `Não tenho aqui essa informação sobre ${joinAnd(names.map(withArticle))}.`;
}

/** "o dr paulo atende criança?": no ages on file for a provider; never a yes or a no. */
export function noChildInfoOnProvider(name: string | null): string {
  if (name === null) return 'Não tenho aqui a informação se o profissional atende crianças.';
  return `Não tenho aqui a informação se ${withArticle(name)} atende crianças.`;
}

/** A provider asked about: the specialty they see ("A Dra. Ana Souza é da área de Cardiologia."). */
export function providerSpecialty(name: string, specialty: string): string {
  return `${subjectOf(name)} é da área de ${specialty}.`;
}

/** "o dr rui é dermatologista?" of one who is: yes, and the specialty. */
export function providerPractises(name: string, specialty: string): string {
  return `Sim, ${subjectOf(name).replace(/^[AO] /, (m) => m.toLowerCase())} é da área de ${specialty}.`;
}

/** "o dr paulo é dermatologista?" of one who is not: no, and who of that specialty there is ("Em Dermatologia, atende o Dr. Rui Alves."). */
export function providerDoesNotPractise(name: string, specialty: string, others: string[]): string {
  const no = `Não, ${subjectOf(name).replace(/^[AO] /, (m) => m.toLowerCase())} não atende ${specialty}.`;
  const sorted = [...others].sort((a, b) => a.localeCompare(b, 'pt-BR'));
  if (sorted.length === 0) return no;
  const who = sorted.length === 1 ? `atende ${subjectOf(sorted[0]!).replace(/^[AO] /, (m) => m.toLowerCase())}` : `atendem ${joinAnd(sorted)}`;
  return `${no} Em ${specialty}, ${who}.`;
}

/** "o dr paulo é bom?": no opinion of a provider given here; what the clinic has on them follows. */
export function noOpinion(): string {
  return 'Não consigo dar opiniões sobre os profissionais, mas posso dizer o que tenho aqui.';
}

/** "quero marcar cardio amanhã, a dra ana é boa?": the same, said beside a booking that goes on with them. */
export function noOpinionBeside(): string {
  return 'Não consigo dar opiniões sobre os profissionais.';
}

/**
 * "quero falar com o dr paulo": this channel cannot put the patient through to the provider; the front desk can be
 * called, and booking with them is asked next.
 */
export function cannotPutThrough(name: string | null): string {
  const who = name === null ? 'o profissional' : withArticle(name);
  return `Por aqui não consigo passar a conversa para ${who}. Se quiser falar com a recepção, é só pedir que eu chamo um atendente.`;
}

/**
 * "cardio com o dr rui", who does not practise it: said, with what they do practise, and how to have the specialty
 * instead; the booking goes on with them.
 */
export function specialtyNotPractised(name: string, asked: string, practised: string | null): string {
  const own = practised ? `; ${/^dra\.?\s/i.test(name) ? 'ela' : 'ele'} é da área de ${practised}` : '';
  return `${subjectOf(name)} não atende ${asked}${own}. Se preferir ${asked}, é só dizer.`;
}

/** "quero marcar uma consulta online com cardio": a video visit cannot be booked here; the times offered are in person. */
export function onlineNotBooked(): string {
  return 'Não consigo marcar consultas online por aqui; os horários que ofereço são presenciais.';
}

/** "preciso de um encaixe": no time is added beyond the schedule here; what can be done instead (the booking's question or times follow). */
export function squeezeInNotDone(): string {
  return 'Não consigo fazer encaixes por aqui, só marcar nos horários livres da agenda; se nenhum servir, posso colocar você na lista de espera ou chamar um atendente.';
}

export function insurance(): string {
  return 'Não tenho aqui a lista de convênios aceitos; a nossa recepção confirma se o seu plano é atendido.';
}

/** "quanto tempo dura?" about the appointment in play: its length. */
export function appointmentDuration(minutes: number): string {
  return `O atendimento dura cerca de ${minutes} minutos.`;
}

/**
 * How long the clinic's types take: "A consulta dura cerca de 30 minutos e o retorno, cerca de 20."; one length for
 * all, "O atendimento dura cerca de 30 minutos."
 */
export function typeDurations(types: ReadonlyArray<{ name: string; minutes: number }>): string {
  const [first, ...rest] = types;
  if (!first) return '';
  if (rest.length > 0 && rest.every((t) => t.minutes === first.minutes)) return appointmentDuration(first.minutes);
  const opening = `${capitalize(theType(first.name))} dura cerca de ${first.minutes} minutos`;
  if (rest.length === 0) return `${opening}.`;
  const others = rest.map((t) => `${theType(t.name)}, cerca de ${t.minutes}`);
  return `${[opening, ...others.slice(0, -1)].join('; ')} e ${others.at(-1)!}.`;
}

/** "a consulta", "o retorno" */
function theType(name: string): string {
  return `${feminineType(name) ? 'a' : 'o'} ${lower(name)}`;
}

/** Clinic topics there is no data for, as the answer names them. */
const UNANSWERED_NAMES = {
  holidays: 'funcionamento em feriados',
  parking: 'estacionamento',
  payment: 'formas de pagamento',
  wifi: 'Wi-Fi',
  accessibility: 'acessibilidade',
  duration: 'a duração do atendimento',
  companion: 'acompanhantes',
  children: 'atendimento de crianças',
  paperwork: 'atestados, resultados de exames, receitas e recibos',
  online: 'consultas online',
  walk_in: 'atendimento sem hora marcada',
  lost_item: 'objetos esquecidos',
  arrival: 'o horário de chegada',
  exams: 'exames',
} as const;
export type UnansweredTopic = keyof typeof UNANSWERED_NAMES;

/** "tem estacionamento?": no such data here. */
export function noClinicInfo(topics: UnansweredTopic[]): string {
  const asked = topics.filter((t) => t !== 'paperwork' && t !== 'lost_item' && t !== 'exams');
  const none = asked.length > 0 ? `Não tenho aqui informações sobre ${joinAnd(asked.map((t) => UNANSWERED_NAMES[t]))}.` : '';
  // "preciso de um atestado": a request the front desk handles rather than a question
  const papers = topics.includes('paperwork') ? `${capitalize(UNANSWERED_NAMES.paperwork)} ficam com a nossa equipe; por aqui eu cuido das consultas.` : '';
  // "esqueci meu guarda chuva aí ontem": something left at the clinic, which the front desk keeps
  const lost = topics.includes('lost_item') ? 'Objetos esquecidos na clínica ficam com a nossa recepção; por aqui eu cuido das consultas.' : '';
  // "quero fazer um ultrassom": exams are not booked here, whether the clinic does them is not on file
  const exams = topics.includes('exams') ? 'Por aqui eu marco só consultas; sobre exames, se fazemos e como marcar, quem informa é a nossa equipe.' : '';
  return [none, papers, lost, exams].filter(Boolean).join(' ');
}


/**
 * "vou chegar 10 min atrasada": thanked; there is no lateness policy on file and this channel cannot tell the front
 * desk by itself; today's appointments, when there are any, named.
 */
export function lateNoted(onDay: AppointmentView[], tomorrow = false): string {
  const each = onDay.map((a) => `${what(a)} às ${a.start_time} (${a.location_name})`);
  // "Amanhã você tem consulta de Cardiologia com Dra. Ana Souza às 09:00 (Unidade Centro)."
  const which = onDay.length === 0 ? '' : ` ${tomorrow ? 'Amanhã' : 'Hoje'} você tem ${joinAnd(each)}.`;
  return `Obrigado por avisar!${which} Por aqui eu não consigo avisar a recepção sozinho.`;
}

/**
 * After the lateness noted, with nothing else pending: a person offered to tell the front desk (the one question);
 * `andAnswer`: a clinic question asked beside it had no answer here, and the same person answers it.
 */
export function offerLateHandoff(andAnswer = false): string {
  return andAnswer ? 'Quer que eu chame um atendente para avisar a recepção e responder sobre isso?' : 'Quer que eu chame um atendente para avisar a recepção?';
}

/** The same while something else is pending: said, not asked. */
export function lateHandoffAvailable(): string {
  return 'Se quiser, é só pedir que eu chamo um atendente para avisar a recepção.';
}

/** "qualquer médico" while booking: any doctor of the specialty ("Certo, com qualquer profissional de Cardiologia."; the booking goes on). */
export function anyProviderTaken(specialty: string | null): string {
  return specialty ? `Certo, com qualquer profissional de ${specialty}.` : 'Certo, com qualquer profissional.';
}

/** A complaint ("não fui atendida hoje, esperei duas horas"): sorry, without excuses this channel cannot know. */
export function complaintHeard(): string {
  return 'Sinto muito pelo transtorno.';
}

/** After a complaint, with nothing else pending: a person offered to hear it (the one question). */
export function offerComplaintHandoff(): string {
  return 'Quer que eu chame um atendente para falar com você sobre isso?';
}

/** The same while something else is pending: said, not asked. */
export function complaintHandoffAvailable(): string {
  return 'Se quiser falar com a equipe sobre isso, é só pedir que eu chamo um atendente.';
}

/** "me tira da lista de espera" on one entry: which it is, and whether to remove it. */
export function confirmLeaveWaitlist(e: WaitlistEntryView): string {
  return `Você está na lista de espera${waitlistEntryWords(e)}. Quer que eu tire você dessa lista?`;
}

/** The same on several entries: numbered, and which to leave (or all). */
export function chooseWaitlistToLeave(entries: readonly WaitlistEntryView[]): string {
  const item = (e: WaitlistEntryView, i: number) => `${i + 1}) ${e.provider_name ? `com ${e.provider_name}` : (e.specialty ?? '')}${e.wish}`;
  return `Você tem ${entries.length} pedidos na lista de espera:\n${entries.map(item).join('\n')}\nDe qual deles quer sair? Responda com o número ou "todos".`;
}

/** The entry removed: "Pronto, tirei você da lista de espera de Cardiologia para a sexta, 27/11, de manhã." */
export function leftWaitlist(e: WaitlistEntryView): string {
  return `Pronto, tirei você da lista de espera${waitlistEntryWords({ ...e, position: null })}.`;
}

/** Several entries removed at once ("todos"). */
export function leftWaitlists(count: number): string {
  return `Pronto, tirei seus ${count} pedidos da lista de espera.`;
}

/** After a booking that serves a waitlist entry of the patient: the entry removed ("Como esse horário atende ao seu pedido, tirei você da lista de espera de Cardiologia para a sexta, 27/11, de manhã."). */
export function leftServedWaitlist(e: WaitlistEntryView): string {
  return `Como esse horário atende ao seu pedido, tirei você da lista de espera${waitlistEntryWords({ ...e, position: null })}.`;
}

/** The same for several entries. */
export function leftServedWaitlists(count: number): string {
  return `Como esse horário atende ao que você esperava, tirei seus ${count} pedidos da lista de espera.`;
}

/** "não" to whether to leave the waitlist: nothing removed. */
export function keptOnWaitlist(): string {
  return 'Tudo bem, você continua na lista de espera.';
}

/** "nao, me tira da lista" to a freed time: not booked, and the entry removed. */
export function offerDeclinedAndLeft(who: { specialty: string | null; provider_name: string | null }): string {
  const whom = waitlistSubject(who.provider_name, who.specialty);
  return `Tudo bem, não reservei esse horário e tirei você da lista de espera${whom}.`;
}

/** Other days said right after joining ("na verdade pode ser sábado"): the entry replaced by one for those days. */
export function waitlistChanged(position: number, specialty: string | null, providerName: string | null, wish = ''): string {
  const which = waitlistSubject(providerName, specialty);
  return `Pronto, troquei seu pedido: agora você está na lista de espera${which}${wish}, na posição ${position}. Aviso assim que abrir um horário.`;
}

/** "vcs atendem criança?" with a specialty for children in the catalog: "Sim, atendemos crianças na Pediatria." */
export function childCare(specialty: string): string {
  return `Sim, atendemos crianças na ${specialty}.`;
}

/** "quais especialidades vcs tem?": the clinic's specialties, and how to ask who practises one. */
export function specialtiesOffered(specialties: string[]): string {
  if (specialties.length === 0) return 'No momento não tenho aqui as especialidades da clínica.';
  const example = specialties[0]!;
  return `Atendemos ${joinAnd(specialties)}. Se quiser saber quem atende alguma delas e em que dias, é só me dizer qual (por exemplo: “quem atende ${example}”).`;
}

/** A question the rules cannot place ("vcs fazem exame de sangue?"): no such data here (a person is offered beside). */
export function noInfoHere(): string {
  return 'Não tenho aqui essa informação.';
}

/** After a question there is no data for, with nothing else pending: a person is offered (the one question). */
export function offerStaffAnswer(): string {
  return 'Quer que eu chame um atendente para responder?';
}

/** The same, while something else is pending: said, not asked, so the pending question stays the only one. */
export function staffCanAnswer(): string {
  return 'Se quiser, é só pedir que eu chamo um atendente para responder.';
}

export function infoTrouble(): string {
  return 'Desculpe, não consegui consultar essa informação agora.';
}

// ---------------------------------------------------------------------------------------------------
// Small talk about this conversation itself

/** "da Clínica Demo", "do Instituto X", "de Fulano": the clinic's name after "de", contracted with its article. */
function ofClinic(name: string): string {
  const first = name.trim().split(/\s+/)[0]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (/(?:a|ade|agem)$/.test(first)) return `da ${name.trim()}`;
  if (/(?:o|io|or|al|ro)$/.test(first)) return `do ${name.trim()}`;
  return `de ${name.trim()}`;
}

/**
 * "você é um robô?", "quem é você?": who answers, honestly, what it does, and that a person can be called ("chamo"
 * when nothing else is pending, so a "sim" calls one; "é só pedir" while a question of ours is pending).
 */
export function aboutAssistant(clinicName: string | null, questionPending: boolean): string {
  const who = clinicName?.trim() ? `Sou o assistente virtual ${ofClinic(clinicName)}` : 'Sou o assistente virtual da clínica';
  const person = questionPending ? 'se preferir falar com uma pessoa, é só pedir que eu chamo um atendente' : 'se preferir, chamo um atendente';
  return `${who}, um atendimento automático. Por aqui eu marco, remarco e desmarco consultas; ${person}.`;
}

/** "alguém aí?", "tá funcionando?", "oi??": we are here (how we can help follows, or the question pending). */
export function stillHere(): string {
  return 'Sim, estou aqui!';
}

/** "sério?", "como assim?", "hein?": the question pending is said again after this. */
export function sayingAgain(): string {
  return 'Desculpe se não fui claro.';
}

/** The same to the times on offer: the times again, and how to pick one. */
export function optionsSaidAgain(slots: SlotView[]): string {
  return `Desculpe se não fui claro. Estes são os horários que tenho:\n${slotLines(slots)}\n${whichOne()} É só responder com o número.`;
}

/** With nothing pending: what can be done here, as the question. */
export function whatWeDo(): string {
  return 'Posso marcar, remarcar ou desmarcar consultas. O que você precisa?';
}

/** "posso mandar áudio?", "consegue ver?": this conversation reads text; photos and documents it cannot open. */
export function attachmentsHere(): string {
  return 'Por aqui eu entendo melhor mensagens escritas, e fotos ou documentos eu não consigo abrir.';
}

/** The same with nothing pending: what to do instead, as the question. */
export function writeWhatYouNeed(): string {
  return 'Pode me escrever o que você precisa?';
}

/** "posso perguntar uma coisa?": go ahead (no question of ours: the patient asks next). */
export function goAheadAndAsk(): string {
  return 'Claro, pode perguntar!';
}
