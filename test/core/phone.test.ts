import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors';
import { normalizePhone, tryNormalizePhone } from '../../src/core/reference/phone';

describe('phone normalisation', () => {
  it.each([
    ['(31) 99999-8888', '+5531999998888'],
    ['31 99999-8888', '+5531999998888'],
    ['31999998888', '+5531999998888'],
    ['+55 31 99999-8888', '+5531999998888'],
    ['+5531999998888', '+5531999998888'],
    ['+55 (31) 9.9999.8888', '+5531999998888'],
    ['  (31) 99999-8888  ', '+5531999998888'],
    ['031 99999-8888', '+5531999998888'],
    ['(11) 3222-4444', '+551132224444'],
    ['+1 415 555 2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s is %s', (text, e164) => {
    expect(normalizePhone(text)).toBe(e164);
  });

  it('reads 13 digits starting with 55 as a Brazilian number with its country code and no +', () => {
    // 13 digits cannot be a national number, so the leading 55 is the country code.
    expect(normalizePhone('5531999998888')).toBe('+5531999998888');
    expect(normalizePhone('55 31 99999-8888')).toBe('+5531999998888');
  });

  it('reads 11 digits starting with 55 as a number of area code 55 (Santa Maria, RS)', () => {
    // 55 9xxxx-xxxx is a valid national mobile number: the 55 is the DDD, not the country code.
    expect(normalizePhone('55999998888')).toBe('+5555999998888');
    expect(normalizePhone('(55) 99999-8888')).toBe('+5555999998888');
  });

  it.each([
    ['letters', 'abc'],
    ['empty', ''],
    ['too short', '123'],
    ['an emergency number', '190'],
    ['no area code', '99999-8888'],
    ['a mobile missing a digit', '31 99999-888'],
    ['a landline range that does not exist', '(31) 1234-5678'],
    ['a mobile not starting with 9', '(31) 19999-8888'],
    ['area code 00', '+55 00 99999-8888'],
    ['a number inside a sentence', 'ligue para 31 99999-8888 amanhã'],
    ['an extension', '+55 31 99999-8888 x12'],
    ['far too long', `+55 31 99999-8888${' '.repeat(80)}`],
  ])('%s (%s) is a ValidationError on phone', (_label, text) => {
    expect(tryNormalizePhone(text)).toBeNull();
    let caught: unknown;
    try {
      normalizePhone(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).errors).toEqual([{ path: 'phone', message: expect.any(String) }]);
  });

  it('names another field when asked', () => {
    expect(() => normalizePhone('nope', 'contact_phone')).toThrow(/^contact_phone: /);
  });
});
