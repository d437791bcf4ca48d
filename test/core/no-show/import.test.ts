import { describe, expect, it } from 'vitest';
import { parseImportDateTime, parseImportStatus } from '../../../src/core/no-show/import';

describe('history import: reading a file row', () => {
  it('reads date-times with an offset, or local to the zone (São Paulo, Manaus, a DST gap)', () => {
    const iso = (text: string, zone = 'America/Sao_Paulo') => {
      const d = parseImportDateTime(text, zone);
      return typeof d === 'string' ? d : d.toISOString();
    };
    expect(iso('2026-03-02T09:30:00-03:00')).toBe('2026-03-02T12:30:00.000Z');
    expect(iso('2026-03-02 09:30:00Z')).toBe('2026-03-02T09:30:00.000Z');
    expect(iso('2026-03-02T09:30:00.250+0100')).toBe('2026-03-02T08:30:00.000Z');
    expect(iso('2026-03-02 09:30')).toBe('2026-03-02T12:30:00.000Z');
    expect(iso('02/03/2026 09:30')).toBe('2026-03-02T12:30:00.000Z');
    expect(iso('2026-03-02 09:30:15', 'America/Manaus')).toBe('2026-03-02T13:30:15.000Z');
    // 2018-11-04 00:00 did not exist in São Paulo: the first instant that did (01:00, UTC−2)
    expect(iso('2018-11-04 00:30')).toBe('2018-11-04T03:30:00.000Z');
    expect(iso('2026-03-02')).toBe('a date without a time of day');
    expect(iso('02/03/2026')).toBe('a date without a time of day');
    expect(iso('2026-02-30 09:00')).toBe('not a real date and time');
    expect(iso('2026-03-02 24:10')).toBe('not a real date and time');
    expect(iso('ontem')).toMatch(/^expected a date and time/);
  });

  it('reads outcomes in English and Portuguese, any case or accents', () => {
    expect(['Realizado', 'compareceu', 'COMPLETED', 'attended'].map(parseImportStatus)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(['faltou', 'Não compareceu', 'no-show', 'No Show', 'missed'].map(parseImportStatus)).toEqual(Array(5).fill('no_show'));
    expect(['cancelado', 'Canceled', 'desmarcada'].map(parseImportStatus)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(['confirmed', 'agendado', ''].map(parseImportStatus)).toEqual([null, null, null]);
  });
});
