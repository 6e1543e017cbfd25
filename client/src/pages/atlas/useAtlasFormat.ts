import { useI18n } from 'vue-i18n';
import { displayUnit, formatDate, formatNumber, formatPeriod, formatSigned, type LegendClass } from '@lagebild/shared';
import { useDisplayLocale } from '../../composables/useLocale';

/** Units that only say "this is a number of things": printed after a value they add nothing. */
const COUNT_UNITS = new Set(['Anzahl', 'Anz.', 'count']);

/** How atlas numbers read on screen, in the UI language. */
export function useAtlasFormat() {
  const { t } = useI18n();
  const locale = useDisplayLocale();

  /** The indicator's unit in the UI language: "je 1.000" on German pages, "per 1,000" on English ones. */
  const unit = (typed: string) => displayUnit(typed, locale.value);

  /** A number followed by its unit: "12,3 %", "12.188 Personen", "4.5 per 1,000"; a bare count ("Anzahl") needs no unit. */
  function appendUnit(n: string, typed: string): string {
    if (!typed || COUNT_UNITS.has(typed)) return n;
    return typed === '%' && locale.value === 'en' ? `${n}%` : `${n} ${unit(typed)}`;
  }

  const withUnit = (value: number, decimals: number, typed: string) => appendUnit(formatNumber(value, decimals, locale.value), typed);
  const signedWithUnit = (value: number, decimals: number, typed: string) => appendUnit(formatSigned(value, decimals, locale.value), typed);

  /** Differences of percentages are percentage points. */
  function differenceUnit(typed: string): string {
    return typed === '%' ? t('atlas.units.percentagePoints') : unit(typed);
  }

  function legendRange(entry: LegendClass, decimals: number): string {
    const from = formatNumber(entry.from, decimals, locale.value);
    const to = formatNumber(entry.to, decimals, locale.value);
    if (entry.from === entry.to) return from;
    return entry.includesUpper ? t('atlas.legend.rangeInclusive', { from, to }) : t('atlas.legend.range', { from, to });
  }

  return {
    locale,
    number: (value: number, decimals: number) => formatNumber(value, decimals, locale.value),
    signed: (value: number, decimals: number) => formatSigned(value, decimals, locale.value),
    period: (period: string) => formatPeriod(period, locale.value),
    date: (iso: string) => formatDate(iso, locale.value),
    unit,
    withUnit,
    signedWithUnit,
    differenceUnit,
    legendRange,
  };
}
