import { describe, expect, it } from 'vitest';
import { classifyIntent, CONFIDENCE, LLM_THRESHOLD } from '../../../src/core/language/intent';
import { fold, prepare } from '../../../src/core/language/normalize';

const read = (message: string) => classifyIntent(fold(prepare(message)));

describe('intent rules', () => {
  it.each([
    ['oi, queria marcar cardiologista amanha de manha', 'book'],
    ['Quero agendar uma consulta', 'book'],
    ['vcs tem horario pra dermato sexta?', 'book'],
    ['preciso de uma consulta com o clinico', 'book'],
    ['gostaria de marcar um retorno', 'book'],
    ['quero remarcar a do dia 3 pra dia 10 mesmo horário', 'reschedule'],
    ['da pra trocar o horario da minha consulta?', 'reschedule'],
    ['preciso reagendar', 'reschedule'],
    ['quero adiantar minha consulta', 'reschedule'],
    ['da pra adiantar o meu horario?', 'reschedule'],
    ['quero empurrar minha consulta uma semana', 'reschedule'],
    ['preciso postergar o retorno', 'reschedule'],
    ['da pra passar pra mais tarde no mesmo dia?', 'reschedule'],
    ['tem como passar a consulta pra mais cedo', 'reschedule'],
    // an appointment named by its time ("a das 9"), its new time after "pra"
    ['passa a das 9 pra 10h', 'reschedule'],
    ['muda a das 14h pras 15h', 'reschedule'],
    ['preciso desmarcar minha consulta', 'cancel'],
    ['CANCELAR', 'cancel'],
    // a relative's appointment asked about: looked up (this channel shows the patient's own record), not a booking
    ['qual o horario da consulta do meu filho', 'list'],
    ['qual é o dia da consulta da minha mãe?', 'list'],
    ['que dia é a consulta do meu marido?', 'list'],
    ['a consulta da minha mae é amanha?', 'list'],
    ['o retorno do meu pai é que horas?', 'list'],
    ['a consulta do meu filho ta confirmada?', 'list'],
    // whether the patient's own appointment is on a day, or at what time ("mesmo": "what was it again?")
    ['minha consulta é amanhã né?', 'list'],
    ['oi, minha consulta é amanhã né? que horas mesmo?', 'list'],
    ['meu retorno com a dra ana é sexta?', 'list'],
    ['que horas mesmo é minha consulta?', 'list'],
    // told, with an ask beside it: the ask
    ['minha consulta é amanhã, quero remarcar', 'reschedule'],
    ['minha consulta é amanha? queria desmarcar', 'cancel'],
    // a booking for the relative stays a booking
    ['a consulta da minha filha é com a dra beatriz, pode marcar pra sexta?', 'book'],
    ['quero marcar uma consulta pro meu filho amanha', 'book'],
    ['não vou poder ir amanhã', 'cancel'],
    // not going at a part of the day beside a booking: the booking, that part refused
    ['quero marcar sexta, não vou poder ir de manhã', 'book'],
    ['queria agendar dermato amanha, nao consigo ir a tarde', 'book'],
    ['quero desmarcar, nao vou poder ir de manha', 'cancel'],
    ['vou faltar', 'cancel'],
    ['vou ter que faltar amanha', 'cancel'],
    // "q" for "que", as patients type it
    ['vou ter q faltar amanha', 'cancel'],
    // not going, and another day asked: a move
    ['nao vou conseguir ir amanha, tem outro dia?', 'reschedule'],
    ['nao vou poder ir sexta, pode ser outro dia?', 'reschedule'],
    ['nao vou poder ir, teria outro horario?', 'reschedule'],
    // not going, and a day asked instead: a move to it
    ['nao posso ir amanha, pode ser sexta?', 'reschedule'],
    ['não vou conseguir ir amanhã, dá pra ser na sexta?', 'reschedule'],
    ['nao vou poder ir na quinta, posso ir semana que vem?', 'reschedule'],
    ['nao vou poder ir na quinta, pode cancelar', 'cancel'],
    ['tenho q faltar na consulta', 'cancel'],
    ['vou precisar faltar na consulta de sexta', 'cancel'],
    ['nao vou poder comparecer', 'cancel'],
    // missing work to go is the reason to book
    ['quero marcar sexta, vou faltar no trabalho pra ir', 'book'],
    ['quero marcar cardio sexta, vou ter que faltar o dia todo no trabalho', 'book'],
    ['Quero marcar cardio sexta, VOU TER QUE FALTAR O DIA TODO NO TRABALHO', 'book'],
    ['quero agendar dermato, vou faltar a manha toda na faculdade', 'book'],
    // work named after the appointment is still a cancel
    ['vou faltar na consulta porque tenho trabalho', 'cancel'],
    ['vou ter que faltar amanha, tenho trabalho', 'cancel'],
    ['nao vou faltar', 'unknown'],
    // the final r of "conseguir" dropped, as often in chat
    ['nao vou consegui ir nao', 'cancel'],
    ['n vou consegui ir amanha', 'cancel'],
    ['nao vou pode ir', 'cancel'],
    ['nao vai dar pra mim ir', 'cancel'],
    ['nao vai dar pra eu ir amanha', 'cancel'],
    // not going as the reason, a move to another day as the ask
    ['nao vou conseguir ir na consulta da dra ana, da pra passar pra quarta?', 'reschedule'],
    ['não vou poder ir amanhã, pode mudar pra sexta?', 'reschedule'],
    ['quais são minhas consultas?', 'list'],
    ['eu marquei com a dra ana mas acho q confundi o dia, pode ver pra mim?', 'list'],
    ['nao lembro o horario da minha consulta', 'list'],
    ['quero marcar dermato, nao sei que dia ainda', 'book'],
    ['quando é minha consulta?', 'list'],
    ['qdo e minha consulta?', 'list'],
    ['q horas e minha consulta', 'list'],
    ['qnd eh a minha consulta', 'list'],
    ['qual minha próxima consulta?', 'list'],
    ['qual é o meu próximo horário?', 'list'],
    ['quando é minha proxima consulta', 'list'],
    ['tenho alguma consulta?', 'list'],
    ['qual o horario da minha consulta', 'list'],
    ['com quem é minha consulta?', 'list'],
    ['com qual medico e o meu retorno', 'list'],
    ['qual o medico da minha consulta?', 'list'],
    // who sees the patient at an appointment named by its day (these were a booking); with a booking word, a booking
    ['qual médico vai me atender amanhã?', 'list'],
    ['quem vai me atender na sexta?', 'list'],
    ['qual o nome da médica de amanhã?', 'list'],
    ['qual o nome do medico da minha consulta?', 'list'],
    ['quem é a doutora de sexta?', 'list'],
    ['quero marcar cardio amanhã, qual médico vai me atender?', 'book'],
    // whether the appointment stands, asked with nothing but its day (these confirmed presence or began a booking)
    ['tá confirmado amanhã?', 'list'],
    ['confirmado?', 'list'],
    ['tá marcado pra amanhã né?', 'list'],
    ['então tá marcado na sexta, né?', 'list'],
    ['confirmado', 'confirm'],
    ['tô confirmada', 'confirm'],
    // one of the appointments, named by whom or what, without "minha"
    ['q horas e a do dr rui?', 'list'],
    ['quando e a consulta da dermato?', 'list'],
    ['que dia e o retorno com a dra ana', 'list'],
    ['qual a data do meu retorno?', 'list'],
    ['tenho consulta marcada?', 'list'],
    // "outra" before the appointment: the patient's others, asked in the middle of a booking
    ['tenho alguma outra consulta marcada?', 'list'],
    ['tenho outras consultas marcadas?', 'list'],
    ['minha consulta ta confirmada?', 'list'],
    ['a minha consulta já está marcada?', 'list'],
    ['já tá confirmada a minha consulta?', 'list'],
    ['meu retorno foi agendado?', 'list'],
    ['confirmo', 'confirm'],
    ['confirmo minha consulta', 'confirm'],
    ['estarei ai', 'confirm'],
    ['vou estar ai sim', 'confirm'],
    ['estarei presente', 'confirm'],
    ['pode confirmar a minha consulta', 'confirm'],
    ['sim, vou sim', 'confirm'],
    ['me coloca na lista de espera', 'waitlist'],
    ['me avisa se alguém cancelar', 'waitlist'],
    // the patient's own entries asked about, in the plural or without "de espera"
    ['quais listas de espera eu to?', 'waitlist'],
    ['em quais listas eu estou?', 'waitlist'],
    ['to em alguma lista?', 'waitlist'],
    ['to na fila?', 'waitlist'],
    ['to na lista ainda?', 'waitlist'],
    // one named, without "de espera": whether the patient is on it
    ['ainda estou na fila do dermato?', 'waitlist'],
    ['lista d espera dr carlos amanha noite', 'waitlist'],
    ['em q lista eu to?', 'waitlist'],
    ['ql fila eu to', 'waitlist'],
    ['to na fila de cardio?', 'waitlist'],
    ['to na lista da dra ana ainda', 'waitlist'],
    // squeeze-in asked: a booking (the conversation says none is made); waiting for one stays the waitlist
    ['preciso de um encaixe', 'book'],
    ['fila pra encaixe', 'waitlist'],
    // typos, "na lista" alone after a put verb, and the wish to be told written last
    ['me coloca na lista de esprea da dermato', 'waitlist'],
    ['qro entra na lsta de espera pra cardio', 'waitlist'],
    ['me coloca na lista', 'waitlist'],
    ['qual minha posição?', 'waitlist'],
    ['qual a minha colocação?', 'waitlist'],
    ['me coloca na lista do dr rui', 'waitlist'],
    ['pode me botar na fila?', 'waitlist'],
    ['entra na fila pra mim', 'waitlist'],
    ['me coloca na lsita de espera de cardio sexta', 'waitlist'],
    ['quero entrar na fila', 'waitlist'],
    ['me põe na fila', 'waitlist'],
    ['me poe na fila de dermato', 'waitlist'],
    ['bota meu nome na lista', 'waitlist'],
    ['se vagar algum horario de dermato essa semana me avisa', 'waitlist'],
    ['se abrir vaga com a dra ana me avise por favor', 'waitlist'],
    ['quero falar com uma atendente', 'handoff'],
    ['posso falar com uma pessoa?', 'handoff'],
    ['falar c humano', 'handoff'],
    ['quero falar cm alguem', 'handoff'],
    ['tem alguem ai pra me atender?', 'handoff'],
    // someone to see the patient is a booking
    ['tem alguem pra atender amanha de manha, quero marcar', 'book'],
    ['me liga', 'handoff'],
    ['pode me ligar?', 'handoff'],
    ['vcs podem me ligar amanhã?', 'handoff'],
    ['liga pra mim por favor', 'handoff'],
    ['prefiro falar por telefone', 'handoff'],
    ['quero falar com alguém', 'handoff'],
    ['me liga quando abrir vaga', 'waitlist'],
    ['prefiro uma ligação', 'handoff'],
    ['qual o telefone de vcs?', 'unknown'],
    ['bom dia', 'greeting'],
    ['oiii', 'greeting'],
    ['Olá, tudo bem?', 'greeting'],
    ['como funciona?', 'help'],
    ['o que vc faz?', 'help'],
    ['pode me ajudar?', 'help'],
    ['vc consegue me ajudar?', 'help'],
    ['pode me ajudar a marcar cardio amanhã?', 'book'],
    ['qual o endereço?', 'unknown'],
    ['👍', 'unknown'],
    ['asdfgh', 'unknown'],
  ])('%s → %s', (message, intent) => {
    expect(read(message).intent).toBe(intent);
  });

  it('a waving or raised hand is a greeting, alone or beside one; beside an ask the ask wins', () => {
    for (const m of ['👋', '👋🏽', '🙋', '🙋‍♀️', '🙋🏻‍♂️', '🖐️', 'oi 👋']) expect(read(m).intent, m).toBe('greeting');
    expect(read('👋 quero marcar cardio').intent).toBe('book');
  });

  it('lets the ask win over the greeting around it', () => {
    expect(read('boa tarde! gostaria de agendar').intent).toBe('book');
    expect(read('oi, preciso cancelar').intent).toBe('cancel');
  });

  it('a greeting before a short answer is that answer: "bom dia, sim" to a reminder confirms (weakly)', () => {
    for (const m of ['Bom dia! Sim', 'td bem, pode ser', 'oi, ok']) {
      expect(read(m), m).toEqual({ intent: 'confirm', confidence: CONFIDENCE.weak, evidence: 'weak' });
    }
    expect(read('boa tarde, tenho uma dúvida').intent).toBe('help');
    // a greeting alone, or with nothing else asked, stays one
    expect(read('oi, tudo bem?').intent).toBe('greeting');
    expect(read('olá, boa noite, tudo bem com vocês?').intent).toBe('greeting');
  });

  it('ignores a negated intent word', () => {
    expect(read('não quero cancelar, quero remarcar').intent).toBe('reschedule');
    expect(read('nao quero marcar nada').intent).toBe('unknown');
  });

  it('reads "eae", a held-down "bom diaa" and "queria ver um horário" after a greeting', () => {
    expect(read('eae').intent).toBe('greeting');
    expect(read('bom diaa').intent).toBe('greeting');
    expect(read('boa tardee!').intent).toBe('greeting');
    expect(read('oi, td bem? queria ver um horario').intent).toBe('book');
  });

  it('reads a vowel held down at the end of a word ("desmarcaa", "cancelaaa", "amanhaa") as typed once', () => {
    expect(read('desmarcaa minha consulta').intent).toBe('cancel');
    expect(read('cancelaaa a de amanha').intent).toBe('cancel');
    expect(read('cancelaa a de amanhaa').intent).toBe('cancel');
    expect(read('quero remarcaaa').intent).toBe('reschedule');
    // a doubled "o" is a word's own ("enjoo", "voo"), and a doubled letter inside a word is kept ("passar", "isso")
    expect(fold(prepare('enjoo no voo, da pra passar isso?'))).toBe('enjoo no voo, da pra passar isso?');
  });

  it('a "não" that ends its clause does not negate the ask after it', () => {
    expect(read('não, quero remarcar').intent).toBe('reschedule');
    expect(read('nao. quero marcar').intent).toBe('book');
    expect(read('não, não quero marcar').intent).toBe('unknown');
  });

  it('prefers the specific ask over the words inside it', () => {
    // "cancelar" inside a waitlist ask, "marcar" inside "remarcar", "desmarcar" beside a handoff
    expect(read('se alguem cancelar me avisa').intent).toBe('waitlist');
    expect(read('quero desmarcar e marcar outro dia').intent).toBe('cancel');
    expect(read('quero desmarcar, me passa pra uma atendente').intent).toBe('handoff');
  });

  it('treats a bare "sim" as a confirmation it is unsure of, and not inside a longer sentence', () => {
    const yes = read('sim');
    expect(yes).toMatchObject({ intent: 'confirm', evidence: 'weak' });
    expect(yes.confidence).toBeLessThan(LLM_THRESHOLD);
    expect(read('ok obrigado pela ajuda, até mais').intent).toBe('unknown');
  });

  it('is sure of a strong match and unsure without one', () => {
    expect(read('quero marcar').confidence).toBe(CONFIDENCE.strong);
    expect(read('hmm').confidence).toBeLessThan(LLM_THRESHOLD);
  });

  it('stays fast and correct on a long message', () => {
    const long = `${'bla '.repeat(5000)}quero marcar`;
    const started = performance.now();
    expect(read(long).intent).toBe('book');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
