import { formatNumber, type DisplayLocale } from './format.js';

/**
 * The nouns of units as German statistics offices write them, in English. Stewards type
 * units in German ("Personen", "je 1.000 Einwohner"), and that text stays the stored one;
 * an English page shows these translations. Keys are lower case.
 */
const ENGLISH_NOUNS: ReadonlyMap<string, string> = new Map([
  ['anzahl', 'count'],
  ['person', 'persons'],
  ['personen', 'persons'],
  ['einwohner', 'inhabitants'],
  ['einwohnerinnen', 'inhabitants'],
  ['einwohnerinnen und einwohner', 'inhabitants'],
  ['ew', 'inhabitants'],
  ['fälle', 'cases'],
  ['fall', 'cases'],
  ['haushalte', 'households'],
  ['kinder', 'children'],
  ['minderjährige', 'minors'],
  ['jugendliche', 'young people'],
  ['wohnungen', 'dwellings'],
  ['plätze', 'places'],
  ['jahre', 'years'],
  ['monate', 'months'],
  ['tage', 'days'],
  ['euro', 'euros'],
  ['prozent', '%'],
]);

/** "je 1.000", "je 100 Einwohner", "pro 10.000 EW": a rate per a round number of something. */
const PER = /^(?:je|pro)\s+(\d{1,3}(?:\.\d{3})+|\d+)(?:\s+(.+))?$/i;

/**
 * A unit as the page's language shows it. German is the stored text itself; English
 * translates the forms official statistics use ("je 1.000" → "per 1,000", "Personen" →
 * "persons"). A unit it does not know (a steward's own wording) is shown as typed rather
 * than guessed at.
 */
export function displayUnit(unit: string, locale: DisplayLocale): string {
  const typed = unit.trim();
  if (locale === 'de' || typed === '') return typed;
  const noun = ENGLISH_NOUNS.get(typed.toLowerCase());
  if (noun) return noun;
  const per = PER.exec(typed);
  if (!per) return typed;
  const base = formatNumber(Number(per[1]!.replace(/\./g, '')), 0, 'en');
  const of = per[2] ? ` ${ENGLISH_NOUNS.get(per[2].trim().toLowerCase()) ?? per[2].trim()}` : '';
  return `per ${base}${of}`;
}
