/**
 * The pt-BR words the language rules look for: intents, specialties, titles and the generic words of
 * place names. Every pattern is written for folded text (lower case, no accents: see
 * src/core/language/normalize.ts) and is matched on word boundaries. Dates and times live in
 * chrono.ts and lexicon-time.ts.
 */
import type { Intent } from '../../src/core/language/types';

/** An intent's patterns (regular-expression sources over folded text) and how sure one match makes us. */
export interface IntentPatterns {
  intent: Exclude<Intent, 'unknown'>;
  /** a match alone is enough */
  strong: string[];
  /** a match suggests it; other words may say more */
  weak: string[];
}

// "vc", "q", "pra", "p/" and friends are matched where they appear, so the patterns allow them.
const WANT = String.raw`(?:quero|queria|qro|kero|gostaria(?: de)?|preciso(?: de)?|precisava(?: de)?|da pra|tem como|(?:eu )?(?:vou )?querer)`;
/** "consulta" and how it is mistyped in a hurry ("qnd é minha consuta?"): one letter dropped, added or swapped */
const CONSULTA = String.raw`(?:consulta|consuta|cosulta|conulta|consluta|consula|cnsulta|consullta)`;
const APPOINTMENT = String.raw`(?:${CONSULTA}s?|horarios?|atendimentos?|agendamentos?|exames?|retornos?|marcacao|vaga)`;
/** "quando" and how it is typed in a hurry ("qdo", "qnd", "qndo"); "que" as "q" */
const WHEN = String.raw`(?:quando|qdo|qndo|qnd|qd)`;
const WHAT = String.raw`(?:que|q)`;
const MY = String.raw`(?:minhas?|meus?|a|o|as|os|uma|um|essa|esse|esta|este|nossa)`;
/**
 * What may follow "tenho consulta" in a question about the patient's own appointments: the day, the specialty or
 * the provider ("tenho consulta segunda?", "tenho consulta marcada dia 30?", "tenho consulta da dermato amanhã?").
 */
const OWN_APPOINTMENT_DAY = String.raw`(?:[ -](?:marcad[oa]s?|agendad[oa]s?|(?:d[aoe]|com|co) (?:(?:o|a) )?(?:(?:dr|dra|doutor|doutora) )?\p{L}+|pra|para|na|no|nessa|nesta|essa|esta|em|dia|semana|que|vem|proxima|proximo|feira|amanha|amnh|amh|hoje|hj|depois|segunda|terca|quarta|quinta|sexta|sabado|domingo|de manha|a tarde|a noite|\d{1,2}(?:/\d{1,2})?))*`;
/** what names one appointment after it: "de sexta", "do dr rui", "da dermato", "do dia 30", "de segunda feira" */
const NAMED_APPOINTMENT = String.raw`(?:de|do|da|com|pra|para) (?:(?:o|a|dia) )?(?:(?:dr|dra|doutor|doutora) )?(?:\p{L}+|\d{1,2}(?:/\d{1,2})?)(?: feira| que vem)?`;
/** a day said after whom or what names an appointment ("de cardio amanhã", "do dr paulo na sexta") */
const APPOINTMENT_DAY_AFTER = String.raw`(?:amanha|amnh|hoje|hj|depois de amanha|(?:na |no |nessa |nesta |dia )?(?:segunda|terca|quarta|quinta|sexta|sabado|domingo|\d{1,2}(?:/\d{1,2})?)(?: feira)?)`;
/** words after "o"/"a" that name no person whose appointment is asked about ("a dra ana tem consulta sexta?" asks for her times) */
export const NOT_A_PERSON_WORDS = [
  'dr', 'dra', 'doutor', 'doutora', 'medico', 'medica', 'clinica', 'unidade', 'sala', 'agenda', 'recepcao', 'especialista', 'pediatra',
  'cardio', 'cardiologista', 'dermato', 'dermatologista', 'gineco', 'ginecologista', 'orto', 'ortopedista', 'oftalmo', 'oftalmologista',
  'clinico', 'senhora', 'senhor', 'sra', 'sr', 'gente', 'dona', 'seu', 'sua', 'mesma', 'mesmo', 'outra', 'outro', 'minha', 'meu',
];
const NOT_A_PERSON = `(?:${NOT_A_PERSON_WORDS.join('|')})`;
/** the end of a yes-no question: a question mark, or a tag ("tenho consulta sexta, né?", "tenho consulta amanhã ne") */
/** a relative, after "meu"/"minha" ("da minha filha", "do meu pai"): whose appointment is asked about */
const RELATIVE = String.raw`(?:minha|meu) (?:filho|filha|mae|pai|marido|esposa|esposo|avo|irmao|irma|neto|neta|bebe|sogra|sogro|tia|tio)`;
/** a day said as an answer of when an appointment is ("é amanhã?", "é na sexta?", "é dia 30?") */
const ASKED_DAY = String.raw`(?:amanha|amnh|hoje|hj|depois de amanha|(?:na |no |dia )?(?:segunda|terca|quarta|quinta|sexta|sabado|domingo|\d{1,2}(?:/\d{1,2})?)(?: feira)?)`;
const ASKED = String.raw`(?:\s*\?|,? (?:ne|neh|nao e|certo|ne isso)(?!\p{L}))`;
/** where a short question opens: the message's start, after a comma, or after a hello or "então" ("oi, tá confirmado?") */
const OPENING = String.raw`(?:(?<=^)|(?<=, )|(?<=^oi )|(?<=^ola )|(?<=^entao ))`;
/**
 * Words that open "X tem consulta sexta?" without naming anyone (no article before them): the patient or the clinic
 * addressed ("vc tem consulta sexta?"), a day ("amanhã tem consulta?"), a question word or a filler. With them the
 * message asks for free times, as "tem consulta sexta?" does. A specialty, provider or unit of the clinic there is
 * told apart by the language layer, which knows the clinic's names ("savassi tem consulta sexta?").
 */
export const NOT_A_NAME_WORDS = [
  ...NOT_A_PERSON_WORDS,
  'voce', 'voces', 'vc', 'vcs', 'vce', 'ce', 'ces', 'oce', 'oces', 'tu', 'nos', 'quem', 'que', 'qual', 'quais', 'onde', 'aonde', 'quando', 'como',
  'quanto', 'quantos', 'porque', 'por', 'pq', 'sera', 'ainda', 'nao', 'sim', 'entao', 'mas', 'tambem', 'tbm', 'agora', 'aqui', 'ali', 'isso',
  'alguem', 'ninguem', 'algum', 'alguma', 'nenhum', 'nenhuma', 'oi', 'ola', 'opa', 'bom', 'boa', 'dia', 'tarde', 'noite', 'eai', 'blz', 'hoje',
  'amanha', 'amnh', 'depois', 'semana', 'mes', 'feira', 'domingo', 'segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado', 'dom', 'seg',
  'ter', 'qua', 'qui', 'qta', 'sex', 'sab', 'consulta', 'retorno', 'horario', 'vaga',
];
const NOT_A_NAME = `(?:${NOT_A_NAME_WORDS.join('|')})`;
/**
 * "pedro tem consulta sexta?", "e joana tem retorno amanhã?": someone named by first name with no article, at the start
 * (or after "e", "oi"), whose appointment is asked about: the patient's record is looked up, as with "o pedro". The name
 * is the first group; the language layer reads it so only when that word names nothing of the clinic.
 */
export const FIRST_NAME_ASK = String.raw`(?:(?<=^)|(?<=^e )|(?<=^oi,? )|(?<=, e )|(?<=, ))(?!${NOT_A_NAME}(?!\p{L}))(\p{L}{3,}) (?:ja )?tem (?:alguma )?(?:consulta|retorno)s?${OWN_APPOINTMENT_DAY}${ASKED}`;
/** a word between "faltar" and where the patient will be absent ("o dia todo no trabalho"): not the appointment nor a new clause */
const ABSENCE_FILLER = String.raw`(?!(?:${APPOINTMENT}|porque|pq|pois|mas|e|que|q)(?!\p{L}))\p{L}+`;
/** verbs that move something to another time ("trocar", "passa", "adiar") */
const MOVE = String.raw`(?:trocar|troca|troco|mudar|muda|mudo|passar|passa|adiar|adia|empurrar|empurra|antecipar|antecipa|adiantar|adianta|transferir|transfere|mover|jogar|joga)`;

/** Emoji that greet: a waving hand, a person raising a hand, a raised hand (a greeting, as "oi" is). */
export const GREETING_EMOJI = ['👋', '🙋', '🖐'];

/**
 * Another day or time asked beside not going ("não vou conseguir ir amanhã, tem outro dia?", "pode ser outro dia?"): with
 * a cancel word, a move is asked (alone, "tem outro dia?" stays what it was).
 */
export const ANOTHER_DAY_ASKS = [
  String.raw`(?:tem|teria|tm|ha|existe) (?:algum |alguma )?(?:outro|outra|outros|outras) (?:dia|dias|data|datas|horario|horarios)`,
  String.raw`(?:pode|podia|poderia|da pra|da para|tem como|teria como) (?:ser |marcar |passar |mudar |trocar )?(?:pra |para |em )?(?:um |uma )?(?:outro|outra) (?:dia|data|horario)`,
];

/** A day a patient may name (folded): a weekday, "amanhã", "semana que vem", "dia 3", "3/12". */
const DAY_NAMED = String.raw`(?:segunda|terca|quarta|quinta|sexta|sabado|domingo|seg|qua|qui|sex|sab|amanha|depois de amanha|semana que vem|proxima semana|dia \d{1,2}|\d{1,2}/\d{1,2})`;

/**
 * A day asked instead, beside not going ("não posso ir amanhã, pode ser sexta?", "não vou conseguir ir, dá pra ser na
 * segunda?"): with a cancel word, a move to that day is asked (negated, "não posso ir sexta", it is none).
 */
export const DAY_INSTEAD_ASKS = [
  String.raw`(?:pode|podia|poderia|da pra|da para|tem como|teria como|posso|podemos) (?:ser|ir|marcar|passar|mudar|trocar|deixar|fazer) (?:pra |para |pro |na |no |em |dia |a |o )?(?:(?:proxima|proximo|essa|esta|nessa|nesta) )?${DAY_NAMED}`,
];

/** Which intent wins when several match is decided in src/core/language/intent.ts. */
export const INTENT_PATTERNS: IntentPatterns[] = [
  {
    intent: 'handoff',
    strong: [
      String.raw`atendentes?`,
      // "c" and "cm" for "com", as written in chat ("falar c humano")
      String.raw`falar (?:com|c|cm|co) (?:alguem|uma pessoa|um humano|uma humana|humano|gente|a recepcao|recepcao|a secretaria|secretaria|o pessoal|voces)`,
      // "tem alguém aí pra me atender?": a person asked for
      String.raw`alguem (?:ai |de verdade )?(?:pra|para|p|pa) (?:me (?:atender|responder)|falar comigo)`,
      String.raw`(?:pessoa|ser humano|humano) de verdade`,
      String.raw`quero (?:um|uma) (?:humano|pessoa)`,
      String.raw`recepcionista`,
      String.raw`(?:nao|n) (?:quero|aguento) (?:falar com )?(?:robo|bot|maquina)`,
      // a phone call asked for: only a person can answer it ("me liga quando abrir vaga" is a waitlist ask)
      String.raw`(?:me|nos) (?:liga|ligue|liguem|ligar|telefona|telefone|telefonar|retorna|retornem|retornar)(?! (?:quando|se|caso|assim))`,
      String.raw`(?:liga|ligue|liguem|ligar|telefonar) (?:pra|para) (?:mim|gente|nos)`,
      String.raw`(?:falar|conversar|atendimento) (?:por|pelo|no) (?:telefone|fone|celular)`,
      String.raw`(?:quero|queria|prefiro|gostaria de|pode ser|por|numa) (?:uma )?ligacao`,
    ],
    weak: [String.raw`robo`, String.raw`recepcao`],
  },
  {
    intent: 'reschedule',
    strong: [
      String.raw`re ?marca(?:r|cao|do|da|ria)?`,
      String.raw`remarco`,
      // a dropped "r", as typed in a hurry: "preciso remacar minha consuta"
      String.raw`remaca(?:r)?`,
      String.raw`reagenda(?:r|mento|do|da)?`,
      String.raw`(?:trocar|mudar|alterar|passar|adiar|antecipar|adiantar|adianta|transferir|mover|muda|troca|troco|mudo) (?:o |a |de |do |da |pra |para )?(?:meu |minha )?(?:horario|hora|data|dia|consulta|agendamento|retorno)`,
      // "quero empurrar minha consulta uma semana", "postergar o retorno"
      String.raw`(?:adia|empurra|posterga)(?:r)? (?:${MY} )?(?:consulta|horario|retorno)`,
      String.raw`(?:passar|jogar|empurrar) (?:${MY} )?(?:consulta |horario |retorno )?(?:pra|para) (?:outro dia|outra data|frente|depois)`,
      // "da pra passar pra mais tarde?": the appointment booked moved (the book words "da pra passar" lose)
      String.raw`(?:passar|jogar|empurrar) (?:${MY} )?(?:consulta |horario |retorno )?(?:pra|para) (?:um pouco |bem )?mais (?:cedo|tarde)`,
      String.raw`outro (?:dia|horario) (?:pra|para) ${MY} (?:consulta|horario|retorno)`,
      // "trocar a de sexta", "mudar a do dr paulo", "passa a das 9 pra 10h": an appointment already booked, named by
      // its day, provider or time
      String.raw`${MOVE} (?:a|o) (?:de|do|da|das|com)`,
      // "da pra fazer a de cardio no centro em vez da savassi?": the appointment booked, held somewhere or sometime else
      String.raw`(?:fazer|ser|atender) (?:a|o) (?:de|do|da|das|com) [^,.;!?]{1,40}? (?:em vez|ao inves|no lugar) d[aoe]`,
    ],
    weak: [
      String.raw`adiar`,
      String.raw`antecipar`,
      String.raw`adiantar`,
      String.raw`trocar de (?:dia|horario)`,
      // "trocar pra sexta", "quero trocar a cardio pra segunda": a move, unless a booking is under way
      // (then the conversation reads it as a correction of that booking)
      String.raw`${MOVE} (?:(?:a|o) \p{L}+ )?(?:pra|para|pro)`,
      // "pode mudar ela pra amanhã?", "passa essa pra sexta": the appointment just talked about, by a pronoun
      String.raw`${MOVE} (?:ela|ele|essa|esse|esta|este) (?:pra|para|pro)`,
      // "trocar a dra ana", "mudar o dr paulo": the appointment with that provider (while booking, a correction)
      String.raw`${MOVE} (?:a|o) (?:dra?|doutora?) \p{L}+`,
      // "pode ser mais cedo?", "tem como ser mais tarde?" with nothing on offer: the appointment booked, earlier or later
      String.raw`(?:pode|podia|poderia|da pra|da para|tem como|teria como|consigo|posso|queria|prefiro) (?:ser |ficar |passar |ir )?(?:pra |para )?(?:um pouco |bem )?mais (?:cedo|tarde)`,
    ],
  },
  {
    intent: 'cancel',
    strong: [
      String.raw`desmarca(?:r|cao|do|da|ria)?`,
      String.raw`desmarco`,
      // "quero desmacar", "canselar": a dropped "r", an "s" for the "c"
      String.raw`desmaca(?:r)?`,
      String.raw`cansela(?:r)?`,
      String.raw`cancela(?:r|mento|do|da|ria)?`,
      String.raw`cancelo`,
      String.raw`desagenda(?:r)?`,
      // "consegui", "pode" for "conseguir", "poder": the final r is often dropped in chat ("nao vou consegui ir")
      String.raw`(?:nao|n) (?:vou|vai|irei|poderei|consigo|conseguirei|posso) (?:mais )?(?:poder |pode |conseguir |consegui |dar pra |mais )?(?:ir|comparecer|estar|chegar)`,
      String.raw`(?:nao|n) vai dar (?:pra|para) (?:eu |mim )?(?:ir|comparecer)`,
      // "vou faltar", "vou ter que faltar" (or "ter q"), "vou precisar faltar na consulta" (but "vou faltar no trabalho pra ir" and
      // "vou ter que faltar o dia todo no trabalho" are the reason to book: a few words may come between, none of them
      // the appointment nor a new clause)
      String.raw`(?:vou|vo|irei|preciso|precisarei|tenho que|tenho q|terei que|terei q) (?:ter que |ter q |ter de |precisar |precisar de )?faltar(?! (?:${ABSENCE_FILLER} ){0,4}(?:n[oa]s?|ao|a|o|d[oa]|um|uma|meu|minha|de) (?:\p{L}+ )?(?:trabalho|servico|aula|aulas|escola|faculdade|facul|emprego|reuniao|curso|expediente|plantao|prova))`,
      String.raw`(?:nao|n) preciso mais (?:d[ao] |de )?(?:${APPOINTMENT})`,
      String.raw`tirar ${MY} (?:consulta|horario|agendamento)`,
    ],
    weak: [String.raw`(?:nao|n) vou mais`],
  },
  {
    intent: 'waitlist',
    strong: [
      String.raw`listas? de espera`,
      String.raw`filas? de espera`,
      // slips: "lista de esprea", "lsta de espera", "fila de espra"
      String.raw`(?:listas?|lsta|lisra|filas?) de (?:esprea|espra|epera|espara|esoera|esperaa)`,
      String.raw`(?:lsta|lsita|lsitas) de espera`,
      // "lista d espera", "fila d espera": "de" cut short
      String.raw`(?:listas?|filas?) d espera`,
      // "qual minha posição?", "qual a minha colocação?": a place in the waitlist asked
      String.raw`(?:qual|que) (?:e |eh )?(?:a )?minha (?:posicao|colocacao)`,
      // "me coloca na lista", "pode me botar na fila?": the waitlist, named by the list alone after a put verb
      String.raw`(?:me )?(?:coloca|coloque|colocar|bota|bote|botar|poe|por|inclui|incluir|inclua) (?:o meu nome |meu nome )?(?:na|numa) (?:lista|fila)`,
      // "entra na fila pra mim", "quero entrar na lista": joining said with the list alone
      String.raw`\b(?:entra|entrar|entre|entro) (?:na|numa) (?:lista|fila)\b`,
      // "quero ver minhas listas", "mostra minhas filas": the patient's own entries asked for
      String.raw`\b(?:ver|mostrar|mostra|mostre|consultar|conferir|checar|saber) (?:as )?minhas (?:listas|filas)\b`,
      // "se vagar algum horário de dermato essa semana me avisa": the wish to be told written last
      String.raw`(?:se|quando) (?:vagar|abrir|surgir|liberar|aparecer)\b[^.!?]{0,60}\b(?:me )?(?:avisa|avise|avisem|chama|chame)`,
      // the patient's own entries asked about without "de espera": "em quais listas eu estou?", "to em alguma lista?", "to na fila?", "to na lista ainda?"
      String.raw`(?:quais|qual|que|q|ql|qls) (?:listas?|filas?) (?:que |q )?(?:eu )?(?:to|tou|estou|esta|ta|fico|participo)`,
      String.raw`(?:to|tou|estou|ta|esta) (?:eu )?(?:em alguma|em algumas|nalguma) (?:listas?|filas?)`,
      String.raw`^(?:eu )?(?:ainda )?(?:to|tou|estou|continuo|sigo) na (?:fila|lista)(?: ainda)?\??$`,
      // "ainda estou na fila do dermato?", "to na fila de cardio?", "to na lista do dermato ainda?" (the whole message)
      String.raw`^(?:eu )?(?:ainda )?(?:to|tou|estou|continuo|sigo)(?: ainda)? na (?:fila|lista) (?:do|da|dos|das|de|pro|pra|com) [^?.!,]{1,40}\?$`,
      String.raw`^(?:eu )?ainda (?:to|tou|estou) na (?:fila|lista) (?:do|da|dos|das|de|pro|pra|com) [^?.!,]{1,40}$`,
      String.raw`^(?:eu )?(?:to|tou|estou) na (?:fila|lista) (?:do|da|dos|das|de|pro|pra|com) [^?.!,]{1,40} ainda\??$`,
      String.raw`fila (?:pra|para) (?:vaga|encaixe)`,
      String.raw`me (?:avisa|avise|avisem|chama|chame|liga) (?:quando|se) (?:vagar|abrir|surgir|tiver|aparecer|liberar)`,
      String.raw`(?:avisa|avise|avisem)(?: me)? (?:quando|se) (?:vagar|abrir|surgir|aparecer|liberar)`,
      String.raw`(?:esperar|aguardar) (?:uma |por uma |por )?(?:vaga|desistencia|encaixe)`,
      String.raw`se (?:alguem )?(?:desistir|cancelar)`,
      String.raw`caso (?:alguem )?(?:desista|cancele|vague|abra)`,
    ],
    weak: [String.raw`desistencia`],
  },
  {
    intent: 'list',
    strong: [
      String.raw`(?:minhas|meus) (?:${CONSULTA}s|agendamentos|horarios|retornos)`,
      String.raw`(?:quais|que) (?:sao )?(?:as |os )?(?:minhas |meus )?(?:${CONSULTA}s|agendamentos|horarios) (?:eu )?(?:tenho|estao|marcad[oa]s?)`,
      String.raw`(?:${WHEN}|${WHAT} dia|${WHAT} horas|qual (?:o )?(?:dia|horario))(?: mesmo)? (?:e|eh|e que e|fica|sera|vai ser|esta marcad[ao]) (?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno|horario|agendamento)`,
      // "minha consulta é amanhã né?", "meu retorno com a dra ana é sexta?": whether the patient's own appointment is that day
      String.raw`(?:(?:a|o) )?(?:minha|meu) (?:${CONSULTA}|retorno)(?: ${NAMED_APPOINTMENT})? (?:e|eh|fica|ficou|sera|vai ser) (?:mesmo )?${ASKED_DAY}(?: mesmo)?${ASKED}`,
      // "tenho alguma outra consulta marcada?", "tenho outras consultas marcadas?": the patient's others (asked while booking one)
      String.raw`(?:tenho|tem|existe|ha) (?:alguma |algum |uma |um )?(?:outr[ao]s? )?(?:${CONSULTA}|retorno|horario|agendamento)s? (?:marcad[oa]s?|agendad[oa]s?)`,
      // "tenho quantas consultas?", "quantas consultas eu tenho marcadas?": how many are the patient's (they are listed)
      String.raw`(?:eu )?tenho quant[ao]s (?:${CONSULTA}s|retornos|agendamentos|horarios)`,
      String.raw`quant[ao]s (?:${CONSULTA}s|retornos|agendamentos|horarios) (?:eu )?(?:tenho|estao|ja tenho)`,
      // "tenho algo marcado?", "tem alguma coisa marcada pra mim?": anything of the patient's booked
      String.raw`(?:eu )?(?:ja )?(?:tenho|tem) (?:algo|alguma coisa) (?:marcad[oa]|agendad[oa])`,
      String.raw`(?:lista|listar|ver|mostrar|mostra|consultar|conferir|checar|saber) (?:as |os )?(?:minhas|meus) (?:${CONSULTA}s|agendamentos|horarios|retornos)`,
      String.raw`(?:ver|saber|conferir|checar|lembrar|confirmar se) (?:se )?(?:eu )?tenho (?:alguma )?(?:${CONSULTA}|horario|retorno)`,
      String.raw`(?:pra|para) ${WHEN} (?:esta|ta|ficou) (?:marcad[ao] )?(?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno|horario)`,
      String.raw`(?:qual|quais) (?:e |sao )?(?:o |os )?(?:meu|meus) (?:horario|horarios|agendamento|agendamentos)`,
      // "tenho consulta segunda?", "eu tenho consulta amanhã?": the patient's own appointments that day
      String.raw`(?:eu )?(?:ja )?tenho (?:alguma )?(?:${CONSULTA}|retorno)s?${OWN_APPOINTMENT_DAY}${ASKED}`,
      // "meu filho tem consulta amanhã?", "minha mãe tem consulta marcada?": a relative's appointment looked up (not "is there a time?")
      String.raw`(?:meu|minha) (?:filho|filha|mae|pai|marido|esposa|esposo|avo|irmao|irma|neto|neta|bebe) (?:ja )?tem (?:alguma )?(?:${CONSULTA}|retorno)s?${OWN_APPOINTMENT_DAY}${ASKED}`,
      // "qual o horário da consulta do meu filho?", "que dia é o retorno da minha mãe?": a relative's appointment looked up
      String.raw`(?:qual|que) (?:e |eh )?(?:o |a )?(?:dia|data|hora|horario) (?:e |eh )?(?:da|de|do) (?:${CONSULTA}|retorno) (?:da|do|de) ${RELATIVE}`,
      String.raw`(?:${WHAT} dia|${WHAT} horas|qual (?:o )?(?:dia|horario)) (?:e|eh|fica|sera|vai ser) (?:a|o) (?:${CONSULTA}|retorno) (?:da|do|de) ${RELATIVE}`,
      // "a consulta da minha mãe é amanhã?", "o retorno do meu pai é que horas?", "a consulta do meu filho tá confirmada?"
      String.raw`(?:a|o) (?:${CONSULTA}|retorno) (?:da|do|de) ${RELATIVE}(?: ${NAMED_APPOINTMENT}| ${APPOINTMENT_DAY_AFTER})? (?:e|eh|fica|ficou|sera|vai ser) (?:${WHAT} dia|${WHAT} horas|qual dia|qual horario|${WHEN}|${ASKED_DAY}${ASKED})`,
      String.raw`(?:a|o) (?:${CONSULTA}|retorno) (?:da|do|de) ${RELATIVE}(?: ${NAMED_APPOINTMENT}| ${APPOINTMENT_DAY_AFTER})? (?:ja |ainda )?(?:ta|esta|continua|foi|ficou) (?:confirmad[ao]|marcad[ao]|agendad[ao]|de pe)`,
      // "o pedro tem consulta sexta né?", "e a ana tem retorno amanhã?": someone named by first name (at the start, or after
      // "e"), as a relative is: the patient's record looked up (a doctor, the clinic or a unit named there asks for times)
      String.raw`(?:(?<=^)|(?<=^e )|(?<=^oi,? )|(?<=, e )|(?<=, ))(?:o|a) (?!${NOT_A_PERSON}(?!\p{L}))\p{L}{3,} (?:ja )?tem (?:alguma )?(?:${CONSULTA}|retorno)s?${OWN_APPOINTMENT_DAY}${ASKED}`,
      // "qual minha próxima consulta?", "qual é o meu próximo horário?", "quando é minha próxima consulta", "qual o horário da minha consulta"
      String.raw`(?:qual|${WHEN}|${WHAT} dia|${WHAT} horas) (?:e |eh |sera |vai ser |fica )?(?:a |o )?(?:minha|meu) proxim[oa] (?:${CONSULTA}|retorno|horario|agendamento)`,
      String.raw`(?:qual|quais) (?:e |eh |sao )?(?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno|horario|agendamento)`,
      String.raw`(?:qual|que) (?:e |eh )?(?:o |a )?(?:dia|data|hora|horario) (?:da|de|do) (?:minha|meu) (?:proxim[oa] )?(?:${CONSULTA}|retorno|agendamento)`,
      // "esqueci o dia", "esqueci quando é": of the patient's appointment (not "esqueci a blusa aí", a lost item)
      String.raw`esqueci (?:(?:o|a|de|da|do) )?(?:(?:minha|meu) )?(?:dia|data|hora|horario|${CONSULTA}|retorno|agendamento)`,
      String.raw`esqueci (?:(?:o|a) )?(?:${WHEN}|${WHAT} dia|${WHAT} horas)`,
      // "marquei com a dra ana mas acho q confundi o dia, pode ver pra mim?": the patient's own appointment looked up
      String.raw`(?:confundi|nao lembro|n lembro|nao me lembro) (?:o dia|a data|o horario|a hora|${WHEN}|${WHAT} dia|${WHAT} horas)`,
      // "q horas é a do dr rui?", "quando é a consulta da dermato?": one of the patient's appointments, named by whom or what
      String.raw`(?:${WHEN}|${WHAT} dia|${WHAT} horas|qual (?:o )?(?:dia|horario)) (?:e|eh|fica|sera|vai ser|esta marcad[ao]) (?:a|o) (?:${CONSULTA} |retorno )?(?:d[aoe]|com)`,
      // "preciso chegar que horas pra minha consulta?", "que horas devo chegar na minha consulta?": when to arrive at the
      // patient's own appointment is its time (the appointment shown)
      String.raw`(?:preciso|devo|tenho que|tenho de|tem que) chegar (?:a |as )?(?:${WHAT} horas|qual horario|qual hora|${WHEN}) (?:pra|para|na|no) (?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno)`,
      String.raw`(?:${WHAT} horas|qual horario|qual hora|${WHEN}) (?:eu )?(?:preciso|devo|tenho que|tenho de|tem que) chegar (?:pra|para|na|no) (?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno)`,
      // "com quem é minha consulta?", "com qual médico é o meu retorno?", "qual o médico da minha consulta?"
      String.raw`com (?:quem|qual (?:medic[oa]|doutor[a]?|dr[a]?|profissional)) (?:e|eh|vai ser|sera|fica|ficou|esta marcad[ao]) (?:a |o )?(?:minha|meu) (?:proxim[oa] )?(?:${CONSULTA}|retorno|agendamento|horario)`,
      String.raw`(?:qual|quem) (?:e |eh )?(?:o |a )?(?:medic[oa]|doutor[a]?|profissional) (?:da|de|do) (?:minha|meu) (?:proxim[oa] )?(?:${CONSULTA}|retorno|agendamento)`,
      // "qual médico vai me atender amanhã?", "quem vai me atender na sexta?", "qual o nome da médica de amanhã?", "quem é a
      // doutora de sexta?": who sees the patient at an appointment of theirs, named by its day (or "na minha consulta")
      String.raw`(?:qual|quem|que) (?:(?:e|eh) )?(?:(?:o|a) )?(?:(?:medic[oa]|doutor[a]?|dr[a]?|profissional) )?(?:que )?(?:vai|ira) me atender (?:${APPOINTMENT_DAY_AFTER}|(?:na|no) (?:minha |meu )?(?:${CONSULTA}|retorno))`,
      String.raw`nome d[oa] (?:medic[oa]|doutor[a]?|dr[a]?|profissional) (?:(?:de|da|do) )?(?:${APPOINTMENT_DAY_AFTER}|(?:minha|meu) (?:proxim[oa] )?(?:${CONSULTA}|retorno|agendamento))`,
      String.raw`(?:qual|quem) (?:(?:e|eh|sera|vai ser) )?(?:(?:o|a) )?(?:medic[oa]|doutor[a]?|dr[a]?|profissional) (?:de|da|do) ${APPOINTMENT_DAY_AFTER}(?!\p{L})`,
      // "minha consulta tá confirmada?", "já está marcada a minha consulta?": asking, not confirming
      String.raw`(?:minha|meu) (?:${CONSULTA}|retorno|horario|agendamento) (?:ja )?(?:ta|esta|foi|ficou|esta mesmo|ta mesmo) (?:confirmad[ao]|marcad[ao]|agendad[ao])`,
      String.raw`(?:ja )?(?:ta|esta|foi|ficou) (?:confirmad[ao]|marcad[ao]|agendad[ao]) (?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno|horario|agendamento)`,
      // "a consulta de sexta tá confirmada?", "minha consulta de segunda continua marcada?", "a do dr rui ainda tá de pé?":
      // whether one appointment still stands, named by its day, provider or specialty (asking, not confirming)
      String.raw`(?:a|o|minha|meu) (?:(?:${CONSULTA}|retorno|horario|agendamento) (?:${NAMED_APPOINTMENT} )?|${NAMED_APPOINTMENT} )(?:ainda |ja |mesmo )?(?:ta|esta|continua|segue|ficou|foi)(?: mesmo| ainda)? (?:de pe|confirmad[ao]|marcad[ao]|agendad[ao]|mantid[ao])`,
      String.raw`(?:ainda |ja )?(?:ta|esta|continua|segue) (?:de pe|confirmad[ao]|marcad[ao]|mantid[ao]) (?:a|o|minha|meu) (?:${CONSULTA}|retorno|horario|agendamento|de|do|da|com)`,
      // "tá confirmado amanhã?", "já está confirmada?", "tá marcado pra sexta né?", "confirmado?": whether the patient's
      // appointment stands, asked with nothing but its day (asking, not confirming: "confirmado" alone agrees)
      String.raw`${OPENING}(?:e |mas )?(?:ja |ainda )?(?:ta|esta|ficou|foi)(?: mesmo)? (?:confirmad[ao]|marcad[ao]|agendad[ao]|de pe)(?: mesmo)?(?: (?:pra |para |na |no )?${APPOINTMENT_DAY_AFTER})?${ASKED}`,
      String.raw`${OPENING}(?:ja )?confirmad[ao](?: (?:pra |para )?${APPOINTMENT_DAY_AFTER})?\s*\?`,
      // "tá tudo certo pra minha consulta de segunda?"
      String.raw`(?:ta|esta|tudo) (?:tudo )?(?:certo|ok|confirmado) (?:pra|para|com|na|no) (?:a |o )?(?:minha|meu) (?:${CONSULTA}|retorno|horario|agendamento)`,
    ],
    weak: [
      String.raw`(?:minha|meu) (?:${CONSULTA}|retorno) (?:e|eh|fica) (?:${WHAT}|qual|${WHEN})`,
      // "minha consulta de sexta é presencial?", "minha consulta é na savassi ou no centro?": how the patient's own appointment
      // is (weak: a clinic question, "minha consulta é por convênio?", is answered as one)
      String.raw`(?:minha|meu) (?:${CONSULTA}|retorno)(?: ${NAMED_APPOINTMENT})? (?:e|eh|vai ser|sera|fica|ficou|continua) (?:na|no|em|presencial|online|virtual|por|pelo|pela|com)(?!\p{L})`,
      // "minha consulta com o dr rui é que dia?", "a consulta de sexta é que horas?": one named, the question word last
      // also with its day after whom or what it is ("a consulta de cardio amanhã é que horas?", "a do dr paulo na sexta")
      String.raw`(?:a|o|minha|meu) (?:${CONSULTA}|retorno) ${NAMED_APPOINTMENT}(?: ${NAMED_APPOINTMENT}| ${APPOINTMENT_DAY_AFTER})? (?:e|eh|fica|ficou) (?:${WHAT} dia|${WHAT} horas|qual dia|qual horario|${WHEN})`,
    ],
  },
  {
    intent: 'book',
    strong: [
      String.raw`marca(?:r|ndo|cao)?`,
      String.raw`marco`,
      String.raw`agenda(?:r|mento|ndo)?`,
      String.raw`agendo`,
      String.raw`${WANT} (?:uma |um |de uma |de um |fazer uma |fazer um |passar (?:com|n[ao]) )?(?:${APPOINTMENT}|cardio|dermato|gineco|orto|oftalmo|pediatra|medic[oa]|doutor|doutora|dr|dra|clinico|especialista|consultar|me consultar|passar(?! (?:pra|para|pro) ))`,
      String.raw`(?:tem|tm|teria|tera|ha|existe|voces tem|vcs tem|vc tem|vcs tm|tem algum|tem alguma) (?:algum |alguma |um |uma )?(?:horario|horarios|vaga|vagas|agenda|hora|encaixe|disponibilidade)`,
      String.raw`(?:horarios?|vagas?|disponibilidade) (?:livres?|disponiveis|disponivel|(?:pra|para|com|de|d[ao]) )`,
      String.raw`(?:quero|queria|gostaria de|preciso|vou) (?:ir|passar) (?:no|na|ao|com|pra|para) (?:o |a )?(?:medico|medica|doutor|doutora|dr|dra|cardio|dermato|gineco|orto|oftalmo|pediatra|clinico|consulta)`,
      String.raw`${WANT} ver (?:um |uma )?(?:${APPOINTMENT})`,
      String.raw`(?:consulta|horario) (?:nova|novo)`,
      String.raw`nova consulta`,
      String.raw`(?:quero|queria|gostaria de|preciso|vou) (?:me )?consultar`,
      String.raw`(?:pode|podia|poderia|consegue|consegue[m]?) (?:me )?(?:encaixar|marcar|agendar)`,
      // "preciso de um encaixe": a squeeze-in asked, booked in the free times (the conversation says it cannot
      // squeeze anyone in); waiting for one ("fila pra encaixe", "esperar um encaixe") stays the waitlist
      String.raw`encaixes?`,
      String.raw`encaxes?`,
    ],
    // "da pra passar pra segunda?": passing the appointment booked to another day is a move, not a visit ("passar com")
    weak: [String.raw`${WANT} (?:ver|ir|passar(?! (?:pra|para|pro) ))`, String.raw`consulta`, String.raw`horario`, String.raw`vaga`],
  },
  {
    intent: 'confirm',
    strong: [
      String.raw`confirm(?:o|ar|ado|ada|ando|amos|a)`,
      String.raw`(?:vou|irei|estarei|estaremos|vamos) (?:sim|la|estar la|estar ai|estar presente|comparecer)`,
      // "estarei aí" (written to the clinic: there, where you are)
      String.raw`(?:estarei|estaremos) (?:ai|presente)`,
      String.raw`pode confirmar`,
      String.raw`(?:sim|ss|s),? (?:vou|irei|estarei|confirmo|pode)`,
      String.raw`presenca confirmada`,
      String.raw`(?:to|estou|tou) confirmad[oa]`,
      String.raw`(?:vou|irei) comparecer`,
      String.raw`compareco`,
      String.raw`(?:pode )?contar comigo`,
    ],
    weak: [String.raw`sim`, String.raw`ok`, String.raw`okay`, String.raw`(?<!\btudo |\btd )certo`, String.raw`combinado`, String.raw`beleza`, String.raw`blz`, String.raw`isso`, String.raw`pode ser`, String.raw`ss`, String.raw`s`],
  },
  {
    intent: 'help',
    strong: [
      String.raw`(?<!pela |sua |a )ajuda`,
      String.raw`socorro`,
      String.raw`me ajuda`,
      // "pode me ajudar?", "vc consegue me ajudar?" (with something to book, "me ajudar a marcar cardio", the booking wins)
      String.raw`me ajudar`,
      String.raw`como (?:funciona|faco|faz|que faz|eu faco)`,
      String.raw`o (?:que|q|q?ue) (?:voce|vc|voces|vcs|tu) (?:faz|fazem|pode fazer|podem fazer|sabe fazer)`,
      String.raw`menu`,
      String.raw`(?:quais (?:sao )?as )?opcoes`,
      String.raw`instrucoes`,
      String.raw`nao (?:sei|entendi) como`,
    ],
    weak: [String.raw`duvida`, String.raw`help`],
  },
  {
    intent: 'greeting',
    strong: [
      String.raw`oi+e?`,
      String.raw`oie`,
      String.raw`ola`,
      String.raw`opa`,
      String.raw`e ai`,
      String.raw`eai`,
      String.raw`eae`,
      String.raw`bom dia+`,
      String.raw`boa tarde+`,
      String.raw`boa noite+`,
      String.raw`bomdia`,
      String.raw`boatarde`,
      String.raw`boanoite`,
      String.raw`hello`,
      String.raw`alo`,
      String.raw`tudo bem`,
      String.raw`td bem`,
      // "e aí, tudo certo?": how are you, not a yes ("certo" alone is one)
      String.raw`tudo certo`,
      String.raw`td certo`,
      String.raw`salve`,
      // a waving or raised hand alone says hello (any skin tone, "🙋‍♀️": the rest of the sequence follows it)
      ...GREETING_EMOJI,
    ],
    weak: [],
  },
];

/**
 * Questions about the clinic itself (hours, address, price): a message with one of these and no intent
 * word is not a booking even when it names a day or a unit ("vcs abrem sábado?").
 */
export const CLINIC_QUESTION = String.raw`(?:abre|abrem|aberto|aberta|abrir|fecha|fecham|funciona|funcionam|funcionando|endereco|enderecos|onde fica|onde e|onde vai ser|onde sera|(?:em )?(?:qual|que) unidade (?:e|eh|vai ser|sera|fica)|como chego|telefone|whats|preco|precos|valor|valores|quanto custa|quanto e|quanto fica|convenio|convenios|plano de saude|aceita|aceitam|estacionamento|estacionar|wifi|wi fi|internet|cartao|pix|acessibilidade|cadeirante|trazer o que|documentos?)`;

/** Words that cancel an intent match when they come just before it ("não quero cancelar"). */
export const NEGATIONS = ['nao', 'n', 'nem', 'nunca', 'sem'];

/**
 * Specialties: the canonical name and how patients say it. A tenant's own spelling of the canonical
 * name is what resolves; a tenant specialty not listed here still matches by its own name.
 */
export const SPECIALTIES: { canonical: string; forms: string[] }[] = [
  { canonical: 'Cardiologia', forms: ['cardiologia', 'cardiologista', 'cardiologsta', 'cardiologo', 'cardiologa', 'cardio', 'coracao', 'cardiaco'] },
  { canonical: 'Dermatologia', forms: ['dermatologia', 'dermatologista', 'dermatologo', 'dermatologa', 'dermato', 'derma', 'pele'] },
  { canonical: 'Ginecologia', forms: ['ginecologia', 'ginecologista', 'ginecologo', 'ginecologa', 'gineco', 'gineco obstetra', 'obstetra', 'gine', 'medico de mulher', 'medica de mulher', 'medico da mulher', 'medica da mulher', 'medico de mulheres', 'medica de mulheres'] },
  { canonical: 'Ortopedia', forms: ['ortopedia', 'ortopedista', 'ortopedico', 'ortopedica', 'orto', 'medico de osso', 'medica de osso', 'medico dos ossos', 'medica dos ossos', 'medico de ossos', 'medica de ossos'] },
  { canonical: 'Oftalmologia', forms: ['oftalmologia', 'oftalmologista', 'oftalmologo', 'oftalmologa', 'oftalmo', 'oculista', 'olhos', 'olho', 'de vista', 'da vista', 'na vista', 'vista cansada'] },
  { canonical: 'Pediatria', forms: ['pediatria', 'pediatra', 'pediatrico', 'pediatrica', 'medico de crianca', 'medica de crianca'] },
  { canonical: 'Clínica Geral', forms: ['clinica geral', 'clinico geral', 'clinica medica', 'clinico', 'medico geral', 'medica geral', 'generalista', 'medico de familia', 'medica de familia'] },
  { canonical: 'Neurologia', forms: ['neurologia', 'neurologista', 'neurologo', 'neuro'] },
  { canonical: 'Psiquiatria', forms: ['psiquiatria', 'psiquiatra'] },
  { canonical: 'Psicologia', forms: ['psicologia', 'psicologo', 'psicologa', 'terapia', 'terapeuta'] },
  { canonical: 'Endocrinologia', forms: ['endocrinologia', 'endocrinologista', 'endocrino', 'endocrinologo'] },
  { canonical: 'Otorrinolaringologia', forms: ['otorrinolaringologia', 'otorrinolaringologista', 'otorrino', 'medico de ouvido', 'medica de ouvido', 'medico do ouvido', 'medica do ouvido'] },
  { canonical: 'Urologia', forms: ['urologia', 'urologista', 'urologo', 'uro'] },
  { canonical: 'Gastroenterologia', forms: ['gastroenterologia', 'gastroenterologista', 'gastro'] },
  { canonical: 'Nutrição', forms: ['nutricao', 'nutricionista', 'nutri'] },
  { canonical: 'Fisioterapia', forms: ['fisioterapia', 'fisioterapeuta', 'fisio'] },
  { canonical: 'Odontologia', forms: ['odontologia', 'dentista', 'odonto', 'odontologo'] },
];

/**
 * A doctor asked for by form of address, folded: a woman ("tem com médica mulher?", "queria uma médica", "prefiro
 * doutora", "ser atendida por uma mulher") or a man ("tem algum médico homem?"). "médico" alone is the general word,
 * and "médica" after a noun is an adjective ("consulta médica"): neither asks for anyone. A provider named ("a dra
 * ana") is that provider, not a form.
 */
export const PROVIDER_FORM_PATTERNS: Record<'female' | 'male', string[]> = {
  female: [
    String.raw`(?:uma|a|com|c|cm|por|pela|prefiro|preferia|preferencia por|alguma|tem|quero|queria|gostaria de) (?:medica|doutora|dra)`,
    String.raw`(?:medic[oa]|doutora?|dra?|profissional|especialista|atendimento) (?:mulher|feminin[oa])`,
    String.raw`(?:uma|com|por|pela) mulher`,
    String.raw`^(?:medica|doutora)\??$`,
  ],
  male: [
    String.raw`(?:medico|doutor|dr|profissional|especialista|atendimento) (?:homem|masculino)`,
    String.raw`(?:um|com|por|pelo) homem`,
  ],
};

/** The title that opens a provider's display name ("Dra. Ana Souza", "Dr. Marcos Pereira"), folded, by the form it says. */
export const PROVIDER_FORM_TITLES: Record<'female' | 'male', string[]> = {
  female: ['dra', 'doutora'],
  male: ['dr', 'doutor'],
};

/** Titles that ask for a woman (the others a man), folded: how a name the clinic does not have is repeated ("a Dra. Camila"). */
export const PROVIDER_TITLES_FEMALE = ['dra', 'doutora', 'dotora'];

/**
 * Words after a title or "com o" that are no name ("dr de pele", "com o mesmo", "pelo plano"): a provider the clinic does
 * not have is said only of a name (NOT_A_PERSON_WORDS are none either). Folded.
 */
export const NOT_A_NAME_AFTER_TITLE = [
  'de', 'do', 'da', 'dos', 'das', 'pra', 'pro', 'para', 'que', 'com', 'sem', 'uma', 'um', 'uns', 'umas', 'por', 'pelo', 'pela', 'nao', 'sim',
  'ele', 'ela', 'eles', 'elas', 'esse', 'essa', 'este', 'esta', 'aquele', 'aquela', 'qualquer', 'algum', 'alguma', 'plano', 'convenio',
  'particular', 'sus', 'horario', 'consulta', 'retorno', 'exame', 'exames', 'hoje', 'amanha', 'semana', 'mes',
  // "oi doutora, tudo bem?": a greeting after the title
  'tudo', 'td', 'bem', 'boa', 'bom',
];

/** Titles before a provider's name, folded. */
export const PROVIDER_TITLES = ['dr', 'dra', 'doutor', 'doutora', 'dr.', 'dra.', 'doutô', 'dotor', 'dotora', 'doc'];

/**
 * Letters that spell the same sound in names, folded: one changed for the other is a variant of the name, not another
 * name ("marcus" for "marcos", "filipe" for "felipe", "luiz" for "luis"), even in short names.
 */
export const NAME_SPELLING_VARIANTS: Array<[string, string]> = [['o', 'u'], ['e', 'i'], ['s', 'z'], ['i', 'y']];

/**
 * Relatives named with "meu"/"minha" ("pra minha mãe", "meu filho está com febre"): the booking may be for someone else
 * than the patient writing (folded: no accents).
 */
export const RELATIVE_WORDS = [
  'mae', 'pai', 'filho', 'filha', 'filhos', 'filhas', 'marido', 'esposa', 'esposo', 'avo', 'avos', 'irmao', 'irma',
  'neto', 'neta', 'sobrinho', 'sobrinha', 'sogra', 'sogro', 'bebe', 'tio', 'tia', 'enteado', 'enteada', 'namorado', 'namorada',
  'vo', 'vovo', 'primo', 'prima', 'cunhado', 'cunhada',
];
export const RELATIVE_POSSESSIVES = ['meu', 'minha', 'meus', 'minhas'];

/**
 * Who a booking is for, said between specialties asked together ("cardio pra mim e dermato pro meu filho"): a lead
 * and the patient, a pronoun or a relative with a possessive ("pro meu filho", "pra minha mãe"). Folded words.
 */
export const BOOKED_FOR_LEADS = ['pra', 'pro', 'para', 'para o', 'para a', 'pra o', 'pra a', 'p'];
export const BOOKED_FOR_PRONOUNS = ['mim', 'eu', 'ele', 'ela', 'nos', 'voce', 'vc'];

/** Words before a bare name that make it a provider: "com a ana", "pela dra ana". */
export const PROVIDER_LEADS = ['com a', 'com o', 'com', 'pela', 'pelo', 'da', 'do'];

/**
 * A swap of providers: a change verb ("trocar a dra ana pelo dr paulo", "mudar minha consulta da dra ana pro dr
 * paulo", "trocar de médico pelo dr paulo") and, right before the provider who comes instead, a link.
 * Folded words.
 */
export const PROVIDER_SWAP_VERBS = ['trocar', 'troca', 'troco', 'trocaria', 'mudar', 'muda', 'mudo', 'mudaria', 'passar', 'passa', 'passo', 'transferir', 'transfere', 'alterar', 'altera'];
export const PROVIDER_SWAP_LINKS = ['pelo', 'pela', 'por', 'pro', 'pra', 'para o', 'para a', 'pra o', 'pra a', 'por o', 'por a'];

/** Words before a place's name that make a near word a place with a typo ("na savasi", "unidade centru"; folded). */
export const LOCATION_LEADS = ['na', 'no', 'unidade', 'em', 'la na', 'la no', 'pra', 'para a', 'para o'];
/**
 * Words right before a place that name it as the one given up, not the one wished ("no centro em vez da savassi", "ao
 * invés do centro", "no lugar da savassi"; folded): that place is no wish.
 */
export const PLACE_REPLACED_LEADS = ['em vez de', 'em vez da', 'em vez do', 'em vez de ir na', 'em vez de ir no', 'ao inves de', 'ao inves da', 'ao inves do', 'no lugar de', 'no lugar da', 'no lugar do'];
/** Generic words in location names: "Unidade Centro" is found by "centro". */
export const LOCATION_GENERIC_WORDS = ['unidade', 'clinica', 'consultorio', 'filial', 'sede', 'polo', 'posto', 'centro medico', 'hospital', 'de', 'da', 'do', 'das', 'dos'];

/**
 * The type a booking is when the patient names none: the tenant's active type with this name or
 * synonym (folded).
 */
export const DEFAULT_TYPE_WORD = 'consulta';

/**
 * How patients word a type's synonym of several words ("mostrar exames"): an article or possessive may come after its
 * first word ("mostrar os exames", "mostrar meu exame"), and "de" may be contracted with one ("resultado do exame").
 * Its last word may be in the singular or the plural too (read in src/core/language/entities.ts). Folded words.
 */
export const TYPE_SYNONYM_DETERMINERS = ['o', 'a', 'os', 'as', 'um', 'uma', 'uns', 'umas', 'meu', 'minha', 'meus', 'minhas', 'o meu', 'a minha', 'os meus', 'as minhas'];
export const TYPE_SYNONYM_OF_WORD = 'de';
export const TYPE_SYNONYM_OF_CONTRACTIONS = ['do', 'da', 'dos', 'das', 'de um', 'de uma', 'de meu', 'de minha', 'dos meus', 'das minhas'];
