import { describe, expect, it } from '@jest/globals';
import { GLADBECK_INDICATORS } from './catalogue.js';
import { GLADBECK_CITY, GLADBECK_DISTRICTS } from './districts.js';
import type { SeedIndicator, SeedValue } from './types.js';
import { GLADBECK_PERIODS, INDICATORS_WITH_REGISTER_2012, generateGladbeckValues } from './values.js';

const values = generateGladbeckValues();
const AREA_KEYS = [GLADBECK_CITY.key, ...GLADBECK_DISTRICTS.map((district) => district.key)];
const DISTRICT_KEYS = GLADBECK_DISTRICTS.map((district) => district.key);

const byCell = new Map<string, SeedValue>();
for (const row of values) byCell.set(`${row.indicatorKey}|${row.areaKey}|${row.period}`, row);

function cell(indicatorKey: string, areaKey: string, period: string): SeedValue {
  const row = byCell.get(`${indicatorKey}|${areaKey}|${period}`);
  if (!row) throw new Error(`missing ${indicatorKey} ${areaKey} ${period}`);
  return row;
}

function indicator(key: string): SeedIndicator {
  const found = GLADBECK_INDICATORS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`missing indicator ${key}`);
  return found;
}

function periodsOf(candidate: SeedIndicator): string[] {
  return INDICATORS_WITH_REGISTER_2012.includes(candidate.key) ? ['2012', ...GLADBECK_PERIODS] : [...GLADBECK_PERIODS];
}

/** The count that a suppression rule looks at: the value of a count, the numerator of a rate. */
function disclosiveCount(candidate: SeedIndicator, row: SeedValue): number {
  return candidate.kind === 'count' ? row.value : (row.numerator ?? Number.NaN);
}

describe('generateGladbeckValues', () => {
  it('covers 2013 to 2024', () => {
    expect(GLADBECK_PERIODS).toEqual(['2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
  });

  it('is deterministic', () => {
    expect(generateGladbeckValues()).toEqual(values);
  });

  it('has exactly one row for every indicator, area and period', () => {
    const expectedRows = GLADBECK_INDICATORS.reduce((sum, candidate) => sum + periodsOf(candidate).length * AREA_KEYS.length, 0);
    expect(values).toHaveLength(expectedRows);
    expect(byCell.size).toBe(expectedRows);
    for (const candidate of GLADBECK_INDICATORS) {
      for (const period of periodsOf(candidate))
        for (const areaKey of AREA_KEYS) expect(byCell.has(`${candidate.key}|${areaKey}|${period}`)).toBe(true);
    }
  });

  it('reproduces the 2012 register figures exactly', () => {
    expect(cell('population', 'gladbeck', '2012').value).toBe(75_721);
    for (const district of GLADBECK_DISTRICTS) {
      expect(cell('population', district.key, '2012').value).toBe(district.population2012);
      const foreign = cell('foreign_nationals_share', district.key, '2012');
      expect(foreign.value).toBe(district.foreignShare2012);
      expect(foreign.denominator).toBe(district.population2012);
    }
  });

  it('lets district populations sum to the city in every year', () => {
    for (const period of ['2012', ...GLADBECK_PERIODS]) {
      const districtSum = DISTRICT_KEYS.reduce((sum, key) => sum + cell('population', key, period).value, 0);
      expect(cell('population', 'gladbeck', period).value).toBe(districtSum);
    }
  });

  it('stores counts as integers without numerator and denominator', () => {
    for (const row of values) {
      if (indicator(row.indicatorKey).kind !== 'count') continue;
      expect(Number.isInteger(row.value)).toBe(true);
      expect(row.value).toBeGreaterThanOrEqual(0);
      expect(row.numerator).toBeNull();
      expect(row.denominator).toBeNull();
    }
  });

  it('stores every rate as numerator / denominator · factor, rounded to its decimals', () => {
    for (const row of values) {
      const candidate = indicator(row.indicatorKey);
      if (candidate.kind !== 'rate') continue;
      const { numerator, denominator } = row;
      if (numerator === null || denominator === null)
        throw new Error(`${row.indicatorKey} ${row.areaKey} ${row.period}: missing numerator or denominator`);
      expect(Number.isInteger(numerator)).toBe(true);
      expect(Number.isInteger(denominator)).toBe(true);
      expect(denominator).toBeGreaterThan(0);
      if (candidate.key !== 'migration_balance') expect(numerator).toBeGreaterThanOrEqual(0);
      const exact = (numerator / denominator) * (candidate.rateFactor ?? 1);
      expect(Math.abs(row.value - exact)).toBeLessThanOrEqual(0.5 * 10 ** -candidate.decimals + 1e-9);
      expect(Number(row.value.toFixed(candidate.decimals))).toBe(row.value);
    }
  });

  it('keeps percentages between 0 and 100', () => {
    for (const row of values) {
      if (indicator(row.indicatorKey).unit !== '%') continue;
      expect(row.value).toBeGreaterThanOrEqual(0);
      expect(row.value).toBeLessThanOrEqual(100);
      expect(row.numerator ?? 0).toBeLessThanOrEqual(row.denominator ?? 0);
    }
  });

  it('aggregates the city from the districts: counts summed, rates from summed numerators and denominators', () => {
    for (const candidate of GLADBECK_INDICATORS) {
      for (const period of periodsOf(candidate)) {
        const city = cell(candidate.key, 'gladbeck', period);
        const districts = DISTRICT_KEYS.map((key) => cell(candidate.key, key, period));
        if (candidate.kind === 'count') {
          expect(city.value).toBe(districts.reduce((sum, row) => sum + row.value, 0));
          continue;
        }
        const numerator = districts.reduce((sum, row) => sum + (row.numerator ?? 0), 0);
        const denominator = districts.reduce((sum, row) => sum + (row.denominator ?? 0), 0);
        expect(city.numerator).toBe(numerator);
        expect(city.denominator).toBe(denominator);
        expect(Math.abs(city.value - (numerator / denominator) * (candidate.rateFactor ?? 1))).toBeLessThanOrEqual(
          0.5 * 10 ** -candidate.decimals + 1e-9,
        );
      }
    }
  });

  it('has some, but not only, small counts below the suppression threshold', () => {
    const suppressible = GLADBECK_INDICATORS.filter((candidate) => candidate.suppressionThreshold !== null);
    let below = 0;
    let total = 0;
    const indicatorsWithSmallCells = new Set<string>();
    for (const candidate of suppressible) {
      for (const period of GLADBECK_PERIODS) {
        for (const key of DISTRICT_KEYS) {
          total++;
          if (disclosiveCount(candidate, cell(candidate.key, key, period)) < (candidate.suppressionThreshold ?? 0)) {
            below++;
            indicatorsWithSmallCells.add(candidate.key);
          }
        }
      }
    }
    expect(indicatorsWithSmallCells.size).toBeGreaterThanOrEqual(3);
    expect(below).toBeGreaterThan(0);
    expect(below / total).toBeLessThan(0.25);
    // Large districts stay publishable, so the map never goes blank.
    for (const candidate of suppressible) {
      expect(disclosiveCount(candidate, cell(candidate.key, 'brauck', '2024'))).toBeGreaterThanOrEqual(candidate.suppressionThreshold ?? 0);
    }
  });

  it('marks only the latest year provisional, for two or three indicators', () => {
    const provisional = values.filter((row) => row.provisional);
    expect(new Set(provisional.map((row) => row.period))).toEqual(new Set(['2024']));
    const keys = new Set(provisional.map((row) => row.indicatorKey));
    expect(keys.size).toBeGreaterThanOrEqual(2);
    expect(keys.size).toBeLessThanOrEqual(3);
    for (const key of keys) for (const areaKey of AREA_KEYS) expect(cell(key, areaKey, '2024').provisional).toBe(true);
  });

  describe('plausibility', () => {
    const cityValue = (key: string, period: string): number => cell(key, 'gladbeck', period).value;

    it('keeps the city population around 75,000 to 76,500', () => {
      for (const period of GLADBECK_PERIODS) {
        expect(cityValue('population', period)).toBeGreaterThan(74_500);
        expect(cityValue('population', period)).toBeLessThan(77_000);
      }
    });

    it('raises the foreign-national share with the 2015/16 and 2022 immigration', () => {
      expect(cityValue('foreign_nationals_share', '2016') - cityValue('foreign_nationals_share', '2014')).toBeGreaterThan(1.5);
      expect(cityValue('foreign_nationals_share', '2022') - cityValue('foreign_nationals_share', '2021')).toBeGreaterThan(1);
      expect(cityValue('migration_balance', '2015')).toBeGreaterThan(cityValue('migration_balance', '2013'));
    });

    it('shows the 2020 unemployment bump and an ageing population', () => {
      expect(cityValue('unemployment_share_15_64', '2020')).toBeGreaterThan(cityValue('unemployment_share_15_64', '2019'));
      expect(cityValue('share_80_plus', '2024')).toBeGreaterThan(cityValue('share_80_plus', '2013'));
      expect(cityValue('old_age_dependency_ratio', '2024')).toBeGreaterThan(cityValue('old_age_dependency_ratio', '2013'));
    });

    it('keeps poorer districts poorer', () => {
      const poorer = ['brauck', 'butendorf', 'rosenhuegel', 'mitte-1'];
      const betterOff = ['alt-rentfort', 'ellinghorst', 'zweckel', 'rentfort-nord'];
      for (const period of GLADBECK_PERIODS) {
        const lowestPoor = Math.min(...poorer.map((key) => cell('sgb2_rate', key, period).value));
        const highestBetterOff = Math.max(...betterOff.map((key) => cell('sgb2_rate', key, period).value));
        expect(lowestPoor).toBeGreaterThan(highestBetterOff);
        expect(cell('foreign_nationals_share', 'brauck', period).value).toBeGreaterThan(
          cell('foreign_nationals_share', 'alt-rentfort', period).value,
        );
      }
    });

    it('counts persons with migration background at least as often as foreign nationals', () => {
      for (const period of GLADBECK_PERIODS) {
        for (const key of AREA_KEYS) {
          expect(cell('migration_background_share', key, period).numerator ?? 0).toBeGreaterThanOrEqual(
            cell('foreign_nationals_share', key, period).numerator ?? 0,
          );
        }
      }
    });
  });
});
