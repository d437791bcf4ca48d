import { describe, expect, it } from 'vitest';
import { buildMatchers, defaultTypeId, findEntities, providersByName } from '../../../src/core/language/entities';
import { fold, prepare } from '../../../src/core/language/normalize';
import type { LanguageCatalog } from '../../../src/core/language/types';

const catalog: LanguageCatalog = {
  timezone: 'America/Sao_Paulo',
  specialties: ['Cardiologia', 'Clínica Geral', 'Dermatologia', 'Acupuntura'],
  providers: [
    { id: 'ana', name: 'Dra. Ana Souza', specialties: ['Cardiologia'] },
    { id: 'paulo', name: 'Dr. Paulo Lima', specialties: ['Cardiologia'] },
    { id: 'ana2', name: 'Dra. Ana Beatriz Rocha', specialties: ['Dermatologia'] },
    { id: 'marcos', name: 'Dr. Marcos Pereira', specialties: ['Clínica Geral'] },
  ],
  appointmentTypes: [
    { id: 'consulta', name: 'Consulta', synonyms: ['consulta', 'primeira consulta', 'avaliação'], specialty: null, duration_minutes: 30 },
    { id: 'retorno', name: 'Retorno', synonyms: ['retorno', 'revisão', 'mostrar exames'], specialty: null, duration_minutes: 20 },
  ],
  locations: [
    { id: 'centro', name: 'Unidade Centro', address: 'Av. Afonso Pena, 1000', timezone: 'America/Sao_Paulo' },
    { id: 'savassi', name: 'Unidade Savassi', address: null, timezone: 'America/Sao_Paulo' },
  ],
};
const matchers = buildMatchers(catalog);
const find = (message: string) => {
  const original = prepare(message);
  return findEntities(original, fold(original), matchers, catalog);
};

/** The catalogue above with the demo clinic's longer names, for typos. */
const typoCatalog: LanguageCatalog = {
  ...catalog,
  providers: [
    ...catalog.providers,
    { id: 'fernanda', name: 'Dra. Fernanda Rocha', specialties: ['Ginecologia'] },
    { id: 'juliana', name: 'Dra. Juliana Martins', specialties: ['Oftalmologia'] },
  ],
};
const typoMatchers = buildMatchers(typoCatalog);
const findIn = (c: LanguageCatalog, message: string) => {
  const original = prepare(message);
  return findEntities(original, fold(original), c === typoCatalog ? typoMatchers : buildMatchers(c), c);
};

describe('entities', () => {
  it.each([
    ['quero marcar cardio', 'Cardiologia'],
    ['consulta com cardiologista', 'Cardiologia'],
    ['algo pro coração', 'Cardiologia'],
    ['dermato sexta', 'Dermatologia'],
    ['um clinico geral', 'Clínica Geral'],
    ['CLINICA GERAL', 'Clínica Geral'],
    ['acupuntura amanhã', 'Acupuntura'],
    ['preciso de um pediatra', 'Pediatria'],
  ])('specialty in %j → %s', (message, canonical) => {
    expect(find(message).specialty?.canonical).toBe(canonical);
  });

  it('keeps the words as written, accents and case included', () => {
    const found = find('Quero o CARDIOLOGISTA na Unidade Centro, com a Dra. Ana Souza — uma avaliação');
    expect(found.specialty?.text).toBe('CARDIOLOGISTA');
    expect(found.location).toEqual({ text: 'Unidade Centro', id: 'centro' });
    expect(found.provider).toEqual({ text: 'Dra. Ana Souza', ids: ['ana'] });
    expect(found.appointmentType).toEqual({ text: 'avaliação', id: 'consulta' });
  });

  it.each([
    ['com a dra ana souza', ['ana']],
    ['doutora ana souza', ['ana']],
    ['dr paulo', ['paulo']],
    ['paulo lima', ['paulo']],
    ['dr. lima', ['paulo']],
    ['com o marcos', ['marcos']],
    ['ana beatriz rocha', ['ana2']],
    ['ana rocha', ['ana2']],
  ])('provider in %j', (message, ids) => {
    expect(find(message).provider?.ids).toEqual(ids);
  });

  it('lists every provider a name fits', () => {
    expect(find('com a dra ana').provider?.ids.sort()).toEqual(['ana', 'ana2']);
  });

  it('does not read a bare first name or a patient-like name as a provider', () => {
    expect(find('meu nome é ana').provider).toBeNull();
    expect(find('quero marcar').provider).toBeNull();
  });

  it('takes the last mention that is not negated', () => {
    expect(find('não com o dr paulo, com a dra ana souza').provider?.ids).toEqual(['ana']);
    expect(find('cardio... na verdade dermato').specialty?.canonical).toBe('Dermatologia');
    expect(find('nao quero no centro, prefiro savassi').location?.id).toBe('savassi');
    expect(find('não é dermato').specialty).toBeNull();
  });

  it('a "não" that ends its clause does not negate what follows', () => {
    expect(find('não, dermato').specialty?.canonical).toBe('Dermatologia');
    expect(find('nao. com a dra ana souza').provider?.ids).toEqual(['ana']);
  });

  it('prefers a specific type over the generic "consulta"', () => {
    expect(find('uma consulta de retorno').appointmentType?.id).toBe('retorno');
    expect(find('quero mostrar exames').appointmentType?.id).toBe('retorno');
    // a synonym as patients word it: the noun in the singular, an article or a possessive before it
    for (const message of ['é só pra mostrar exame pra dra ana', 'so pra mostrar os exames', 'mostrar o exame', 'quero mostrar meus exames', 'uma consulta so pra mostrar os exames'])
      expect(find(message).appointmentType?.id, message).toBe('retorno');
    expect(find('primeira consulta').appointmentType).toEqual({ text: 'primeira consulta', id: 'consulta' });
  });

  it('finds a location by its distinctive word but not inside other words', () => {
    expect(find('no centro').location?.id).toBe('centro');
    expect(find('savassi de manha').location?.id).toBe('savassi');
    expect(find('concentro').location).toBeNull();
  });

  it('a place after "em vez de", "ao invés de", "no lugar de" is the one given up, not the one wished', () => {
    expect(find('da pra fazer a de cardio no centro em vez da savassi?').location).toEqual({ text: 'centro', id: 'centro' });
    expect(find('pode ser na savassi ao invés do centro').location?.id).toBe('savassi');
    expect(find('quero no centro no lugar da unidade savassi').location?.id).toBe('centro');
    expect(find('em vez de ir na savassi, pode ser no centro?').location?.id).toBe('centro');
    expect(find('da pra ser em outro lugar em vez da savassi?').location).toBeNull();
  });

  it('finds a location with a typo after "na", "no", "unidade" ("na savasi", "unidade centru"), not a negated one or a far word', () => {
    expect(find('amanha na savasi').location).toEqual({ text: 'savasi', id: 'savassi' });
    expect(find('na unidade centru de manha').location?.id).toBe('centro');
    expect(find('amanha nao na savasi').location).toBeNull();
    expect(find('amanha na sexta').location).toBeNull();
    expect(find('savasi').location).toBeNull();
  });

  it('knows the default type and reads names an LLM hands back', () => {
    expect(defaultTypeId(catalog)).toBe('consulta');
    expect(defaultTypeId({ ...catalog, appointmentTypes: [catalog.appointmentTypes[1]!] })).toBe('retorno');
    expect(defaultTypeId({ ...catalog, appointmentTypes: [] })).toBeNull();
    expect(providersByName('Paulo', matchers)).toEqual(['paulo']);
    expect(providersByName('Dra. Ana Souza', matchers)).toEqual(['ana']);
    expect(providersByName('Zé', matchers)).toEqual([]);
  });
});

describe('entities: typos and alternatives', () => {
  it.each([
    ['tem vaga pra oftamologista amanha?', 'Oftalmologia', 'oftamologista'],
    ['agendar dermatolgista sexta', 'Dermatologia', 'dermatolgista'],
    ['ginicologista', 'Ginecologia', 'ginicologista'],
    // a short form typed with a letter held down
    ['quero marcar dermatoo', 'Dermatologia', 'dermatoo'],
    ['cardioo amanha', 'Cardiologia', 'cardioo'],
  ])('reads a specialty with a typo in %j', (message, canonical, text) => {
    expect(find(message).specialty).toEqual({ canonical, text });
  });

  it('does not stretch short or common words into specialties', () => {
    expect(find('a clínica fica perto do metrô?').specialty).toBeNull();
    expect(find('não é dermatolgista').specialty).toBeNull();
    expect(find('nao quero dermatoo').specialty).toBeNull();
    expect(find('que carro lindo').specialty).toBeNull();
  });

  it('keeps every provider offered as an alternative, but not a corrected one', () => {
    expect(find('com a dra ana souza ou o dr paulo, tanto faz').provider).toEqual({ text: 'dra ana souza ou o dr paulo', ids: ['ana', 'paulo'] });
    expect(find('dr paulo e dr marcos').provider?.ids).toEqual(['paulo', 'marcos']);
    expect(find('com o dr paulo, quer dizer, com a dra ana souza').provider?.ids).toEqual(['ana']);
  });

  it('keeps each provider of appointments named one after the other ("a da dra ana e a do dr paulo")', () => {
    expect(find('cancela a da dra ana souza e a do dr paulo').provider?.ids).toEqual(['ana', 'paulo']);
    expect(find('desmarca a consulta com a dra ana souza e a com o dr paulo').provider?.ids).toEqual(['ana', 'paulo']);
    expect(find('confirmo a do dr paulo e a da dra ana souza').provider?.ids).toEqual(['paulo', 'ana']);
  });

  it.each([
    ['quero trocar a dra ana souza pelo dr paulo', ['paulo'], ['ana']],
    ['mudar minha consulta da dra ana pro dr paulo', ['paulo'], ['ana', 'ana2']],
    ['troca a dra ana souza, pelo marcos', ['marcos'], ['ana']],
    ['quero trocar de médico pelo dr paulo', ['paulo'], []],
  ])('a swap of providers in %j: who comes instead, and who is replaced', (message, ids, replaced) => {
    const found = find(message);
    expect(found.provider?.ids).toEqual(ids);
    expect(found.replacedProvider).toEqual(replaced);
  });

  it.each(['quero marcar com a dra ana pro dr paulo', 'quero remarcar pra sexta com o dr paulo', 'trocar a dra ana. marcar pelo dr paulo', 'com a dra ana ou o dr paulo'])(
    'no swap of providers in %j',
    (message) => expect(find(message).replacedProvider).toBeUndefined(),
  );

  it.each([
    ['quero marcar com a dra fernada', ['fernanda'], 'dra fernada'],
    ['dr paullo amanhã', ['paulo'], 'dr paullo'],
    ['doutora rocah', ['ana2', 'fernanda'], 'doutora rocah'],
    ['quero marcar com a juliaana', ['juliana'], 'juliaana'],
    ['com o marcso sexta', ['marcos'], 'marcso'],
    ['pode ser pela fernanad?', ['fernanda'], 'fernanad'],
    ['com a dra Pereria', ['marcos'], 'dra Pereria'],
    // a letter spelling the same sound: a variant of the name, even a short one
    ['quero marcar com o dr marcus', ['marcos'], 'dr marcus'],
    ['com o marcus amanha', ['marcos'], 'marcus'],
  ])('reads a provider name with a typo in %j', (message, ids, text) => {
    expect(findIn(typoCatalog, message).provider).toEqual({ text, ids });
  });

  it.each([
    'quero marcar com a minha mãe',
    'com o marido dela',
    'pela manhã',
    'com urgência',
    'com a mesma médica',
    'com calma',
    'meu nome é fernada',
    'quero marcar fernada',
    'com a dra',
    'não com a dra fernada',
    'com a juliaaaana',
    'dr pablo',
    'com o pedro',
  ])('does not stretch other words into a provider name: %j', (message) => {
    expect(findIn(typoCatalog, message).provider).toBeNull();
  });

  it('the first two names without the surname name the provider ("dra ana paula" for Dra. Ana Paula Souza, beside Dra. Ana Souza)', () => {
    const two: LanguageCatalog = { ...catalog, providers: [...catalog.providers, { id: 'anapaula', name: 'Dra. Ana Paula Souza', specialties: ['Cardiologia'] }] };
    expect(findIn(two, 'quero marcar com a dra ana paula').provider).toEqual({ text: 'dra ana paula', ids: ['anapaula'] });
    expect(findIn(two, 'ana paula amanha').provider?.ids).toEqual(['anapaula']);
    expect(findIn(two, 'dra ana').provider?.ids).toEqual(['ana', 'ana2', 'anapaula']);
  });

  it('an exact full name wins over another provider\'s first and last names ("dra ana souza" is Dra. Ana Souza, not Dra. Ana Paula Souza too)', () => {
    const two: LanguageCatalog = { ...catalog, providers: [...catalog.providers, { id: 'anapaula', name: 'Dra. Ana Paula Souza', specialties: ['Cardiologia'] }] };
    const souza = catalog.providers.find((p) => p.name === 'Dra. Ana Souza')!.id;
    expect(findIn(two, 'quero marcar com a dra ana souza').provider).toEqual({ text: 'dra ana souza', ids: [souza] });
    expect(findIn(two, 'com a DRA ANA SOUZA amanha').provider?.ids).toEqual([souza]);
    expect(findIn(two, 'dra ana paula souza').provider?.ids).toEqual(['anapaula']);
    expect(providersByName('Dra. Ana Souza', buildMatchers(two))).toEqual([souza]);
  });

  it('an exact name wins over a near one', () => {
    expect(findIn(typoCatalog, 'dr paulo lma').provider).toEqual({ text: 'dr paulo', ids: ['paulo'] });
  });

  it('two names equally near: no guess', () => {
    const twins: LanguageCatalog = {
      ...typoCatalog,
      providers: [
        { id: 'maria', name: 'Dra. Marina Dias', specialties: ['Cardiologia'] },
        { id: 'mariana', name: 'Dra. Mariana Reis', specialties: ['Cardiologia'] },
      ],
    };
    expect(findIn(twins, 'com a dra marinna').provider).toBeNull();
  });

  it.each([
    ['quero marcar cardio e dermato', ['Cardiologia', 'Dermatologia'], 'cardio'],
    ['uma consulta de dermatologia e outra de cardiologia', ['Dermatologia', 'Cardiologia'], 'dermatologia'],
    ['pediatra, cardio e clinico geral', ['Pediatria', 'Cardiologia', 'Clínica Geral'], 'pediatra'],
    ['quero marcar cardio amanha e dermato', ['Cardiologia', 'Dermatologia'], 'cardio'],
    ['cardio na sexta de manhã e dermato', ['Cardiologia', 'Dermatologia'], 'cardio'],
    // each for someone: who it is for between them ("pra mim", "pro meu filho") is no correction
    ['marcar cardio pra mim e dermato pro meu filho', ['Cardiologia', 'Dermatologia'], 'cardio'],
    ['cardio pro meu pai e dermato pra minha filha', ['Cardiologia', 'Dermatologia'], 'cardio'],
    ['quero cardio pra minha mae e pra mim dermato', ['Cardiologia', 'Dermatologia'], 'cardio'],
    // each at its own place: the place between them is no correction either
    ['quero marcar cardio no centro e dermato na savassi', ['Cardiologia', 'Dermatologia'], 'cardio'],
    ['cardio na unidade centro e dermato', ['Cardiologia', 'Dermatologia'], 'cardio'],
  ])('two specialties asked together in %j: the first one, and all of them listed', (message, all, text) => {
    const found = find(message);
    expect(found.specialty).toEqual({ text, canonical: all[0] });
    expect(found.specialties).toEqual(all);
  });

  it.each([
    ['queria uma medica de mulher', 'Ginecologia'],
    ['preciso de um médico da mulher', 'Ginecologia'],
    ['medico de osso', 'Ortopedia'],
    ['quero um médico dos ossos pro meu pai', 'Ortopedia'],
    ['médico de ouvido', 'Otorrinolaringologia'],
  ])('a specialty in lay words: %j is %s', (message, canonical) => {
    expect(find(message).specialty?.canonical).toBe(canonical);
  });

  it('a body word after the specialty named does not take its place: the specialty as named', () => {
    const found = find('gostaria de agendar uma consulta com um dermatologista, pois estou com uma alergia na pele');
    expect(found.specialty).toEqual({ text: 'dermatologista', canonical: 'Dermatologia' });
    expect(find('queria um medico de pele').specialty).toEqual({ text: 'pele', canonical: 'Dermatologia' });
  });

  it.each(['cardio... na verdade dermato', 'cardio amanha, na verdade dermato', 'cardio, quer dizer, dermato', 'não é cardio, é dermato', 'cardio ou dermato', 'cardio e cardiologista'])(
    'a correction or the same specialty twice is one specialty: %j',
    (message) => {
      expect(find(message).specialties).toBeUndefined();
    },
  );

  it('measures edit distance with adjacent swaps as one', async () => {
    const { editDistance } = await import('../../../src/core/language/entities');
    expect(editDistance('cardiologista', 'cardiologista', 2)).toBe(0);
    expect(editDistance('cardiolgoista', 'cardiologista', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
