import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type {
  CatalogueIndicator,
  CreateIndicatorRequest,
  DepartmentSummary,
  IndexDefinitionInput,
  IndexPreview,
  IndexSummary,
  StewardshipCapabilities,
  TopicSummary,
  UpdateIndicatorRequest,
} from '@lagebild/shared';
import { useApi } from '../api/http';

/** Catalogue management and composite indices for data stewards. */
export const useStewardshipStore = defineStore('stewardship', () => {
  const api = useApi();
  const capabilities = shallowRef<StewardshipCapabilities | null>(null);
  const indicators = shallowRef<CatalogueIndicator[]>([]);
  const topics = shallowRef<TopicSummary[]>([]);
  const departments = shallowRef<DepartmentSummary[]>([]);
  const indices = shallowRef<IndexSummary[]>([]);
  const loaded = ref(false);

  async function loadCapabilities(): Promise<StewardshipCapabilities> {
    capabilities.value = await api.get<StewardshipCapabilities>('/stewardship/capabilities');
    return capabilities.value;
  }

  async function loadCatalogue(): Promise<void> {
    const [list, topicList, departmentList] = await Promise.all([
      api.get<CatalogueIndicator[]>('/stewardship/indicators'),
      api.get<TopicSummary[]>('/topics'),
      api.get<DepartmentSummary[]>('/departments'),
    ]);
    indicators.value = list;
    topics.value = topicList;
    departments.value = departmentList;
    loaded.value = true;
  }

  function replace(updated: CatalogueIndicator): void {
    const exists = indicators.value.some((i) => i.key === updated.key);
    indicators.value = exists ? indicators.value.map((i) => (i.key === updated.key ? updated : i)) : [...indicators.value, updated];
  }

  async function create(request: CreateIndicatorRequest): Promise<CatalogueIndicator> {
    const created = await api.post<CatalogueIndicator>('/indicators', request);
    replace(created);
    return created;
  }

  async function update(key: string, request: UpdateIndicatorRequest): Promise<CatalogueIndicator> {
    const updated = await api.patch<CatalogueIndicator>(`/indicators/${key}`, request);
    replace(updated);
    return updated;
  }

  async function loadIndices(): Promise<void> {
    indices.value = await api.get<IndexSummary[]>('/indices');
  }

  function previewIndex(definition: IndexDefinitionInput): Promise<IndexPreview> {
    return api.post<IndexPreview>('/indices/preview', definition);
  }

  async function saveIndex(id: string | null, definition: IndexDefinitionInput): Promise<IndexSummary> {
    const saved = id ? await api.put<IndexSummary>(`/indices/${id}`, definition) : await api.post<IndexSummary>('/indices', definition);
    await Promise.all([loadIndices(), loadCatalogue()]);
    return saved;
  }

  async function recompute(id: string): Promise<IndexSummary> {
    const saved = await api.post<IndexSummary>(`/indices/${id}/recompute`);
    await loadIndices();
    return saved;
  }

  return {
    capabilities,
    indicators,
    topics,
    departments,
    indices,
    loaded,
    loadCapabilities,
    loadCatalogue,
    create,
    update,
    loadIndices,
    previewIndex,
    saveIndex,
    recompute,
  };
});
