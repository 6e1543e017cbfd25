import { describe, expect, it } from '@jest/globals';
import { GLADBECK_DEPARTMENTS, GLADBECK_INDICATORS, GLADBECK_TOPICS } from './catalogue.js';
import type { SeedPolarity } from './types.js';

const TOPIC_KEYS = ['demography', 'labour_poverty', 'immigration', 'health', 'housing', 'education', 'family', 'inclusion'];
const DEPARTMENT_CODES = ['12', '40', '50', '51', '52', '56'];
/** The only indicators with real (2012 register) values; all others must be labelled synthetic. */
const PARTLY_REAL = ['population', 'foreign_nationals_share'];

function indicator(key: string) {
  const found = GLADBECK_INDICATORS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`missing indicator ${key}`);
  return found;
}

describe('topics and departments', () => {
  it('has the eight topics in sort order', () => {
    expect(GLADBECK_TOPICS.map((topic) => topic.key)).toEqual(TOPIC_KEYS);
    expect(GLADBECK_TOPICS.map((topic) => topic.sortOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const topic of GLADBECK_TOPICS) {
      expect(topic.nameDe).not.toBe('');
      expect(topic.nameEn).not.toBe('');
    }
  });

  it('has the six departments', () => {
    expect(GLADBECK_DEPARTMENTS.map((department) => department.code).sort()).toEqual(DEPARTMENT_CODES);
    for (const department of GLADBECK_DEPARTMENTS) {
      expect(department.name).not.toBe('');
      expect(department.shortName.length).toBeLessThan(department.name.length);
    }
  });
});

describe('indicators', () => {
  it('has at least 28 indicators with unique snake_case keys', () => {
    expect(GLADBECK_INDICATORS.length).toBeGreaterThanOrEqual(28);
    const keys = GLADBECK_INDICATORS.map((candidate) => candidate.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
  });

  it('uses every topic and only known topics and departments', () => {
    expect(new Set(GLADBECK_INDICATORS.map((candidate) => candidate.topicKey))).toEqual(new Set(TOPIC_KEYS));
    for (const candidate of GLADBECK_INDICATORS) expect(DEPARTMENT_CODES).toContain(candidate.departmentCode);
  });

  it.each(GLADBECK_INDICATORS.map((candidate) => [candidate.key, candidate] as const))('%s is fully described', (_key, candidate) => {
    expect(candidate.name).not.toBe('');
    expect(candidate.nameEn).not.toBe('');
    expect(candidate.definition.length).toBeGreaterThan(40);
    expect(candidate.unit).not.toBe('');
    expect(Number.isInteger(candidate.decimals) && candidate.decimals >= 0 && candidate.decimals <= 3).toBe(true);
    expect(candidate.lastUpdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${candidate.lastUpdate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(candidate.lastUpdate);
    if (candidate.suppressionThreshold !== null) {
      expect(Number.isInteger(candidate.suppressionThreshold) && candidate.suppressionThreshold > 0).toBe(true);
    }
  });

  it('gives every rate its numerator, denominator and factor, and counts none', () => {
    for (const candidate of GLADBECK_INDICATORS) {
      if (candidate.kind === 'rate') {
        expect(candidate.numeratorLabel).toBeTruthy();
        expect(candidate.denominatorLabel).toBeTruthy();
        expect([1, 100, 1000, 10_000]).toContain(candidate.rateFactor);
      } else {
        expect(candidate.rateFactor).toBeNull();
        expect(candidate.numeratorLabel).toBeUndefined();
        expect(candidate.denominatorLabel).toBeUndefined();
      }
    }
  });

  it('matches units to rate factors', () => {
    const factorForUnit: Record<string, number | null> = {
      '%': 100,
      'je 100': 100,
      'je 1.000': 1000,
      'je 10.000': 10_000,
      'm²': 1,
      Personen: null,
      Anzahl: null,
    };
    for (const candidate of GLADBECK_INDICATORS) {
      expect(Object.keys(factorForUnit)).toContain(candidate.unit);
      expect(candidate.rateFactor).toBe(factorForUnit[candidate.unit]);
    }
  });

  it('labels every generated value as synthetic and only the 2012 register figures as real', () => {
    for (const candidate of GLADBECK_INDICATORS) {
      expect(candidate.source).toMatch(/synthetische Demodaten \(nicht amtlich\)/i);
      if (PARTLY_REAL.includes(candidate.key)) expect(candidate.source).toContain('Melderegister Stadt Gladbeck (Stand 30.06.2012, laut Presse)');
      else expect(candidate.source).not.toContain('2012');
    }
  });

  it('has the expected polarities', () => {
    const expected: Record<string, SeedPolarity> = {
      population: 'neutral',
      sgb2_rate: 'higher_is_worse',
      sgb2_children_under_15_share: 'higher_is_worse',
      unemployment_share_15_64: 'higher_is_worse',
      daycare_coverage_under_3: 'higher_is_better',
      daycare_coverage_3_to_6: 'higher_is_better',
      gps_per_10000: 'higher_is_better',
      school_leavers_without_qualification_share: 'higher_is_worse',
      child_protection_cases_per_1000: 'higher_is_worse',
      foreign_nationals_share: 'neutral',
    };
    for (const [key, polarity] of Object.entries(expected)) expect(indicator(key).polarity).toBe(polarity);
  });

  it('suppresses small case counts and not structural figures', () => {
    for (const key of [
      'sgb2_children_under_15_share',
      'refugees_municipal_housing',
      'child_protection_cases_per_1000',
      'integration_assistance_cases',
      'school_leavers_without_qualification_share',
      'missed_child_checkups_share',
      'rent_arrears_notices',
    ]) {
      expect(indicator(key).suppressionThreshold).toBe(5);
    }
    for (const key of ['population', 'living_space_per_person']) expect(indicator(key).suppressionThreshold).toBeNull();
  });

  it('keeps a handful of sensitive indicators internal', () => {
    const internal = GLADBECK_INDICATORS.filter((candidate) => !candidate.isPublic).map((candidate) => candidate.key);
    expect(internal.length).toBeGreaterThanOrEqual(4);
    expect(internal.length).toBeLessThanOrEqual(6);
    expect(internal).toEqual(expect.arrayContaining(['child_protection_cases_per_1000', 'rent_arrears_notices']));
  });
});

/**
 * German proper names deliberately kept in the English texts (an English reader searches for
 * them); they are removed before looking for traces of a missed translation.
 */
const KEPT_GERMAN_NAMES = [
  'Bundesagentur für Arbeit',
  'Kassenärztliche Vereinigung Westfalen-Lippe',
  'Flüchtlingsaufnahmegesetz NRW',
  'Spätaussiedler',
  'Fachstelle Wohnungsnotfälle',
];
/** Lower-case words and fragments that only occur in German text; matched on the text padded with spaces. */
const GERMAN_MARKERS = [
  ' und ',
  ' der ',
  ' die ',
  ' das ',
  ' des ',
  ' dem ',
  ' den ',
  ' für ',
  ' mit ',
  ' nach ',
  ' je ',
  ' ab ',
  ' bis ',
  ' oder ',
  ' laut ',
  ' stand ',
  'einwohner',
  'anteil',
  'jahren',
  'insgesamt',
  'personen',
  'melderegister',
];

function englishTexts(): [where: string, text: string][] {
  const texts: [string, string][] = [];
  for (const candidate of GLADBECK_INDICATORS) {
    texts.push([`${candidate.key}.definitionEn`, candidate.definitionEn], [`${candidate.key}.sourceEn`, candidate.sourceEn]);
    if (candidate.numeratorLabelEn !== undefined) texts.push([`${candidate.key}.numeratorLabelEn`, candidate.numeratorLabelEn]);
    if (candidate.denominatorLabelEn !== undefined) texts.push([`${candidate.key}.denominatorLabelEn`, candidate.denominatorLabelEn]);
  }
  for (const department of GLADBECK_DEPARTMENTS) {
    texts.push([`department ${department.code}.nameEn`, department.nameEn], [`department ${department.code}.shortNameEn`, department.shortNameEn]);
  }
  return texts;
}

/** Everything in an English text that looks like an untranslated German remnant. */
function germanTraces(text: string): string[] {
  const stripped = KEPT_GERMAN_NAMES.reduce((rest, name) => rest.split(name).join(' '), text);
  const padded = ` ${stripped.toLowerCase().replace(/[.,;:()]/g, ' ')} `;
  const traces = GERMAN_MARKERS.filter((marker) => padded.includes(marker));
  if (/[äöüß]/i.test(stripped)) traces.push('umlaut or ß');
  if (/\d{1,2}\.\d{1,2}\./.test(stripped)) traces.push('German date format');
  if (/\d\.\d{3}(?!\d)/.test(stripped)) traces.push('German thousands separator');
  return traces;
}

describe('English texts', () => {
  it('gives every indicator a non-empty English definition and source', () => {
    for (const candidate of GLADBECK_INDICATORS) {
      expect(candidate.definitionEn.trim().length).toBeGreaterThan(40);
      expect(candidate.definitionEn).not.toBe(candidate.definition);
      expect(candidate.sourceEn.trim()).not.toBe('');
      expect(candidate.sourceEn).not.toBe(candidate.source);
    }
  });

  it('gives every numerator and denominator label an English counterpart, and no more', () => {
    for (const candidate of GLADBECK_INDICATORS) {
      for (const [german, english] of [
        [candidate.numeratorLabel, candidate.numeratorLabelEn],
        [candidate.denominatorLabel, candidate.denominatorLabelEn],
      ]) {
        if (german === undefined) expect(english).toBeUndefined();
        else {
          expect(english?.trim()).toBeTruthy();
          expect(english).not.toBe(german);
        }
      }
    }
  });

  it('gives every department an English name and short name', () => {
    for (const department of GLADBECK_DEPARTMENTS) {
      expect(department.nameEn.trim()).not.toBe('');
      expect(department.shortNameEn.trim()).not.toBe('');
      expect(department.shortNameEn.length).toBeLessThan(department.nameEn.length);
    }
  });

  it('leaves no trace of German in the English texts apart from the kept proper names', () => {
    const texts = englishTexts();
    const traces = texts.map(([where, text]) => [where, germanTraces(text)] as const).filter(([, found]) => found.length > 0);
    expect(traces).toEqual([]);
    // The exemptions must stay in use, or they would hide a later missed translation.
    for (const name of KEPT_GERMAN_NAMES) expect(texts.some(([, text]) => text.includes(name))).toBe(true);
  });

  it('finds German remnants with the check above', () => {
    expect(germanTraces('Anteil der Einwohner unter 6 Jahren, Stand 31.12.')).toEqual(
      expect.arrayContaining([' der ', ' stand ', 'einwohner', 'anteil', 'jahren', 'German date format']),
    );
    expect(germanTraces('per 1.000 inhabitants')).toEqual(['German thousands separator']);
    expect(germanTraces('statistics of the Bundesagentur für Arbeit (Federal Employment Agency), as of 31 Dec')).toEqual([]);
  });

  it('labels every synthetic source as synthetic in English too', () => {
    for (const candidate of GLADBECK_INDICATORS) {
      if (/synthetische Demodaten \(nicht amtlich\)/i.test(candidate.source)) {
        expect(candidate.sourceEn).toMatch(/synthetic demo data \(not official\)/i);
      }
      if (PARTLY_REAL.includes(candidate.key)) {
        expect(candidate.sourceEn).toContain('Population register of the City of Gladbeck (as of 30 June 2012, as reported in the press)');
      } else {
        expect(candidate.sourceEn).toMatch(/^Synthetic demo data \(not official\), modelled on /);
        expect(candidate.sourceEn).not.toContain('2012');
      }
    }
  });
});
