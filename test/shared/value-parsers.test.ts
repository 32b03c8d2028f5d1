import { describe, expect, it } from 'vitest';
import { inferDecimalHint, parseIntegerText, parseNumberText, numberToPlain } from '../../shared/validation/number-parse';
import { excelSerialToDate, inferDateOrder, parseDateText } from '../../shared/validation/date-parse';
import { checkEmail, displayName, isEmail, splitEmailList } from '../../shared/validation/email';
import { libPhone, normalisePhone } from '../../shared/validation/phone';
import { normaliseUrl } from '../../shared/validation/web-address';
import { cleanText, hasForbiddenChars } from '../../shared/validation/text-clean';

describe('numbers', () => {
  it.each([
    ['3 450,75', '3450.75'],
    ['3\u00a0450,75', '3450.75'],
    ['3\u202f450,75', '3450.75'],
    ['1.200', '1200'],
    ['1.234.567,89', '1234567.89'],
    ['1,200.50', '1200.5'],
    ['12,5', '12.5'],
    ['12.5', '12.5'],
    ['0,200', '0.2'],
    ['-1 000', '-1000'],
    ['  42  ', '42'],
    ['007', '7'],
    [',5', '0.5'],
  ])('reads %j as %s', (raw, want) => {
    const p = parseNumberText(raw);
    expect(p.value).toBe(want);
    expect(p.problem).toBeUndefined();
  });

  it('warns about an ambiguous 1,200 and follows the column evidence', () => {
    const p = parseNumberText('1,200');
    expect(p.value).toBe('1.2');
    expect(p.problem).toMatchObject({ severity: 'warning', code: 'unusual-value' });
    expect(parseNumberText('1,200', 'dot')).toEqual({ value: '1200' });
    expect(parseNumberText('1,200', 'comma')).toEqual({ value: '1.2' });
    expect(parseNumberText('1.200', 'dot')).toEqual({ value: '1.2' });
    expect(inferDecimalHint(['3 450,75', '1,200'])).toBe('comma');
    expect(inferDecimalHint(['1,200.50', '1,200'])).toBe('dot');
    expect(inferDecimalHint(['1,200'])).toBeNull();
  });

  it('keeps currency amounts with a warning and refuses what is no number', () => {
    expect(parseNumberText('12 000 Ft')).toMatchObject({ value: '12000', problem: { severity: 'warning' } });
    for (const bad of ['abc', '1,2,3', '12 34', '1.2.3,4,5', '--1', '12e3x']) {
      expect(parseNumberText(bad)).toMatchObject({ value: null, problem: { code: 'invalid-number', severity: 'error' } });
    }
    expect(parseNumberText('   ')).toEqual({ value: null });
  });

  it('reads a percentage as the number it stands for, as a percent-formatted cell is (15% -> 0.15), exactly', () => {
    const cases: Array<[string, string]> = [['15%', '0.15'], ['5%', '0.05'], ['0%', '0'], ['100%', '1'], ['12,5 %', '0.125'],
      ['12.5%', '0.125'], ['-3%', '-0.03'], ['1 250%', '12.5'], ['0,25%', '0.0025'], ['33,3333%', '0.333333']];
    for (const [raw, value] of cases) expect(parseNumberText(raw), raw).toEqual({ value });
    for (const bad of ['%', 'abc%', '15%%', 'Ft 5%']) expect(parseNumberText(bad), bad).toMatchObject({ value: null, problem: { code: 'invalid-number' } });
  });

  it('reads integers, taking 1,200 as twelve hundred', () => {
    expect(parseIntegerText('1 200').value).toBe('1200');
    expect(parseIntegerText('1.200').value).toBe('1200');
    expect(parseIntegerText('1,200')).toEqual({ value: '1200' });
    expect(parseIntegerText('12,0').value).toBe('12');
    expect(parseIntegerText('12,5')).toMatchObject({ value: null, problem: { code: 'invalid-integer' } });
    expect(parseIntegerText('sok')).toMatchObject({ value: null, problem: { code: 'invalid-integer' } });
  });

  it('writes JS numbers without exponents', () => {
    expect(numberToPlain(1e21)).toBe('1000000000000000000000');
    expect(numberToPlain(0.1)).toBe('0.1');
  });
});

describe('dates', () => {
  it.each([
    ['2024.06.08.', '2024-06-08'],
    ['2024. 06. 08.', '2024-06-08'],
    ['2024.6.8', '2024-06-08'],
    ['2024-06-08', '2024-06-08'],
    ['2024/06/08', '2024-06-08'],
    ['2024-06-08 14:30', '2024-06-08 14:30:00'],
    ['2024.06.08. 9:05:07', '2024-06-08 09:05:07'],
    ['2024. június 8.', '2024-06-08'],
    ['2024. febr. 29.', '2024-02-29'],
    ['25/12/2024', '2024-12-25'],
    ['25.12.2024', '2024-12-25'],
  ])('reads %j as %s', (raw, want) => {
    expect(parseDateText(raw)).toEqual({ value: want });
  });

  it('infers day/month order from the column and warns when it cannot', () => {
    expect(inferDateOrder(['25/12/2024', '08/06/2024'])).toBe('dmy');
    expect(inferDateOrder(['12/25/2024', '08/06/2024'])).toBe('mdy');
    expect(inferDateOrder(['08/06/2024'])).toBeNull();
    expect(parseDateText('08/06/2024', 'dmy')).toEqual({ value: '2024-06-08' });
    expect(parseDateText('08/06/2024', 'mdy')).toEqual({ value: '2024-08-06' });
    const amb = parseDateText('08/06/2024');
    expect(amb.value).toBe('2024-06-08');
    expect(amb.problem).toMatchObject({ code: 'ambiguous-date', severity: 'warning' });
    expect(parseDateText('08/08/2024')).toEqual({ value: '2024-08-08' });
  });

  it('refuses impossible dates', () => {
    for (const bad of ['2023.02.29.', '2024-13-01', '32/01/2024', 'tegnap', '2024-06-08 25:00']) {
      expect(parseDateText(bad)).toMatchObject({ value: null, problem: { code: 'invalid-date', severity: 'error' } });
    }
  });

  it('converts Excel serial numbers', () => {
    expect(excelSerialToDate(45451)).toBe('2024-06-08');
    expect(excelSerialToDate(45451.5)).toBe('2024-06-08 12:00:00');
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(-3)).toBeNull();
    expect(parseDateText('45451')).toMatchObject({ value: '2024-06-08', problem: { severity: 'warning' } });
  });
});

describe('e-mails', () => {
  it('accepts plain addresses and refuses others', () => {
    expect(checkEmail(' kovacs.bela@pelda.hu ')).toEqual({ value: 'kovacs.bela@pelda.hu' });
    expect(isEmail('info@kávé.hu')).toBe(true);
    for (const bad of ['kovacs@', '@pelda.hu', 'kovacs pelda.hu', 'a..b@pelda.hu', 'x@y']) {
      expect(checkEmail(bad)).toMatchObject({ value: null, problem: { code: 'invalid-email', severity: 'error' } });
    }
  });

  it('keeps an accented address before the @ (RFC 6531) with a warning', () => {
    expect(checkEmail('péter@cég.hu')).toMatchObject({ value: 'péter@cég.hu', problem: { code: 'international-email', severity: 'warning' } });
    expect(checkEmail('pe\u0301ter@ce\u0301g.hu').value).toBe('péter@cég.hu');
    expect(checkEmail('péter@')).toMatchObject({ value: null, problem: { code: 'invalid-email' } });
  });

  it('splits address lists without breaking display names', () => {
    expect(splitEmailList('Nagy, Gábor <g@x.hu>; "Kiss, Anna" <a@x.hu>, b@x.hu c@x.hu\nd@x.hu')).toEqual([
      'Nagy, Gábor <g@x.hu>', '"Kiss, Anna" <a@x.hu>', 'b@x.hu', 'c@x.hu', 'd@x.hu',
    ]);
    expect(displayName('"Kiss, Anna" <a@x.hu>')).toBe('Kiss, Anna');
    expect(displayName('Kiss Anna <nem cím>')).toBeNull();
    expect(displayName('a@x.hu')).toBeNull();
  });

  it('takes the address out of a display name, and points at split for lists', () => {
    expect(checkEmail('Kovács Béla <kovacs@pelda.hu>')).toMatchObject({ value: 'kovacs@pelda.hu', problem: { severity: 'warning' } });
    expect(checkEmail('a@pelda.hu, b@pelda.hu').problem?.text).toContain('"split": true');
  });
});

describe('phones', () => {
  it.each([
    ['06-30/765-4321', '+36 30 765 4321'],
    ['06 1 234 5678', '+36 1 234 5678'],
    ['(06-1) 234-5678', '+36 1 234 5678'],
    ['+36 20 123 4567', '+36 20 123 4567'],
    ['0036301234567', '+36 30 123 4567'],
    ['06-22/123-456', '+36 22 123 456'],
    ['+44 161 496 0057', '+44 161 496 0057'],
  ])('normalises %j to %s', (raw, want) => {
    expect(normalisePhone(raw)).toEqual({ value: want });
  });

  it('warns about a number that is not valid in its country instead of reading it wrongly', () => {
    // 0612345678 whose leading 0 Excel dropped: not +36 61 234 5678 (there is no area code 61).
    const lost = normalisePhone('612345678');
    expect(lost).toMatchObject({ value: '612345678', problem: { code: 'invalid-phone', severity: 'warning', params: { country: 'HU', withZero: '+36 1 234 5678' } } });
    expect(lost.problem?.text).toBe('is not a valid phone number in Hungary (+36); it was kept as typed. With a leading 0 it would be +36 1 234 5678.');
    // A mobile number one digit short.
    expect(normalisePhone('+36 20 123 456')).toMatchObject({ value: '+36 20 123 456', problem: { code: 'invalid-phone' } });
    expect(normalisePhone('06 20 123 4567')).toEqual({ value: '+36 20 123 4567' });
  });

  it('keeps an unreadable phone as typed, with a warning', () => {
    expect(normalisePhone(' 12345 ')).toMatchObject({ value: '12345', problem: { code: 'unparseable-phone', severity: 'warning' } });
    expect(normalisePhone('hívjon')).toMatchObject({ value: 'hívjon', problem: { code: 'unparseable-phone' } });
  });

  it('honours another default region', () => {
    expect(normalisePhone('0664 1234567', 'AT').value).toBe(libPhone('0664 1234567', 'AT'));
    expect(normalisePhone('06-30/765-4321', 'AT').value).not.toBe('+36 30 765 4321');
  });

  it('fast path agrees with libphonenumber on Hungarian numbers', () => {
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const digits = (n: number): string => Array.from({ length: n }, () => String(rnd(10))).join('');
    const forms = [
      () => `06-${rnd(90) + 10}/${digits(3)}-${digits(rnd(2) ? 3 : 4)}`,
      () => `+36 ${rnd(90) + 10} ${digits(3)} ${digits(rnd(2) ? 3 : 4)}`,
      () => `06 1 ${digits(3)} ${digits(4)}`,
      () => `0036${rnd(90) + 10}${digits(7)}`,
      () => `(06-${rnd(9) + 1}) ${digits(rnd(5) + 4)}`,
      () => `+36${rnd(90) + 10}${digits(rnd(2) ? 6 : 7)}`,
    ];
    for (let i = 0; i < 6000; i++) {
      const s = forms[i % forms.length]!();
      const lib = libPhone(s);
      expect(normalisePhone(s).value, s).toBe(lib ?? s);
    }
  });
});

describe('URLs and text', () => {
  it('adds https:// to websites without a scheme', () => {
    expect(normaliseUrl('kovacs.hu')).toEqual({ value: 'https://kovacs.hu' });
    expect(normaliseUrl('www.kovacs.hu/rolunk')).toEqual({ value: 'https://www.kovacs.hu/rolunk' });
    expect(normaliseUrl('http://minicrm-test.local/')).toEqual({ value: 'http://minicrm-test.local/' });
    expect(normaliseUrl('nincs honlap')).toMatchObject({ value: 'nincs honlap', problem: { code: 'invalid-url', severity: 'warning' } });
  });

  it('removes characters XML 1.0 forbids, with a warning', () => {
    expect(cleanText('  Kovács\u0007 Kft ')).toMatchObject({ value: 'Kovács Kft', problem: { code: 'forbidden-characters' } });
    expect(cleanText('a\uD800b').value).toBe('ab');
    expect(cleanText('emoji 😀 ok')).toEqual({ value: 'emoji 😀 ok' });
    expect(cleanText('tab\tand\nnewline')).toEqual({ value: 'tab\tand\nnewline' });
    expect(hasForbiddenChars('x\uFFFE')).toBe(true);
    expect(cleanText('\u0001')).toMatchObject({ value: null });
  });
});
