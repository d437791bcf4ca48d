import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCORE_FORMULA, SCORE_WEIGHTS, bestPreferenceFit, dayFit, preferenceFit, scoreSlot } from '../../../src/core/availability/score';

const base = { dayOffset: 0, spanDays: 10, atPrimary: true, spare: 1, startMinutes: 9 * 60, preference: {} };

describe('score', () => {
  it('weights sum to 1, and the best slot scores 1', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(scoreSlot(base)).toBe(1);
    expect(scoreSlot({ ...base, dayOffset: 10, atPrimary: false, spare: 0, preference: { period: 'manha' }, startMinutes: 23 * 60 })).toBe(0);
  });

  it('ranks earlier days, the primary location and spare capacity higher', () => {
    expect(scoreSlot({ ...base, dayOffset: 1 })).toBeLessThan(scoreSlot(base));
    expect(scoreSlot({ ...base, dayOffset: 5 })).toBe(1 - 0.35 * 0.5);
    expect(scoreSlot({ ...base, atPrimary: false })).toBe(0.85);
    expect(scoreSlot({ ...base, spare: 0.5 })).toBe(0.9);
    expect(dayFit(3, 0)).toBe(1);
  });

  it('prefers the asked period and time', () => {
    expect(preferenceFit(9 * 60, {})).toBe(1);
    expect(preferenceFit(9 * 60, { period: 'manha' })).toBe(1);
    expect(preferenceFit(12 * 60, { period: 'manha' })).toBe(0.5);
    expect(preferenceFit(15 * 60, { period: 'manha' })).toBe(0.25);
    expect(preferenceFit(5 * 60, { period: 'manha' })).toBeCloseTo(0.5 * (1 - 60 / 360), 12);
    expect(preferenceFit(19 * 60, { period: 'noite' })).toBe(1);
    expect(preferenceFit(14 * 60, { time: 14 * 60 })).toBe(1);
    expect(preferenceFit(16 * 60, { time: 14 * 60 })).toBe(0.5);
    expect(preferenceFit(20 * 60, { time: 14 * 60 })).toBe(0);
    expect(preferenceFit(13 * 60, { period: 'tarde', time: 15 * 60 })).toBe((1 + 0.5) / 2);
    // inside the period always beats outside it
    expect(preferenceFit(17 * 60 + 59, { period: 'tarde' })).toBeGreaterThan(preferenceFit(18 * 60, { period: 'tarde' }));
  });

  it('bounds the preference over a stretch of starts from above (used to skip windows)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 600 }),
        fc.option(fc.constantFrom('manha' as const, 'tarde' as const, 'noite' as const), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
        (first, length, period, time) => {
          const last = Math.min(1439, first + length);
          let best = 0;
          for (let m = first; m <= last; m++) best = Math.max(best, preferenceFit(m, { period, time }));
          const bound = bestPreferenceFit(first, last, { period, time });
          expect(bound).toBeGreaterThanOrEqual(best - 1e-12);
          // and it is exact for a single preference
          if (period === undefined || time === undefined) expect(bound).toBeCloseTo(best, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays in [0, 1] with 4 decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1439 }),
        fc.option(fc.constantFrom('manha' as const, 'tarde' as const, 'noite' as const), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
        (a, b, atPrimary, spare, startMinutes, period, time) => {
          const s = scoreSlot({ dayOffset: Math.min(a, b), spanDays: Math.max(a, b), atPrimary, spare, startMinutes, preference: { period, time } });
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          expect(Math.round(s * 10_000) / 10_000).toBe(s);
        },
      ),
    );
  });

  it('documents the same formula in the code comment as in SCORE_FORMULA (which the OpenAPI description quotes)', () => {
    const source = readFileSync(new URL('../../../src/core/availability/score.ts', import.meta.url), 'utf8');
    const comment = source.slice(0, source.indexOf('*/'));
    const lines = comment.split('\n').map((l) => l.replace(/^\s*\/?\*+\s?/, ''));
    for (const line of SCORE_FORMULA) expect(lines).toContain(line);
  });
});
