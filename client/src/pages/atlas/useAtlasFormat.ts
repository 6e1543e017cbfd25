import { useI18n } from 'vue-i18n';
import { formatDate, formatNumber, formatPeriod, formatSigned, type LegendClass } from '@lagebild/shared';
import { useDisplayLocale } from '../../composables/useLocale';

/** Units that only say "this is a number of things": printed after a value they add nothing. */
const COUNT_UNITS = new Set(['Anzahl', 'Anz.', 'count']);

/** How atlas numbers read on screen, in the UI language. */
export function useAtlasFormat() {
  const { t } = useI18n();
  const locale = useDisplayLocale();

  /** "12,3 %", "12.188 Personen", "4,5 je 1.000"; a bare count ("Anzahl") needs no unit. */
  function withUnit(value: number, decimals: number, unit: string): string {
    const n = formatNumber(value, decimals, locale.value);
    if (!unit || COUNT_UNITS.has(unit)) return n;
    return unit === '%' && locale.value === 'en' ? `${n}%` : `${n} ${unit}`;
  }

  function signedWithUnit(value: number, decimals: number, unit: string): string {
    const n = formatSigned(value, decimals, locale.value);
    if (!unit || COUNT_UNITS.has(unit)) return n;
    return unit === '%' && locale.value === 'en' ? `${n}%` : `${n} ${unit}`;
  }

  /** Differences of percentages are percentage points. */
  function differenceUnit(unit: string): string {
    return unit === '%' ? t('atlas.units.percentagePoints') : unit;
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
    withUnit,
    signedWithUnit,
    differenceUnit,
    legendRange,
  };
}
