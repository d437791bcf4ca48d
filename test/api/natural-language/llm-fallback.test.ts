/**
 * The LLM fallback end to end: the real `openai` client against a fake OpenAI-compatible server on
 * 127.0.0.1, asked only when the rules are unsure, and never able to break an answer.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiLanguageModel } from '../../../src/llm/openai-language-model';
import { createTestApp, type TestApp } from '../../helpers/app';
import { answer, DEFAULT_READING, hang, nonsense, startFakeOpenAi, status, type FakeOpenAi } from '../../helpers/fake-openai';
import { demoClinic } from './helpers';

const TIMEOUT_MS = 300;
let fake: FakeOpenAi;
let t: TestApp;
let demo: Awaited<ReturnType<typeof demoClinic>>;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  fake.setBehaviour(answer(DEFAULT_READING));
  t = await createTestApp({
    languageModel: createOpenAiLanguageModel({ apiKey: 'sk-test', baseURL: fake.url, model: 'fake-model', timeoutMs: TIMEOUT_MS }),
  });
  demo = await demoClinic(t);
});
afterEach(() => t.close());

// No intent word, no name, no date: the rules are unsure.
const VAGUE = 'hmm, aquilo que te falei antes, lembra?';

describe('natural language: the LLM fallback', () => {
  it('is not asked when the rules are sure', async () => {
    const res = await demo.ask({ message: 'quero marcar cardio amanhã de manhã' });
    expect(res.body.used_llm).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  it('answers when the rules are unsure, its names resolved against the clinic', async () => {
    fake.setBehaviour(
      answer({ ...DEFAULT_READING, intent: 'book', specialty: 'Cardiologia', provider_name: 'Paulo', date_from: '2026-11-26', date_to: '2026-11-26', period: 'manha' }),
    );
    const res = await demo.ask({ message: 'hmm, aquilo que falei antes, com o paulo do coração' });
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const sent = JSON.stringify(fake.requests[0]!.body);
    expect(sent).toContain('com o paulo do coração');
    expect(fake.requests[0]!.body.model).toBe('fake-model');
    expect(res.body).toMatchObject({
      intent: 'book',
      used_llm: true,
      resolved: {
        specialty: 'Cardiologia',
        provider_ids: [demo.provider('Dr. Paulo Lima').id],
        date_from: '2026-11-26',
        date_to: '2026-11-26',
        time_from: '06:00',
        time_to: '12:00',
      },
    });
  });

  it('keeps what the rules found over what the LLM says', async () => {
    fake.setBehaviour(answer({ ...DEFAULT_READING, intent: 'book', specialty: 'Dermatologia', date_from: '2026-12-01', date_to: '2026-12-01' }));
    const res = await demo.ask({ message: 'sim, amanhã' }); // a weak confirm: unsure
    expect(res.body.used_llm).toBe(true);
    expect(res.body.resolved.date_from).toBe('2026-11-26');
  });

  it('never takes a date from the LLM over a weekday and a date that disagree: that is asked', async () => {
    fake.setBehaviour(answer({ ...DEFAULT_READING, intent: 'book', specialty: 'Cardiologia', date_from: '2026-12-05', date_to: '2026-12-05' }));
    const res = await demo.ask({ message: 'sim, sexta dia 5' }); // a weak confirm: unsure
    expect(res.body.used_llm).toBe(true);
    expect(res.body.resolved).toMatchObject({ date_from: null, date_to: null, date_conflict: { day: '2026-12-05', weekday: '2026-12-04' } });
  });

  it('never takes a date from the LLM over a day that does not exist: the patient is to be told', async () => {
    fake.setBehaviour(answer({ ...DEFAULT_READING, intent: 'book', specialty: 'Cardiologia', date_from: '2026-11-30', date_to: '2026-11-30' }));
    const res = await demo.ask({ message: 'sim, dia 31/11' }); // a weak confirm: unsure
    expect(res.body.used_llm).toBe(true);
    expect(res.body.resolved).toMatchObject({ date_from: null, date_to: null, date_invalid: { text: '31/11', day: 31, month: 11, year: null } });
  });

  it('never takes a day that has passed from the LLM: a past range asks the date, one begun before today starts today', async () => {
    // today is 2026-11-25 in the clinic
    fake.setBehaviour(answer({ ...DEFAULT_READING, intent: 'book', specialty: 'Cardiologia', date_from: '2026-11-20', date_to: '2026-11-24' }));
    const past = await demo.ask({ message: VAGUE });
    expect(past.status).toBe(200);
    expect(past.body.used_llm).toBe(true);
    expect(past.body.resolved).toMatchObject({ specialty: 'Cardiologia', date_from: null, date_to: null });
    expect(past.body.missing).toEqual(['date']);
    expect(past.body.suggested_slots).toEqual([]);

    fake.setBehaviour(answer({ ...DEFAULT_READING, intent: 'book', specialty: 'Cardiologia', date_from: '2026-11-20', date_to: '2026-11-27' }));
    const begun = await demo.ask({ message: VAGUE });
    expect(begun.body.resolved).toMatchObject({ date_from: '2026-11-25', date_to: '2026-11-27' });
    expect(begun.body.missing).toEqual([]);
    for (const slot of begun.body.suggested_slots) expect(slot.date >= '2026-11-25' && slot.date <= '2026-11-27').toBe(true);
  });

  it.each([
    ['a hanging server', hang()],
    ['a 500', status(500)],
    ['a 429', status(429)],
    ['an answer that is not JSON', nonsense('claro! você quer cardiologia')],
    ['JSON that breaks the schema', nonsense(JSON.stringify({ intent: 'comprar', specialty: 3 }))],
  ])('falls back to the rules on %s', async (_name, behaviour) => {
    fake.setBehaviour(behaviour);
    const started = performance.now();
    const res = await demo.ask({ message: VAGUE });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.used_llm).toBe(false);
    expect(res.body.intent).toBe('unknown');
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
    expect(fake.requests.length).toBe(1); // no retries
  });

  it('cuts a slow LLM at its timeout', async () => {
    fake.setBehaviour(hang());
    const started = performance.now();
    await demo.ask({ message: VAGUE });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
  });
});
