import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { displayUnit } from './units.js';

describe('displayUnit', () => {
  it('keeps the steward’s German unit on German pages', () => {
    for (const unit of ['je 1.000', 'Personen', '%', 'm²', 'Kita-Plätze']) expect(displayUnit(unit, 'de')).toBe(unit);
    expect(displayUnit('  je 100 ', 'de')).toBe('je 100');
  });

  it('reads rates per a round number in English, with English digit grouping', () => {
    expect(displayUnit('je 100', 'en')).toBe('per 100');
    expect(displayUnit('je 1.000', 'en')).toBe('per 1,000');
    expect(displayUnit('je 10.000', 'en')).toBe('per 10,000');
    expect(displayUnit('je 1000', 'en')).toBe('per 1,000');
    expect(displayUnit('pro 1.000 Einwohner', 'en')).toBe('per 1,000 inhabitants');
    expect(displayUnit('je 100 Einwohnerinnen und Einwohner', 'en')).toBe('per 100 inhabitants');
    expect(displayUnit('je 100 Kinder', 'en')).toBe('per 100 children');
  });

  it('translates the usual nouns of official statistics, whatever their case', () => {
    expect(displayUnit('Personen', 'en')).toBe('persons');
    expect(displayUnit('personen', 'en')).toBe('persons');
    expect(displayUnit('Anzahl', 'en')).toBe('count');
    expect(displayUnit('Fälle', 'en')).toBe('cases');
    expect(displayUnit('Haushalte', 'en')).toBe('households');
  });

  it('shows symbols and unknown wording as typed instead of guessing', () => {
    expect(displayUnit('%', 'en')).toBe('%');
    expect(displayUnit('m²', 'en')).toBe('m²');
    expect(displayUnit('Kita-Plätze', 'en')).toBe('Kita-Plätze');
    expect(displayUnit('je 100 Hochbetagte', 'en')).toBe('per 100 Hochbetagte');
    expect(displayUnit('je Monat', 'en')).toBe('je Monat');
    expect(displayUnit('', 'en')).toBe('');
  });

  it('never throws and never returns more than a short label (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('de' as const, 'en' as const), (unit, locale) => {
        const shown = displayUnit(unit, locale);
        expect(typeof shown).toBe('string');
        expect(shown.length).toBeLessThanOrEqual(Math.max(unit.length, 0) + 16);
      }),
    );
  });
});
