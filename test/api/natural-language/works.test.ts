import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { demoClinic } from './helpers';

let t: TestApp;
let demo: Awaited<ReturnType<typeof demoClinic>>;
beforeEach(async () => {
  t = await createTestApp(); // 2026-11-25T12:00Z: Wednesday 09:00 in Belo Horizonte
  demo = await demoClinic(t);
});
afterEach(() => t.close());

describe('natural language: what works', () => {
  it('reads the one-message booking of CONVERSATION.md and proposes slots that book', async () => {
    const res = await demo.ask({ message: 'oi, queria marcar cardiologista amanha de manha' });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({
      intent: 'book',
      entities: { specialty: 'cardiologista', date_text: 'amanha', period: 'manha', provider_name: null, location: null },
      resolved: {
        specialty: 'Cardiologia',
        provider_ids: [],
        appointment_type_id: demo.type('Consulta').id,
        location_id: null,
        date_from: '2026-11-26',
        date_to: '2026-11-26',
        time_from: '06:00',
        time_to: '12:00',
        time: null,
      },
      missing: [],
      used_llm: false,
    });
    expect(body.confidence).toBeGreaterThanOrEqual(0.9);
    const slots = body.suggested_slots as any[];
    expect(slots.length).toBe(5);
    const cardiologists = [demo.provider('Dra. Ana Souza').id, demo.provider('Dr. Paulo Lima').id];
    for (const s of slots) {
      expect(cardiologists).toContain(s.provider_id);
      expect(s.date).toBe('2026-11-26');
      expect(s.start_time >= '06:00' && s.start_time < '12:00').toBe(true);
    }
    const scores = slots.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    // availability proposes, booking disposes: the best suggestion books, and is not suggested again
    const best = slots[0];
    const booked = await t.api(
      'POST',
      '/appointments',
      {
        provider_profile_id: best.provider_id,
        patient_id: demo.patient.id,
        appointment_type_id: demo.type('Consulta').id,
        location_id: best.location.id,
        start_time: best.start_at,
        end_time: best.end_at,
      },
      { key: demo.apiKey },
    );
    expect(booked.status).toBe(201);
    const again = await demo.ask({ message: 'oi, queria marcar cardiologista amanha de manha' });
    expect(again.body.suggested_slots.some((s: any) => s.provider_id === best.provider_id && s.start_at === best.start_at)).toBe(false);
  });

  it('resolves a provider by name, its specialty, an exact time and suggests that time first', async () => {
    const res = await demo.ask({ message: 'Quero marcar com a Dra. Ana Souza na sexta às 10h' });
    expect(res.status).toBe(200);
    expect(res.body.entities).toMatchObject({ provider_name: 'Dra. Ana Souza', time: expect.stringContaining('10h') });
    expect(res.body.resolved).toMatchObject({
      specialty: 'Cardiologia',
      provider_ids: [demo.provider('Dra. Ana Souza').id],
      date_from: '2026-11-27',
      date_to: '2026-11-27',
      time: '10:00',
      time_from: null,
      time_to: null,
    });
    expect(res.body.suggested_slots[0]).toMatchObject({ provider_id: demo.provider('Dra. Ana Souza').id, date: '2026-11-27', start_time: '10:00' });
  });

  it('an exact time far from every start (the clinic closed by then) suggests the starts nearest to it', async () => {
    const res = await demo.ask({ message: 'Quero marcar com a Dra. Ana Souza na sexta às 23h' });
    expect(res.body.resolved).toMatchObject({ date_from: '2026-11-27', time: '23:00' });
    const suggested = (res.body.suggested_slots as any[]).map((s) => s.start_time);
    expect(suggested.length).toBeGreaterThan(0);
    // the day's latest starts, latest first
    const day = await t.api(
      'GET',
      `/slots?provider_id=${demo.provider('Dra. Ana Souza').id}&appointment_type_id=${demo.type('Consulta').id}&date_from=2026-11-27&date_to=2026-11-27&limit=200`,
      undefined,
      { key: demo.apiKey },
    );
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    const latest = (day.body.data as any[]).map((s) => s.start_time).sort().reverse();
    expect(suggested[0]).toBe(latest[0]);
    expect(suggested).toEqual([...suggested].sort().reverse());
  });

  it('says what a booking still lacks and proposes nothing until then', async () => {
    const res = await demo.ask({ message: 'quero marcar uma consulta' });
    expect(res.body).toMatchObject({ intent: 'book', missing: ['specialty_or_provider', 'date'], suggested_slots: [] });
    const dated = await demo.ask({ message: 'dermato semana que vem a tarde' });
    expect(dated.body).toMatchObject({
      intent: 'book',
      resolved: { specialty: 'Dermatologia', date_from: '2026-11-30', date_to: '2026-12-06', time_from: '12:00', time_to: '18:00' },
      missing: [],
    });
    expect(dated.body.suggested_slots.length).toBeGreaterThan(0);
    expect(dated.body.suggested_slots.every((s: any) => s.start_time >= '12:00' && s.start_time < '18:00')).toBe(true);
  });

  it('a weekday beside a date that is another weekday takes no date: the two days come back, the date is missing', async () => {
    const res = await demo.ask({ message: 'quero marcar cardio sexta dia 5' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      intent: 'book',
      entities: { date_text: 'sexta dia 5' },
      resolved: { specialty: 'Cardiologia', date_from: null, date_to: null, date_conflict: { day: '2026-12-05', weekday: '2026-12-04' } },
      missing: ['date'],
      suggested_slots: [],
    });
    const agreeing = await demo.ask({ message: 'quero marcar cardio sexta dia 4' });
    expect(agreeing.body.resolved).toMatchObject({ date_from: '2026-12-04', date_to: '2026-12-04' });
    expect(agreeing.body.resolved).not.toHaveProperty('date_conflict');

    const doc = (await t.app.request('/openapi.json')).json() as Promise<any>;
    const resolved = (await doc).components.schemas.NaturalLanguageResponse.properties.resolved;
    expect(resolved.properties).toHaveProperty('date_conflict');
    expect(resolved.required).not.toContain('date_conflict');
  });

  it('reports a day its month does not have ("31/11") as written, with no date taken and the date still missing', async () => {
    const res = await demo.ask({ message: 'quero marcar cardio dia 31/11' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      intent: 'book',
      resolved: { specialty: 'Cardiologia', date_from: null, date_to: null, date_invalid: { text: '31/11', day: 31, month: 11, year: null } },
      missing: ['date'],
      suggested_slots: [],
    });
    const withYear = await demo.ask({ message: 'dermato 29/02/2027' });
    expect(withYear.body.resolved.date_invalid).toEqual({ text: '29/02/2027', day: 29, month: 2, year: 2027 });
    const real = await demo.ask({ message: 'quero marcar cardio dia 30/11' });
    expect(real.body.resolved).toMatchObject({ date_from: '2026-11-30' });
    expect(real.body.resolved).not.toHaveProperty('date_invalid');

    const doc = (await (await t.app.request('/openapi.json')).json()) as any;
    const resolved = doc.components.schemas.NaturalLanguageResponse.properties.resolved;
    expect(resolved.properties).toHaveProperty('date_invalid');
    expect(resolved.required).not.toContain('date_invalid');
  });

  it('reads "nas próximas duas semanas" and "nos próximos 10 dias" as a range from tomorrow, not as no date', async () => {
    const weeks = await demo.ask({ message: 'quero marcar cardio nas próximas duas semanas' });
    expect(weeks.body).toMatchObject({ intent: 'book', resolved: { specialty: 'Cardiologia', date_from: '2026-11-26', date_to: '2026-12-09' }, missing: [] });
    const days = await demo.ask({ message: 'dermato nos proximos 10 dias' });
    expect(days.body.resolved).toMatchObject({ date_from: '2026-11-26', date_to: '2026-12-05' });
  });

  it('uses the location named in the message, else the one of the request, and keeps suggestions there', async () => {
    const savassi = demo.location('Unidade Savassi');
    const named = await demo.ask({ message: 'cardio amanhã de manhã na savassi' });
    expect(named.body.resolved.location_id).toBe(savassi.id);
    expect(named.body.entities.location).toBe('savassi');
    expect(named.body.suggested_slots.every((s: any) => s.location.id === savassi.id)).toBe(true);

    const fromRequest = await demo.ask({ message: 'cardio amanhã de manhã', location_id: savassi.id });
    expect(fromRequest.body.resolved.location_id).toBe(savassi.id);
    expect(fromRequest.body.suggested_slots.length).toBeGreaterThan(0);
    expect(fromRequest.body.suggested_slots.every((s: any) => s.location.id === savassi.id)).toBe(true);
  });

  it('resolves relative words against reference_time, defaulting to now', async () => {
    const now = await demo.ask({ message: 'amanhã' });
    expect(now.body.resolved.date_from).toBe('2026-11-26');
    const later = await demo.ask({ message: 'amanhã', reference_time: '2026-12-31T22:00:00-03:00' });
    expect(later.body.resolved).toMatchObject({ date_from: '2027-01-01', date_to: '2027-01-01' });
  });

  it('near the end of the calendar (year 9999) it answers without suggestions, not a 500 or a 422 about date_to', async () => {
    for (const reference_time of ['9998-12-31T12:00:00Z', '9999-11-30T12:00:00Z', '9999-12-31T12:00:00Z']) {
      for (const message of ['cardio próximo mês à noite', 'cardio semana que vem', 'cardio no sábado', 'cardio amanhã de manhã']) {
        const res = await demo.ask({ message, reference_time });
        expect(res.status, `${reference_time} ${message}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(200);
        expect(res.body.suggested_slots).toEqual([]);
      }
    }
  });

  it('answers the other intents without booking facts', async () => {
    const cases: Array<[string, string]> = [
      ['preciso desmarcar minha consulta', 'cancel'],
      ['quero remarcar', 'reschedule'],
      ['quais são minhas consultas?', 'list'],
      ['confirmo', 'confirm'],
      ['me coloca na lista de espera da dermato', 'waitlist'],
      ['quero falar com um atendente', 'handoff'],
      ['bom dia!', 'greeting'],
      ['como funciona?', 'help'],
      ['qual a senha do wifi?', 'unknown'],
    ];
    for (const [message, intent] of cases) {
      const res = await demo.ask({ message });
      expect(res.status, message).toBe(200);
      expect(res.body.intent, message).toBe(intent);
      expect(res.body.suggested_slots).toEqual([]);
    }
    expect((await demo.ask({ message: 'quero remarcar' })).body.missing).toEqual(['date']);
    expect((await demo.ask({ message: 'me coloca na lista de espera da dermato' })).body.missing).toEqual(['date']);
  });

  it('a cancel that says not going at a part of the day names the appointment in it: that part, not the rest of the day', async () => {
    const period = (body: any) => [body.intent, body.entities.period, body.resolved.time_from, body.resolved.time_to, body.resolved.time];
    // as "a de manhã não vou poder ir" reads
    expect(period((await demo.ask({ message: 'não vou poder ir de manhã' })).body)).toEqual(['cancel', 'manha', '06:00', '12:00', null]);
    expect(period((await demo.ask({ message: 'a de manhã não vou poder ir' })).body)).toEqual(['cancel', 'manha', '06:00', '12:00', null]);
    const afternoon = (await demo.ask({ message: 'amanha nao consigo ir a tarde' })).body;
    expect(period(afternoon)).toEqual(['cancel', 'tarde', '12:00', '18:00', null]);
    expect(afternoon.resolved).toMatchObject({ date_from: '2026-11-26', date_to: '2026-11-26' });
    // the part named is wished for the cancel, so not also refused
    expect(afternoon.resolved.refused_periods).toBeUndefined();
    // beside a booking word it is the booking's refused part: the rest of the day
    expect(period((await demo.ask({ message: 'quero marcar cardio sexta, não vou poder ir de manhã' })).body)).toEqual(['book', null, '12:00', '22:00', null]);
    const refusedAfternoon = (await demo.ask({ message: 'quero marcar cardio sexta, não vou poder ir à tarde' })).body;
    expect(period(refusedAfternoon)).toEqual(['book', null, '06:00', '22:00', null]);
    expect(refusedAfternoon.resolved.refused_periods).toEqual(['tarde']);
  });

  it('treats emoji-only text as unknown and a read-only key as enough', async () => {
    const emoji = await demo.ask({ message: '👍🙏😀' });
    expect(emoji.status).toBe(200);
    expect(emoji.body).toMatchObject({ intent: 'unknown', missing: [], suggested_slots: [] });
    const readOnly = (await t.core.keys.createKey(demo.tenantId, ['read'])).secret;
    expect((await demo.ask({ message: 'oi' }, readOnly)).status).toBe(200);
  });

  it('writes nothing', async () => {
    const count = async () => (await t.count('appointments')) + (await t.count('outbox'));
    const before = await count();
    await demo.ask({ message: 'oi, queria marcar cardiologista amanha de manha' });
    expect(await count()).toBe(before);
  });

  it('a swap of providers names the one replaced and the one who comes instead, and the OpenAPI document lists the field', async () => {
    const ana = demo.provider('Dra. Ana Souza').id;
    const paulo = demo.provider('Dr. Paulo Lima').id;
    const swap = await demo.ask({ message: 'quero trocar a dra ana pelo dr paulo' });
    expect(swap.status).toBe(200);
    expect(swap.body.resolved).toMatchObject({ provider_ids: [paulo], replaced_provider_ids: [ana] });
    const anyone = await demo.ask({ message: 'quero trocar de médico pelo dr paulo' });
    expect(anyone.body.resolved).toMatchObject({ provider_ids: [paulo], replaced_provider_ids: [] });
    const plain = await demo.ask({ message: 'quero marcar com o dr paulo' });
    expect(plain.body.resolved).not.toHaveProperty('replaced_provider_ids');

    const doc = (await t.app.request('/openapi.json')).json() as Promise<any>;
    const resolved = (await doc).components.schemas.NaturalLanguageResponse.properties.resolved;
    expect(resolved.properties).toHaveProperty('replaced_provider_ids');
    expect(resolved.required).not.toContain('replaced_provider_ids');
  });

  it('days offered each with its own part of the day ("sexta de tarde ou sábado de manhã"): resolved.day_periods, documented, and slots only in each day\'s part', async () => {
    const res = await demo.ask({ message: 'quero marcar cardio sexta de tarde ou sábado de manhã' });
    expect(res.status).toBe(200);
    expect(res.body.resolved).toMatchObject({
      dates: ['2026-11-27', '2026-11-28'],
      day_periods: [
        { date: '2026-11-27', period: 'tarde' },
        { date: '2026-11-28', period: 'manha' },
      ],
    });
    expect(new Set(res.body.suggested_slots.map((s: any) => s.date)).size).toBeGreaterThan(0);
    for (const s of res.body.suggested_slots) {
      const [from, to] = s.date === '2026-11-27' ? ['12:00', '18:00'] : ['06:00', '12:00'];
      expect(s.start_time >= from && s.start_time < to, `${s.date} ${s.start_time}`).toBe(true);
    }
    const plain = await demo.ask({ message: 'quero marcar cardio sexta ou sábado de manhã' });
    expect(plain.body.resolved).not.toHaveProperty('day_periods');
  });

  it('one part of one day left out ("semana que vem menos quarta à noite"): that day listed once per part kept, no evening of the other days refused, and slots keep to it', async () => {
    const res = await demo.ask({ message: 'quero marcar com a dra ana semana que vem menos quarta à noite' });
    expect(res.status).toBe(200);
    expect(res.body.resolved).toMatchObject({
      date_from: '2026-11-30',
      date_to: '2026-12-06',
      time_from: null,
      time_to: null,
      day_periods: [
        { date: '2026-12-02', period: 'manha' },
        { date: '2026-12-02', period: 'tarde' },
      ],
    });
    expect(res.body.resolved).not.toHaveProperty('refused_periods');
    expect(res.body.resolved.dates).toContain('2026-12-02');
    for (const s of res.body.suggested_slots) if (s.date === '2026-12-02') expect(s.start_time < '18:00', s.start_time).toBe(true);
    const doc = (await (await t.app.request('/openapi.json')).json()) as any;
    expect(doc.components.schemas.NaturalLanguageResponse.properties.resolved.properties.day_periods.description).toContain('once per part');
  });

  it('parts of the day wished together ("segunda de manhã e de tarde"): one window over both, not the last part alone', async () => {
    const res = await demo.ask({ message: 'quero marcar cardio segunda de manhã e de tarde' });
    expect(res.body.resolved).toMatchObject({ date_from: '2026-11-30', time_from: '06:00', time_to: '18:00', time: null });
    const starts = res.body.suggested_slots.map((s: any) => s.start_time as string);
    expect(starts.some((t: string) => t < '12:00')).toBe(true);
  });

  it('the afternoon refused leaves the morning and the evening: the whole day with the afternoon inside it refused', async () => {
    const res = await demo.ask({ message: 'quero marcar cardio amanhã, à tarde não posso' });
    expect(res.status).toBe(200);
    expect(res.body.resolved).toMatchObject({ time_from: '06:00', time_to: '22:00', time: null, refused_periods: ['tarde'] });
    for (const s of res.body.suggested_slots) expect(s.start_time < '12:00' || s.start_time >= '18:00', s.start_time).toBe(true);
    const morning = await demo.ask({ message: 'quero marcar cardio amanhã, de manhã não posso' });
    expect(morning.body.resolved).toMatchObject({ time_from: '12:00', time_to: '22:00' });
    expect(morning.body.resolved).not.toHaveProperty('refused_periods');
  });

  it('a doctor asked for by form of address lists the providers whose title says it; a name without a title is in neither', async () => {
    const created = await t.api(
      'POST',
      '/providers',
      { doctor_id: crypto.randomUUID(), name: 'Helena Prado', specialties: ['Cardiologia'], primary_location_id: demo.location('Unidade Centro').id },
      { key: demo.apiKey },
    );
    expect(created.status).toBe(201);
    const women = ['Dra. Ana Souza', 'Dra. Beatriz Costa', 'Dra. Fernanda Rocha', 'Dra. Juliana Martins'].map((n) => demo.provider(n).id).sort();
    for (const message of ['tem com médica mulher?', 'tem com medica mulher?', 'queria uma médica', 'prefiro doutora', 'quero ser atendida por uma mulher']) {
      const res = await demo.ask({ message });
      expect(res.status, message).toBe(200);
      const form = res.body.resolved.provider_form;
      expect(form?.form, message).toBe('female');
      expect(form.providers.map((p: any) => p.id).sort(), message).toEqual(women);
      expect(form.providers.find((p: any) => p.name === 'Dra. Ana Souza').specialties).toEqual(['Cardiologia']);
    }
    const men = await demo.ask({ message: 'tem algum médico homem?' });
    expect(men.body.resolved.provider_form.form).toBe('male');
    expect(men.body.resolved.provider_form.providers.map((p: any) => p.name).sort()).toEqual([
      'Dr. Carlos Mendes',
      'Dr. Marcos Pereira',
      'Dr. Paulo Lima',
      'Dr. Rui Alves',
    ]);
    // an adjective, someone's wife, a provider named, the general word: no form asked
    for (const message of ['preciso de uma consulta médica amanhã', 'minha mulher quer marcar cardio', 'quero marcar com a dra ana', 'queria um médico amanhã']) {
      const res = await demo.ask({ message });
      expect(res.body.resolved, message).not.toHaveProperty('provider_form');
    }
    const doc = (await (await t.app.request('/openapi.json')).json()) as any;
    expect(doc.components.schemas.NaturalLanguageResponse.properties.resolved.properties).toHaveProperty('provider_form');
  });
});

describe('natural language: a specialty named with a provider who does not practise it', () => {
  it('"cardio com o dr rui amanha" keeps the specialty asked and says which one Dr. Rui practises', async () => {
    const res = await demo.ask({ message: 'cardio com o dr rui amanha' });
    expect(res.status).toBe(200);
    expect(res.body.resolved).toMatchObject({
      specialty: 'Cardiologia',
      provider_ids: [demo.provider('Dr. Rui Alves').id],
      specialty_not_practised: { asked: 'Cardiologia', practised: 'Dermatologia' },
    });
  });

  it('is absent when the provider practises it, or when no specialty is named', async () => {
    for (const message of ['cardio com a dra ana amanha', 'dr rui amanha']) {
      const res = await demo.ask({ message });
      expect(res.status).toBe(200);
      expect(res.body.resolved, message).not.toHaveProperty('specialty_not_practised');
    }
  });
});

describe('natural language: a first name that fits several providers', () => {
  it('"com o joão" with two Joãos lists both with provider_ambiguous; a specialty beside it keeps to the one who practises it; the OpenAPI document lists the field', async () => {
    const add = async (name: string, specialty: string) =>
      (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name, specialties: [specialty] }, { key: demo.apiKey })).body.id as string;
    const batista = await add('Dr. João Batista', 'Cardiologia');
    const silva = await add('Dr. João Silva', 'Ortopedia');
    const both = (await demo.ask({ message: 'quero marcar com o joão' })).body;
    expect(both.resolved).toMatchObject({ provider_ambiguous: true, specialty: null });
    expect([...both.resolved.provider_ids].sort()).toEqual([batista, silva].sort());
    // lower case, no accent, no title: the same
    expect((await demo.ask({ message: 'marcar com o joao amanha' })).body.resolved.provider_ambiguous).toBe(true);
    // a specialty said beside it: the João of Ortopedia only, nothing to ask
    const ortho = (await demo.ask({ message: 'ortopedia com o joao amanha' })).body.resolved;
    expect(ortho).toMatchObject({ provider_ids: [silva], specialty: 'Ortopedia' });
    expect(ortho).not.toHaveProperty('provider_ambiguous');
    // the whole name, or names offered as alternatives, are no ambiguity
    expect((await demo.ask({ message: 'quero marcar com o dr joão silva' })).body.resolved).toMatchObject({ provider_ids: [silva] });
    const either = (await demo.ask({ message: 'com a dra ana ou o dr paulo' })).body.resolved;
    expect(either.provider_ids).toHaveLength(2);
    expect(either).not.toHaveProperty('provider_ambiguous');
    // a first name only one active provider has resolves to them
    expect((await demo.ask({ message: 'quero marcar com a juliana' })).body.resolved).toMatchObject({ provider_ids: [demo.provider('Dra. Juliana Martins').id] });

    const doc = (await (await t.app.request('/openapi.json')).json()) as any;
    const resolved = doc.components.schemas.NaturalLanguageResponse.properties.resolved;
    expect(resolved.properties).toHaveProperty('provider_ambiguous');
    expect(resolved.required).not.toContain('provider_ambiguous');
  });
});
