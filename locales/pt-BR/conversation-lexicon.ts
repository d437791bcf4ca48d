/**
 * The pt-BR words the booking dialogue reads itself, before (or beside) the language layer: the short
 * replies to its own questions ("2", "a segunda", "sim", "nenhum", "tem mais tarde?") and the
 * questions about the clinic it answers from clinic data. Every entry is folded (lower case, no
 * accents, single spaces); machines/booking/replies.ts folds the message the same way and matches on
 * word boundaries. Intents, dates and times stay in lexicon.ts and chrono*.ts.
 */

/** Words that carry no meaning in a short reply ("pode ser a 2, por favor" → "2"). */
export const FILLER_WORDS = [
  // not "na"/"no": "na segunda" is a weekday, "a segunda" an option
  'a', 'o', 'as', 'os', 'e', 'eu', 'me', 'pra', 'pro', 'para', 'de', 'da', 'do', 'das', 'dos',
  'entao', 'then', 'pode', 'ser', 'quero', 'queria', 'prefiro', 'escolho', 'fico', 'vou', 'vai', 'com', 'essa', 'esse', 'esta', 'este',
  'opcao', 'numero', 'n', 'horario', 'hora', 'favor', 'por', 'pf', 'pfv', 'pls', 'obrigado', 'obrigada', 'mesmo', 'mesma',
  'marca', 'marcar', 'agenda', 'agendar', 'fechado', 'ok', 'la', 'ta', 'aquela', 'aquele', 'seria', 'acho', 'que',
  'melhor', 'gostaria', 'ficar', 'opcoes', 'hein', 'ne',
];

/** A correction before a pick carries no meaning of its own ("ops, quis dizer a terceira", "na vdd a 2"). */
export const PICK_CORRECTION_PHRASES = [
  'ops', 'opa', 'oops', 'quis dizer', 'quer dizer', 'queria dizer', 'na verdade', 'na vdd', 'alias', 'digo', 'desculpa', 'desculpe',
  'foi mal', 'errei', 'me enganei', 'pensando bem', 'troca pra', 'troca para', 'muda pra', 'muda para',
  // "espera, pode ser a 2?", "pera ai, a 3": a pause before a new pick
  'espera ai', 'espera', 'pera ai', 'pera', 'perai', 'calma ai', 'calma',
];

/** Words of a bare greeting ("oi, boa tarde!", "olá, tudo bem?"): a message of these alone says only hello (folded). */
export const GREETING_ONLY_WORDS = [
  'oi', 'oie', 'oii', 'oiii', 'ola', 'opa', 'eai', 'ai', 'hey', 'alo', 'bom', 'boa', 'dia', 'tarde', 'noite', 'tudo', 'td', 'bem', 'certo', 'blz', 'beleza',
  'joia', 'como', 'vai', 'vc', 'voce', 'esta', 'ta', 'gente', 'pessoal', 'obrigado', 'obrigada',
];

/** "esse", "essa aí", "pode ser esse" to the times on offer: pointing at one without saying which (then a yes, a filler or these). */
export const POINTING_WORDS = ['esse', 'essa', 'este', 'esta', 'aquele', 'aquela', 'esses', 'essas'];
export const POINTING_COMPANIONS = ['ai', 'ae', 'aqui', 'mesmo', 'mesma', 'sim', 'pode', 'ser', 'ta', 'bom', 'otimo', 'serve', 'beleza', 'ok', 'isso'];

/** "cancela essa", "desmarca ela" right after a booking or a move: words that point at the appointment just made. */
export const JUST_MADE_POINTERS = ['essa', 'esta', 'ela', 'esse', 'este', 'ele', 'aquela', 'aquele'];

/** "qualquer um", "tanto faz" to the times on offer: any of them will do (meaningful words, fillers left out). */
export const ANY_OPTION_PHRASES = [
  'qualquer um', 'qualquer uma', 'qualquer', 'tanto faz', 'qualquer um deles', 'qualquer uma delas', 'qualquer um desses', 'qualquer uma dessas',
  'qualquer um serve', 'qualquer uma serve', 'qualquer um ta bom', 'tanto faz qual', 'tanto faz pra mim', 'tanto faz qualquer um',
  'vc escolhe', 'voce escolhe', 'escolhe vc', 'escolhe voce', 'pode escolher', 'o que for melhor', 'o que tiver',
  // as typed in a hurry: "qq um", "qlq uma", "qualquer 1"
  'qq um', 'qq uma', 'qq', 'qlq um', 'qlq uma', 'qlq', 'qlqr um', 'qlqr uma', 'qlqr', 'qualquer 1', 'qq 1', 'qlq 1', 'tanto faz qq um',
];

/** Right after a booking, a question about it with no words for it ("e que horas é mesmo?", "que dia ficou?"): folded words. */
export const JUST_BOOKED_ASK_PHRASES = [
  'que horas', 'q horas', 'qual horario', 'qual o horario', 'que horario', 'que dia', 'q dia', 'qual dia', 'qual o dia', 'que data', 'qual a data',
  'quando', 'qdo', 'qnd', 'com quem', 'ficou pra quando', 'ficou para quando', 'ficou que dia', 'ficou que horas',
];

/** Right after a booking, words that take it back to change its day or time ("ops, era pra sexta", "na verdade prefiro sexta", "muda pra sexta"). */
export const BOOKED_CORRECTION_PHRASES = [
  ...PICK_CORRECTION_PHRASES, 'era pra', 'era para', 'era pro', 'prefiro', 'preferia', 'muda', 'mudar', 'troca', 'trocar', 'passa', 'passar',
];

/** "tudo bem?", "como vai?": asking how we are (answered beside the greeting). */
export const WELLBEING_PHRASES = [
  'tudo bem', 'td bem', 'tudo bom', 'td bom', 'tudo certo', 'td certo', 'como vai', 'como vc ta', 'como voce esta', 'como vc esta', 'tudo joia', 'td joia',
  // "vc ta bem?" ("tá bem" alone is an "ok")
  'vc ta bem', 'voce ta bem', 'vc esta bem', 'voce esta bem', 'vc ta bom', 'voce ta bom', 'vc esta bom', 'voce esta bom',
];

/** "deu certo?", "funcionou?": whether what was just done (a booking, a move, a cancel) went through; asked alone with a "?". */
export const DID_IT_WORK_PHRASES = [
  'deu certo', 'deu tudo certo', 'funcionou', 'deu bom', 'conseguiu', 'foi feito', 'ficou certo', 'ficou tudo certo', 'rolou',
  // whether it is booked: "ficou marcado?", "marcou?", "já tá agendado?"
  'ficou marcado', 'ficou marcada', 'ficou agendado', 'ficou agendada', 'foi marcado', 'foi marcada', 'ta marcado', 'ta marcada', 'esta marcado',
  'esta marcada', 'marcou', 'agendou', 'conseguiu marcar', 'ficou remarcado', 'ficou remarcada', 'remarcou', 'ficou desmarcado', 'ficou desmarcada', 'desmarcou',
];
/** Words beside such a question that say nothing more ("e aí, deu certo?", "então, funcionou mesmo?"). */
export const DID_IT_WORK_ALONG = ['e', 'ai', 'entao', 'mesmo', 'ne', 'ja', 'la', 'tudo', 'ok', 'certinho', 'oi'];

/** "beleza?", "blz?": asking how we are only when asked alone with a "?" (without one they are an "ok"). */
export const WELLBEING_ASKED_ALONE = ['beleza', 'blz', 'joia', 'e ai beleza', 'e ai blz'];

/** Words before a number that make it a clock time ("às 2" is 14:00, not option 2). */
export const TIME_LEADS = ['as', 'das', 'a partir das', 'depois das'];

/** Ordinals as option picks: "a primeira", "o segundo", "2a", "última" (-1 = the last one). */
export const ORDINAL_WORDS: Record<string, number> = {
  primeira: 1, primeiro: 1, '1a': 1, '1o': 1, um: 1, uma: 1,
  segunda: 2, segundo: 2, '2a': 2, '2o': 2, dois: 2, duas: 2,
  terceira: 3, terceiro: 3, '3a': 3, '3o': 3, tres: 3,
  quarta: 4, quarto: 4, '4a': 4, '4o': 4, quatro: 4,
  quinta: 5, quinto: 5, '5a': 5, '5o': 5, cinco: 5,
  ultima: -1, ultimo: -1,
};

/** Articles before an ordinal that picks from a list inside a longer message ("cancelar a primeira", "o segundo"). */
export const ORDINAL_ARTICLES = ['a', 'o'];
/** Words of ORDINAL_WORDS that count rather than rank inside a longer message ("desmarcar as duas", "a uma"). */
export const COUNTING_WORDS = ['um', 'uma', 'dois', 'duas', 'tres', 'quatro', 'cinco'];
/** Ordinals that are also weekdays (0 = Sunday): "a segunda" may be the Monday one. */
export const ORDINAL_WEEKDAYS: Record<string, number> = { segunda: 1, quarta: 3, quinta: 4 };
/** Parts of the day after a number or weekday that make it a time or a day ("a segunda de manhã", "a 2 da tarde"). */
export const DAY_PART_WORDS = ['manha', 'tarde', 'noite', 'feira'];

/** A reply that agrees ("sim", "pode", "isso", "ok", 👍): every word of it must be one of these. */
export const YES_WORDS = [
  'sim', 's', 'ss', 'sss', 'si', 'sm', 'pode', 'podes', 'isso', 'ok', 'okay', 'oks', 'okk', 'confirmo', 'confirma', 'confirmado', 'confirmada',
  'claro', 'certo', 'beleza', 'blz', 'perfeito', 'quero', 'bora', 'fechado', 'fechou', 'combinado', 'exato', 'exatamente', 'correto',
  'positivo', 'uhum', 'aham', 'certeza', 'bom', 'serve', 'show', 'top', 'otimo', 'joinha', 'yes', 'yep', 'dale', 'manda', 'vamos',
];
/**
 * Forms of "confirmar" that agree, besides YES_WORDS' "confirmo", "confirma", "confirmado", "confirmada": said with
 * emphasis ("confirmadíssimo") or as going on ("tô confirmando sim"). A word starting with CONFIRM_STEM one edit away
 * from any of them (a slip: "confirmadp", "confrimado") agrees as well.
 */
export const CONFIRM_YES_FORMS = ['confirmadissimo', 'confirmadissima', 'confirmadinho', 'confirmadinha', 'confirmando', 'confirmadao'];
/**
 * Common slips of the short confirmation words ("confimo", "comfirmo"), too short to forgive by edit distance (one edit
 * from "confirmo" is "confiro", a word of its own): listed, they agree as the words do.
 */
export const CONFIRM_SHORT_SLIPS = [
  'confimo', 'confima', 'confimado', 'confimada', 'confrimo', 'confrima', 'comfirmo', 'comfirma', 'comfirmado', 'comfirmada',
  'cofirmo', 'cofirma', 'cofirmado', 'cofirmada', 'confirmu', 'confirmoo',
];
/** The first letters a slip of a CONFIRM_YES_FORMS word keeps ("confrimado" keeps "conf"). */
export const CONFIRM_STEM = 'conf';
/** Cancel words a yes may carry ("pode cancelar"): a yes only to "Desmarco?"; to any other question, a cancel asked for. */
export const CANCEL_WORDS = ['cancelar', 'cancela', 'cancelo', 'desmarcar', 'desmarca', 'desmarco'];

/** Move words a yes may carry ("pode remarcar"): to "Desmarco?" or "Quer confirmar sua presença?" a move asked for, no yes. */
export const MOVE_WORDS = ['remarcar', 'remarca', 'remarque', 'trocar', 'troca', 'mudar', 'muda'];

export const YES_COMPANIONS = [
  'com', 'ser', 'mesmo', 'mesma', 'esse', 'essa', 'este', 'esta', 'ta', 'tá', 'por', 'favor', 'marcar', 'marca', 'agendar', 'desmarcar',
  'desmarca', 'cancelar', 'cancela', 'confirmar', 'entao', 'obrigado', 'obrigada', 'pfv', 'pf', 'pode', 'e', 'isso', 'ai', 'la', 'horario',
  'remarcar', 'remarca', 'trocar', 'troca', 'pra', 'mim', 'tudo', 'certinho', 'sim', 'ja', 'agora', 'lista', 'de', 'espera', 'coloca',
  'colocar', 'me', 'bem', 'obg', 'brigado', 'brigada', 'valeu', 'vlw', 'td',
];
/**
 * Words that come along with a yes only beside a confirmation word ("vo sim, confirmadissimo", "tô confirmando sim"):
 * "vou sim" alone is the `confirm` intent's, read by the language layer.
 */
export const CONFIRM_COMPANIONS = ['vou', 'vo', 'to'];

/**
 * "Se quiser, mostro de novo os horários de Dra. Ana Souza.": besides a yes, these words say "show them"
 * ("mostra", "pode mostrar", "quero ver os dela")...
 */
export const SHOW_AGAIN_WORDS = ['mostra', 'mostre', 'mostrar', 'mostrando', 'ver', 'veja', 'mande', 'mandar', 'manda'];
/** ...and these may come along with it (a yes's companions too). */
export const SHOW_AGAIN_COMPANIONS = ['os', 'as', 'dela', 'dele', 'delas', 'deles', 'horarios', 'novo', 'sim', 'quero', 'queria', 'eu', 'a', 'o'];

/** Words of a yes that name an ask of their own ("quero remarcar"): after "anything else?" they are that ask, not a bare yes. */
export const ASK_WORDS = [
  'marcar', 'marca', 'agendar', 'agenda', 'remarcar', 'remarca', 'reagendar', 'desmarcar', 'desmarca', 'cancelar', 'cancela', 'trocar',
  'troca', 'confirmar', 'confirmo', 'lista', 'espera', 'coloca', 'colocar',
];

/** A yes to "Quer que eu tire você dessa lista?" said with the verb ("pode tirar", "tira sim", "quero sair")... */
export const LEAVE_VERBS = ['tira', 'tirar', 'tire', 'remove', 'remover', 'retira', 'retirar', 'exclui', 'excluir', 'sair', 'sai'];
/** ...and the words that may come along with it beside the yes words ("quero sair dessa fila"). */
export const LEAVE_YES_COMPANIONS = ['quero', 'dela', 'dessa', 'desta', 'da', 'fila', 'lista', 'me', 'eu', 'daquela', 'nela', 'pode'];
/** Verbs a no leads to refuse what follows ("não quero outro dia", "não preciso de outro dia"), not to answer a question. */
export const WANTING_VERBS = ['quero', 'queria', 'preciso', 'precisa', 'gostaria'];
/** A reply that refuses: it starts with one of these... */
export const NO_HEADS = ['nao', 'n', 'nn', 'nope', 'negativo', 'nem', 'jamais', 'nunca', 'naum', 'nada'];
/** Words of a pause after a leading no ("não, pera, prefiro a 2", "nao pera a segunda"): the pick that follows is what counts. */
export const NO_PAUSE_WORDS = ['pera', 'perai', 'peraae', 'espera', 'espere', 'calma', 'ai', 'ops', 'opa', 'hum', 'hmm'];
/** ...or is one of these phrases... */
export const NO_PHRASES = [
  'agora nao', 'melhor nao', 'deixa', 'deixa pra la', 'deixa para la', 'esquece', 'nao obrigado', 'nao obrigada', 'deixa quieto',
  'deixa assim', 'deixa como esta', 'deixa como ta', 'nao cancela', 'nao cancela nao', 'nao desmarca', 'nao desmarca nao',
];
/**
 * Not sure yet, to a yes/no question ("ainda não sei se confirmo", "vou pensar", "deixa eu ver"): no yes, no no, and
 * nothing misunderstood. Every other word one of UNSURE_COMPANIONS.
 */
export const UNSURE_PHRASES = [
  'nao sei', 'nao sei ainda', 'ainda nao sei', 'nao tenho certeza', 'nao sei direito', 'vou pensar', 'vou pensar melhor', 'deixa eu pensar',
  'preciso pensar', 'vou ver', 'deixa eu ver', 'preciso ver', 'talvez', 'sei la',
];
export const UNSURE_COMPANIONS = ['se', 'confirmo', 'confirmar', 'ainda', 'um', 'pouco', 'e', 'hum', 'hmm', 'entao', 'depois', 'te', 'falo', 'aviso', 'com', 'calma', 'ai', 'mas', 'melhor'];

/** Words that open a change of mind before the no ("pensando bem, não cancela não", "na verdade não"): the no that follows counts. */
export const NO_LEADS = ['pensando bem', 'na verdade', 'pensei melhor'];
/** ...and whatever follows is only these. */
export const NO_COMPANIONS = [
  'obrigado', 'obrigada', 'brigado', 'valeu', 'vlw', 'quero', 'agora', 'ainda', 'precisa', 'pode', 'por', 'favor', 'mais', 'nao', 'n',
  'marcar', 'desmarcar', 'cancelar', 'confirmar', 'isso', 'e', 'esse', 'essa', 'obg', 'por', 'enquanto', 'pra', 'la', 'deixa', 'ta', 'bom',
  'certo', 'sim', 'entao', 'precisa', 'precisar', 'precisou', 'obrigada', 'so', 'quieto', 'assim', 'deixar',
  // "não confirmo", "não confirmo não"
  'confirmo',
  // "não marca" to the summary of a booking (a "não" standing apart before it, "não, marca", is a yes: saysActionAsked)
  'marca', 'agenda', 'agendar',
  // "não, não cancela"
  'cancela', 'desmarca',
];

/**
 * "ok", "tá bom", "blz" alone (every word one of these): taken in, no answer to an open question ("Para quando?",
 * "Com qual especialidade?"), where "sim" and "pode ser" mean whenever.
 */
export const BARE_OK_WORDS = ['ok', 'okay', 'okey', 'oks', 'okk', 'blz', 'beleza', 'certo', 'ta', 'bom', 'entendi', 'ah', 'hum', 'hmm', 'aham', 'joia'];

/** "tá bem", "está bem": an "ok" in two words (read as one; "bem" alone says nothing, "tudo bem" asks how we are). */
export const OK_PHRASES = ['ta bem', 'esta bem', 'tah bem'];

/** "ok", "obrigado", 👍: an acknowledgement that closes a finished exchange (every word one of these). */
export const ACK_WORDS = [
  'ok', 'okay', 'oks', 'beleza', 'blz', 'certo', 'obrigado', 'obrigada', 'obg', 'brigado', 'brigada', 'valeu', 'vlw', 'ta', 'tá', 'bom',
  'show', 'perfeito', 'otimo', 'entendi', 'combinado', 'tchau', 'ate', 'logo', 'mais', 'joinha', 'muito', 'top', 'legal', 'fechado',
  'agradeco', 'grato', 'grata', 'tmj', 'tudo', 'certinho', 'maravilha', 'perfeita', 'e', 'isso', 'entao', 'so', 'era', 'mesmo',
  'abraco', 'abs', 'por', 'enquanto', 'nada', 'td', 'tchauzinho', 'xau', 'flw', 'breve', 'obrigadao', 'brigadao', 'obrigadinha', 'obrigadinho',
];

/**
 * Waiting said ("então me avisa", "fico no aguardo", "valeu, espero então"): an acknowledgement that the patient will
 * wait to hear from us, every other word an ACK_WORDS or WAITING_COMPANIONS one. Right after joining the waitlist we say
 * we will let them know; to "Quer entrar na lista de espera?" it is a yes. Longest phrases first.
 */
export const WAITING_PHRASES = [
  'fico no aguardo', 'fico aguardando', 'fico esperando', 'vou ficar aguardando', 'vou ficar esperando', 'vou aguardar', 'vou esperar',
  'aguardo o aviso', 'aguardo seu aviso', 'aguardo o contato', 'aguardo contato', 'aguardo o retorno', 'aguardo retorno', 'no aguardo',
  'me avisa', 'me avise', 'me avisem', 'me avisar', 'me avisam', 'me chama', 'me chame', 'aguardo', 'aguardando', 'espero', 'esperando',
  'vou ficar no aguardo',
].sort((a, b) => b.length - a.length);
/** Words that may come beside a waiting phrase ("ok, me avisem por favor", "então tá, aguardo"). */
export const WAITING_COMPANIONS = ['favor', 'pf', 'pfv', 'pfvr', 'entao', 'sim', 'eu'];

/** Blessings and kind words that close a thank-you ("muito obrigada, minha filha, Deus te abençoe"): an acknowledgement with them is one still. */
export const COURTESY_PHRASES = [
  'deus te abencoe', 'deus lhe abencoe', 'deus abencoe', 'deus te abencoa', 'deus abencoa', 'deus te pague', 'deus lhe pague', 'fica com deus',
  'fique com deus', 'vai com deus', 'va com deus', 'se deus quiser', 'gracas a deus', 'amem', 'minha filha', 'meu filho', 'minha querida',
  'meu querido', 'querida', 'querido', 'moca', 'mocinha', 'tenha um bom dia', 'tenha uma boa tarde', 'tenha uma boa noite', 'um abraco',
  'um beijo', 'beijos', 'bjs',
];

/**
 * "tá marcado então", "ficou agendado, obrigada": what was just done, said back (not asked: with a "?" or a tag, "tá
 * marcado né?", the appointment is shown). Read as an "ok" in an acknowledgement (folded phrases, longest first).
 */
export const DONE_SAID_BACK_PHRASES = ['ja esta', 'ja ta', 'ja ficou', 'esta', 'ta', 'ficou'].flatMap((is) =>
  ['marcado', 'marcada', 'marcadinho', 'marcadinha', 'agendado', 'agendada', 'confirmado', 'confirmada', 'desmarcado', 'desmarcada', 'cancelado', 'cancelada', 'remarcado', 'remarcada'].map((done) => `${is} ${done}`),
);

/** Goodbyes, anywhere in the message: the patient is leaving (thanked or not). */
export const GOODBYE_PHRASES = ['tchau', 'tchauzinho', 'xau', 'flw', 'ate logo', 'ate mais', 'ate breve'];

/**
 * "até amanhã", "até sexta", "até lá": a goodbye until the day of the visit, when the rest of the message only thanks or
 * agrees ("obrigada, até amanhã então"), said with nothing pending (elsewhere "até amanhã" is a bound of days).
 */
export const FAREWELL_UNTIL_PHRASES = [
  ...['amanha', 'amanha entao', 'la', 'la entao', 'depois', 'a proxima', 'mais tarde', 'semana que vem', 'a semana que vem', 'o dia', 'segunda',
    'terca', 'quarta', 'quinta', 'sexta', 'sabado', 'domingo', 'segunda feira', 'terca feira', 'quarta feira', 'quinta feira', 'sexta feira',
    'segunda entao', 'terca entao', 'quarta entao', 'quinta entao', 'sexta entao', 'sabado entao'].map((day) => `ate ${day}`),
];

/** Thanks and goodbyes, anywhere in the message. */
export const THANKS_PHRASES = [
  'obrigado', 'obrigada', 'brigado', 'brigada', 'obg', 'valeu', 'vlw', 'agradeco', 'grato', 'grata', 'obrigadao', 'brigadao', 'obrigadinha', 'obrigadinho',
  'deus te abencoe', 'deus lhe abencoe', 'deus abencoe', 'deus te pague', 'deus lhe pague', ...GOODBYE_PHRASES,
];

/** Emoji that mean yes (they become the word "joinha") and no (the word "nao"). */
export const YES_EMOJI = ['👍', '👌', '✅', '🆗', '✔'];
/** Laughter alone ("kkkk", "rsrs", "hahaha", "😂"): no ask, and nothing misunderstood (folded words as patterns; emoji). */
export const LAUGHTER_WORDS = [/^k{2,}$/, /^(?:rs){1,}$/, /^(?:ha){2,}h?$/, /^(?:he){2,}$/, /^(?:hue){2,}$/, /^(?:ja){2,}$/];
export const LAUGHTER_EMOJI = ['😂', '🤣', '😅', '😆', '😁', '😄'];
export const NO_EMOJI = ['👎', '❌', '🚫'];

/** "nenhum": none of the options on offer suits. */
export const NONE_HEADS = ['nenhum', 'nenhuma', 'nenhum deles', 'nenhuma delas', 'nenhum desses', 'nenhuma dessas', 'nenhum dos', 'nenhuma das'];
export const NONE_PHRASES = [
  'nao serve', 'nao servem', 'nao gostei', 'nao gostei de nenhum', 'nao posso nesses', 'nao posso nesse', 'nao da', 'nao da nesses',
  'nao consigo', 'nao consigo nesses', 'nao consigo nenhum', 'nao posso', 'nenhum serve', 'nenhum me serve', 'nenhum desses horarios',
  // "Qual prefere?" answered with a plain no
  'nao', 'n', 'nao quero', 'nao quero nenhum', 'nao obrigado', 'nao obrigada',
  'nao posso nesses horarios', 'nao da nesses horarios', 'nao consigo nesses horarios', 'nao da pra mim', 'nao da para mim',
  'esses nao', 'esses nao da', 'esses nao servem', 'esses nao me servem', 'nao gostei desses', 'nao serve nenhum',
];

/** "tem outros horários?": other times for the same request, not the ones on offer. */
export const OTHERS_PHRASES = [
  'tem outros', 'tem outro', 'outro horario', 'outros horarios', 'outras opcoes', 'outra opcao', 'mais opcoes', 'mais horarios',
  'tem mais', 'outros', 'outras', 'nao tem outro', 'nao tem outros',
];

/** "tem mais tarde?": the same days, after the latest time on offer. */
export const LATER_PHRASES = [
  'mais tarde', 'mais pra tarde', 'mais para tarde', 'mais pro fim', 'mais para o fim', 'mais pro final', 'mais para o final',
  'um pouco depois', 'depois desse', 'depois desses', 'depois dessas', 'depois disso', 'mais tardinha', 'mais no fim do dia',
];
/** Short replies that alone mean "later": "depois?", "tem depois?". */
export const LATER_ALONE = ['depois', 'tem depois', 'algum depois', 'e depois'];

/** A move asked as a postponement ("adiar", "empurrar pra frente"): the new time comes after the appointment's. */
export const POSTPONE_WORDS = ['adiar', 'adia', 'adio', 'adie', 'empurrar', 'empurra', 'postergar', 'posterga', 'pra frente', 'para frente'];
/** A move asked as bringing it forward ("antecipar", "adiantar"): the new time comes before the appointment's. */
export const BRING_FORWARD_WORDS = ['antecipar', 'antecipa', 'antecipo', 'antecipe', 'adiantar', 'adianta', 'adianto', 'adiante'];

/** "mais cedo?": the same days, before the earliest time on offer. */
export const EARLIER_PHRASES = [
  'mais cedo', 'mais pra cedo', 'mais para cedo', 'mais no inicio', 'mais pro inicio', 'um pouco antes', 'antes desse', 'antes desses',
  'antes dessas', 'antes disso', 'mais cedinho',
];
export const EARLIER_ALONE = ['antes', 'tem antes', 'algum antes', 'e antes'];

/** "outro dia": the days after the latest day on offer. */
export const OTHER_DAY_PHRASES = [
  'outro dia', 'outra data', 'outros dias', 'outras datas', 'dia diferente', 'data diferente', 'proximos dias', 'outra semana',
  'mais pra frente', 'mais para frente', 'mais adiante', 'em outro dia', 'noutro dia', 'outro dia da semana', 'dias seguintes',
];

/**
 * "não, a outra" to "Desmarco?" about one of two appointments: the other one. The reply is only the
 * phrase, with any of the leads before it and the tails after it.
 */
export const OTHER_APPOINTMENT_PHRASES = ['a outra', 'o outro', 'a outra consulta', 'o outro horario'];
export const OTHER_APPOINTMENT_LEADS = ['nao', 'n', 'na verdade', 'desculpa', 'desculpe', 'ops', 'opa', 'e', 'eh', 'era', 'quis dizer', 'quero', 'queria'];
export const OTHER_APPOINTMENT_TAILS = ['mesmo', 'por favor', 'pfv', 'pf', 'pls'];
/**
 * "quero remarcar com a dra ana", "remarca pra dra ana": the words right before a provider named in a move (an article
 * after them or not) that make them the one to come, not the appointment's ("a da dra ana"). Folded.
 */
export const NEW_PROVIDER_LEADS = ['com', 'pra', 'para', 'pro', 'pela', 'pelo'];
/**
 * "quero outra cardio sexta", "marcar mais uma consulta" while moving an appointment: another appointment besides it,
 * when the words after these are an appointment's ("consulta", "retorno") or a specialty named (not "outro dia",
 * "outra médica", which change the move). Folded.
 */
export const BESIDE_MOVE_LEADS = ['outra', 'outro', 'mais uma', 'mais um', 'nova', 'novo'];
export const BESIDE_MOVE_NOUNS = ['consulta', 'consultas', 'retorno', 'marcacao', 'agendamento'];
/** To "Você já tem consulta … Quer remarcar essa consulta?": not a move, another appointment besides it. */
export const ANOTHER_ONE_PHRASES = [
  'mais uma', 'mais outra', 'outra consulta', 'marcar outra', 'quero outra', 'nova consulta', 'as duas', 'manter as duas', 'manter essa',
  'continuar com ela', 'ficar com as duas',
  // of a masculine type ("Quer remarcar esse retorno?"): "não, quero mais um"
  'mais um', 'mais outro', 'outro retorno', 'marcar outro', 'quero outro', 'novo retorno', 'os dois', 'manter os dois', 'manter esse',
  'continuar com ele', 'ficar com os dois',
];
/** "o quanto antes", "tanto faz": no date preference, the nearest days. */
export const ANY_DATE_PHRASES = [
  'tanto faz', 'qualquer dia', 'qualquer data', 'o quanto antes', 'quanto antes', 'o mais rapido', 'mais rapido possivel',
  'o mais cedo possivel', 'mais cedo possivel', 'o mais proximo', 'mais proximo possivel', 'o primeiro que tiver', 'a primeira que tiver',
  'primeira vaga', 'primeiro horario', 'primeira data', 'quando tiver', 'o que tiver', 'qualquer um', 'qualquer uma', 'pode ser qualquer',
  'nao tenho preferencia', 'sem preferencia', 'o mais breve', 'mais breve possivel', 'urgente',
  'qq dia', 'qlq dia', 'qq data', 'qlq data', 'assim que tiver', 'assim q tiver', 'assim que possivel', 'assim q possivel',
];
/**
 * Of those, the ones that say "the nearest day" inside a whole request too ("quero marcar cardio o quanto antes",
 * "dermatologista urgente"): not "qualquer um" or "tanto faz", which there may be about the doctor.
 */
export const ANY_DATE_REQUEST_PHRASES = [
  'qualquer dia', 'qualquer data', 'o quanto antes', 'quanto antes', 'o mais rapido', 'mais rapido possivel', 'o mais cedo possivel',
  'mais cedo possivel', 'primeira vaga', 'primeira data', 'o mais breve', 'mais breve possivel', 'urgente', 'urgencia',
  'qq dia', 'qlq dia', 'qq data', 'qlq data', 'assim que possivel', 'assim q possivel',
  // "com o dr paulo ou a dra ana, o que tiver primeiro": whoever is free first, so the nearest days
  'o que tiver primeiro', 'a que tiver primeiro', 'quem tiver primeiro', 'o que vier primeiro', 'o primeiro que tiver', 'a primeira que tiver',
  'primeiro horario disponivel', 'primeira vaga disponivel', 'primeiro que estiver livre', 'o que estiver livre primeiro',
  // "qual o próximo horário livre da dermato?", "quando tem a próxima vaga com a dra ana?": the nearest free time
  'proximo horario livre', 'proximo horario disponivel', 'proximo horario vago', 'proxima vaga', 'proximas vagas', 'proximos horarios livres',
  'proximos horarios disponiveis', 'primeiro horario livre', 'horario mais proximo', 'vaga mais proxima', 'data mais proxima',
];

/** Words that may go with a nearest-day phrase in a reply to the times on offer ("tem o quanto antes?", "quero o mais rápido possível"). */
export const NEAREST_ASK_COMPANIONS = [
  'tem', 'teria', 'quero', 'queria', 'prefiro', 'preferia', 'pode', 'ser', 'algum', 'alguma', 'horario', 'vaga', 'entao', 'mas', 'nao',
  'possivel', 'o', 'a', 'um', 'uma', 'pra', 'para', 'mim', 'na', 'verdade', 'melhor',
];

/**
 * Two asks in one message ("cancela a de sexta e marca dermato segunda", "quando é minha consulta e se dá pra
 * mudar pra tarde", "confirmo a de segunda e desmarca a de sexta"): after "e", a verb of another kind of ask than the one before it starts the second ask.
 * The verbs by kind; words that may come between "e" and the verb; what the first part may ask instead of a verb.
 */
export const ASK_VERBS: Record<'book' | 'cancel' | 'reschedule' | 'confirm', string[]> = {
  book: ['marca', 'marcar', 'marque', 'marco', 'agenda', 'agendar', 'agende', 'agendo'],
  cancel: ['cancela', 'cancelar', 'cancele', 'cancelo', 'desmarca', 'desmarcar', 'desmarque', 'desmarco'],
  // "cancela a de sexta e confirma a de segunda": a confirmation of presence is an ask of its own kind
  confirm: ['confirma', 'confirmar', 'confirme', 'confirmo'],
  reschedule: [
    'remarca', 'remarcar', 'remarque', 'remarco', 'reagenda', 'reagendar', 'muda', 'mudar', 'mude', 'mudo', 'troca', 'trocar', 'troque', 'troco',
    'adia', 'adiar', 'passa', 'passar', 'passe',
  ],
};
/**
 * A waitlist request as the second of two asks ("cancela a de sexta e me coloca na lista de espera"): one of these verbs,
 * with "lista" or "fila" within the next WAITLIST_ASK_REACH words.
 */
export const WAITLIST_ASK_VERBS = ['coloca', 'coloque', 'colocar', 'bota', 'bote', 'botar', 'poe', 'inclui', 'incluir', 'inclua', 'entrar', 'entra'];
export const WAITLIST_ASK_REACH = 5;
/** Not going said ("não vou poder ir sexta, me coloca na lista de espera"): a cancel as the first of two asks. */
export const NOT_GOING_PHRASES = ['nao vou poder ir', 'nao vou conseguir ir', 'nao vou poder comparecer', 'nao posso ir', 'nao consigo ir', 'nao vou mais poder ir', 'vou faltar', 'vou ter que faltar'];
/**
 * Not coming said as the whole answer to whether the patient will come ("não vou poder", "não consigo"), besides
 * NOT_GOING_PHRASES said anywhere: read as such only when no cancel or move word says what to do about it.
 */
export const NOT_GOING_REPLIES = [
  'nao vou poder', 'nao posso', 'nao vou conseguir', 'nao consigo', 'nao da', 'nao vai dar', 'infelizmente nao', 'nao vou',
  'nao vou poder nao', 'nao posso nao', 'nao vai dar nao', 'nao vou conseguir nao', 'nao consigo nao',
];
export const SECOND_ASK_JOINERS = ['e'];
/**
 * "a consulta e por convenio?", "minha consulta e quanto?": an appointment named alone (these words, then at most a link
 * word, a title and one word: "a consulta do dr rui e particular?") before an "e" is the subject of the question ("é"
 * without its accent), not a booking asked beside it.
 */
export const QUESTION_SUBJECT_WORDS = [
  'a', 'o', 'minha', 'meu', 'sua', 'seu', 'essa', 'esse', 'esta', 'este', 'uma', 'um', 'consulta', 'consultas', 'retorno', 'retornos',
  'atendimento', 'primeira', 'avaliacao',
];
/**
 * Breaks before a second ask of another kind besides "e": "mas" and a comma ("desmarca a de sexta, já quero deixar
 * marcado pra semana que vem"). Only for two asks of different kinds (a verb of another kind must follow).
 */
export const SECOND_ASK_CONTRASTS = ['mas'];
/** "deixar marcado", "deixa agendado": a booking asked by what it leaves done (the lead verb, then the word done) */
export const KEEP_BOOKED_LEADS = ['deixar', 'deixa', 'deixe', 'deixo'];
export const KEEP_BOOKED_WORDS = ['marcado', 'marcada', 'agendado', 'agendada'];
/** Words before the new day of a move ("pra segunda"), to tell two moves each with its own day. */
export const MOVE_TARGET_LEADS = ['pra', 'para', 'pro'];
export const SECOND_ASK_FILLERS = [
  'se', 'da', 'de', 'pra', 'para', 'tambem', 'ja', 'quero', 'queria', 'gostaria', 'depois', 'pode', 'poderia', 'me', 'ver', 'eu', 'entao',
  'tem', 'como', 'voce', 'vc', 'tb', 'tbm', 'ai', 'aproveita', 'aproveitar', 'preciso', 'vou', 'querer', 'a', 'o',
];
/**
 * A booking asked after a clinic question ("qual o endereço? e tb queria marcar cardio", "quanto custa? e tem cardio
 * amanhã?"): the words "also" before it, the words of a wish in it, and the openers of a question whether there are
 * times (these only with something to book named after them: "e tem desconto?" books nothing).
 */
export const ALSO_WORDS = ['tb', 'tbm', 'tambem'];
export const BOOKING_WISH_WORDS = ['queria', 'quero', 'gostaria', 'preciso'];
/**
 * Words that read as a yes alone but, right before the book verb, only lead it ("pode marcar dermato sexta",
 * "vamos marcar"): no yes to a cancel asked before.
 */
export const BOOKING_LEAD_WORDS = [...BOOKING_WISH_WORDS, 'pode', 'podia', 'poderia', 'vamos', 'bora', 'vou'];
export const BOOKING_QUESTION_OPENERS = ['tem', 'tm', 'teria', 'vcs tem', 'vc tem', 'voces tem', 'voce tem', 'tem como'];
/** "quando é minha consulta", "minhas consultas": a list asked for, before the second ask. */
export const LIST_ASK_PHRASES = ['minha consulta', 'minhas consultas', 'quando e', 'qdo e', 'qnd e', 'que dia e', 'q dia e', 'qual dia e', 'que horas e', 'q horas e', 'qual horario', 'tenho consulta'];

/**
 * "a consulta de sexta ta confirmada?", "ja foi confirmado?": whether an appointment is confirmed, asked (folded phrases,
 * read only in a message already read as asking for the patient's appointments);
 * the list it reads is answered with a plain yes or no first.
 */
export const CONFIRMED_ASK_PHRASES = [
  ...['ta', 'esta', 'ja esta', 'ja ta', 'foi', 'ja foi', 'ficou', 'ja ficou', 'continua', 'segue'].flatMap((is) =>
    ['confirmada', 'confirmado'].map((done) => `${is} ${done}`),
  ),
  'e confirmada', 'e confirmado', 'confirmada ne', 'confirmado ne', 'ta confirmada ne', 'ja confirmou', 'voces confirmaram', 'vcs confirmaram',
  'ja confirmaram', 'precisa confirmar', 'preciso confirmar', 'tenho que confirmar',
  // "confirmado?", "confirmada pra amanhã?": the word alone, in a message already read as asking for the patient's appointments
  'confirmado', 'confirmada',
];

/** "a dra ana atende sábado?", "que dias o dr paulo trabalha?": a question about a provider's or specialty's hours. */
export const HOURS_ASK_WORDS = ['atende', 'atendem', 'atendendo', 'trabalha', 'trabalham'];
/** "quais os médicos de dermato?": who practises a specialty, answered as "quem atende dermato?" (folded phrases) */
export const PRACTITIONERS_ASK_PHRASES = [
  'quais medicos', 'quais os medicos', 'quais sao os medicos', 'que medicos', 'qual medico', 'qual o medico', 'que medico', 'quem e o medico',
  'quem sao os medicos', 'quais profissionais', 'quais os profissionais', 'quais especialistas', 'quais medicas', 'qual medica', 'quais doutores',
];

/** "e quais dias ela atende?": the provider just talked about, as a pronoun (folded words) */
export const PROVIDER_PRONOUNS = ['ela', 'ele', 'essa medica', 'esse medico', 'essa doutora', 'esse doutor', 'a doutora', 'o doutor'];

/** "mês que vem", "semana que vem", "próxima semana": a day ahead, never one past (folded words; offsets are lexicon-time's) */
export const AHEAD_DATE_WORDS = ['que vem', 'proxima', 'proximo', 'seguinte'];

/**
 * "quero marcar retorno com ela", "e ele pediu retorno", "com a mesma médica": a provider named earlier in the
 * conversation, by a pronoun or "the same doctor", with the form of address it implies (folded words)
 */
export const PROVIDER_REFERENCES: Record<'female' | 'male', string[]> = {
  female: ['com ela', 'c ela', 'cm ela', 'com essa medica', 'com essa doutora', 'com essa dra', 'mesma medica', 'mesma doutora', 'mesma dra', 'horario dela', 'agenda dela'],
  male: ['com ele', 'c ele', 'cm ele', 'com esse medico', 'com esse doutor', 'com esse dr', 'mesmo medico', 'mesmo doutor', 'mesmo dr', 'horario dele', 'agenda dele'],
};

/**
 * "e ela pediu retorno", "ele quer me ver de novo": the provider as the subject of a return asked (only beside
 * RETURN_ASKED_PHRASES: "minha mãe…, ela pediu pra marcar" is the relative) (folded words)
 */
export const PROVIDER_SUBJECT_REFERENCES: Record<'female' | 'male', string[]> = {
  female: ['ela pediu', 'ela mandou', 'ela falou', 'ela disse', 'ela passou', 'ela recomendou', 'ela quer'],
  male: ['ele pediu', 'ele mandou', 'ele falou', 'ele disse', 'ele passou', 'ele recomendou', 'ele quer'],
};

/** "urgente", "é uma emergência": with the nearest times, where to go in an emergency. */
export const URGENT_PHRASES = ['urgente', 'urgentemente', 'urgencia', 'com urgencia', 'emergencia', 'emergente', 'e grave', 'pronto socorro'];

/**
 * A change of doctor for an appointment booked ("trocar de médico", "quero outro médico", "médica
 * diferente"): a verb of change, then a link word, then a word for the provider; or "outro/outra"
 * before it; or "diferente" after it.
 */
export const CHANGE_PROVIDER_VERBS = ['trocar', 'troca', 'troco', 'trocaria', 'mudar', 'muda', 'mudo', 'mudaria', 'alterar', 'altera'];
export const CHANGE_PROVIDER_LINKS = ['de', 'o', 'a'];
/**
 * The links that are articles: "trocar o médico" is a change of doctor, but "trocar a dra ana", with the
 * provider named, is the appointment with her to move.
 */
export const CHANGE_PROVIDER_ARTICLES = ['o', 'a'];
/**
 * "trocar a dra ana pelo dr paulo": after a change verb, these name who comes instead, so it is that
 * provider asked for, not any other one ("trocar de médico por outro" still is)
 */
export const SWAP_LINKS = ['pelo', 'pela', 'por'];
/** Words after a swap link that name no one ("por outro", "por uma outra", "por qualquer um"). */
export const SWAP_TO_ANYONE = ['outro', 'outra', 'um', 'uma', 'qualquer', 'alguem', 'diferente'];
export const PROVIDER_WORDS = ['medico', 'medica', 'doutor', 'doutora', 'dr', 'dra', 'profissional', 'especialista'];
export const OTHER_PROVIDER_WORDS = ['outro', 'outra'];
export const DIFFERENT_WORDS = ['diferente'];

/** "mesmo horário": keep the time of the appointment being moved. */
export const SAME_TIME_PHRASES = [
  'mesmo horario', 'mesma hora', 'mesmo hora', 'mesma horario', 'no mesmo horario', 'na mesma hora', 'mesmo horario de antes',
  // "msm" for "mesmo", "hr" for "hora" (chat)
  'msm horario', 'msm hora', 'msm hr', 'mesmo hr', 'mesma hr',
];

/** "na mesma semana": the week (Monday to Sunday) of the appointment just booked or cancelled. */
export const SAME_WEEK_PHRASES = ['mesma semana', 'msm semana', 'nessa semana dela', 'na semana dela', 'semana dessa consulta'];
/**
 * In a booking request right after an appointment was booked, moved or cancelled: its day ("no mesmo dia"),
 * just after it ("logo depois") or just before it ("antes dessa") that day.
 */
export const SAME_DAY_PHRASES = ['mesmo dia', 'msm dia', 'mesma data', 'nesse dia', 'neste dia', 'no dia dessa', 'no dia desta'];
export const RIGHT_AFTER_PHRASES = [
  'logo depois', 'logo apos', 'logo em seguida', 'depois dessa', 'depois desta', 'depois dela',
  'apos essa', 'apos esta', 'depois da consulta', 'depois daquela',
];
export const RIGHT_BEFORE_PHRASES = ['logo antes', 'antes dessa', 'antes desta', 'antes dela', 'antes da consulta', 'antes daquela'];

/** In "parar ou desmarcar?": stop this booking... */
export const STOP_PHRASES = [
  'parar', 'para', 'pare', 'paro', 'parar o agendamento', 'parar esse agendamento', 'este agendamento', 'esse agendamento',
  'desistir', 'desisto', 'desisti', 'esquece', 'esquecer', 'deixa pra la', 'deixa para la', 'nao quero mais marcar', 'nao quero marcar',
  'nao quero mais', 'nao precisa mais', 'sair', 'encerrar', 'abandonar', 'interromper', 'parar este', 'parar esse',
  // "cancelar o agendamento": the question calls the booking in progress "este agendamento"
  'o agendamento', 'cancelar agendamento', 'cancela agendamento', 'agendamento atual', 'agendamento em andamento', 'agendamento novo', 'novo agendamento',
];
/** The whole reply gives up the booking in progress ("deixa pra lá", "desisto"), whatever was asked. */
export const GIVE_UP_PHRASES = [
  'desisto', 'desisti', 'esquece', 'esquece isso', 'esquece entao', 'pode esquecer', 'deixa pra la', 'deixa para la', 'deixa pra la entao',
  'deixa quieto', 'nao quero mais', 'nao quero mais marcar', 'nao precisa mais', 'nao preciso mais', 'nao vou querer', 'nao vou querer mais',
  'nao deixa', 'nao deixa pra la', 'nao deixa quieto', 'nao esquece', 'deixa assim', 'deixa como esta', 'deixa como ta',
  'mudei de ideia', 'nao quero mais remarcar', 'nao precisa', 'nao precisa nao',
];
/** Thanks after a give-up ("não precisa, obg"), left out before reading it. */
export const GIVE_UP_TAILS = ['obrigado', 'obrigada', 'obg', 'brigado', 'brigada', 'valeu', 'vlw', 'agradeco', 'grato', 'grata', 'mas', 'ok'];
/** ...or cancel an appointment already booked... */
export const CANCEL_BOOKED_PHRASES = [
  'desmarcar', 'desmarca', 'desmarco', 'consulta marcada', 'ja marcada', 'ja marcado', 'que ja tenho', 'a que ja tenho', 'uma consulta',
  'a consulta', 'minha consulta', 'cancelar a consulta', 'cancelar consulta', 'cancelar uma consulta', 'a marcada', 'a outra',
  'meu agendamento', 'agendamento marcado', 'agendamento que ja', 'o outro agendamento', 'outro agendamento',
];
/**
 * "volta", "quero voltar", "volta um passo": one step back in the dialogue (the whole message, folded; to "stop or
 * cancel?" they still mean going on with the booking). Polite words after it (BACK_TAILS) are left out first.
 */
export const BACK_PHRASES = [
  'volta', 'voltar', 'volte', 'voltaa', 'quero voltar', 'queria voltar', 'pode voltar', 'da pra voltar', 'tem como voltar',
  'volta um passo', 'voltar um passo', 'volta 1 passo', 'voltar 1 passo', 'volta uma etapa', 'voltar uma etapa',
  'volta atras', 'voltar atras', 'volta ai', 'volta la', 'volta pro anterior', 'voltar pro anterior', 'volta para o anterior',
  'voltar para o anterior', 'volta pra anterior', 'voltar ao anterior', 'quero voltar um passo', 'passo anterior', 'etapa anterior',
];
export const BACK_TAILS = ['por', 'favor', 'pfv', 'pf', 'pls', 'ai', 'entao'];
/** ...or go on with it. */
export const CONTINUE_PHRASES = ['continuar', 'continua', 'continue', 'seguir', 'segue', 'sigo', 'voltar', 'volta', 'nenhum', 'nenhuma', 'nada', 'nao', 'n', 'nenhum dos dois'];

/** who may come along to a visit ("posso levar meu filho?", "pode ir meu marido?") */
export const COMPANION_PEOPLE = [
  'meu filho', 'minha filha', 'meus filhos', 'minhas filhas', 'meu marido', 'minha esposa', 'meu esposo', 'minha mae', 'meu pai', 'meu bebe',
  'minha bebe', 'meu neto', 'minha neta', 'meu irmao', 'minha irma', 'um acompanhante', 'acompanhante', 'alguem', 'uma pessoa',
];

/** "esqueci meu guarda chuva aí", "deixei minha blusa", "perdi meu óculos": the verbs and the words after them of a lost item */
export const LOST_ITEM_VERBS = ['esqueci', 'deixei', 'perdi', 'esqueceu', 'esquecemos', 'deixamos'];
export const LOST_ITEM_ARTICLES = ['meu', 'minha', 'meus', 'minhas', 'o', 'a', 'os', 'as', 'um', 'uma'];
/** what the same verbs say of no object ("perdi minha consulta", "esqueci o horario", "deixei um recado") */
export const LOST_ITEM_NOT_OBJECTS = [
  'consulta', 'consultas', 'horario', 'hora', 'dia', 'data', 'retorno', 'agendamento', 'vez', 'vaga', 'nome', 'senha', 'endereco',
  'recado', 'mensagem', 'mensagens', 'numero', 'telefone', 'ligacao', 'exame', 'exames', 'pedido', 'receita', 'atestado', 'resultado',
];

/**
 * "o dr paulo é bom?", "vc recomenda a dra ana?": an opinion of a provider named asked (folded, with no day or time
 * beside it), which the conversation cannot give: what the clinic has on them instead.
 */
export const PROVIDER_OPINION_PHRASES = [
  'e bom', 'eh bom', 'e boa', 'eh boa', 'e bom medico', 'e boa medica', 'e muito bom', 'e muito boa', 'e otimo', 'e otima', 'e legal',
  'e gente boa', 'e confiavel', 'e competente', 'e atencioso', 'e atenciosa', 'e educado', 'e educada', 'e ruim', 'e bonzinho',
  'e boazinha', 'e bem avaliado', 'e bem avaliada', 'e experiente', 'e bom mesmo', 'e boa mesmo', 'atende bem', 'atende mal',
  'recomenda', 'recomendam', 'indica', 'indicam', 'vale a pena', 'o que acha', 'o que voce acha', 'o que vc acha', 'opiniao',
  'tem boas avaliacoes', 'bem recomendado', 'bem recomendada',
];
/** "a dra ana vai atrasar hoje?": whether a provider named is late (a day beside it names when, not a booking) */
export const PROVIDER_LATE_WORDS = ['atrasar', 'atrasado', 'atrasada', 'atrasando', 'atraso', 'atrasou', 'vai demorar', 'esta demorando', 'ta demorando'];
/** "qual a especialidade do dr rui?", "o dr paulo é especialista em quê?": the specialty of a provider named asked */
export const PROVIDER_SPECIALTY_ASK_WORDS = ['especialidade', 'especialidades', 'especialista', 'especializacao', 'area', 'e medico de que', 'atende o que', 'cuida de que'];
/**
 * "quero falar com o dr paulo", "posso conversar com a dra ana?": talking to a provider named asked (folded, the lead
 * right before the name), which this channel cannot put through.
 */
export const TALK_TO_LEADS = [
  'falar com', 'falar c', 'falar cm', 'falar direto com', 'falar diretamente com', 'conversar com', 'conversar direto com', 'falar pessoalmente com',
  'tirar uma duvida com', 'falar rapidinho com', 'passa pro', 'passa pra', 'me passa pro', 'me passa pra', 'transferir pro', 'transferir pra',
];

/**
 * "precisa marcar ou é por ordem de chegada?", "tem que agendar antes?": whether a booking is needed at all (topic
 * `walk_in`); a booking word inside them asks nothing to be booked.
 */
export const WALK_IN_NEED_PHRASES = [
  'precisa marcar', 'precisa agendar', 'precisa de agendamento', 'precisa ter hora marcada', 'precisa de hora marcada', 'tem que marcar',
  'tem que agendar', 'tem q marcar', 'tem q agendar', 'e necessario marcar',
  'e necessario agendar', 'necessario marcar', 'necessario agendar', 'precisa marcar antes', 'tem que marcar antes',
];

/**
 * "qual o horário do centro?", "horários da savassi": an hours word and a preposition, read as an opening hours question
 * when a unit of the clinic is named right after them (its distinctive word alone is enough). "qual o horário da minha
 * consulta?" and "qual o horário da dra ana?" name no unit, and keep their answers.
 */
export const UNIT_HOURS_LEADS = ['horario', 'horarios', 'horario de atendimento', 'horarios de atendimento', 'horario de funcionamento']
  .flatMap((lead) => ['do', 'da', 'no', 'na', 'de'].map((of) => `${lead} ${of}`));

/** Exams patients ask to have done (folded): the generic word, and the common ones by name. */
const EXAM_NAMES = [
  'exame', 'exames', 'exame de sangue', 'exames de sangue', 'exame de urina', 'exame de fezes', 'hemograma', 'ultrassom', 'ultrasom',
  'ultrassonografia', 'ultra som', 'usg', 'raio x', 'raiox', 'rx', 'tomografia', 'ressonancia', 'ressonancia magnetica', 'mamografia',
  'eletrocardiograma', 'eletro', 'ecg', 'ecocardiograma', 'ecocardio', 'holter', 'teste ergometrico', 'ergometrico', 'endoscopia',
  'colonoscopia', 'papanicolau', 'densitometria',
];
/** The verbs an exam to have done or book comes after ("fazer um ultrassom", "vcs fazem eletro?", "marcar exame"). */
const EXAM_LEADS = [
  'marcar', 'marca', 'agendar', 'agenda', 'fazer', 'faco', 'faz', 'fazem', 'realizar', 'realizam', 'realiza', 'preciso de', 'quero',
  'queria', 'gostaria de', 'tem', 'tm', 'marcacao de', 'agendamento de',
];
/** What may stand between the verb and the exam: "fazer um ultrassom", "marcar o exame de sangue", "fazer exame de raio x". */
const EXAM_ARTICLES = ['um', 'uma', 'o', 'a', 'os', 'as', 'meu', 'minha', 'exame de', 'um exame de', 'o exame de'];
/** An exam after a verb of doing or booking (folded text, words single-spaced): the `exams` topic of CLINIC_TOPIC_PHRASES. */
export const EXAM_ASK = new RegExp(
  `(?:^| )(?:${EXAM_LEADS.join('|')})(?: (?:${EXAM_ARTICLES.join('|')}))? (?:${[...EXAM_NAMES].sort((a, b) => b.length - a.length).join('|')})(?= |$)`,
);

/**
 * Questions about the clinic, by topic: those the dialogue answers from clinic data, and those it has
 * no data for (parking, payment, wifi, accessibility), which it says so of and offers a person.
 */
export const CLINIC_TOPIC_PHRASES: Record<
  | 'address'
  | 'hours'
  | 'holidays'
  | 'bring'
  | 'price'
  | 'fasting'
  | 'insurance'
  | 'parking'
  | 'payment'
  | 'wifi'
  | 'accessibility'
  | 'duration'
  | 'companion'
  | 'children'
  | 'specialties'
  | 'paperwork'
  | 'online'
  | 'walk_in'
  | 'lost_item'
  | 'reminder'
  | 'arrival'
  | 'exams',
  string[]
> = {
  address: [
    'endereco', 'enderecos', 'onde fica', 'onde ficam', 'onde e', 'onde voces ficam', 'onde vcs ficam', 'como chego', 'como chegar',
    'localizacao', 'fica onde', 'qual a rua', 'qual rua', 'ponto de referencia', 'onde vai ser', 'onde sera', 'vai ser onde', 'sera onde',
    'qual unidade e', 'que unidade e', 'qual a unidade', 'unidade vai ser', 'unidade sera', 'unidade fica', 'qual o local', 'em que lugar', 'em qual lugar',
    // the question word last ("a do dr rui é onde?", "e a de segunda fica aonde?")
    'e onde', 'eh onde', 'e aonde', 'fica aonde', 'aonde fica', 'aonde e', 'onde que e', 'onde que fica', 'e em qual unidade',
    'e em que unidade', 'eh em qual unidade', 'fica em qual unidade', 'fica em que unidade', 'e em qual lugar',
  ],
  hours: [
    'horario de funcionamento', 'horarios de funcionamento', 'que horas abre', 'que horas abrem', 'que horas fecha', 'que horas fecham',
    'abre', 'abrem', 'aberto', 'aberta', 'abertos', 'fecha', 'fecham', 'funciona', 'funcionam', 'funcionando', 'expediente', 'atendem sabado',
    'atendem domingo', 'horario de atendimento', 'ate que horas', 'horario da unidade', 'horarios da unidade', 'horario da clinica',
    'horarios da clinica', 'horario de voces', 'horario de vcs',
    // "q" for "que", as typed in a hurry ("ate q horas vcs atendem")
    'ate q horas', 'ate que hora', 'ate q hora', 'ate qual horario', 'q horas abre', 'q horas abrem', 'q horas fecha', 'q horas fecham',
    'que horas voces atendem', 'que horas vcs atendem', 'q horas voces atendem', 'q horas vcs atendem',
  ],
  // the weekly hours say nothing of holidays: no data here ("vcs funcionam no feriado?"); only whether the clinic opens
  // then ("quero marcar depois do feriado" is a date)
  holidays: [
    ...['abre', 'abrem', 'aberto', 'aberta', 'funciona', 'funcionam', 'atende', 'atendem', 'tem atendimento', 'trabalha', 'trabalham', 'fecha', 'fecham', 'fechado', 'fechada']
      .flatMap((open) => ['no feriado', 'nos feriados', 'em feriado', 'em feriados', 'feriado', 'feriados', 'no feriadao', 'no carnaval', 'no ano novo'].flatMap((when) => [`${open} ${when}`, `${when} ${open}`])),
    'feriado voces abrem', 'feriado vcs abrem', 'no feriado voces abrem', 'no feriado vcs abrem',
    // "sexta é feriado?": whether a day is a holiday (what the clinic does then is not on file either)
    'e feriado', 'eh feriado', 'vai ser feriado', 'sera feriado', 'tem feriado', 'e ponto facultativo', 'eh ponto facultativo',
  ],
  bring: [
    'levar', 'trazer', 'o que levo', 'o que eu levo', 'o que preciso levar', 'documento', 'documentos', 'preciso de pedido',
    'pedido medico', 'carteirinha',
  ],
  price: [
    'preco', 'precos', 'valor', 'valores', 'quanto custa', 'quanto e', 'quanto fica', 'quanto sai', 'quanto cobra', 'quanto cobram',
    'particular', 'qto custa', 'qnto custa', 'qnt custa', 'quanto q custa', 'quanto que custa', 'qto e', 'qto fica', 'qto sai', 'qto cobra',
    'qto cobram', 'custa quanto', 'custa qto', 'sai quanto', 'fica quanto', 'e quanto', 'eh quanto', 'e qto', 'e qnto',
    // "é caro?": what it costs, asked as whether it is dear
    'e caro', 'eh caro', 'e muito caro', 'muito caro', 'sai caro', 'fica caro', 'e barato', 'eh barato',
  ],
  fasting: ['jejum', 'em jejum', 'preparo', 'preparacao', 'posso comer', 'precisa comer'],
  insurance: [
    'convenio', 'convenios', 'plano de saude', 'aceita plano', 'aceitam plano', 'unimed', 'amil', 'bradesco saude',
    'sulamerica', 'sul america', 'hapvida', 'notredame', 'cassi', 'ipsemg',
    // "meu plano cobre?": whether the patient's plan covers it
    'meu plano', 'o plano cobre', 'plano cobre', 'aceita meu plano', 'aceitam meu plano', 'cobertura do plano', 'pelo plano',
  ],
  parking: ['estacionamento', 'estacionar', 'estaciono', 'vaga pra carro', 'vaga para carro', 'vaga de carro', 'onde deixo o carro', 'manobrista', 'valet'],
  payment: [
    'cartao', 'cartoes', 'credito', 'debito', 'pix', 'dinheiro', 'pagamento', 'forma de pagamento', 'formas de pagamento', 'parcela', 'parcelar',
    'parcelam', 'boleto',
  ],
  wifi: ['wifi', 'wi fi', 'internet', 'senha do wifi'],
  accessibility: ['acessibilidade', 'acessivel', 'cadeirante', 'cadeira de rodas', 'rampa', 'elevador', 'escada', 'escadas'],
  duration: [
    'quanto tempo dura', 'quanto tempo demora', 'dura quanto tempo', 'demora quanto tempo', 'quanto dura', 'quanto demora', 'duracao',
    'tempo de duracao', 'demora muito', 'dura muito', 'leva quanto tempo', 'quanto tempo leva', 'qto tempo dura', 'qnto tempo dura',
    'qnt tempo dura', 'qto tempo demora', 'qnto tempo demora', 'qnt tempo demora', 'qto tempo leva', 'qnto tempo leva', 'qto dura', 'qnto dura',
    'qto demora', 'qnto demora', 'dura qto tempo', 'dura qnto tempo', 'demora qto tempo', 'demora qnto tempo',
  ],
  companion: [
    'acompanhante', 'acompanhantes', 'ir acompanhado', 'ir acompanhada', 'entrar junto', 'entrar comigo', 'levar junto', 'ir junto',
    'levar meu filho junto', 'levar minha filha junto', 'levar alguem junto', 'levar alguem comigo', 'ir com alguem',
    // "posso levar meu filho na consulta de amanhã?": whether someone may come along, asked ("quero levar meu filho no
    // pediatra" is a booking for him)
    ...['posso levar', 'da pra levar', 'pode levar', 'posso trazer', 'da pra trazer', 'pode ir', 'pode entrar'].flatMap((may) =>
      COMPANION_PEOPLE.map((who) => `${may} ${who}`),
    ),
  ],
  // "vcs atendem criança?": answered from the catalog (its specialty for children, when it has one)
  children: [
    ...['atende', 'atendem', 'atendimento', 'atendimento de', 'atendimento pra', 'atendimento para', 'atendimento a', 'cuidam de']
      .flatMap((lead) => ['crianca', 'criancas', 'bebe', 'bebes', 'recem nascido', 'recem nascidos'].map((who) => `${lead} ${who}`)),
    'atendimento infantil', 'atende infantil', 'atendem infantil', 'medico infantil', 'medica infantil',
  ],
  // "quais especialidades vcs tem?": answered from the catalog
  specialties: [
    'quais especialidades', 'quais as especialidades', 'quais sao as especialidades', 'que especialidades', 'qual especialidade voces',
    'qual especialidade vcs', 'especialidades voces tem', 'especialidades vcs tem', 'especialidades tem', 'especialidades atendem',
    'especialidades que voces', 'especialidades que vcs', 'lista de especialidades', 'quais especialistas', 'que especialistas',
    'quais medicos', 'quais os medicos', 'quais sao os medicos', 'que medicos', 'medicos voces tem', 'medicos vcs tem',
    'quais areas', 'que areas', 'quais profissionais', 'que profissionais', 'lista de medicos',
  ],
  // "preciso de um atestado", "quero pegar o resultado do exame": papers the front desk handles, not a booking
  paperwork: [
    'atestado', 'atestados', 'declaracao de comparecimento', 'declaracao de horas', 'resultado do exame', 'resultado de exame',
    'resultado dos exames', 'resultados dos exames', 'resultado do meu exame', 'resultados do meu exame', 'resultado dos meus exames',
    'pegar o exame', 'pegar meu exame', 'pegar os exames', 'buscar o exame', 'buscar meu exame', 'laudo', 'laudos', 'receita',
    'receitas', 'segunda via', 'relatorio medico', 'prontuario', 'recibo', 'recibos', 'nota fiscal', 'reembolso',
  ],
  // "tem consulta online?": a video appointment, which the clinic's data does not say
  online: [
    'consulta online', 'consultas online', 'atendimento online', 'atende online', 'atendem online', 'teleconsulta', 'telemedicina',
    'por video', 'por videochamada', 'videochamada', 'chamada de video', 'consulta virtual', 'consulta a distancia',
    // "minha consulta de sexta pode ser online?": the visit asked to be online, the word apart from "consulta"
    'pode ser online', 'ser online', 'fazer online', 'faz online', 'feita online', 'online ou presencial', 'presencial ou online', 'consulta remota',
    // "queria marcar cardio online amanhã": the word alone, wherever it stands
    'online', 'on line',
  ],
  // "precisa marcar ou é por ordem de chegada?": whether patients are seen without a booking
  // "esqueci meu guarda chuva aí ontem": something left at the clinic, which the front desk keeps
  lost_item: [
    ...LOST_ITEM_VERBS.flatMap((verb) => LOST_ITEM_ARTICLES.map((article) => `${verb} ${article}`)),
    'achados e perdidos', 'objeto perdido', 'objetos perdidos', 'objeto esquecido', 'objetos esquecidos',
    ...['alguem achou', 'voces acharam', 'vcs acharam', 'acharam', 'encontraram', 'alguem encontrou'].flatMap((found) => ['um', 'uma', 'meu', 'minha'].map((a) => `${found} ${a}`)),
  ],
  // "posso chegar mais cedo amanhã?", "quanto tempo antes eu tenho que chegar?", "chego 15 min antes?": how early to come,
  // which the clinic's data does not say
  arrival: [
    'chegar mais cedo', 'chegar mais cedinho', 'chegar antes', 'chegar um pouco antes', 'chegar adiantado', 'chegar adiantada',
    'chegar com antecedencia', 'quanto tempo antes', 'quanto tempo de antecedencia', 'qual a antecedencia', 'com antecedencia',
    'horario de chegada', 'min antes', 'mins antes', 'minutos antes', 'minutinhos antes', 'meia hora antes', 'uma hora antes',
  ],
  // "quero fazer um ultrassom", "vcs fazem eletrocardiograma?", "quero marcar exame de sangue": an exam to book or have
  // done, which is not booked here (a clinic type named so, "Eletrocardiograma", is booked as a type instead). The names
  // here; the topic holds only after a verb of doing or booking (EXAM_ASK), so that "levar o ultrassom", "resultado do
  // exame" stay what they are.
  exams: EXAM_NAMES,
  walk_in: ['ordem de chegada', 'sem marcar', 'sem agendar', 'sem agendamento', 'sem hora marcada', 'sem horario marcado', 'chegar e ser atendido', ...WALK_IN_NEED_PHRASES],
  // "pode me lembrar um dia antes?", "vcs mandam lembrete?": whether a reminder is sent (one is, on the eve)
  reminder: [
    ...['me lembrar', 'me lembra', 'me lembram', 'me avisar', 'me avisa', 'me avisam', 'lembram', 'avisam', 'vao me lembrar', 'vao me avisar']
      .flatMap((verb) => ['um dia antes', 'na vespera', 'antes da consulta', 'no dia anterior', 'um dia antes da consulta'].map((when) => `${verb} ${when}`)),
    ...['tem', 'vai ter', 'mandam', 'manda', 'enviam', 'envia', 'recebo', 'vou receber', 'vcs mandam', 'voces mandam'].flatMap((verb) =>
      ['lembrete', 'um lembrete', 'algum lembrete', 'aviso antes'].map((what) => `${verb} ${what}`),
    ),
  ],
};

/**
 * Phrases that look like a topic's words but say something else, taken out before the topics are read:
 * "minha filha não pode me levar" is who takes the patient there, not what to bring.
 */
export const CLINIC_TOPIC_NOT_PHRASES: Partial<Record<keyof typeof CLINIC_TOPIC_PHRASES, string[]>> = {
  // "esqueci o horario da consulta", "perdi minha consulta", "deixei um recado": no object left at the clinic
  lost_item: LOST_ITEM_VERBS.flatMap((verb) => LOST_ITEM_ARTICLES.flatMap((article) => LOST_ITEM_NOT_OBJECTS.map((object) => `${verb} ${article} ${object}`))),
  // "e quanto tempo demora?" asks how long, not the price
  price: ['e quanto tempo', 'eh quanto tempo', 'e qto tempo', 'e qnto tempo'],
  bring: [
    'me levar', 'me leva', 'me leve', 'me levam', 'nos levar', 'nos leva', 'te levar', 'lhe levar', 'me trazer', 'me traz', 'me traga',
    'nos trazer', 'nos traz', 'levar ela', 'levar ele', 'trazer ela', 'trazer ele',
    // someone who comes along ("posso levar meu filho junto?"): a companion, not something to bring
    'levar meu filho', 'levar minha filha', 'levar alguem', 'levar acompanhante', 'levar um acompanhante', 'levar meu marido',
    'levar minha esposa', 'levar minha mae', 'levar meu pai', 'levar junto',
  ],
};

/**
 * How a short follow-up to a clinic answer opens ("e no centro?", "e no domingo?", "e na segunda?"): the same
 * question asked of another place or day (folded; the first word of the message, which has at most
 * FOLLOW_UP_MAX_WORDS words).
 */
export const FOLLOW_UP_LEADS = ['e'];
/**
 * "que horas abre lá?", "tem estacionamento ali?": the unit the answer just before was about (the one asked, or where the
 * patient's appointment is), in a clinic question of the next turn.
 */
export const THERE_WORDS = ['la', 'ali', 'nessa unidade', 'nesta unidade', 'naquela unidade', 'na mesma unidade', 'no mesmo lugar', 'nesse lugar'];
export const FOLLOW_UP_MAX_WORDS = 6;

/**
 * Words that make an address question about the patient's own appointments ("qual o endereço da minha consulta?"), and
 * an appointment named by its day or provider with the noun left out ("onde fica a de quarta?", "qual o endereço da do
 * dr paulo?": "a de", "da do").
 */
export const OWN_APPOINTMENT_WORDS = [
  'consulta', 'consultas', 'retorno', 'retornos', 'agendamento', 'agendamentos', 'atendimento',
  // "consulta" mistyped as the language layer forgives it (lexicon.ts CONSULTA)
  'consuta', 'cosulta', 'conulta', 'consluta', 'consula', 'cnsulta', 'consullta',
  'a de', 'a do', 'a da', 'a das', 'o de', 'o do', 'o da', 'da de', 'da do', 'da da', 'da das', 'do de', 'do do', 'do da',
];

/** To "Com qual deles você quer marcar?": any of them will do (the whole reply, folded). */
export const PROVIDER_CHOICE_ANY = [
  'tanto faz', 'qualquer um', 'qualquer uma', 'qualquer', 'qualquer dos dois', 'qualquer das duas', 'os dois', 'as duas', 'ambos', 'ambas',
  'pode ser qualquer um', 'pode ser qualquer uma', 'tanto faz qual', 'qualquer um dos dois', 'qualquer uma das duas', 'o que tiver', 'quem tiver',
];

/**
 * Any doctor of the specialty said as the whole reply while booking ("qualquer médico", "tanto faz o médico", "pode ser
 * com qualquer profissional"; a regular expression over the folded text): no provider preferred.
 */
export const ANY_PROVIDER_REPLY = String.raw`^(?:(?:ok|sim|pode ser|pode|tanto faz|entao|nao tenho preferencia|sem preferencia)[, ]+)?(?:(?:pode ser |marca )?(?:com )?(?:qualquer|qlq|qq) (?:medico|medica|doutor|doutora|dr|dra|profissional|especialista|um deles|uma delas)|tanto faz (?:o medico|a medica|o doutor|a doutora|o profissional|quem|com quem|qual medico|qual profissional)|(?:nao tenho preferencia|sem preferencia) (?:de|por|pelo|pela) (?:medico|medica|doutor|doutora|profissional))(?: (?:mesmo|serve|ta bom|esta bom|pra mim|por mim))?$`;

/**
 * To "Com qual deles você quer marcar?" (one name that fits several providers): a provider picked by their place in
 * the question (-1: the last). "segunda" is left out: it is a weekday as often.
 */
export const PROVIDER_CHOICE_ORDINALS: Record<string, number> = {
  '1': 0, '2': 1, '3': 2, primeiro: 0, primeira: 0, segundo: 1, terceiro: 2, terceira: 2, ultimo: -1, ultima: -1,
};

/**
 * Someone else's appointment: the verb right after the relative ("meu marido tem consulta", "minha mãe vai ter", "meu
 * filho tá com consulta") or the word right before the possessive ("a consulta do meu filho"); folded.
 */
export const OTHERS_APPOINTMENT_VERBS = ['tem', 'vai ter', 'ta com', 'esta com', 'tinha', 'teria', 'marcou'];
export const OTHERS_APPOINTMENT_OF = ['do', 'da', 'de', 'dos', 'das'];

/**
 * The patient's own appointment named with a possessive ("levo minha mãe na minha consulta, onde fica?"): the question
 * is about it, though a relative is named too (folded).
 */
export const MY_APPOINTMENT_PHRASES = [
  'minha consulta', 'minhas consultas', 'meu retorno', 'meus retornos', 'meu agendamento', 'meus agendamentos', 'meu atendimento',
];

/**
 * "minha consulta de cardio amanhã, onde fica?", "a consulta do dr paulo na sexta, qual o endereço?": words that open with
 * an appointment (a lead, then one of OWN_APPOINTMENT_WORDS of one word) before a clinic question name what the question is
 * about, no booking beside it ("uma consulta de cardio amanhã, quanto custa?" still books).
 */
export const APPOINTMENT_SUBJECT_LEADS = ['minha', 'meu', 'a', 'o', 'sua', 'seu', 'essa', 'esse', 'esta', 'este'];
/** words before such an appointment that only greet or lead it ("olá, minha consulta…", "e a consulta…") */
export const APPOINTMENT_SUBJECT_OPENERS = ['e', 'oi', 'ola', 'ei', 'opa', 'bom', 'boa', 'dia', 'tarde', 'noite', 'entao', 'olha', 'ah'];

/** Greetings the reply echoes ("bom dia" → "Bom dia, João!"). */
export const SALUTATIONS: Record<'bom_dia' | 'boa_tarde' | 'boa_noite', string[]> = {
  bom_dia: ['bom dia', 'bomdia', 'bd'],
  boa_tarde: ['boa tarde', 'boatarde'],
  boa_noite: ['boa noite', 'boanoite'],
};

/** Weekday words, 0 = Sunday, for "a de sexta" in "remarcar a de sexta". */
export const WEEKDAY_WORDS: Record<string, number> = {
  domingo: 0, dom: 0,
  segunda: 1, seg: 1, '2a': 1, 'segunda feira': 1,
  terca: 2, ter: 2, '3a': 2, 'terca feira': 2,
  quarta: 3, qua: 3, '4a': 3, 'quarta feira': 3,
  quinta: 4, qui: 4, qta: 4, '5a': 4, 'quinta feira': 4, 'qta feira': 4,
  sexta: 5, sex: 5, '6a': 5, 'sexta feira': 5,
  sabado: 6, sab: 6,
};

/**
 * What makes an ordinal that is also a weekday ("segunda", "sexta") an option: the article ("a segunda")
 * or the word "opção" ("segunda opção"). "na segunda" is a day.
 */
export const OPTION_ARTICLES = ['a'];
export const OPTION_WORDS = ['opcao', 'opcoes'];

/** Days named relative to today, as a patient points at an appointment ("a de amanhã"): days from today. */
export const RELATIVE_DAY_WORDS: Record<string, number> = {
  hoje: 0,
  amanha: 1, amnh: 1, amh: 1, amanhan: 1,
  'depois de amanha': 2, 'dps de amanha': 2,
};

/** Words before a date that make it the new date of a move ("pra dia 10"), not the appointment moved ("a do dia 3"). */
export const TARGET_DATE_LEADS = ['pra', 'para', 'pro', 'p', 'ate', 'em'];
/** A word joining a day to the one just said, which then shares its lead ("as de segunda e terça": both days are appointments'). */
export const DAY_JOINS = ['e'];
/** Words before a date lead that make the date a bound of the days wished, not an appointment's ("depois do dia 10", "a partir de segunda"). */
export const DATE_BOUND_WORDS = ['depois', 'dps', 'antes', 'apos', 'partir', 'apartir'];
/** Words before a time that make it the appointment meant ("a das 9", "a consulta das 15h"), after APPOINTMENT_WORDS_BEFORE_TIME. */
export const REFERENCE_TIME_LEADS = ['das', 'da', 'de'];
/** The words before those leads that stand for the appointment ("a", "consulta", "aquela"). */
export const APPOINTMENT_WORDS_BEFORE_TIME = ['a', 'consulta', 'aquela', 'essa', 'minha'];
/** Words before a date that make it the appointment meant ("a do dia 3", "a de sexta"). */
export const REFERENCE_DATE_LEADS = ['do', 'da', 'de', 'dessa', 'desse', 'marcada', 'marcado', 'que', 'tenho'];

/**
 * "as duas", "ambas", "todas": every appointment listed (to cancel them all). The number is how many
 * appointments the words fit (null: any number from two).
 */
export const ALL_OF_THEM: Record<string, number | null> = {
  ambas: 2, ambos: 2, 'as duas': 2, 'os dois': 2, 'as tres': 3, 'os tres': 3,
  // written in digits ("desmarca as 2"); "a das 2" stays a time
  'as 2': 2, 'os 2': 2, 'as 3': 3, 'os 3': 3,
  todas: null, todos: null, 'todas elas': null, 'todos eles': null, 'todas as consultas': null,
  // "tudo" only right after the verb ("tudo bem, cancela a de sexta" is one)
  'cancela tudo': null, 'cancelar tudo': null, 'desmarca tudo': null, 'desmarcar tudo': null, 'confirma tudo': null, 'confirmo tudo': null,
};
/** After "as duas", words that make it a clock time ("às duas e meia", "às duas horas"), not both appointments. */
export const ALL_OF_THEM_NOT_BEFORE = ['e', 'h', 'hs', 'hora', 'horas'];
/** After "as duas", "of" words that make it a clock time when a part of the day follows ("às duas da tarde"); "as duas de sexta" is both. */
export const ALL_OF_THEM_OF = ['da', 'de', 'do'];
export const DAY_PARTS = ['manha', 'tarde', 'noite', 'madrugada'];

/** A phone call asked for ("me liga", "pode me ligar?", "por telefone"): the handoff then says we cannot call from here. */
export const CALL_PHRASES = [
  'me liga', 'me ligue', 'me liguem', 'me ligar', 'me telefona', 'me telefone', 'me telefonar', 'me retorna', 'me retornem', 'me retornar',
  'liga pra mim', 'ligar pra mim', 'liga para mim', 'ligar para mim', 'ligacao', 'telefonar', 'por telefone', 'pelo telefone',
  'no telefone', 'por fone', 'pelo celular',
];

/**
 * "adiar uma semana", "passar 2 semanas pra frente", "adiar em 2 semanas", "pode adiar 15 dias": the appointment
 * moved by a count of days or weeks from its own date (the verbs, then the count before the unit, "em"/"por" allowed
 * between).
 */
export const SHIFT_VERBS = ['adiar', 'adia', 'adie', 'passar', 'passa', 'empurrar', 'empurra', 'jogar', 'joga', 'atrasar', 'atrasa', 'remarcar', 'remarca'];
export const SHIFT_COUNTS: Record<string, number> = {
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10,
  onze: 11, doze: 12, treze: 13, quatorze: 14, catorze: 14, quinze: 15, vinte: 20, trinta: 30,
};
/** days per unit after the count */
export const SHIFT_UNITS: Record<string, number> = { dia: 1, dias: 1, semana: 7, semanas: 7 };
/** words before the count that make it no shift: "daqui a 2 semanas" is from today, "as próximas 2 semanas" a range */
export const SHIFT_NOT_AFTER = ['daqui', 'proximas', 'proximos', 'ultimas', 'ultimos', 'dia'];

/**
 * A question about the patient's own place on the waitlist, on folded text ("to na lista de espera?",
 * "ainda estou na fila de espera do dermato?", "qual minha posição na lista de espera?", "como tá minha lista de
 * espera?", "alguma novidade da fila de espera?"): not a request to join.
 */
export const WAITLIST_STATUS_QUESTION = new RegExp(
  [
    String.raw`\b(?:eu )?(?:ainda )?(?:to|tou|estou|esta|ta|continuo|sigo)(?: ainda)? (?:na|em alguma|numa) (?:lista|fila) de espera\b`,
    // "quais listas de espera eu to?", "em quais listas eu estou?", "em que fila eu to?"
    String.raw`\b(?:quais|qual|que|q|ql|qls) (?:listas?|filas?)(?: de espera)? (?:que |q )?(?:eu )?(?:to|tou|estou|esta|ta|fico|participo)\b`,
    // "to em alguma lista?", "estou em alguma fila de espera?"
    String.raw`\b(?:to|tou|estou|ta|esta) (?:eu )?(?:em alguma|em algumas|nalguma) (?:listas?|filas?)\b`,
    // "to na fila?", "ainda to na fila?", "to na lista ainda?" (the whole message)
    String.raw`^\s*(?:eu )?(?:ainda )?(?:to|tou|estou|continuo|sigo) na (?:fila|lista)(?: ainda)?\s*\??\s*$`,
    // "ainda estou na fila do dermato?", "to na fila de cardio?", "to na lista da dra ana ainda?" (the whole message, a
    // "?" closing it or "ainda" in it): whether the patient is on that one, not a request to join it
    String.raw`^\s*(?:eu )?(?:ainda )?(?:to|tou|estou|continuo|sigo)(?: ainda)? na (?:fila|lista) (?:do|da|dos|das|de|pro|pra|com) [^?.!,]{1,40}\?\s*$`,
    String.raw`^\s*(?:eu )?ainda (?:to|tou|estou) na (?:fila|lista) (?:do|da|dos|das|de|pro|pra|com) [^?.!,]{1,40}$`,
    String.raw`^\s*(?:eu )?(?:to|tou|estou) na (?:fila|lista) (?:do|da|dos|das|de|pro|pra|com) [^?.!,]{1,40} ainda\s*\??\s*$`,
    String.raw`\b(?:qual|que|em que|em qual) (?:e |eh )?(?:a )?(?:minha )?(?:posicao|lugar|colocacao)\b`,
    String.raw`\bminha (?:posicao|colocacao) (?:na|da) (?:lista|fila)\b`,
    // "como tá minha lista de espera?", "como anda a fila de espera?"
    String.raw`\b(?:como|qual|q) (?:ta|esta|anda|fica|e|eh|vai) (?:a )?(?:minha )?(?:situacao (?:na|da) )?(?:lista|fila) de espera\b`,
    // "quanto tempo demora a lista de espera?" (WAITLIST_WAIT_QUESTION): the entries, after saying it cannot be told
    String.raw`\bquanto tempo (?:demora|leva|vai demorar|costuma demorar|falta|ainda falta)\b[^.!?]{0,30}\b(?:lista|fila)\b`,
    // "quero ver minhas listas", "mostra minhas filas de espera"
    String.raw`\b(?:ver|mostrar|mostra|mostre|consultar|conferir|checar|saber) (?:as )?minhas (?:listas|filas)\b`,
    // "alguma novidade da fila de espera?", "novidades sobre a lista de espera?"
    String.raw`\bnovidades? (?:da|na|sobre a|sobre minha|sobre a minha|de) (?:minha )?(?:lista|fila) de espera\b`,
  ].join('|'),
);

/**
 * A question about the patient's own waitlist that asks which, how or what news ("em quais listas eu estou?", "qual
 * minha posição?", "como tá minha lista de espera?", "alguma novidade da fila?", "quero ver minhas listas"), on folded
 * text: no yes/no question, so its answer opens with no "Sim,".
 */
export const NOT_YES_NO_QUESTION = /\b(?:qual|quais|ql|qls|que|q|como|quando|onde|cade|kd|quanto|quantos|quantas|novidades?|ver|mostrar|mostra|mostre|consultar|conferir|checar|saber)\b/;

/**
 * Whether the clinic has a waitlist, asked on folded text ("tem lista de espera?", "vcs tem fila de espera?", "existe
 * lista de espera pra isso?"): a question, not a request to join (joining is asked first).
 */
export const WAITLIST_EXISTS_QUESTION =
  /^\s*(?:e |mas |e ai |oi )?(?:voces |vcs |vc |voce |a clinica )?(?:tem|teria|tm|existe|ha|rola)(?: uma| alguma)? (?:lista|fila) de espera\b(?! (?:pra mim|para mim))/;
/** "quanto tempo demora a lista de espera?", "demora muito a fila?": how long the wait is, which cannot be told (folded text). */
export const WAITLIST_WAIT_QUESTION = /\b(?:quanto tempo|demora muito|vai demorar muito|costuma demorar)\b/;

/**
 * A freed time the patient was told of, asked about on folded text ("recebi uma mensagem de vaga, ainda tá disponível?",
 * "a vaga que vcs mandaram"): the patient's waitlist and the offer awaiting their answer, not a new booking.
 */
export const OFFER_MENTION = new RegExp(
  [
    String.raw`\b(?:recebi|chegou|veio|recebemos) (?:uma |a |sua |essa |aquela )?(?:mensagem|msg|mensage|sms|aviso|notificacao|zap)\b[^.!?]{0,40}\b(?:vaga|horario)\b`,
    String.raw`\b(?:a|essa|aquela|sobre a) (?:vaga|horario) (?:que|q) (?:voces |vcs |vc |voce )?(?:me )?(?:mandaram|mandou|ofereceram|ofereceu|avisaram|avisou|enviaram|enviou)\b`,
    // "ainda tá disponível a vaga?", "a vaga ainda está disponível?", "essa vaga tá livre ainda?"
    String.raw`\b(?:a |essa |esta |aquela )?vaga (?:ainda )?(?:ta|esta|continua|segue|tá) (?:ainda )?(?:disponivel|livre|aberta|de pe)\b`,
    String.raw`\b(?:ainda )?(?:ta|esta|continua|segue) (?:ainda )?(?:disponivel|livre|aberta|de pe) (?:a|essa|esta|aquela) vaga\b`,
  ].join('|'),
);

/**
 * A detail of the freed time the patient was told of, asked on folded text ("que horas é essa vaga?", "qual o dia da
 * vaga?", "com quem é essa vaga?"): the offer described again, with how to answer it; no new booking.
 */
export const OFFER_DETAIL_ASK = new RegExp(
  String.raw`\b(?:que horas|q horas|qual (?:o )?horario|que horario|qual (?:o )?dia|que dia|q dia|quando|onde|com quem|qual (?:a )?unidade|qual (?:o )?medico|qual (?:a )?medica)(?: (?:e|eh|seria|fica|sera|vai ser))? (?:essa|esta|aquela|a|d[ae]ssa|da) vaga\b`,
);

/** Words that say yes to a freed time offered by message, beside the yes words ("aceito", "pode reservar"). */
export const OFFER_YES_WORDS = ['aceito', 'aceita', 'reservar', 'reserva', 'reserve', 'reservo'];
/**
 * Words that may come along with a no to a freed time offered by message ("não posso nesse dia", "nesse horário não
 * consigo", "infelizmente não vou poder", "nenhum, obrigada"); "não vou poder ir" (no "ir" here) stays a cancel.
 */
export const OFFER_NO_COMPANIONS = [
  'posso', 'consigo', 'da', 'vou', 'poder', 'vai', 'dar', 'nesse', 'neste', 'nessa', 'nesta', 'esse', 'essa', 'este', 'esta', 'desse',
  'dessa', 'dia', 'horario', 'hora', 'data', 'vaga', 'pra', 'mim', 'infelizmente', 'obrigada', 'obrigado', 'ai', 'agora', 'quero', 'a', 'o',
];
/** Words that lead the day of a freed time named beside a yes ("quero a vaga de quinta", "a do dia 26"). */
export const OFFER_DAY_LEADS = ['de', 'do', 'da', 'dia', 'na', 'no', 'pra', 'para', 'pro'];
/** Words that may come along with that yes ("oba, sim", "quero essa vaga", "pode reservar pra mim"). */
export const OFFER_YES_COMPANIONS = ['vaga', 'oba', 'eba', 'opa', 'a', 'o', 'eu', 'ela', 'ele', 'nossa', 'que', 'bom', 'otimo', 'sim'];

/** "lista" or "fila", and the slip "lsta" the waitlist intent takes too ("me tira da lsta de espera"). */
const LIST = '(?:lista|lsta|lsita|fila)';
/**
 * An ask to leave the waitlist, on folded text ("quero sair da lista de espera", "me tira da fila", "tirar meu nome da
 * lista de espera", "não quero mais ficar na lista de espera"): never a request to join. The conversation names the
 * entry and asks before removing it (machines/booking).
 */
export const WAITLIST_LEAVE_ASK = new RegExp(
  [
    String.raw`\b(?:sair|saio|sai) (?:da|dessa|desta|de) (?:minha )?${LIST}\b`,
    String.raw`\b(?:me )?(?:tira|tirar|tire|remove|remover|remova|exclui|excluir|retira|retirar)(?: me| eu)? (?:o )?(?:meu nome )?(?:da|dessa|desta) ${LIST}\b`,
    // "não quero mais esperar vaga", "não preciso mais esperar pela vaga"
    String.raw`\b(?:nao|n) (?:quero|preciso|vou) mais (?:esperar|aguardar) (?:a |uma |pela |pela uma |por |por uma )?vaga\b`,
    // "não quero mais esperar" said alone (nothing after it but punctuation or "não")
    String.raw`^\s*(?:(?:ah|ja|entao|olha) )?(?:nao|n) (?:quero|preciso|vou) mais (?:esperar|aguardar)(?: nao)?\W*$`,
    // "não quero mais ficar na fila", "não preciso mais da vaga da lista de espera", "não quero mais a lista de espera"
    String.raw`\b(?:nao|n) (?:quero|preciso) mais (?:ficar |esperar |estar )?(?:(?:da |a |de )?vaga )?(?:na|nessa|nesta|da|dessa|a|essa) ${LIST}\b`,
    String.raw`\b(?:cancela|cancelar|cancele|desiste|desistir|desisto) (?:a |da |minha |da minha )?${LIST} de espera\b`,
    // "cancelar minha vaga na lista", "tira meu pedido da fila de espera"
    String.raw`\b(?:cancela|cancelar|cancele|cancelo|tira|tirar|tire|retira|retirar|remove|remover) (?:a |o |minha |meu )?(?:vaga|inscricao|lugar|pedido|nome) (?:na|da|dessa|desta) ${LIST}\b`,
  ].join('|'),
);

/**
 * A change of mind said alone ("na verdade não quero mais", "pensando bem, não quero mais"), on folded text: right after
 * joining the waitlist, about that entry (machines/booking asks whether to leave it); elsewhere a plain no.
 */
export const NO_LONGER_WANTED = /^\W*(?:(?:na verdade|pensando bem|ah|entao|olha|hmm|sabe que)\W+)*(?:nao|n) (?:quero|preciso) mais(?: nao)?\W*$/;

/**
 * An ask to leave a list just shown, named by a pronoun ("me tira dela", "quero sair dessa", "tira eu delas"), on folded
 * text: an ask to leave only right after the patient's entries were shown or written (machines/booking).
 */
export const WAITLIST_LEAVE_IT = new RegExp(
  [
    String.raw`^\W*(?:(?:entao|pode|por favor|ah|ok|ta) )*(?:me )?(?:tira|tirar|tire|remove|remover|remova|exclui|excluir|retira|retirar)(?: me| eu)? (?:o meu nome |meu nome )?(?:dela|delas|dessa|dessas|desta|daquela|daquelas)(?: (?:por favor|pfv|pf|entao|ai))?\W*$`,
    String.raw`^\W*(?:(?:entao|eu) )*(?:quero |vou |pode me )?(?:sair|saio|sai) (?:dela|delas|dessa|dessas|desta|daquela|daquelas)(?: (?:por favor|pfv|pf|entao|ai))?\W*$`,
    String.raw`^\W*(?:nao|n) quero mais (?:ficar |estar )?(?:nela|nelas|nessa|nessas)\W*$`,
  ].join('|'),
);

/**
 * How a message that says only whom the booking is for opens and ends ("é pra minha filha de 8 anos", "pro meu pai",
 * "é para o meu filho, ele tem 5 anos"): words before the lead, and words of an age after the relative. Folded.
 */
export const WHO_FOR_OPENERS = ['e', 'eh', 'sim', 'na verdade', 'mas', 'ah', 'entao', 'a consulta e', 'a consulta', 'seria'];
export const WHO_FOR_AGE_WORDS = ['de', 'com', 'ele', 'ela', 'tem', 'ta', 'anos', 'ano', 'meses', 'mes', 'aninhos', 'dele', 'dela', 'so',
  'um', 'uma', 'dois', 'duas', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze', 'treze', 'quatorze', 'catorze',
  'quinze', 'dezesseis', 'dezessete'];

/** Relatives named with "meu"/"minha" ("pra minha mãe"): kept in lexicon.ts, which the language layer reads too. */
export { RELATIVE_WORDS, RELATIVE_POSSESSIVES } from './lexicon';

/**
 * Words that make a confirmation one of presence at an appointment booked ("quero confirmar presença"), never a yes
 * to the booking in progress: said in the middle of a booking, the patient's appointment is confirmed instead.
 */
export const PRESENCE_WORDS = ['presenca', 'comparecimento'];

const LATE_FORMS = ['atrasado', 'atrasada', 'atrasados', 'atrasadas', 'atrasadinho', 'atrasadinha'];
/**
 * The patient says they will be late ("vou chegar 10 min atrasada", "vou me atrasar uns 15 minutos", "to atrasado"):
 * thanked, and a person offered (no lateness policy on file). Whole phrases, so "menstruação atrasada" is none.
 */
export const LATENESS_PHRASES: readonly string[] = [
  ...['to', 'tou', 'estou', 'tamo', 'estamos', 'chegar', 'chegando', 'chego', 'min', 'mins', 'minuto', 'minutos', 'minutinhos', 'pouco', 'pouquinho', 'bem']
    .flatMap((lead) => LATE_FORMS.map((form) => `${lead} ${form}`)),
  'me atrasar', 'me atrasando', 'me atraso', 'vou atrasar', 'vou atrasar um pouco', 'to atrasando', 'estou atrasando', 'vou chegar tarde',
  'vou chegar mais tarde', 'vou chegar um pouco mais tarde', 'devo chegar tarde', 'devo chegar mais tarde', 'vou ter um atraso', 'um pequeno atraso',
];

/**
 * Words that name nothing a question could be about ("como assim?", "alguém aí?", "o que você disse?"): a question
 * the rules cannot place gets "no information here" only when it names something else (a word of four letters or
 * more not in this list); else it stays not understood.
 */
export const UNPLACED_QUESTION_NOT_WORDS: readonly string[] = [
  'como', 'assim', 'hein', 'serio', 'seria', 'entendi', 'entendeu', 'entender', 'entendo', 'alguem', 'voce', 'voces', 'isso', 'isto', 'aqui',
  'certo', 'mesmo', 'pode', 'podem', 'poderia', 'repetir', 'repete', 'porque', 'qual', 'quais', 'quem', 'onde', 'quando', 'quanto', 'quantos',
  'tudo', 'beleza', 'okay', 'obrigado', 'obrigada', 'disse', 'falou', 'falei', 'dizer', 'sabe', 'sabem', 'esta', 'estao', 'tem', 'temos',
  'aonde', 'sera', 'verdade', 'nada', 'coisa', 'alo', 'alou', 'ainda', 'agora', 'entao', 'nome', 'robo', 'humano', 'pessoa', 'bot',
  // the conversation itself, not the clinic ("tá funcionando?", "recebeu minha mensagem?", "vai demorar?", "pode me ajudar?")
  'funciona', 'funcionando', 'funcionou', 'ajudar', 'ajuda', 'demora', 'demorar', 'demorando', 'demorou', 'tanto', 'muito', 'recebeu',
  'receberam', 'recebi', 'mensagem', 'mensagens', 'consegue', 'conseguiu', 'consigo', 'ouviu', 'ouvindo', 'ouvir', 'responder', 'responde',
  'resposta', 'respondendo', 'falando', 'falar', 'travou', 'travado', 'proximo', 'passo', 'faco', 'fazer', 'perguntar', 'pergunta',
  'duvida', 'certeza', 'mandar', 'enviar', 'audio', 'foto', 'fotos', 'chama', 'acabou', 'terminou', 'pronto', 'estou', 'estava',
];

/**
 * Words that may stand beside the small-talk phrases below without making the message say more ("oi, tem alguém aí?",
 * "você é um robô mesmo?"): greetings, pronouns, "é", articles.
 */
export const SMALL_TALK_COMPANIONS: readonly string[] = [
  'oi', 'oie', 'oii', 'oiii', 'ola', 'opa', 'alo', 'alou', 'ei', 'psiu', 'bom', 'boa', 'dia', 'tarde', 'noite', 'gente', 'pessoal', 'moco', 'moca',
  'e', 'eh', 'ai', 'ainda', 'vc', 'voce', 'ce', 'tu', 'ta', 'esta', 'to', 'tou', 'estou', 'um', 'uma', 'o', 'a', 'isso', 'aqui', 'mesmo', 'entao', 'ne',
  'uai', 'ue', 'so', 'ja', 'por', 'favor', 'com', 'de', 'verdade', 'real', 'tem', 'muito', 'tanto', 'hein', 'me', 'minha', 'meu', 'falando',
  // "é robô ou pessoa?"
  'ou',
];

/**
 * "é com quem?", "qual o nome do médico?", "quem vai me atender na sexta?" to the times on offer or to the summary: who
 * sees the patient there (the options name them; the answer says it again). Only these words and WHO_SEES_ALONG.
 */
export const WHO_SEES_PHRASES: readonly string[] = [
  'com quem', 'com qual medico', 'com qual medica', 'com qual doutor', 'com qual doutora', 'com qual profissional', 'com que medico',
  'com que medica', 'qual medico', 'qual medica', 'qual doutor', 'qual doutora', 'qual profissional', 'que medico', 'que medica',
  'quem me atende', 'quem vai me atender', 'quem vai atender', 'quem e o medico', 'quem e a medica', 'quem e o doutor',
  'quem e a doutora', 'nome do medico', 'nome da medica', 'nome do doutor', 'nome da doutora', 'nome do profissional',
];
/**
 * Words that may stand beside a WHO_SEES_PHRASES question ("e qual o nome do médico desse horário?", "quem vai me atender
 * na sexta?"). Not "quem atende sábado?", who works another day, which is read as usual.
 */
export const WHO_SEES_ALONG: ReadonlySet<string> = new Set([
  'e', 'eh', 'o', 'a', 'os', 'as', 'qual', 'vai', 'ser', 'sera', 'me', 'atender', 'esse', 'esses', 'essa', 'essas', 'desse', 'desses',
  'dessa', 'dessas', 'nesse', 'nesses', 'horario', 'horarios', 'consulta', 'mesmo', 'entao', 'ai', 'de', 'da', 'do', 'na', 'no', 'nos',
  'hoje', 'amanha', 'segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado', 'domingo', 'feira', 'dia', 'todos', 'todas', 'sao',
  'seria', 'mas', 'so', 'pra', 'saber', 'queria', 'quero',
]);

/**
 * "você é um robô?", "quem é você?", "to falando com quem?", "é atendimento automático?": who answers here. The
 * conversation says it is the clinic's virtual assistant, what it does, and that a person can be called; an ask for a
 * person ("quero falar com um humano", "posso falar com uma pessoa?") carries words beyond these and still hands off.
 */
export const ASSISTANT_QUESTION_PHRASES: readonly string[] = [
  'robo', 'robozinho', 'bot', 'chatbot', 'maquina', 'humano', 'humana', 'ser humano', 'pessoa', 'pessoa de verdade', 'gente de verdade',
  'inteligencia artificial', 'ia', 'chatgpt', 'chat gpt', 'automatico', 'automatica', 'atendimento automatico', 'resposta automatica',
  'mensagem automatica', 'assistente virtual', 'virtual', 'atendente virtual', 'gravacao',
  'quem e voce', 'quem e vc', 'quem e', 'quem ta falando', 'quem esta falando', 'quem fala', 'quem falando', 'quem ta ai', 'quem esta ai',
  'com quem eu falo', 'com quem falo', 'com quem to falando', 'com quem estou falando', 'com quem eu to falando', 'com quem eu estou falando',
  'falando com quem', 'qual seu nome', 'qual o seu nome', 'qual e o seu nome', 'qual teu nome', 'seu nome', 'como voce se chama',
  'como vc se chama', 'como se chama',
];
/** Words of an identity question ("é", "quem", "nome"): with them, or a "?", the phrases above ask who answers. */
export const ASSISTANT_QUESTION_MARKERS: readonly string[] = ['e', 'eh', 'quem', 'nome', 'chama'];

/**
 * "alguém aí?", "tá funcionando?", "ta on?", "recebeu minha mensagem?", "vai demorar?": whether anyone is here. The
 * conversation says it is, and asks its pending question again (or how it can help). "oi?", "oi??", "alô?" (a hello
 * and a question mark, nothing more) are one too.
 */
export const PRESENCE_CHECK_PHRASES: readonly string[] = [
  'alguem', 'alguem ai', 'tem alguem', 'tem gente', 'tem gente ai', 'ta ai', 'esta ai', 'ta on', 'ta online', 'esta online', 'ta funcionando', 'esta funcionando',
  'funcionando', 'me ouvindo', 'me ouviu', 'me escutando', 'me escutou', 'recebeu', 'recebeu minha mensagem', 'recebeu a mensagem',
  'recebeu minha msg', 'recebeu as mensagens', 'recebeu minhas mensagens', 'viu minha mensagem', 'viu a mensagem', 'viu minha msg',
  'chegou minha mensagem', 'chegou a mensagem', 'vai me responder', 'vai responder', 'alguem vai me responder', 'ninguem responde',
  'ninguem vai responder', 'cade a resposta', 'cade voce', 'cade vc', 'ta respondendo', 'esta respondendo', 'responde', 'responde ai',
  'ta demorando', 'esta demorando', 'demorando', 'vai demorar', 'pq demora', 'por que demora', 'porque demora', 'pq ta demorando',
  'por que ta demorando', 'por que esta demorando', 'ta travado', 'travado', 'travou', 'parou', 'sumiu',
];
// not "online" alone ("é online?" asks whether the appointment is), nor "demorou" (slang for "deal!")
/** A hello that, with a question mark and nothing more ("oi?", "alô??"), asks whether anyone is here. */
export const PRESENCE_HELLOS: readonly string[] = ['oi', 'oie', 'oii', 'oiii', 'ola', 'alo', 'alou', 'ei', 'psiu', 'hello'];

/**
 * "sério?", "como assim?", "hein?", "pode repetir?", "entendeu?": the patient did not follow the last reply (with a
 * question mark; "??" alone too). The conversation says its question again, briefly, and counts no misunderstanding.
 */
export const REPEAT_QUESTION_PHRASES: readonly string[] = [
  'serio', 'mesmo', 'como assim', 'como', 'hein', 'hem', 'han', 'ha', 'que', 'oque', 'o que', 'oq', 'q', 'entendeu', 'me entendeu',
  'o que voce disse', 'o que vc disse', 'o que disse', 'o que voce falou', 'o que vc falou', 'como e', 'como e que e', 'pode repetir',
  'repete', 'pode explicar', 'pode explicar melhor', 'explica', 'explica melhor', 'qual', 'qual pergunta', 'que pergunta',
];
/** The same said without a question mark ("não entendi", "repete por favor"). */
export const REPEAT_REQUEST_PHRASES: readonly string[] = [
  'nao entendi', 'n entendi', 'nao entendi nada', 'nao compreendi', 'nao ficou claro', 'pode repetir', 'repete', 'repete ai', 'explica melhor',
  'pode explicar melhor',
];
/** "e agora?", "o que eu faço agora?", "qual o próximo passo?": what to do next (the question pending, or what can be done here). */
export const WHAT_NOW_PHRASES: readonly string[] = [
  'e agora', 'o que eu faco agora', 'o que faco agora', 'o que eu faco', 'o que faco', 'qual o proximo passo', 'qual proximo passo',
  'proximo passo', 'e o proximo passo', 'como faco', 'como eu faco', 'e ai o que faco', 'e entao', 'e depois',
];
/**
 * The same asked only with a question mark, and nothing else ("então?", "pode ser?", "pode?", "como faz?"): a nudge, not
 * gibberish. Without one they say something else ("então" and "pode ser" agree), and to a yes/no question pending ("Confirma
 * …?") "pode ser?" is still a yes: only a message no reply reader took is read so.
 */
export const WHAT_NOW_ASKED_PHRASES: readonly string[] = ['entao', 'pode ser', 'pode', 'como faz', 'como que faz', 'como e que faz', 'como que faco', 'como e que eu faco'];

/**
 * "posso mandar áudio?", "aceita foto?", "consegue ver?": what this channel reads. The conversation reads text only (a
 * channel may turn a voice note into text first, so writing is what always works) and opens no photo or document.
 */
export const ATTACHMENT_WORDS: readonly string[] = [
  'audio', 'audios', 'audinho', 'mensagem de voz', 'voz', 'gravar', 'foto', 'fotos', 'fotinho', 'imagem', 'imagens', 'print', 'prints', 'pdf', 'arquivo',
  'arquivos', 'documento', 'documentos', 'video', 'videos', 'anexo', 'consegue ver', 'conseguiu ver', 'consegue abrir', 'conseguiu abrir',
  'consegue ouvir', 'conseguiu ouvir',
];
/** Words beside the attachment words in such a question ("posso mandar um áudio?", "vcs aceitam foto do pedido?"). */
export const ATTACHMENT_COMPANIONS: readonly string[] = [
  'posso', 'pode', 'podem', 'mandar', 'enviar', 'mando', 'envio', 'mandei', 'enviei', 'manda', 'aceita', 'aceitam', 'voces', 'vcs', 'ser', 'por',
  'pelo', 'via', 'ver', 'abrir', 'ouvir', 'recebeu', 'receberam', 'viu', 'ouviu', 'whatsapp', 'zap', 'tambem', 'da', 'do', 'dos', 'das', 'pedido',
  'receita', 'guia', 'carteirinha', 'exame', 'exames', 'que', 'te', 'lhe', 'eu', 'os', 'as', 'esse', 'essa', 'funciona', 'ai', 'aqui', 'de',
];

/** "posso perguntar uma coisa?", "posso tirar uma dúvida?": permission to ask ("Claro, pode perguntar!"). */
export const MAY_I_ASK_PHRASES: readonly string[] = [
  'posso perguntar', 'posso perguntar uma coisa', 'posso fazer uma pergunta', 'posso tirar uma duvida', 'posso te perguntar',
  'posso te perguntar uma coisa', 'posso tirar uma duvida com voce', 'tenho uma pergunta', 'tenho uma duvida', 'uma pergunta', 'uma duvida',
  'queria tirar uma duvida', 'queria fazer uma pergunta', 'tirar uma duvida', 'posso te fazer uma pergunta', 'posso lhe fazer uma pergunta',
  'posso fazer uma pergunta pra voce', 'posso fazer uma pergunta pra vc', 'posso te perguntar uma coisinha', 'posso perguntar uma coisinha',
];

/**
 * How a question whether the clinic has a specialty opens ("tem pediatra?", "vcs tem dermatologista?"): with nothing
 * else asked (no day, no one named), the reply says it has it before asking when.
 */
export const OFFERED_QUESTION_LEADS: readonly string[] = [
  'tem', 'tm', 'teria', 'existe', 'ha', 'voces tem', 'vcs tem', 'vc tem', 'voce tem', 'vcs tm', 'voces teriam', 'vcs teriam',
  'atende', 'atendem', 'voces atendem', 'vcs atendem',
];

/**
 * "a de dermato", "e a do dr rui?" right after the appointments were listed: how a message that only names one of them
 * opens (an optional joiner, an article, then a link word before what names it).
 */
export const LISTED_APPOINTMENT_JOINERS: readonly string[] = ['e'];
export const LISTED_APPOINTMENT_ARTICLES: readonly string[] = ['a', 'o'];
export const LISTED_APPOINTMENT_LINKS: readonly string[] = ['de', 'do', 'da', 'das', 'com'];

/**
 * "perdi minha consulta ontem", "faltei na consulta de segunda": an appointment missed, told (folded). A verb of
 * MISSED_VERBS, at most two MISSED_LINKS, then a MISSED_OBJECTS word. "não vou conseguir ir" (future) is a cancel, not this.
 */
export const MISSED_VERBS = [
  'perdi', 'perdemos', 'faltei', 'faltamos', 'nao consegui ir', 'nao pude ir', 'nao fui', 'nao deu pra ir', 'nao deu para ir', 'nao compareci',
  'acabei perdendo', 'acabei faltando', 'acabei nao indo', 'esqueci de ir', 'nao consegui comparecer', 'nao pude comparecer', 'nao consegui chegar',
  'nao cheguei a ir', 'perdeu', 'faltou',
];
/** said with a past day ("faltei ontem", "esqueci da consulta ontem"): missed as well, no object needed for the first ones */
export const MISSED_WITH_PAST_DAY = ['faltei', 'faltou', 'faltamos', 'nao fui', 'nao consegui ir', 'nao pude ir', 'nao deu pra ir', 'nao compareci'];
/** what else may be missed ("faltei ontem no trabalho", "faltei na aula"): with one of these said, no appointment missed */
export const MISSED_NOT_APPOINTMENT = [
  'trabalho', 'servico', 'aula', 'aulas', 'escola', 'faculdade', 'facul', 'emprego', 'reuniao', 'curso', 'expediente', 'plantao', 'prova', 'academia', 'treino',
  // "não fui atendida hoje, esperei duas horas": a complaint of a visit, not one missed
  'atendido', 'atendida', 'chamado', 'chamada', 'avisado', 'avisada', 'informado', 'informada',
];
export const FORGOT_VERBS = ['esqueci', 'esqueceu', 'esquecemos'];
export const MISSED_LINKS = ['minha', 'meu', 'a', 'o', 'na', 'no', 'da', 'do', 'em', 'nessa', 'naquela', 'aquela', 'essa', 'ultima', 'de', 'pra', 'para', 'ir'];
export const MISSED_OBJECTS = ['consulta', 'consultas', 'consuta', 'cosulta', 'retorno', 'horario', 'hora', 'agendamento', 'exame'];

/**
 * "ontem fui atendida pela dra ana": a past visit told (folded), said beside a past day; "ninguém me atendeu", "não
 * fui atendida" (NOT_SEEN_LEADS right before) are no visit.
 */
export const PAST_VISIT_PHRASES = [
  'fui atendida', 'fui atendido', 'me atendeu', 'me consultei', 'consultei com', 'passei com', 'passei na consulta', 'passei pela', 'passei pelo',
  'passei no dr', 'passei na dra', 'passei no doutor', 'passei na doutora', 'passei no medico', 'passei na medica',
  'fui na consulta', 'fui a consulta', 'fui no', 'fui na', 'fui ao', 'fui com', 'fui consultada', 'fui consultado', 'tive consulta', 'tive uma consulta', 'estive ai', 'estive na clinica',
  'fui ai', 'fui la', 'me examinou', 'fiz consulta', 'fiz a consulta', 'fiz uma consulta',
];
export const NOT_SEEN_LEADS = ['nao', 'ninguem', 'nunca', 'nem'];

/**
 * A complaint (regular expressions over the folded text, on word boundaries): not seen ("não fui atendida", "ninguém me
 * chamou"), a long wait ("esperei duas horas", "fiquei 3h esperando"), how the patient was treated ("fui mal atendido",
 * "péssimo atendimento", "falta de respeito"), a doctor who did not come, an appointment moved without a word, or a
 * complaint asked to be made. Nothing here can be booked or answered: an apology, and a person offered.
 */
const WAIT_SPAN = String.raw`(?:mais de |quase |por |ha |umas |uns )?(?:(?:uma|duas|tres|quatro|cinco|meia|\d+) ?(?:h|hs|hr|hrs|hora|horas|minutos|min)|horas|muito tempo|demais|a manha toda|a manha inteira|a tarde toda|a tarde inteira|o dia todo|o dia inteiro)`;
export const COMPLAINT_PATTERNS: readonly string[] = [
  String.raw`(?:nao|n|nunca|ainda nao) (?:fui|fomos|foi) (?:atendid[oa]s?|chamad[oa]s?)`,
  String.raw`ninguem (?:me |nos )?(?:atendeu|atende|chamou|chama|avisou|respondeu)`,
  String.raw`(?:nao|n) (?:me |nos )(?:atenderam|chamaram|avisaram)`,
  String.raw`(?:esperei|esperamos|esperando|aguardei|aguardando) ${WAIT_SPAN}`,
  String.raw`(?:fiquei|ficamos|to|tou|estou|estamos) ${WAIT_SPAN} (?:esperando|aguardando)`,
  String.raw`(?:fui|fomos) (?:mal|muito mal|super mal|pessimamente) (?:atendid[oa]s?|tratad[oa]s?)`,
  String.raw`(?:me|nos) (?:trataram|tratou) (?:mal|muito mal|com grosseria)`,
  String.raw`(?:pessimo|pessima|horrivel|terrivel) (?:atendimento|servico|experiencia|clinica)`,
  String.raw`atendimento (?:pessimo|horrivel|terrivel|ruim|lamentavel|uma vergonha)`,
  String.raw`falta de (?:respeito|consideracao|educacao|organizacao)`,
  String.raw`(?:desrespeito|descaso|absurdo|inadmissivel|inaceitavel|lamentavel)`,
  String.raw`reclamar|reclamacao|reclamacoes|queixa formal`,
  String.raw`(?:o |a )?(?:medico|medica|doutor|doutora|dr|dra)(?: \p{L}+)? (?:nao|n) (?:veio|apareceu|compareceu|estava)`,
  String.raw`(?:desmarcaram|cancelaram|mudaram|trocaram) (?:a |o |minha |meu )?(?:consulta |horario |retorno )?sem (?:me |nos )?(?:avisar|aviso|falar)`,
];

/** "ela pediu retorno", "pediu pra eu voltar": a return visit the provider asked for, or the patient needs (folded). */
export const RETURN_ASKED_PHRASES = [
  'pediu retorno', 'pediu um retorno', 'pediu pra voltar', 'pediu para voltar', 'pediu pra eu voltar', 'pediu para eu voltar', 'pediu pra retornar',
  'pediu para retornar', 'mandou voltar', 'mandou retornar', 'falou pra voltar', 'falou pra eu voltar', 'disse pra voltar', 'disse pra eu voltar',
  'pediu que eu voltasse', 'pediu pra eu retornar', 'tenho que voltar', 'tenho q voltar', 'preciso voltar', 'preciso de retorno', 'preciso de um retorno',
  'preciso marcar o retorno', 'preciso marcar retorno', 'marcar o retorno', 'marcar retorno', 'agendar o retorno', 'agendar retorno', 'quer que eu volte',
  'pediu retornar', 'pediu revisao', 'pediu pra trazer os exames', 'pediu pra mostrar os exames',
  // "pediu uns exames e retorno daqui a um mês": the return named beside other requests, or with its span
  'e retorno', 'e um retorno', 'e o retorno', 'retorno daqui', 'retorno em', 'retorno pra daqui', 'retorno para daqui', 'retorno mes que vem', 'retorno no mes que vem',
  'quer me ver de novo', 'quer me ver novamente', 'me ver de novo em', 'quer me ver em', 'quer me rever',
];

/** "o dr paulo tá de férias?", "a dra ana tá de licença?": whether a provider is away for a while (folded words) */
export const PROVIDER_AWAY_PHRASES = [
  'de ferias', 'das ferias', 'em ferias', 'ferias', 'de licenca', 'da licenca', 'em licenca', 'licenca maternidade', 'afastado', 'afastada',
  'viajando', 'de folga', 'folgando',
];

/**
 * "cadê o dr paulo?", "o dr paulo tá aí hoje?": where a provider named is, or whether they are in today, asked (folded,
 * beside the name, with no sure booking word): where and when they work, and today's hours.
 */
export const PROVIDER_WHEREABOUTS_PHRASES = [
  'cade', 'cad', 'kd', 'onde esta', 'onde ta', 'ta ai', 'esta ai', 'tah ai', 'ta por ai', 'esta por ai', 'ta ae', 'ta la', 'esta la',
  'ta na clinica', 'esta na clinica', 'veio hoje', 'vem hoje', 'ja chegou', 'chegou ja', 'ta atendendo', 'esta atendendo', 'vai estar ai',
  'vai estar la', 'vai ta ai', 'vai atender hoje', 'atende hoje', 'trabalha hoje', 'ta trabalhando', 'esta trabalhando', 'onde encontro',
  'onde acho', 'em qual unidade', 'qual unidade',
];

/**
 * A squeeze-in asked ("preciso de um encaixe", "tem encaixe pra hoje?", the slip "encaxe"), on folded text: the conversation cannot add a
 * time beyond the schedule, so it says so and offers the free times (the waitlist and a person after them). "me
 * encaixa sexta" (the verb, "fit me in") is a plain booking.
 */
export const SQUEEZE_IN_ASK = /\benca(?:i)?xes?\b/;

/**
 * The patient's full name, given to "Para o seu cadastro, qual é o seu nome completo?" (asked once, after a booking, of a
 * patient known only by a phone): the words that may open it (PERSON_NAME_LEADS: "meu nome é Carla Mendes", "sou a Carla", "aqui é o João";
 * folded, longest first). What follows them is the name.
 */
export const PERSON_NAME_LEADS = [
  'meu nome e', 'meu nome completo e', 'o meu nome e', 'o meu nome completo e', 'me chamo', 'eu me chamo', 'sou', 'sou a', 'sou o',
  'eu sou', 'eu sou a', 'eu sou o', 'aqui e', 'aqui e a', 'aqui e o', 'e', 'nome',
].sort((a, b) => b.length - a.length);

/** Small words inside a name, kept in lower case ("Maria das Graças de Oliveira", "Ana e Silva"); never its first or last word. */
export const NAME_PARTICLES = ['da', 'de', 'do', 'das', 'dos', 'e'];

/** Words that are never a word of a name given (folded); besides them, greetings, yes, no, thanks and days are none either. */
export const NOT_A_NAME_REPLY_WORDS = [
  'quero', 'queria', 'gostaria', 'preciso', 'pode', 'posso', 'marcar', 'marca', 'agendar', 'agenda', 'desmarcar', 'cancelar', 'cancela', 'remarcar',
  'consulta', 'consultas', 'exame', 'exames', 'atendente', 'humano', 'pessoa', 'ajuda', 'nome', 'completo', 'cadastro', 'prefiro', 'dizer',
  'falar', 'informar', 'passar', 'depois', 'agora', 'outra', 'hora', 'mais', 'tarde', 'obrigado', 'obrigada', 'valeu', 'vlw', 'tchau', 'ok',
  'kkk', 'kkkk', 'rs', 'ue', 'ne', 'tipo', 'assim', 'favor', 'eu', 'voce', 'vc', 'meu', 'minha', 'esse', 'essa', 'isso', 'sou',
];

/**
 * Not giving the name ("não quero dizer", "depois", "prefiro não", "agora não"): the question is dropped with a short
 * acknowledgement, and not asked again in the conversation. Every word of the message is of one phrase, besides
 * NAME_REFUSAL_COMPANIONS at either end (folded).
 */
export const NAME_REFUSAL_PHRASES = [
  'nao', 'n', 'nao quero', 'nao quero dizer', 'nao quero falar', 'nao quero informar', 'nao quero passar', 'nao vou dizer', 'nao vou falar',
  'nao vou informar', 'nao vou passar', 'prefiro nao', 'prefiro nao dizer', 'prefiro nao falar', 'prefiro nao informar', 'prefiro nao passar',
  'nao precisa', 'nao e necessario', 'depois', 'depois eu falo', 'depois eu digo', 'depois eu passo', 'depois te falo', 'depois te digo',
  'depois te passo', 'depois eu te falo', 'depois eu te digo', 'depois eu te passo', 'depois vejo isso', 'outra hora', 'mais tarde',
  'agora nao', 'nao agora', 'deixa pra depois', 'deixa para depois', 'fica pra depois', 'fica para depois', 'pode ficar assim', 'deixa assim',
];
export const NAME_REFUSAL_COMPANIONS = ['ah', 'hum', 'hmm', 'obrigado', 'obrigada', 'ok', 'desculpa', 'desculpe', 'mas', 'por', 'enquanto', 'agora', 'nao', 'tudo', 'bem', 'blz', 'beleza'];
