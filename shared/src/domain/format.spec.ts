import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatDate, formatExportNumber, formatNumber, formatPeriod, formatSigned } from './format.js';

describe('formatting', () => {
  it('formats numbers with the indicator decimals in German and English', () => {
    expect(formatNumber(12345.678, 1, 'de')).toBe('12.345,7');
    expect(formatNumber(12345.678, 1, 'en')).toBe('12,345.7');
    expect(formatNumber(75721, 0, 'de')).toBe('75.721');
    expect(formatNumber(-0.04, 1, 'de')).toBe('0,0');
  });

  it('signs differences with a real minus', () => {
    expect(formatSigned(1.25, 1, 'de')).toBe('+1,3');
    expect(formatSigned(-0.4, 1, 'de')).toBe('\u22120,4');
    expect(formatSigned(0, 1, 'en')).toBe('0.0');
  });

  it('spells periods the way offices write them', () => {
    expect(formatPeriod('2024', 'de')).toBe('2024');
    expect(formatPeriod('2024-H1', 'de')).toBe('1. Hj. 2024');
    expect(formatPeriod('2024-Q3', 'en')).toBe('Q3 2024');
    expect(formatPeriod('2024-06', 'de')).toBe('Juni 2024');
    expect(formatPeriod('gestern', 'de')).toBe('gestern');
  });

  it('rounds half away from zero and groups thousands', () => {
    expect(formatNumber(2.345, 2, 'de')).toBe('2,35');
    expect(formatNumber(-2.5, 0, 'de')).toBe('-3');
    expect(formatNumber(1234567.891, 2, 'en')).toBe('1,234,567.89');
    expect(formatNumber(999.95, 1, 'de')).toBe('1.000,0');
    expect(formatNumber(7, 0, 'de')).toBe('7');
    expect(formatSigned(0.04, 1, 'de')).toBe('0,0');
  });

  it('matches Intl for ordinary values (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('de' as const, 'en' as const),
        (n, d, locale) => {
          const value = n / 10 ** d;
          const intl = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }).format(
            value,
          );
          expect(formatNumber(value, d, locale)).toBe(intl.replace('\u2212', '-'));
        },
      ),
    );
  });

  it('formats dates and export numbers', () => {
    expect(formatDate('2025-02-14', 'de')).toBe('14.02.2025');
    expect(formatDate('2025-02-14', 'en')).toBe('14 Feb 2025');
    expect(formatExportNumber(1234.5, 1, ',')).toBe('1234,5');
    expect(formatExportNumber(1234.5, 2, '.')).toBe('1234.50');
  });
});
