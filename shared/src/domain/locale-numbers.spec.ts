import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { detectDecimalSeparator, parseLocaleNumber, parseValueCell, typedDecimals } from './locale-numbers.js';

describe('parseLocaleNumber', () => {
  it('reads German numbers with thousands points and a decimal comma', () => {
    expect(parseLocaleNumber('1.234,5', ',')).toBe(1234.5);
    expect(parseLocaleNumber('1.234.567', ',')).toBe(1234567);
    expect(parseLocaleNumber('12,3', ',')).toBe(12.3);
    expect(parseLocaleNumber('−4,5', ',')).toBe(-4.5);
    expect(parseLocaleNumber('1 234,5', ',')).toBe(1234.5);
    expect(parseLocaleNumber('1\u00a0234,5', ',')).toBe(1234.5);
    expect(parseLocaleNumber('19,6 %', ',')).toBe(19.6);
    expect(parseLocaleNumber(',5', ',')).toBe(0.5);
  });

  it('reads English numbers with a decimal point', () => {
    expect(parseLocaleNumber('1,234.5', '.')).toBe(1234.5);
    expect(parseLocaleNumber('-0.25', '.')).toBe(-0.25);
  });

  it('refuses text, misplaced separators and two decimal marks', () => {
    for (const text of ['12,3x', 'abc', '1.23,4', '1,2,3', '', '-', '1..2', '12 3 4,5x', '1e5', 'Infinity']) {
      expect(parseLocaleNumber(text, ',')).toBeNull();
    }
  });

  it('round-trips every number written the German way (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const sign = whole < 0 ? '-' : '';
        const grouped = Math.abs(whole).toLocaleString('de-DE');
        const text = `${sign}${grouped},${String(cents).padStart(2, '0')}`;
        const expected = Number(`${sign}${Math.abs(whole)}.${String(cents).padStart(2, '0')}`);
        expect(parseLocaleNumber(text, ',')).toBe(expected);
      }),
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(',' as const, '.' as const), (text, decimal) => {
        const result = parseLocaleNumber(text, decimal);
        expect(result === null || Number.isFinite(result)).toBe(true);
      }),
    );
  });
});

describe('parseValueCell', () => {
  it('understands the symbols of official statistics and p/s marks', () => {
    expect(parseValueCell('.', ',')).toEqual({ ok: true, cell: { value: null, suppressed: true, provisional: false, estimated: false } });
    expect(parseValueCell('x', ',')).toMatchObject({ ok: true, cell: { suppressed: true } });
    expect(parseValueCell('–', ',')).toMatchObject({ ok: true, cell: { value: null, suppressed: false } });
    expect(parseValueCell('12,3 p', ',')).toEqual({ ok: true, cell: { value: 12.3, suppressed: false, provisional: true, estimated: false } });
    expect(parseValueCell('12,3 (s)', ',')).toMatchObject({ ok: true, cell: { value: 12.3, estimated: true } });
    expect(parseValueCell(42.5, ',')).toMatchObject({ ok: true, cell: { value: 42.5 } });
    expect(parseValueCell('', ',')).toMatchObject({ ok: true, cell: { value: null } });
    expect(parseValueCell('12,3x', ',')).toEqual({ ok: false });
    expect(parseValueCell(Number.NaN, ',')).toEqual({ ok: false });
  });
});

describe('detectDecimalSeparator', () => {
  it('recognises German files by their decimal commas', () => {
    expect(detectDecimalSeparator(['1.234,5', '12,3', '7'], ';')).toBe(',');
    expect(detectDecimalSeparator(['1234.5', '0.25'], '\t')).toBe('.');
    expect(detectDecimalSeparator(['12', '13'], ';')).toBe(',');
    expect(detectDecimalSeparator(['12', '13'], '\t')).toBe('.');
    expect(detectDecimalSeparator(['12,5'], ',')).toBe('.');
  });

  it('counts typed decimals for consistency checks', () => {
    expect(typedDecimals('12,34', ',')).toBe(2);
    expect(typedDecimals('1.234', ',')).toBe(0);
  });
});
