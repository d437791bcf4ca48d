/**
 * `numbered` (src/db/atomic.ts): a statement's `?` placeholders become one numbered placeholder per
 * distinct value, so that a booking's guards (~105 placeholders, ~25 values) stay within D1's 100.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { numbered } from '../../src/db/atomic';
import { q } from '../../src/db/raw-sql';

describe('numbered placeholders', () => {
  it('gives equal values one number, in order of first use', () => {
    const built = q`SELECT ${'a'} AS x, ${'b'} AS y, ${'a'} AS z, ${1} AS w, ${'1'} AS v, ${null} AS u, ${null} AS t`;
    const { text, params } = numbered(built.text, built.params);
    expect(text).toBe('SELECT ?1 AS x, ?2 AS y, ?1 AS z, ?3 AS w, ?4 AS v, ?5 AS u, ?5 AS t');
    expect(params).toEqual(['a', 'b', 1, '1', null]);
  });

  it('leaves question marks inside quotes alone', () => {
    const built = q`SELECT ${'a'} AS x, 'what?' AS "why?", 'it''s ?' AS z, ${'a'} AS w`;
    const { text, params } = numbered(built.text, built.params);
    expect(text).toBe(`SELECT ?1 AS x, 'what?' AS "why?", 'it''s ?' AS z, ?1 AS w`);
    expect(params).toEqual(['a']);
  });

  it('binds on better-sqlite3 to the same answer as the positional statement', () => {
    const db = new Database(':memory:');
    const built = q`SELECT ${'x'} || ${'y'} || ${'x'} AS s, ${2} + ${2} AS n, ${'?'} AS mark`;
    const { text, params } = numbered(built.text, built.params);
    const byNumber = Object.fromEntries(params.map((v, i) => [i + 1, v]));
    expect(db.prepare(text).get(byNumber)).toEqual(db.prepare(built.text).get(...built.params));
    expect(db.prepare(text).get(byNumber)).toEqual({ s: 'xyx', n: 4, mark: '?' });
  });

  it('builds one text per pattern of equal values and reuses it', () => {
    const texts = ['p', 'q', 'p', 'q'].map((v, i) => numbered('SELECT ?, ?', [v, i % 2 === 0 ? 'p' : 'z']).text);
    expect(texts[0]).toBe('SELECT ?1, ?1');
    expect(texts[1]).toBe('SELECT ?1, ?2');
    expect(texts[2]).toBe(texts[0]);
    expect(texts[3]).toBe(texts[1]);
  });

  it('leaves a text that numbers its own placeholders, or whose count differs, as it is', () => {
    expect(numbered('SELECT ?1, ?1', ['a'])).toEqual({ text: 'SELECT ?1, ?1', params: ['a'] });
    expect(numbered('SELECT ?', ['a', 'b'])).toEqual({ text: 'SELECT ?', params: ['a', 'b'] });
    expect(numbered('SELECT 1', [])).toEqual({ text: 'SELECT 1', params: [] });
  });
});
