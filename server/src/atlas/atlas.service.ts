import { Injectable } from '@nestjs/common';
import type {
  AreaFeature,
  AreaFeatureCollection,
  AreaProfileEntry,
  AreaProfileQuery,
  AreaProfileResponse,
  AreasQuery,
  DepartmentSummary,
  IndicatorSummary,
  IndicatorValuesQuery,
  IndicatorValuesResponse,
  ReferenceValue,
  TopicSummary,
  ValueCell,
} from '@lagebild/shared';
import type { Actor } from '../common/auth/actor.js';
import { RequestError } from '../common/errors/domain-error.js';
import { bilingual } from '../common/http/request-language.js';
import { AccessService, type AtlasAccess } from '../workspaces/access.service.js';
import { AtlasError } from './atlas.error.js';
import { AtlasRepository, type AreaRow, type IndicatorRow, type ValueRow } from './atlas.repository.js';
import { MISSING_CELL, publishPeriod, type AreaNode, type PublishedCell } from './publication.js';

@Injectable()
export class AtlasService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: AtlasRepository,
  ) {}

  async listIndicators(actor: Actor, options: { includeRetired: boolean }): Promise<IndicatorSummary[]> {
    const access = await this.access.atlasAccess(actor);
    const rows = await this.repository.listIndicators({ includeNonPublic: access.member, includeRetired: options.includeRetired && access.rawData });
    return rows.map(toSummary);
  }

  async getIndicator(actor: Actor, key: string): Promise<IndicatorSummary> {
    const access = await this.access.atlasAccess(actor);
    return toSummary(await this.readableIndicator(actor, access, key));
  }

  async listTopics(): Promise<TopicSummary[]> {
    return this.repository.listTopics();
  }

  async listDepartments(): Promise<DepartmentSummary[]> {
    return this.repository.listDepartments();
  }

  /** Boundaries are public: they describe the city, not its people. */
  async areas(query: AreasQuery): Promise<AreaFeatureCollection> {
    const rows = await this.repository.listAreas({ level: query.level, geometry: query.geometry });
    return { type: 'FeatureCollection', features: rows.map(toFeature) };
  }

  async area(key: string): Promise<AreaFeature> {
    const [row] = await this.repository.listAreas({ key, geometry: 'display' });
    if (!row) throw AtlasError.areaNotFound(key);
    return toFeature(row);
  }

  async values(actor: Actor, key: string, query: IndicatorValuesQuery): Promise<IndicatorValuesResponse> {
    const access = await this.access.atlasAccess(actor);
    const indicator = await this.readableIndicator(actor, access, key);
    const period = query.period ?? indicator.periods.at(-1);
    if (!period || !indicator.periods.includes(period)) {
      throw new AtlasError(
        'PERIOD_NOT_FOUND',
        indicator.periods.length
          ? bilingual(
              `Für „${indicator.name}“ gibt es keine Werte für ${query.period}. Verfügbar: ${indicator.periods.join(', ')}.`,
              `“${indicator.nameEn ?? indicator.name}” has no values for ${query.period}. Available: ${indicator.periods.join(', ')}.`,
            )
          : bilingual(`Für „${indicator.name}“ liegen noch keine Werte vor.`, `“${indicator.nameEn ?? indicator.name}” has no values yet.`),
      );
    }
    const areas = await this.repository.listAreas({ geometry: 'none' });
    const rows = await this.repository.values({ indicatorIds: [indicator.id], period });
    const cells = publishPeriod(indicator, rows, areas, access.rawData);
    const city = areas.find((a) => a.level === 'city');
    return {
      indicator: toSummary(indicator),
      period,
      level: query.level,
      values: areas.filter((a) => a.level === query.level).map((a) => ({ areaKey: a.key, ...withoutComputed(cells.get(a.key) ?? MISSING_CELL) })),
      reference: city ? toReference(city.key, cells.get(city.key)) : null,
    };
  }

  async profile(actor: Actor, areaKey: string, query: AreaProfileQuery): Promise<AreaProfileResponse> {
    const access = await this.access.atlasAccess(actor);
    const areas = await this.repository.listAreas({ geometry: 'none' });
    const area = areas.find((a) => a.key === areaKey);
    if (!area) throw AtlasError.areaNotFound(areaKey);
    const city = areas.find((a) => a.level === 'city') ?? null;
    const reference = city && city.key !== area.key ? city : null;

    // Aggregation and suppression of one area depend on the whole hierarchy (a complement
    // hidden among the districts hides the neighbourhoods below it), so publish over all areas.
    const related = areas;
    const indicators = await this.repository.listIndicators({ includeNonPublic: access.member, includeRetired: false });
    const rows = await this.repository.values({ indicatorIds: indicators.map((i) => i.id), areaKeys: related.map((a) => a.key) });
    const byIndicatorPeriod = groupBy(rows, (r) => `${r.indicatorId}|${r.period}`);

    const entries: AreaProfileEntry[] = indicators.map((indicator) => {
      const series = indicator.periods.map((period) => {
        const cells = publishPeriod(indicator, byIndicatorPeriod.get(`${indicator.id}|${period}`) ?? [], related, access.rawData);
        return { period, own: cells.get(area.key), ref: reference ? cells.get(reference.key) : undefined };
      });
      const periodWanted = query.period ?? [...series].reverse().find((s) => s.own && (s.own.value !== null || s.own.suppressed))?.period ?? null;
      const current = series.find((s) => s.period === periodWanted);
      return {
        indicator: toSummary(indicator),
        period: periodWanted,
        value: current?.own ? withoutComputed(current.own) : null,
        reference: reference ? toReference(reference.key, current?.ref) : null,
        series: series.map((s) => ({
          period: s.period,
          value: s.own?.value ?? null,
          suppressed: s.own?.suppressed ?? false,
          reference: s.ref?.value ?? null,
          referenceSuppressed: s.ref?.suppressed ?? false,
        })),
      };
    });

    return {
      area: toFeature({ ...area, geometry: null }).properties,
      period: query.period ?? null,
      referenceArea: reference ? { key: reference.key, name: reference.name } : null,
      indicators: entries,
    };
  }

  /**
   * Public indicators are open to everyone; the rest need a login (401) and a membership
   * in some workspace (403).
   */
  private async readableIndicator(actor: Actor, access: AtlasAccess, key: string): Promise<IndicatorRow> {
    const indicator = await this.repository.findIndicator(key);
    if (!indicator) throw AtlasError.indicatorNotFound(key);
    if (!indicator.public) {
      if (actor.kind !== 'user') throw RequestError.unauthenticated();
      if (!access.member)
        throw RequestError.forbidden(
          bilingual(
            'Dieser Indikator ist nur für Mitglieder eines Arbeitsbereichs sichtbar.',
            'This indicator is visible to members of a workspace only.',
          ),
        );
    }
    return indicator;
  }
}

function toSummary(row: IndicatorRow): IndicatorSummary {
  const { id: _id, ...summary } = row;
  return summary;
}

function toFeature(row: AreaRow & AreaNode): AreaFeature {
  return {
    type: 'Feature',
    id: row.key,
    geometry: row.geometry,
    properties: {
      key: row.key,
      name: row.name,
      level: row.level,
      parentKey: row.parentKey,
      bbox: row.bbox,
      centroid: row.centroid,
      geometrySource: row.geometrySource,
      geometrySourceEn: row.geometrySourceEn,
    },
  };
}

function withoutComputed(cell: PublishedCell): ValueCell {
  const { computed: _computed, ...rest } = cell;
  return rest;
}

function toReference(areaKey: string, cell: PublishedCell | undefined): ReferenceValue {
  return { areaKey, ...(cell ?? MISSING_CELL) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export type { ValueRow };
