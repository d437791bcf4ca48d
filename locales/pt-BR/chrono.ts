/**
 * The pt-BR date and time reader: chrono-node's Portuguese casual parser, cloned and extended with our
 * parsers and refiners (issue 6). It reads folded text (lower case, no accents; see
 * src/core/language/normalize.ts) against a reference given as an instant and the clinic zone's UTC
 * offset at that instant, and tags each result with what it means (chrono-kit.ts `TAGS`).
 *
 * Of chrono's own pt configuration it keeps what reads pt-BR right: ISO and slash dates ("15/12",
 * "15/12/2026"), colon times ("14:00", "10:30-12:00"), overlap removal and the validity filter. It
 * replaces what RULES.md reads otherwise: the weekday parser (nearest weekday, possibly past; no
 * "terca", "2a feira"), the month-name parser (closest year, possibly past; no folded "marco"), the
 * casual date and time parsers ("ontem", "agora"; "tarde" = 15:00) and the date/time merging refiners
 * (our results keep date and time words apart, so each has its own span).
 */
// only chrono's Portuguese locale: the package index loads every locale, a second of start-up under tsx
import * as chronoPt from 'chrono-node/pt';
import type { Chrono, Parser, ParsingResult, Refiner } from 'chrono-node';
import { datePtBrParsers } from './chrono-dates';
import {
  BareDottedClockRefiner,
  BareHourRefiner,
  ChronoClockRepair,
  DateAlternativesRefiner,
  DateBoundRefiner,
  DateRangeJoinRefiner,
  DeclinedRefiner,
  HourAlternativesRefiner,
  NegationRefiner,
  ReasonRefiner,
  NextYearRefiner,
  OnwardRefiner,
  PeriodAlternativesRefiner,
  PeriodClockRefiner,
  ScopeRefiner,
  WeekdayAppositionRefiner,
  YearScopeRefiner,
} from './chrono-refiners';
import { timePtBrParsers } from './chrono-times';

import { TAGS } from './chrono-kit';

export { alternativesOf, dateConflictOf, impossibleDateOf, periodOf, TAGS } from './chrono-kit';

/** One of chrono's own parsers or refiners, by class name; fails loudly if an upgrade renamed it. */
function chronoOwn<T extends Parser | Refiner>(list: T[], name: string): T {
  const found = list.find((item) => item.constructor.name === name);
  if (!found) throw new Error(`chrono-node has no ${name} any more: review locales/pt-BR/chrono.ts`);
  return found;
}

/** `filter` applied to every result but the dates and times written with a dot ("3.12", "10.30"), which it would take for numbers. */
function exceptDotted(filter: Refiner): Refiner {
  const dotted = (r: ParsingResult) => r.tags().has(TAGS.dottedDate) || r.tags().has(TAGS.dottedClock);
  return {
    refine(context, results) {
      const kept = new Set(filter.refine(context, results.filter((r) => !dotted(r))));
      return results.filter((r) => dotted(r) || kept.has(r));
    },
  };
}

function buildPtBrChrono(): Chrono {
  const instance = chronoPt.casual.clone();
  const own = { parsers: [...instance.parsers], refiners: [...instance.refiners] };
  // ours first: on a tie in length, chrono's overlap removal keeps the earlier parser's result
  instance.parsers = [
    ...datePtBrParsers(),
    ...timePtBrParsers(),
    chronoOwn(own.parsers, 'ISOFormatParser'),
    chronoOwn(own.parsers, 'SlashDateFormatParser'),
    chronoOwn(own.parsers, 'PTTimeExpressionParser'),
  ];
  instance.refiners = [
    new ChronoClockRepair(),
    chronoOwn(own.refiners, 'OverlapRemovalRefiner'),
    new NextYearRefiner(),
    new WeekdayAppositionRefiner(),
    new DateRangeJoinRefiner(),
    new ScopeRefiner(),
    new YearScopeRefiner(),
    new DateAlternativesRefiner(),
    new DateBoundRefiner(),
    new PeriodClockRefiner(),
    new OnwardRefiner(),
    new PeriodAlternativesRefiner(),
    new BareDottedClockRefiner(),
    new BareHourRefiner(),
    new HourAlternativesRefiner(),
    new NegationRefiner(),
    new ReasonRefiner(),
    new DeclinedRefiner(),
    exceptDotted(chronoOwn(own.refiners, 'UnlikelyFormatFilter')),
  ];
  return instance;
}

export const ptBrChrono: Chrono = buildPtBrChrono();
