/**
 * "ainda tô na fila de espera do dermato?": the entries the question is about, read by the real language layer over
 * the demo clinic (narrowWaitlist), and the answer's words (pt-BR waitlistStatus).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { narrowWaitlist } from '../../../machines/booking/dialogue';
import type { PatientWaitlistEntry } from '../../../machines/booking/world';
import { waitlistStatus } from '../../../locales/pt-BR/conversation';
import { demoClinic, NOW, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

function entry(over: Partial<PatientWaitlistEntry> & Pick<PatientWaitlistEntry, 'id'>): PatientWaitlistEntry {
  return { specialty: null, provider_name: null, provider_id: null, specialties: [], location_id: null, date_from: null, date_to: null, periods: [], position: 1, ...over };
}

async function asked(message: string, entries: PatientWaitlistEntry[]) {
  const u = await c.understand(message, NOW);
  const places = [...c.locations.values()].map((l) => ({ id: l.id, name: l.name }));
  const status = narrowWaitlist({ ...u, provider_names: [] }, { entries, offer: null, places });
  return { ids: status.entries.map((e) => e.id), others: (status.others ?? []).map((e) => e.id), asked: status.asked ?? null };
}

describe('narrowWaitlist: the entries a waitlist question names', () => {
  const centro = () => c.locations.get('Unidade Centro')!.id;
  const savassi = () => c.locations.get('Unidade Savassi')!.id;
  const ana = () => c.providers.get('Dra. Ana Souza')!.id;
  const entries = () => [
    entry({ id: 'derm', specialty: 'Dermatologia', specialties: ['Dermatologia'], location_id: savassi() }),
    entry({ id: 'ana', provider_id: ana(), provider_name: 'Dra. Ana Souza', specialties: ['Cardiologia'], location_id: centro() }),
    entry({ id: 'ped', specialty: 'Pediatria', specialties: ['Pediatria'] }),
  ];

  it('names nothing: every entry', async () => {
    expect(await asked('tô na lista de espera?', entries())).toEqual({ ids: ['derm', 'ana', 'ped'], others: [], asked: null });
  });

  it('a specialty: its entries, whoever they wait for', async () => {
    expect((await asked('ainda to na fila de espera do dermato?', entries())).ids).toEqual(['derm']);
    expect((await asked('qual minha posição na lista de espera da cardio?', entries())).ids).toEqual(['ana']);
  });

  it('a provider: the entries for them, and those for any provider of their specialty', async () => {
    expect((await asked('to na lista de espera da dra ana?', entries())).ids).toEqual(['ana']);
    expect((await asked('to na lista de espera do dr paulo?', entries())).ids).toEqual([]);
    const anyCardiologist = [entry({ id: 'cardio', specialty: 'Cardiologia', specialties: ['Cardiologia'] })];
    expect((await asked('to na lista de espera do dr paulo?', anyCardiologist)).ids).toEqual(['cardio']);
  });

  it('a place: the entries there and those for any place', async () => {
    expect((await asked('to na lista de espera da savassi?', entries())).ids).toEqual(['derm', 'ped']);
    expect((await asked('to na fila de espera do dermato na unidade centro?', entries())).ids).toEqual([]);
  });

  it('none of what it names: no entry asked about, the others kept to say where the patient is', async () => {
    expect(await asked('ainda to na fila de espera do ortopedista?', entries())).toEqual({
      ids: [],
      others: ['derm', 'ana', 'ped'],
      asked: { specialty: 'Ortopedia', provider_name: null, location_name: null },
    });
    expect((await asked('to na fila de espera do dermato na unidade centro?', entries())).asked).toEqual({
      specialty: 'Dermatologia',
      provider_name: null,
      location_name: 'Unidade Centro',
    });
  });
});

describe('waitlistStatus: the answer when the question names what no entry is for', () => {
  const view = { specialty: 'Dermatologia', provider_name: null, wish: ' para amanhã (qua, 25/11), de manhã', position: 2 };

  it('says so, then the entry there is', () => {
    expect(waitlistStatus([], null, { asked: { specialty: 'Cardiologia', provider_name: null, location_name: 'Unidade Savassi' }, others: [view] })).toBe(
      'Você não está na lista de espera de Cardiologia na Unidade Savassi. Você está na lista de espera de Dermatologia para amanhã (qua, 25/11), de manhã, na posição 2. Aviso assim que abrir um horário.',
    );
  });

  it('several entries there are: listed', () => {
    const other = { specialty: null, provider_name: 'Dra. Ana Souza', wish: '', position: 1 };
    expect(waitlistStatus([], null, { asked: { specialty: null, provider_name: 'Dr. Paulo Lima', location_name: null }, others: [view, other] })).toBe(
      'Você não está na lista de espera do Dr. Paulo Lima.\nVocê tem 2 pedidos na lista de espera:\n' +
        '• Dermatologia para amanhã (qua, 25/11), de manhã, na posição 2\n• com Dra. Ana Souza, na posição 1\nAviso assim que abrir um horário.',
    );
  });
});
