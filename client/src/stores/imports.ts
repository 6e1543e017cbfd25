import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  AreaImportReport,
  AreaPreview,
  Crs,
  ImportHistoryEntry,
  ImportLayout,
  RollbackResult,
  SavedMapping,
  ValueImportReport,
  ValueMapping,
  ValuePreview,
} from '@lagebild/shared';
import { useApi } from '../api/http';

export type ImportKind = 'values' | 'areas';

/** Options that override what the server detects in a CSV file. */
export interface FormatOverrides {
  sheet?: string;
  delimiter?: string;
  decimalSeparator?: ',' | '.';
  encoding?: string;
}

export interface AreaFields {
  level: 'city' | 'district' | 'neighbourhood';
  keyProperty: string;
  nameProperty: string;
  parentKeyProperty?: string;
  crs?: Crs;
}

function form(file: File, fields: Record<string, string | undefined>): FormData {
  const data = new FormData();
  data.set('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') data.set(key, value);
  return data;
}

/**
 * The import wizard: a chosen file, its preview, the mapping, the dry-run report and the
 * commit, plus the import history and saved mappings. The file stays in the browser; each
 * step sends it again, so the server keeps no half-finished state.
 */
export const useImportsStore = defineStore('imports', () => {
  const api = useApi();
  const kind = ref<ImportKind>('values');
  const file = shallowRef<File | null>(null);
  const valuePreview = shallowRef<ValuePreview | null>(null);
  const areaPreview = shallowRef<AreaPreview | null>(null);
  const layout = ref<ImportLayout>('long');
  const mapping = ref<Partial<ValueMapping>>({});
  const overrides = ref<FormatOverrides>({});
  const areaFields = ref<AreaFields>({ level: 'district', keyProperty: '', nameProperty: '' });
  const report = shallowRef<ValueImportReport | AreaImportReport | null>(null);
  const committed = shallowRef<{ importId: string; report: ValueImportReport | AreaImportReport } | null>(null);
  const history = shallowRef<ImportHistoryEntry[]>([]);
  const mappings = shallowRef<SavedMapping[]>([]);
  const busy = ref(false);

  const canCommit = computed(() => !!report.value && report.value.errorCount === 0 && report.value.dryRun && !busy.value);

  function reset(): void {
    file.value = null;
    valuePreview.value = null;
    areaPreview.value = null;
    report.value = null;
    mapping.value = {};
    overrides.value = {};
  }

  async function run<T>(work: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      return await work();
    } finally {
      busy.value = false;
    }
  }

  /** Reads the chosen file on the server and takes over its mapping suggestion. */
  async function choose(next: File): Promise<void> {
    file.value = next;
    report.value = null;
    committed.value = null;
    await preview();
  }

  async function preview(): Promise<void> {
    const current = file.value;
    if (!current) return;
    await run(async () => {
      report.value = null;
      if (kind.value === 'values') {
        valuePreview.value = null;
        const result = await api.upload<ValuePreview>('/imports/values/preview', form(current, { ...overrides.value }));
        valuePreview.value = result;
        // A new file keeps a mapping the steward chose, if its columns exist; otherwise the suggestion.
        if (!mappingFits(result.headers)) {
          layout.value = result.suggestion.layout;
          mapping.value = { ...result.suggestion.mapping };
        }
        if (result.format.sheet) overrides.value = { ...overrides.value, sheet: result.format.sheet };
      } else {
        areaPreview.value = null;
        const result = await api.upload<AreaPreview>('/imports/areas/preview', form(current, { crs: areaFields.value.crs }));
        areaPreview.value = result;
        areaFields.value = {
          ...areaFields.value,
          keyProperty: result.suggestion.keyProperty ?? result.properties[0]?.name ?? '',
          nameProperty: result.suggestion.nameProperty ?? result.properties[0]?.name ?? '',
          parentKeyProperty: undefined,
        };
      }
    });
  }

  function mappingFits(headers: readonly string[]): boolean {
    const m = mapping.value;
    if (!m.areaColumn) return false;
    const used = [
      m.areaColumn,
      m.periodColumn,
      m.indicatorColumn,
      m.valueColumn,
      ...Object.keys(m.columns ?? {}),
      ...Object.keys(m.periodColumns ?? {}),
    ];
    return used.every((c) => !c || headers.includes(c));
  }

  function cleanMapping(): ValueMapping {
    const entries = Object.entries(mapping.value).filter(
      ([, v]) => v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0),
    );
    return Object.fromEntries(entries) as ValueMapping;
  }

  async function send(dryRun: boolean): Promise<ValueImportReport | AreaImportReport> {
    const current = file.value!;
    if (kind.value === 'values') {
      return api.upload<ValueImportReport>(
        '/imports/values',
        form(current, { layout: layout.value, mapping: JSON.stringify(cleanMapping()), dryRun: String(dryRun), ...overrides.value }),
      );
    }
    const f = areaFields.value;
    return api.upload<AreaImportReport>(
      '/imports/areas',
      form(current, {
        level: f.level,
        keyProperty: f.keyProperty,
        nameProperty: f.nameProperty,
        parentKeyProperty: f.parentKeyProperty,
        crs: f.crs,
        dryRun: String(dryRun),
      }),
    );
  }

  /** The dry run: the full report, nothing written. */
  async function check(): Promise<void> {
    if (!file.value) return;
    await run(async () => {
      report.value = null;
      report.value = await send(true);
    });
  }

  /** Writes what the dry run showed, in one transaction on the server. */
  async function commit(): Promise<void> {
    if (!canCommit.value) return;
    await run(async () => {
      const result = await send(false);
      committed.value = { importId: result.importId!, report: result };
      reset();
      await loadHistory();
    });
  }

  async function loadHistory(): Promise<void> {
    history.value = await api.get<ImportHistoryEntry[]>('/imports', { limit: 50 });
  }

  async function rollback(id: string): Promise<RollbackResult> {
    return run(async () => {
      const result = await api.post<RollbackResult>(`/imports/${id}/rollback`);
      await loadHistory();
      return result;
    });
  }

  async function loadMappings(): Promise<void> {
    mappings.value = await api.get<SavedMapping[]>('/imports/mappings');
  }

  async function saveMapping(name: string): Promise<void> {
    await api.post<SavedMapping>('/imports/mappings', { name, layout: layout.value, mapping: cleanMapping(), sheet: overrides.value.sheet });
    await loadMappings();
  }

  function applyMapping(saved: SavedMapping): void {
    layout.value = saved.layout;
    mapping.value = { ...saved.mapping };
    if (saved.sheet) overrides.value = { ...overrides.value, sheet: saved.sheet };
    report.value = null;
  }

  async function deleteMapping(id: string): Promise<void> {
    await api.delete(`/imports/mappings/${id}`);
    await loadMappings();
  }

  return {
    kind,
    file,
    valuePreview,
    areaPreview,
    layout,
    mapping,
    overrides,
    areaFields,
    report,
    committed,
    history,
    mappings,
    busy,
    canCommit,
    reset,
    choose,
    preview,
    check,
    commit,
    loadHistory,
    rollback,
    loadMappings,
    saveMapping,
    applyMapping,
    deleteMapping,
  };
});
