import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { editDistance, looseName, NameMatcher, normaliseName, suggestMapping } from './matching.js';

const districts = [
  { key: 'mitte-1', name: 'Mitte I' },
  { key: 'mitte-2', name: 'Mitte II' },
  { key: 'rosenhuegel', name: 'Rosenhügel' },
  { key: 'brauck', name: 'Brauck' },
  { key: 'rentfort-nord', name: 'Rentfort-Nord' },
];
const matcher = () => new NameMatcher(districts, (d) => [d.key, d.name]);

describe('NameMatcher', () => {
  it('matches names and keys regardless of case and whitespace', () => {
    const m = matcher();
    expect(m.match('  mitte   i ')).toEqual({ kind: 'exact', item: districts[0] });
    expect(m.match('BRAUCK')).toEqual({ kind: 'exact', item: districts[3] });
    expect(m.match('Rosenhuegel')).toEqual({ kind: 'exact', item: districts[2] });
    expect(m.match('rentfort-nord')).toEqual({ kind: 'exact', item: districts[4] });
  });

  it('suggests the near miss instead of guessing', () => {
    const m = matcher();
    expect(m.match('Mitte 1')).toEqual({ kind: 'none', suggestions: [districts[0]] });
    expect(m.match('Mitte 2')).toEqual({ kind: 'none', suggestions: [districts[1]] });
    expect(m.match('Rentfort Nord')).toEqual({ kind: 'none', suggestions: [districts[4]] });
    expect(m.match('Bruck')).toEqual({ kind: 'none', suggestions: [districts[3]] });
    expect(m.match('Stadtbezirk Brauck')).toEqual({ kind: 'none', suggestions: [districts[3]] });
    expect(m.match('Hamburg')).toEqual({ kind: 'none', suggestions: [] });
  });

  it('reports names shared by two items as ambiguous', () => {
    const m = new NameMatcher(
      [
        { key: 'a', name: 'Nord' },
        { key: 'b', name: 'nord' },
      ],
      (x) => [x.key, x.name],
    );
    expect(m.match('Nord').kind).toBe('ambiguous');
  });

  it('matches every name after any change of case or spacing (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...districts), fc.boolean(), fc.nat({ max: 3 }), (d, upper, pad) => {
        const text = `${' '.repeat(pad)}${upper ? d.name.toUpperCase() : d.name.toLowerCase()}${' '.repeat(pad)}`;
        expect(matcher().match(text)).toEqual({ kind: 'exact', item: d });
      }),
    );
  });
});

describe('helpers', () => {
  it('normalises and loosens names', () => {
    expect(normaliseName('  Mitte   I ')).toBe('mitte i');
    expect(looseName('Mitte II')).toBe('mitte2');
    expect(looseName('Rosenhügel')).toBe('rosenhuegel');
  });

  it('computes edit distances with transpositions and an early stop', () => {
    expect(editDistance('brauck', 'bruack')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => expect(editDistance(a, b)).toBe(editDistance(b, a))));
  });
});

describe('suggestMapping', () => {
  const indicators = [
    { key: 'population', name: 'Einwohnerinnen und Einwohner' },
    { key: 'sgb2_rate', name: 'SGB-II-Quote' },
  ];

  it('recognises a long file by its column names', () => {
    expect(suggestMapping(['Stadtbezirk', 'Jahr', 'Indikator', 'Wert', 'Zähler', 'Nenner'], indicators)).toEqual({
      layout: 'long',
      mapping: {
        areaColumn: 'Stadtbezirk',
        periodColumn: 'Jahr',
        indicatorColumn: 'Indikator',
        valueColumn: 'Wert',
        numeratorColumn: 'Zähler',
        denominatorColumn: 'Nenner',
      },
    });
  });

  it('recognises wide files by indicator names or by periods in the header', () => {
    expect(suggestMapping(['Gebiet', 'Jahr', 'SGB-II-Quote', 'population'], indicators)).toEqual({
      layout: 'wide',
      mapping: { areaColumn: 'Gebiet', periodColumn: 'Jahr', columns: { 'SGB-II-Quote': 'sgb2_rate', population: 'population' } },
    });
    expect(suggestMapping(['Stadtbezirk', '2022', '2023', '2024'], indicators)).toEqual({
      layout: 'wide',
      mapping: { areaColumn: 'Stadtbezirk', periodColumns: { '2022': '2022', '2023': '2023', '2024': '2024' } },
    });
  });
});
