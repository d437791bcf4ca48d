/** The waitlist's pure rules and texts, with no database. */
import { describe, expect, it } from 'vitest';
import type { WaitlistEntry } from '../../../src/core/model';
import { OFFERS_PER_FREED_TIME, pickOffers, queueOrder, servedByBooking, wantsFreedTime, type FreedTime } from '../../../src/core/waitlist/matching';
import { parsePeriod, periodOf } from '../../../src/core/periods';
import { fillTemplate, firstName, waitlistOfferMessage } from '../../../src/core/waitlist/messages';

const entry = (over: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
  id: 'e1',
  patient_id: 'p1',
  appointment_type_id: 'type',
  provider_id: 'prov',
  specialty: null,
  location_id: null,
  date_from: null,
  date_to: null,
  periods: [],
  priority: 0,
  status: 'waiting',
  notes: null,
  created_at: '2026-11-25T12:00:00.000Z',
  updated_at: '2026-11-25T12:00:00.000Z',
  ...over,
});

const freed: FreedTime = {
  appointment_id: 'a1',
  provider_id: 'prov',
  location_id: 'loc',
  appointment_type_id: 'type',
  patient_id: 'p0',
  start_time: '2026-12-01T13:00:00.000Z',
  end_time: '2026-12-01T13:30:00.000Z',
  local: { date: '2026-12-01', time: '09:00' },
};

const offerText = (input: Parameters<typeof waitlistOfferMessage>[0]) => waitlistOfferMessage(input).text;

describe('periods', () => {
  it('maps local clock times to manha 06–12, tarde 12–18, noite 18–22, end exclusive', () => {
    expect(periodOf('05:59')).toBeNull();
    expect(periodOf('06:00')).toBe('manha');
    expect(periodOf('11:59')).toBe('manha');
    expect(periodOf('12:00')).toBe('tarde');
    expect(periodOf('17:59')).toBe('tarde');
    expect(periodOf('18:00')).toBe('noite');
    expect(periodOf('21:59')).toBe('noite');
    expect(periodOf('22:00')).toBeNull();
  });

  it('reads periods as clients write them', () => {
    expect(parsePeriod('manhã')).toBe('manha');
    expect(parsePeriod('MANHÃ')).toBe('manha');
    expect(parsePeriod(' Tarde ')).toBe('tarde');
    expect(parsePeriod('noite')).toBe('noite');
    expect(parsePeriod('madrugada')).toBeNull();
    expect(parsePeriod('')).toBeNull();
  });
});

describe('queue order', () => {
  it('is priority (higher first), then created_at, then id', () => {
    const list = [
      entry({ id: 'c', created_at: '2026-11-25T12:00:01.000Z' }),
      entry({ id: 'b', created_at: '2026-11-25T12:00:00.000Z' }),
      entry({ id: 'a', created_at: '2026-11-25T12:00:00.000Z' }),
      entry({ id: 'z', priority: 2, created_at: '2026-11-25T13:00:00.000Z' }),
      entry({ id: 'low', priority: -1 }),
    ];
    expect([...list].sort(queueOrder).map((e) => e.id)).toEqual(['z', 'a', 'b', 'c', 'low']);
  });
});

describe('wantsFreedTime', () => {
  it('matches an entry that wants it', () => {
    expect(wantsFreedTime(entry(), freed)).toBe(true);
    expect(wantsFreedTime(entry({ provider_id: null, specialty: 'Cardiologia' }), freed)).toBe(true);
    expect(wantsFreedTime(entry({ location_id: 'loc', date_from: '2026-12-01', date_to: '2026-12-01', periods: ['manha'] }), freed)).toBe(true);
    expect(wantsFreedTime(entry({ date_from: '2026-11-01' }), freed)).toBe(true);
    expect(wantsFreedTime(entry({ date_to: '2026-12-31' }), freed)).toBe(true);
  });

  it('refuses each mismatch', () => {
    const cases: Array<[string, Partial<WaitlistEntry>]> = [
      ['not waiting', { status: 'offered' }],
      ['other type', { appointment_type_id: 'other' }],
      ['other provider', { provider_id: 'other' }],
      ['other location', { location_id: 'other' }],
      ['starts later', { date_from: '2026-12-02' }],
      ['ends earlier', { date_to: '2026-11-30' }],
      ['other period', { periods: ['tarde', 'noite'] }],
      ['same patient', { patient_id: 'p0' }],
    ];
    for (const [name, over] of cases) expect(wantsFreedTime(entry(over), freed), name).toBe(false);
    // outside every period: only entries without periods want it
    const late = { ...freed, local: { date: '2026-12-01', time: '22:30' } };
    expect(wantsFreedTime(entry({ periods: ['noite'] }), late)).toBe(false);
    expect(wantsFreedTime(entry(), late)).toBe(true);
  });
});

describe('pickOffers', () => {
  it('takes the best matching entries in queue order, one per patient', () => {
    const candidates = [
      { entry: entry({ id: 'old', created_at: '2026-11-01T00:00:00.000Z' }) },
      { entry: entry({ id: 'vip', priority: 9, periods: ['tarde'] }) },
      { entry: entry({ id: 'top', priority: 5, patient_id: 'p2' }) },
      { entry: entry({ id: 'dup', priority: 4, patient_id: 'p2' }) },
      { entry: entry({ id: 'next', priority: 1, patient_id: 'p3' }) },
    ];
    expect(pickOffers(candidates, freed, 3).map((c) => c.entry.id)).toEqual(['top', 'next', 'old']);
    expect(pickOffers(candidates, freed, OFFERS_PER_FREED_TIME).map((c) => c.entry.id)).toEqual(['top']);
    expect(pickOffers([], freed, 3)).toEqual([]);
  });
});

describe('offer message', () => {
  it('fills the pt-BR template with first name, local date and time, keeping accents', () => {
    const text = offerText({
      patientName: '  João Araújo ',
      providerName: 'Dra. Ana Souza',
      locationName: 'Unidade Manaus',
      timezone: 'America/Manaus',
      startTime: '2026-12-05T13:00:00.000Z',
    });
    expect(text).toBe(
      'Olá, João! Abriu um horário no sábado, 05/12, às 09:00, com Dra. Ana Souza (Unidade Manaus). Quer agendar? Responda SIM para reservar ou NÃO para continuar na lista de espera.',
    );
  });

  it('greets a patient known only by their phone (a channel registered them) without a name', () => {
    const text = offerText({
      patientName: '+5531999990009',
      providerName: 'Dra. Ana Souza',
      locationName: 'Unidade Centro',
      timezone: 'America/Sao_Paulo',
      startTime: '2026-12-05T13:00:00.000Z',
    });
    expect(text).toMatch(/^Olá! Abriu um horário no sábado, 05\/12, às 10:00, com Dra\. Ana Souza \(Unidade Centro\)\. /);
  });

  it('uses the zone of the location, São Paulo beside Manaus, and a historical DST date', () => {
    const at = (timezone: string, startTime: string) =>
      offerText({ patientName: 'Ana', providerName: null, locationName: 'Centro', timezone, startTime });
    expect(at('America/Sao_Paulo', '2026-12-01T13:00:00.000Z')).toContain('na terça-feira, 01/12, às 10:00, com um de nossos profissionais (Centro)');
    expect(at('America/Manaus', '2026-12-01T13:00:00.000Z')).toContain('na terça-feira, 01/12, às 09:00');
    // São Paulo was on summer time (UTC-2) in November 2018
    expect(at('America/Sao_Paulo', '2018-11-05T12:00:00.000Z')).toContain('na segunda-feira, 05/11, às 10:00');
    // just after midnight UTC is still the previous evening in Manaus
    expect(at('America/Manaus', '2026-12-02T00:30:00.000Z')).toContain('na terça-feira, 01/12, às 20:30');
  });

  it('helpers', () => {
    expect(firstName('Maria da Silva')).toBe('Maria');
    expect(fillTemplate('{a} e {b} e {c}', { a: '1', b: '2' })).toBe('1 e 2 e {c}');
  });
});

describe('servedByBooking: the patient’s own booking that gives an entry what it waited for', () => {
  const booking = { provider_id: 'prov', location_id: 'loc', appointment_type_id: 'type', patient_id: 'p1', local: { date: '2026-12-01', time: '09:00' } };

  it('serves an entry of the same patient and type, for that provider, day range and period (waiting or offered)', () => {
    expect(servedByBooking(entry({ date_from: '2026-12-01', date_to: '2026-12-02', periods: ['manha'] }), booking, [])).toBe(true);
    expect(servedByBooking(entry({ status: 'offered' }), booking, [])).toBe(true);
  });

  it('an entry for a specialty is served by any provider of it (case and accents ignored)', () => {
    const bySpecialty = entry({ provider_id: null, specialty: 'Cardiologia' });
    expect(servedByBooking(bySpecialty, booking, ['cardiologia'])).toBe(true);
    expect(servedByBooking(bySpecialty, booking, ['Dermatologia'])).toBe(false);
  });

  it('not: another patient, type, provider, place, a day outside the range, another period, an entry no longer active', () => {
    expect(servedByBooking(entry({ patient_id: 'p2' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ appointment_type_id: 'other' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ provider_id: 'other' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ location_id: 'elsewhere' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ date_from: '2026-12-02' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ date_to: '2026-11-30' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ periods: ['tarde'] }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ status: 'booked' }), booking, [])).toBe(false);
    expect(servedByBooking(entry({ status: 'removed' }), booking, [])).toBe(false);
  });
});

