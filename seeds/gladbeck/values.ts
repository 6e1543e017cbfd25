import { GLADBECK_INDICATORS } from './catalogue.js';
import { GLADBECK_CITY, GLADBECK_DISTRICTS } from './districts.js';
import type { SeedDistrict, SeedIndicator, SeedValue } from './types.js';

const FIRST_YEAR = 2013;
const LAST_YEAR = 2024;
/** The real register figures exist for this date only (30 June 2012). */
const REGISTER_YEAR = 2012;

export const GLADBECK_PERIODS: readonly string[] = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => String(FIRST_YEAR + i));

/** Indicators that also get a 2012 row carrying the real register figures. */
export const INDICATORS_WITH_REGISTER_2012: readonly string[] = ['population', 'foreign_nationals_share'];

/** The latest year of these sources is still subject to revision (BA waiting period, school statistics). */
export const PROVISIONAL_LATEST_YEAR_INDICATORS: readonly string[] = [
  'sgb2_rate',
  'sgb2_children_under_15_share',
  'school_leavers_without_qualification_share',
];

/** MigraPro derives migration background from register traces, so every value is an estimate. */
const ESTIMATED_INDICATORS: readonly string[] = ['migration_background_share'];

const RANDOM_SEED = 0x1a9eb3c4;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness. Each draw gets its own generator seeded from a descriptive key, so
// adding an indicator or a district later does not shift every other synthetic value.

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function uniform(key: string): number {
  return mulberry32(fnv1a(key) ^ RANDOM_SEED)();
}

/** Multiplicative jitter in [1 - amplitude, 1 + amplitude). */
function jitter(key: string, amplitude: number): number {
  return 1 + amplitude * (2 * uniform(key) - 1);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Half away from zero, as statistics offices publish (and as the server's roundTo does). */
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
  // A small negative balance rounds to -0, which would survive into JSON diffs and equality checks.
  return rounded === 0 ? 0 : rounded;
}

// ---------------------------------------------------------------------------------------------
// District profiles: relative levels that drive the synthetic values.

interface DistrictProfile {
  /** 0 = well-off, 1 = most deprived; scales poverty, unemployment and related indicators. */
  deprivation: number;
  /** Relative weight of children and young people in the age structure (1 = city average). */
  youth: number;
  /** Relative weight of people aged 65+ (1 = city average). */
  ageing: number;
  personsPerFlat: number;
  /** Share of the city's municipal refugee accommodation located in the district. */
  refugeeHousingShare: number;
  generalPractitioners2013: number;
  pharmacies2013: number;
  careHomePlaces2013: number;
}

const PROFILES: Readonly<Record<string, DistrictProfile>> = {
  brauck: {
    deprivation: 0.95,
    youth: 1.2,
    ageing: 0.85,
    personsPerFlat: 2.05,
    refugeeHousingShare: 0.3,
    generalPractitioners2013: 6,
    pharmacies2013: 3,
    careHomePlaces2013: 110,
  },
  butendorf: {
    deprivation: 0.8,
    youth: 1.15,
    ageing: 0.9,
    personsPerFlat: 2.0,
    refugeeHousingShare: 0.24,
    generalPractitioners2013: 6,
    pharmacies2013: 3,
    careHomePlaces2013: 100,
  },
  'mitte-1': {
    deprivation: 0.7,
    youth: 1.0,
    ageing: 1.05,
    personsPerFlat: 1.8,
    refugeeHousingShare: 0.15,
    generalPractitioners2013: 10,
    pharmacies2013: 4,
    careHomePlaces2013: 160,
  },
  zweckel: {
    deprivation: 0.3,
    youth: 0.95,
    ageing: 1.1,
    personsPerFlat: 2.0,
    refugeeHousingShare: 0.1,
    generalPractitioners2013: 6,
    pharmacies2013: 2,
    careHomePlaces2013: 120,
  },
  'rentfort-nord': {
    deprivation: 0.35,
    youth: 1.0,
    ageing: 1.05,
    personsPerFlat: 2.0,
    refugeeHousingShare: 0.07,
    generalPractitioners2013: 4,
    pharmacies2013: 2,
    careHomePlaces2013: 80,
  },
  'mitte-2': {
    deprivation: 0.45,
    youth: 0.85,
    ageing: 1.2,
    personsPerFlat: 1.75,
    refugeeHousingShare: 0.06,
    generalPractitioners2013: 7,
    pharmacies2013: 2,
    careHomePlaces2013: 120,
  },
  rosenhuegel: {
    deprivation: 0.85,
    youth: 1.15,
    ageing: 0.9,
    personsPerFlat: 2.05,
    refugeeHousingShare: 0.06,
    generalPractitioners2013: 2,
    pharmacies2013: 1,
    careHomePlaces2013: 0,
  },
  'alt-rentfort': {
    deprivation: 0.1,
    youth: 0.9,
    ageing: 1.2,
    personsPerFlat: 2.2,
    refugeeHousingShare: 0.01,
    generalPractitioners2013: 2,
    pharmacies2013: 1,
    careHomePlaces2013: 80,
  },
  ellinghorst: {
    deprivation: 0.2,
    youth: 0.95,
    ageing: 1.15,
    personsPerFlat: 2.2,
    refugeeHousingShare: 0.01,
    generalPractitioners2013: 1,
    pharmacies2013: 0,
    careHomePlaces2013: 0,
  },
  schultendorf: {
    deprivation: 0.4,
    youth: 1.0,
    ageing: 1.0,
    personsPerFlat: 2.1,
    refugeeHousingShare: 0,
    generalPractitioners2013: 1,
    pharmacies2013: 0,
    careHomePlaces2013: 0,
  },
};

/** City average of the 2012 foreign-national shares, used to tilt immigration towards districts that already had more. */
const CITY_FOREIGN_SHARE_2012 = GLADBECK_DISTRICTS.reduce((sum, d) => sum + d.population2012 * d.foreignShare2012, 0) / GLADBECK_CITY.population2012;

// ---------------------------------------------------------------------------------------------
// City-wide time patterns (index per year).

type YearSeries = Readonly<Record<number, number>>;

/** Net immigration from abroad as a fraction of the population: refugee intake 2015/16, Ukraine 2022. */
const IMMIGRATION_WAVE: YearSeries = {
  2013: 0.003,
  2014: 0.006,
  2015: 0.016,
  2016: 0.008,
  2017: 0.002,
  2018: 0.002,
  2019: 0.001,
  2020: 0.0,
  2021: 0.002,
  2022: 0.012,
  2023: 0.005,
  2024: 0.003,
};

/** Rise of the city's foreign-national share over 2012, in percentage points. */
const FOREIGN_SHARE_RISE: YearSeries = {
  2013: 0.4,
  2014: 0.9,
  2015: 2.3,
  2016: 3.1,
  2017: 3.4,
  2018: 3.7,
  2019: 4.0,
  2020: 4.1,
  2021: 4.4,
  2022: 6.2,
  2023: 6.8,
  2024: 7.1,
};

/** Municipally housed refugees, whole city. */
const REFUGEES_IN_MUNICIPAL_HOUSING: YearSeries = {
  2013: 180,
  2014: 320,
  2015: 950,
  2016: 1100,
  2017: 700,
  2018: 520,
  2019: 430,
  2020: 380,
  2021: 340,
  2022: 620,
  2023: 700,
  2024: 580,
};

/** Recognised refugees move into SGB II a year after arrival; Ukrainians from June 2022. */
const SGB2_TREND: YearSeries = {
  2013: 1.0,
  2014: 1.01,
  2015: 1.03,
  2016: 1.08,
  2017: 1.12,
  2018: 1.09,
  2019: 1.04,
  2020: 1.06,
  2021: 1.03,
  2022: 1.07,
  2023: 1.1,
  2024: 1.09,
};

/** Steady decline until 2019, pandemic bump in 2020. */
const UNEMPLOYMENT_TREND: YearSeries = {
  2013: 1.0,
  2014: 0.99,
  2015: 0.97,
  2016: 0.95,
  2017: 0.92,
  2018: 0.87,
  2019: 0.84,
  2020: 0.98,
  2021: 0.95,
  2022: 0.9,
  2023: 0.95,
  2024: 0.98,
};

/** Long-term unemployment hardens after the pandemic. Added to the share. */
const LONG_TERM_UNEMPLOYMENT_SHIFT: YearSeries = {
  2013: 0.0,
  2014: 0.01,
  2015: 0.01,
  2016: 0.0,
  2017: -0.01,
  2018: -0.02,
  2019: -0.02,
  2020: 0.0,
  2021: 0.06,
  2022: 0.05,
  2023: 0.02,
  2024: 0.01,
};

/** Birth numbers rose in the second half of the 2010s. */
const BIRTH_TREND: YearSeries = {
  2013: 1.0,
  2014: 1.02,
  2015: 1.05,
  2016: 1.09,
  2017: 1.11,
  2018: 1.12,
  2019: 1.11,
  2020: 1.11,
  2021: 1.12,
  2022: 1.08,
  2023: 1.03,
  2024: 1.0,
};

/** Eviction proceedings paused during the pandemic and rose with energy prices. */
const RENT_ARREARS_TREND: YearSeries = {
  2013: 1.0,
  2014: 0.98,
  2015: 0.95,
  2016: 0.95,
  2017: 0.93,
  2018: 0.92,
  2019: 0.9,
  2020: 0.68,
  2021: 0.78,
  2022: 0.95,
  2023: 1.12,
  2024: 1.15,
};

/** Suburbanisation: the Ruhr cities lose residents to their surroundings, as a fraction per year. */
const DOMESTIC_OUT_MIGRATION = 0.0015;

function series(table: YearSeries, year: number): number {
  const value = table[year];
  if (value === undefined) throw new Error(`No synthetic trend value for ${year}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Yearly counts per district. Every indicator is derived from these, so rates and their
// numerators and denominators always agree and the city can be aggregated by summing.

interface DistrictYear {
  population: number;
  under3: number;
  age3to5: number;
  age6to14: number;
  age15to17: number;
  age18to64: number;
  age65to79: number;
  age80plus: number;
  netMigration: number;
  householdsWithMinors: number;
  singleParentHouseholds: number;
  sgb2Under65: number;
  sgb2Under15: number;
  unemployed: number;
  longTermUnemployed: number;
  oldAgeSupport: number;
  foreignNationals: number;
  migrationBackground: number;
  refugeesInMunicipalHousing: number;
  generalPractitioners: number;
  pharmacies: number;
  careHomePlaces: number;
  schoolEntryExamined: number;
  schoolEntryOverweight: number;
  schoolEntryLanguageDeficit: number;
  checkupBookletsShown: number;
  missedCheckups: number;
  flats: number;
  socialFlats: number;
  barrierFreeFlats: number;
  livingSpaceM2: number;
  rentArrearsNotices: number;
  grade4Transitions: number;
  gymnasiumTransitions: number;
  schoolLeavers: number;
  leaversWithoutQualification: number;
  daycareUnder3: number;
  daycare3to5: number;
  childProtectionCases: number;
  severelyDisabled: number;
  integrationAssistanceCases: number;
}

const under15 = (c: DistrictYear): number => c.under3 + c.age3to5 + c.age6to14;
const under18 = (c: DistrictYear): number => under15(c) + c.age15to17;
const age15to64 = (c: DistrictYear): number => c.age15to17 + c.age18to64;
const age65plus = (c: DistrictYear): number => c.age65to79 + c.age80plus;

/** Count of a sub-group given a rate in [0, 1]; never exceeds its base. */
function part(base: number, rate: number): number {
  return Math.round(base * clamp(rate, 0, 1));
}

interface CarriedState {
  population: number;
  generalPractitioners: number;
  pharmacies: number;
  flats2013: number;
}

function districtYear(district: SeedDistrict, profile: DistrictProfile, year: number, carried: CarriedState): DistrictYear {
  const key = (what: string): string => `${district.key}:${what}:${year}`;
  const t = year - FIRST_YEAR;
  const { deprivation, youth, ageing } = profile;

  const births = carried.population * 0.0085 * youth * series(BIRTH_TREND, year);
  const deaths = carried.population * 0.0125 * ageing;
  const immigrationWeight = 0.4 + 0.8 * deprivation;
  const netMigration = Math.round(
    carried.population * (series(IMMIGRATION_WAVE, year) * immigrationWeight - DOMESTIC_OUT_MIGRATION + 0.0015 * (2 * uniform(key('migration')) - 1)),
  );
  const population = Math.round(carried.population + births - deaths) + netMigration;

  const share = (base: number, what: string): number => base * jitter(key(what), 0.02);
  const under3 = Math.round(population * share(0.026 * youth * series(BIRTH_TREND, year), 'under3'));
  const age3to5 = Math.round(population * share(0.026 * youth * series(BIRTH_TREND, Math.max(FIRST_YEAR, year - 3)), 'age3to5'));
  const age6to14 = Math.round(population * share(0.08 * youth * (0.98 + 0.003 * t), 'age6to14'));
  const age15to17 = Math.round(population * share(0.029 * youth * (1 - 0.004 * t), 'age15to17'));
  const youngOldTrend = 1 - 0.004 * Math.min(t, 5) + 0.006 * Math.max(0, year - 2018);
  const age65to79 = Math.round(population * share(0.155 * ageing * youngOldTrend, 'age65to79'));
  const age80plus = Math.round(population * share(0.056 * ageing * (1 + 0.028 * t), 'age80plus'));
  const age18to64 = population - under3 - age3to5 - age6to14 - age15to17 - age65to79 - age80plus;

  const minors = under3 + age3to5 + age6to14 + age15to17;
  const householdsWithMinors = Math.round(minors / (1.7 + 0.1 * youth));
  const singleParentHouseholds = part(householdsWithMinors, (0.16 + 0.12 * deprivation + 0.002 * t) * jitter(key('singleParents'), 0.04));

  const sgb2Rate = (0.05 + 0.21 * deprivation) * series(SGB2_TREND, year) * jitter(key('sgb2'), 0.03);
  const sgb2Under65 = part(population - age65to79 - age80plus, sgb2Rate);
  const sgb2Under15 = part(under3 + age3to5 + age6to14, Math.min(0.6, sgb2Rate * 1.6 * jitter(key('sgb2Children'), 0.04)));

  const unemploymentRate = (0.035 + 0.075 * deprivation) * series(UNEMPLOYMENT_TREND, year) * jitter(key('unemployed'), 0.04);
  const unemployed = part(age15to17 + age18to64, unemploymentRate);
  const longTermUnemployed = part(
    unemployed,
    0.36 + 0.12 * deprivation + series(LONG_TERM_UNEMPLOYMENT_SHIFT, year) + 0.02 * (2 * uniform(key('longTerm')) - 1),
  );
  const oldAgeSupport = part(age65to79 + age80plus, (0.012 + 0.04 * deprivation) * (1 + 0.03 * t) * jitter(key('oldAgeSupport'), 0.06));

  const foreignTilt = 0.35 + (0.65 * district.foreignShare2012) / CITY_FOREIGN_SHARE_2012;
  const foreignShare = district.foreignShare2012 + series(FOREIGN_SHARE_RISE, year) * foreignTilt * jitter(key('foreign'), 0.05);
  const foreignNationals = part(population, foreignShare / 100);
  const migrationBackground = Math.max(
    foreignNationals,
    part(population, foreignShare / 100 + 0.08 + 0.12 * deprivation + 0.0025 * t + 0.004 * (2 * uniform(key('migrationBackground')) - 1)),
  );
  const refugeesInMunicipalHousing = Math.round(
    series(REFUGEES_IN_MUNICIPAL_HOUSING, year) * profile.refugeeHousingShare * jitter(key('refugees'), 0.2),
  );

  // Practices close when doctors retire and pharmacies close for economic reasons; rarely does
  // one open. The carried state makes these step changes persistent.
  const gpDraw = uniform(key('gpChange'));
  if (year > FIRST_YEAR && gpDraw < 0.08 && carried.generalPractitioners > 1) carried.generalPractitioners -= 1;
  else if (year > FIRST_YEAR && gpDraw > 0.985) carried.generalPractitioners += 1;
  if (year > FIRST_YEAR && uniform(key('pharmacyClosure')) < 0.06 && carried.pharmacies > 0) carried.pharmacies -= 1;
  // From 2018 the state's 80 % single-room quota cut places in existing homes; a new home opened in Butendorf.
  const careHomePlaces = Math.round(profile.careHomePlaces2013 * (year >= 2018 ? 0.92 : 1)) + (district.key === 'butendorf' && year >= 2018 ? 80 : 0);

  const schoolEntryExamined = Math.max(1, Math.round((age3to5 / 3) * 0.97 * jitter(key('examined'), 0.05)));
  const pandemicYear = year >= 2020 && year <= 2022;
  const schoolEntryOverweight = part(schoolEntryExamined, (0.08 + 0.07 * deprivation + (pandemicYear ? 0.015 : 0)) * jitter(key('overweight'), 0.1));
  const schoolEntryLanguageDeficit = part(
    schoolEntryExamined,
    (0.1 + 0.25 * deprivation + (year >= 2016 ? 0.04 : 0) + (year >= 2022 ? 0.03 : 0)) * jitter(key('language'), 0.08),
  );
  const checkupBookletsShown = Math.max(1, part(schoolEntryExamined, 0.93 * jitter(key('booklets'), 0.02)));
  const missedCheckups = part(checkupBookletsShown, (0.035 + 0.09 * deprivation) * jitter(key('checkups'), 0.2));

  const flats = Math.round(carried.flats2013 * (1 + 0.0025 * t));
  const socialFlats = part(flats, (0.03 + 0.17 * deprivation) * (1 - 0.035 * t) * jitter(key('socialFlats'), 0.02));
  const centreBonus = district.key.startsWith('mitte') ? 1.5 : 1;
  const barrierFreeFlats = part(flats, (0.012 + 0.002 * t) * centreBonus * jitter(key('barrierFree'), 0.05));
  const livingSpaceM2 = Math.round(population * (38 + 7 * (1 - deprivation)) * (1 + 0.004 * t) * jitter(key('livingSpace'), 0.01));
  const rentArrearsNotices = Math.round(flats * (0.002 + 0.007 * deprivation) * series(RENT_ARREARS_TREND, year) * jitter(key('rentArrears'), 0.25));

  const grade4Transitions = Math.max(1, Math.round((age6to14 / 9) * jitter(key('grade4'), 0.06)));
  const gymnasiumTransitions = part(grade4Transitions, (0.52 - 0.3 * deprivation + 0.003 * t) * jitter(key('gymnasium'), 0.06));
  const schoolLeavers = Math.max(1, Math.round((age15to17 / 3) * 1.05 * jitter(key('leavers'), 0.06)));
  const leaversWithoutQualification = part(
    schoolLeavers,
    (0.025 + 0.08 * deprivation + (pandemicYear ? 0.01 : 0)) * jitter(key('withoutQualification'), 0.25),
  );

  const refugeeChildrenDip = year >= 2016 && year <= 2018 ? 0.03 : 0;
  const daycareUnder3 = part(under3, (0.17 + 0.015 * t - 0.06 * deprivation - refugeeChildrenDip / 3) * jitter(key('daycareUnder3'), 0.05));
  const daycare3to5 = part(age3to5, Math.min(0.99, (0.93 - 0.04 * deprivation + 0.002 * t - refugeeChildrenDip) * jitter(key('daycare3to5'), 0.01)));
  const childProtectionCases = Math.round(minors * (0.004 + 0.012 * deprivation) * (1 + 0.04 * t) * jitter(key('childProtection'), 0.25));

  const severelyDisabled = part(population, (0.075 + 0.03 * deprivation + 0.02 * (ageing - 1)) * (1 + 0.006 * t) * jitter(key('disability'), 0.02));
  const integrationAssistanceCases = Math.round(
    population * (0.0035 + 0.003 * deprivation) * (1 + 0.045 * t) * jitter(key('integrationAssistance'), 0.08),
  );

  carried.population = population;
  return {
    population,
    under3,
    age3to5,
    age6to14,
    age15to17,
    age18to64,
    age65to79,
    age80plus,
    netMigration,
    householdsWithMinors,
    singleParentHouseholds,
    sgb2Under65,
    sgb2Under15,
    unemployed,
    longTermUnemployed,
    oldAgeSupport,
    foreignNationals,
    migrationBackground,
    refugeesInMunicipalHousing,
    generalPractitioners: carried.generalPractitioners,
    pharmacies: carried.pharmacies,
    careHomePlaces,
    schoolEntryExamined,
    schoolEntryOverweight,
    schoolEntryLanguageDeficit,
    checkupBookletsShown,
    missedCheckups,
    flats,
    socialFlats,
    barrierFreeFlats,
    livingSpaceM2,
    rentArrearsNotices,
    grade4Transitions,
    gymnasiumTransitions,
    schoolLeavers,
    leaversWithoutQualification,
    daycareUnder3,
    daycare3to5,
    childProtectionCases,
    severelyDisabled,
    integrationAssistanceCases,
  };
}

// ---------------------------------------------------------------------------------------------
// How each indicator is read off the yearly counts.

type Measure =
  | { kind: 'count'; value: (c: DistrictYear) => number }
  | { kind: 'rate'; numerator: (c: DistrictYear) => number; denominator: (c: DistrictYear) => number };

const count = (value: (c: DistrictYear) => number): Measure => ({ kind: 'count', value });
const rate = (numerator: (c: DistrictYear) => number, denominator: (c: DistrictYear) => number): Measure => ({
  kind: 'rate',
  numerator,
  denominator,
});

const MEASURES: Readonly<Record<string, Measure>> = {
  population: count((c) => c.population),
  share_under_6: rate(
    (c) => c.under3 + c.age3to5,
    (c) => c.population,
  ),
  share_under_18: rate(under18, (c) => c.population),
  share_65_plus: rate(age65plus, (c) => c.population),
  share_80_plus: rate(
    (c) => c.age80plus,
    (c) => c.population,
  ),
  youth_dependency_ratio: rate(under18, (c) => c.age18to64),
  old_age_dependency_ratio: rate(age65plus, (c) => c.age18to64),
  single_parent_households_share: rate(
    (c) => c.singleParentHouseholds,
    (c) => c.householdsWithMinors,
  ),
  migration_balance: rate(
    (c) => c.netMigration,
    (c) => c.population,
  ),
  sgb2_rate: rate(
    (c) => c.sgb2Under65,
    (c) => c.population - age65plus(c),
  ),
  sgb2_children_under_15_share: rate((c) => c.sgb2Under15, under15),
  unemployment_share_15_64: rate((c) => c.unemployed, age15to64),
  long_term_unemployed_share: rate(
    (c) => c.longTermUnemployed,
    (c) => c.unemployed,
  ),
  old_age_basic_income_support_rate: rate((c) => c.oldAgeSupport, age65plus),
  foreign_nationals_share: rate(
    (c) => c.foreignNationals,
    (c) => c.population,
  ),
  migration_background_share: rate(
    (c) => c.migrationBackground,
    (c) => c.population,
  ),
  refugees_municipal_housing: count((c) => c.refugeesInMunicipalHousing),
  gps_per_10000: rate(
    (c) => c.generalPractitioners,
    (c) => c.population,
  ),
  pharmacies_per_10000: rate(
    (c) => c.pharmacies,
    (c) => c.population,
  ),
  care_home_places_per_100_aged_80_plus: rate(
    (c) => c.careHomePlaces,
    (c) => c.age80plus,
  ),
  school_entry_overweight_share: rate(
    (c) => c.schoolEntryOverweight,
    (c) => c.schoolEntryExamined,
  ),
  school_entry_language_deficit_share: rate(
    (c) => c.schoolEntryLanguageDeficit,
    (c) => c.schoolEntryExamined,
  ),
  missed_child_checkups_share: rate(
    (c) => c.missedCheckups,
    (c) => c.checkupBookletsShown,
  ),
  social_housing_share: rate(
    (c) => c.socialFlats,
    (c) => c.flats,
  ),
  barrier_free_flats: count((c) => c.barrierFreeFlats),
  living_space_per_person: rate(
    (c) => c.livingSpaceM2,
    (c) => c.population,
  ),
  rent_arrears_notices: count((c) => c.rentArrearsNotices),
  gymnasium_transition_rate: rate(
    (c) => c.gymnasiumTransitions,
    (c) => c.grade4Transitions,
  ),
  school_leavers_without_qualification_share: rate(
    (c) => c.leaversWithoutQualification,
    (c) => c.schoolLeavers,
  ),
  daycare_coverage_under_3: rate(
    (c) => c.daycareUnder3,
    (c) => c.under3,
  ),
  daycare_coverage_3_to_6: rate(
    (c) => c.daycare3to5,
    (c) => c.age3to5,
  ),
  child_protection_cases_per_1000: rate((c) => c.childProtectionCases, under18),
  severe_disability_share: rate(
    (c) => c.severelyDisabled,
    (c) => c.population,
  ),
  integration_assistance_cases: count((c) => c.integrationAssistanceCases),
};

/** Counts of 30 June 2012: only population and foreign nationals are known. */
function registerCounts2012(district: SeedDistrict): { population: number; foreignNationals: number } {
  // With at least ~2,400 inhabitants one person moves the share by less than 0.05 points,
  // so this count reproduces the published one-decimal share exactly.
  return { population: district.population2012, foreignNationals: Math.round((district.population2012 * district.foreignShare2012) / 100) };
}

interface Cell {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

function cellFor(indicator: SeedIndicator, numeratorOrValue: number, denominator: number | null): Cell {
  if (indicator.kind === 'count' || denominator === null) return { value: numeratorOrValue, numerator: null, denominator: null };
  if (denominator <= 0) throw new Error(`${indicator.key}: denominator must be positive`);
  const value = roundTo((numeratorOrValue / denominator) * (indicator.rateFactor ?? 1), indicator.decimals);
  return { value, numerator: numeratorOrValue, denominator };
}

function measureCell(indicator: SeedIndicator, counts: DistrictYear): Cell {
  const measure = MEASURES[indicator.key];
  if (!measure) throw new Error(`No synthetic measure for indicator ${indicator.key}`);
  if (measure.kind !== indicator.kind)
    throw new Error(`${indicator.key}: catalogue kind ${indicator.kind} differs from measure kind ${measure.kind}`);
  return measure.kind === 'count'
    ? cellFor(indicator, measure.value(counts), null)
    : cellFor(indicator, measure.numerator(counts), measure.denominator(counts));
}

/** Counts are summed; rates are recomputed from summed numerators and denominators, never averaged. */
function aggregateCells(indicator: SeedIndicator, cells: readonly Cell[]): Cell {
  if (indicator.kind === 'count')
    return cellFor(
      indicator,
      cells.reduce((sum, cell) => sum + cell.value, 0),
      null,
    );
  const numerator = cells.reduce((sum, cell) => sum + (cell.numerator ?? 0), 0);
  const denominator = cells.reduce((sum, cell) => sum + (cell.denominator ?? 0), 0);
  return cellFor(indicator, numerator, denominator);
}

function buildCountsByDistrictAndYear(): Map<string, DistrictYear[]> {
  const result = new Map<string, DistrictYear[]>();
  for (const district of GLADBECK_DISTRICTS) {
    const profile = PROFILES[district.key];
    if (!profile) throw new Error(`No synthetic profile for district ${district.key}`);
    const carried: CarriedState = {
      population: district.population2012,
      generalPractitioners: profile.generalPractitioners2013,
      pharmacies: profile.pharmacies2013,
      flats2013: Math.round(district.population2012 / profile.personsPerFlat),
    };
    const years: DistrictYear[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) years.push(districtYear(district, profile, year, carried));
    result.set(district.key, years);
  }
  return result;
}

/**
 * Synthetic but internally consistent demo values for every indicator, district and year
 * 2013–2024, plus the city aggregate; population and foreign-national share also for 2012
 * with the real register figures. Pure and deterministic.
 */
export function generateGladbeckValues(): SeedValue[] {
  const countsByDistrict = buildCountsByDistrictAndYear();
  const values: SeedValue[] = [];

  const push = (indicator: SeedIndicator, areaKey: string, period: string, cell: Cell): void => {
    const row: SeedValue = { indicatorKey: indicator.key, areaKey, period, ...cell };
    if (ESTIMATED_INDICATORS.includes(indicator.key)) row.estimated = true;
    if (period === String(LAST_YEAR) && PROVISIONAL_LATEST_YEAR_INDICATORS.includes(indicator.key)) row.provisional = true;
    values.push(row);
  };

  for (const indicator of GLADBECK_INDICATORS) {
    if (INDICATORS_WITH_REGISTER_2012.includes(indicator.key)) {
      const cells = GLADBECK_DISTRICTS.map((district) => {
        const register = registerCounts2012(district);
        return indicator.key === 'population'
          ? cellFor(indicator, register.population, null)
          : cellFor(indicator, register.foreignNationals, register.population);
      });
      push(indicator, GLADBECK_CITY.key, String(REGISTER_YEAR), aggregateCells(indicator, cells));
      GLADBECK_DISTRICTS.forEach((district, i) => push(indicator, district.key, String(REGISTER_YEAR), cells[i]));
    }

    GLADBECK_PERIODS.forEach((period, yearIndex) => {
      const cells = GLADBECK_DISTRICTS.map((district) => {
        const counts = countsByDistrict.get(district.key);
        if (!counts) throw new Error(`Missing counts for ${district.key}`);
        return measureCell(indicator, counts[yearIndex]);
      });
      push(indicator, GLADBECK_CITY.key, period, aggregateCells(indicator, cells));
      GLADBECK_DISTRICTS.forEach((district, i) => push(indicator, district.key, period, cells[i]));
    });
  }
  return values;
}
