/**
 * The raw SQL builder remembers each template's and each join's last text. Whatever it remembers, the
 * text must always be what the pieces make, and the parameters must follow it in order.
 */
import { describe, expect, it } from 'vitest';
import { join, q, raw, type RawQuery } from '../../src/db/raw-sql';

const status = (s: string | null): RawQuery => (s === null ? raw('') : q` AND status = ${s}`);
const select = (id: string, s: string | null) => q`SELECT * FROM t WHERE id = ${id}${status(s)}`;

describe('raw SQL builder', () => {
  it('turns values into parameters and inlines fragments', () => {
    const query = q`UPDATE t SET a = ${1}, b = ${true}, c = ${undefined} WHERE ${q`id = ${'x'} AND ${raw('deleted = 0')}`}`;
    expect(query.text).toBe('UPDATE t SET a = ?, b = ?, c = ? WHERE id = ? AND deleted = 0');
    expect(query.params).toEqual([1, 1, null, 'x']);
  });

  it('a template builds the same text again, with each call’s own parameters', () => {
    const first = select('a', 'confirmed');
    const second = select('b', 'requested');
    expect(second.text).toBe('SELECT * FROM t WHERE id = ? AND status = ?');
    expect(first.text).toBe(second.text);
    expect(first.params).toEqual(['a', 'confirmed']);
    expect(second.params).toEqual(['b', 'requested']);
  });

  it('a template whose fragments change builds its new text, and its old one again when they change back', () => {
    expect(select('a', 'confirmed').text).toBe('SELECT * FROM t WHERE id = ? AND status = ?');
    expect(select('a', null).text).toBe('SELECT * FROM t WHERE id = ?');
    expect(select('a', null).params).toEqual(['a']);
    expect(select('a', 'confirmed').text).toBe('SELECT * FROM t WHERE id = ? AND status = ?');
    const literal = (text: string) => q`SELECT ${raw(text)} FROM t`;
    expect(literal('a').text).toBe('SELECT a FROM t');
    expect(literal('b').text).toBe('SELECT b FROM t');
  });

  it('a template built from more variants than it remembers still builds each one right, whatever the order', () => {
    const at = (value: string | RawQuery) => q`SELECT count(*) FROM a WHERE start < ${value} AND end > ${value}`;
    const variants = [raw('f.start_time'), raw('f.end_time'), raw('g.x'), raw('g.y'), raw('h.z'), '2026-12-01T12:00:00.000Z'];
    const expected = (v: string | RawQuery) => (typeof v === 'string' ? '?' : v.text);
    for (const order of [[0, 1, 2, 3, 4, 5], [5, 0, 5, 1, 4, 3, 2, 0, 5, 5, 1], [4, 4, 3, 3, 2, 2, 1, 1, 0, 0, 5, 5]]) {
      for (const i of order) {
        const v = variants[i]!;
        const query = at(v);
        expect(query.text).toBe(`SELECT count(*) FROM a WHERE start < ${expected(v)} AND end > ${expected(v)}`);
        expect(query.params).toEqual(typeof v === 'string' ? [v, v] : []);
      }
    }
  });

  it('joins follow their separator and every piece, not only the first', () => {
    const a = q`a = ${1}`;
    const b = q`b = ${2}`;
    const c = q`c = ${3}`;
    expect(join([a, b], ' AND ').text).toBe('a = ? AND b = ?');
    expect(join([a, b], ' OR ').text).toBe('a = ? OR b = ?');
    expect(join([a, c], ' OR ').text).toBe('a = ? OR c = ?');
    expect(join([a, c, b], ' OR ')).toMatchObject({ text: 'a = ? OR c = ? OR b = ?', params: [1, 3, 2] });
    expect(join([a], ', ').text).toBe('a = ?');
    expect(join([], ', ')).toMatchObject({ text: '', params: [] });
    expect(join([q`a = ${9}`, q`b = ${8}`], ' AND ')).toMatchObject({ text: 'a = ? AND b = ?', params: [9, 8] });
  });
});
