import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assignIndexClass,
  compositeIndex,
  derivedIndicatorKeys,
  dynamicsIndex,
  signFromPolarity,
  type IndexDefinition,
  type IndexPreview,
  type IndexPreviewRow,
  type IndexSummary,
} from '@lagebild/shared';
import { StewardshipAccess } from '../catalogue/stewardship-access.js';
import type { Actor } from '../common/auth/actor.js';
import { RequestError, type FieldProblem } from '../common/errors/domain-error.js';
import { bilingual, type ApiLanguage, type Bilingual } from '../common/http/request-language.js';
import { inTransaction } from '../database/transaction.js';
import type { IncomingValue } from '../imports/values/value-rows.js';
import { ValueStore } from '../imports/values/value-store.js';
import type { StoredIndexComponent } from './composite-index.entity.js';
import { IndexError } from './indices.error.js';
import { IndicesRepository, type ComponentIndicator, type DerivedIndicator, type IndexRow, type LevelArea } from './indices.repository.js';

interface Computation {
  preview: Omit<IndexPreview, 'warnings'>;
  /** What could not be computed, for the builder and the refusal to store. */
  warnings: Bilingual[];
  /** Status index and class per period and area, dynamics for the comparison period. */
  status: Map<string, Map<string, { value: number; cls: number }>>;
  dynamics: Map<string, { value: number; cls: number }> | null;
  components: (StoredIndexComponent & { name: string; nameEn: string })[];
  areas: LevelArea[];
}

const STATUS_CLASS_NAMES = { de: ['hoch', 'mittel', 'niedrig', 'sehr niedrig'], en: ['high', 'medium', 'low', 'very low'] };
const DYNAMICS_CLASS_NAMES = { de: ['positiv', 'stabil', 'negativ'], en: ['positive', 'stable', 'negative'] };

/**
 * Composite social indices (Berlin "Monitoring Soziale Stadtentwicklung"): chosen
 * indicators with weights are z-standardised per period and combined into a status
 * index, their change between two periods into a dynamics index, both classed. The
 * results are written as values of derived indicators through the value store, so they
 * have provenance, history and rollback like any import, and show in the atlas.
 */
@Injectable()
export class IndicesService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    private readonly repository: IndicesRepository,
    private readonly values: ValueStore,
  ) {}

  async list(actor: Actor): Promise<IndexSummary[]> {
    await this.stewardship.requireValueSteward(actor);
    const rows = await this.repository.list();
    const names = new Map((await this.repository.components(rows.flatMap((r) => r.components.map((c) => c.indicator)))).map((c) => [c.key, c.name]));
    return Promise.all(rows.map(async (row) => this.summary(row, names)));
  }

  async preview(actor: Actor, definition: IndexDefinition, language: ApiLanguage = 'de'): Promise<IndexPreview> {
    await this.stewardship.requireCoordinator(actor, 'index');
    const { preview, warnings } = await this.compute(definition);
    return { ...preview, warnings: warnings.map((w) => w[language]) };
  }

  async create(actor: Actor, definition: IndexDefinition): Promise<IndexSummary> {
    const scope = await this.stewardship.requireCoordinator(actor, 'index');
    const keys = derivedIndicatorKeys(definition.key, true);
    if (
      await this.repository.keyTaken(
        definition.key,
        Object.values(keys).filter((k): k is string => !!k),
        null,
      )
    ) {
      throw new IndexError(
        'INDEX_KEY_TAKEN',
        bilingual(
          `Den Schlüssel ‚${definition.key}‘ (oder einen daraus abgeleiteten) gibt es schon. Bitte einen anderen wählen.`,
          `The key ‘${definition.key}’ (or one derived from it) is already taken. Please choose another.`,
        ),
      );
    }
    return this.store(scope.user.id, null, definition);
  }

  async update(actor: Actor, id: string, definition: IndexDefinition): Promise<IndexSummary> {
    const scope = await this.stewardship.requireCoordinator(actor, 'index');
    const existing = await this.repository.find(id);
    if (!existing) throw IndexError.notFound();
    if (existing.key !== definition.key) {
      throw RequestError.invalid([
        { field: 'key', message: bilingual('Der Schlüssel eines Index lässt sich nicht ändern.', 'The key of an index cannot be changed.') },
      ]);
    }
    return this.store(scope.user.id, id, definition);
  }

  /** Computes again with the stored definition, e.g. after a new year was imported. */
  async recompute(actor: Actor, id: string): Promise<IndexSummary> {
    const scope = await this.stewardship.requireCoordinator(actor, 'index');
    const existing = await this.repository.find(id);
    if (!existing) throw IndexError.notFound();
    return this.store(scope.user.id, id, toDefinition(existing));
  }

  private async store(userId: string, id: string | null, definition: IndexDefinition): Promise<IndexSummary> {
    const computation = await this.compute(definition);
    if (computation.status.size === 0) {
      const why = (language: ApiLanguage) => computation.warnings.map((w) => w[language]).join(' ');
      throw new IndexError(
        'INDEX_NOT_COMPUTABLE',
        bilingual(
          `Der Index lässt sich für keinen Zeitraum berechnen. ${why('de')}`.trim(),
          `The index cannot be computed for any period. ${why('en')}`.trim(),
        ),
      );
    }
    const keys = derivedIndicatorKeys(definition.key, true);
    const derived = this.derivedIndicators(definition, computation);
    const savedId = await inTransaction(this.repository.dataSource, async (runner) => {
      await this.repository.upsertDerived(runner, derived, definition.topic, definition.public);
      const ids = await this.repository.indicatorIds(
        runner,
        derived.map((d) => d.key),
      );
      const incoming: IncomingValue[] = [];
      const value = (indicatorKey: string, areaId: string, period: string, v: number): IncomingValue => ({
        indicatorId: ids.get(indicatorKey)!,
        areaId,
        period,
        value: v,
        numerator: null,
        denominator: null,
        isSuppressed: false,
        isEstimated: false,
        isProvisional: false,
      });
      const areaId = new Map(computation.areas.map((a) => [a.key, a.id]));
      for (const [period, byArea] of computation.status) {
        for (const [areaKey, { value: v, cls }] of byArea) {
          incoming.push(value(keys.status, areaId.get(areaKey)!, period, round(v, 4)));
          incoming.push(value(keys.statusClass, areaId.get(areaKey)!, period, cls));
        }
      }
      if (computation.dynamics && definition.dynamics) {
        for (const [areaKey, { value: v, cls }] of computation.dynamics) {
          incoming.push(value(keys.dynamics!, areaId.get(areaKey)!, definition.dynamics.to, round(v, 4)));
          incoming.push(value(keys.dynamicsClass!, areaId.get(areaKey)!, definition.dynamics.to, cls));
        }
      }
      const description = JSON.stringify({ definition, computedFrom: computation.components });
      const { importId } = await this.values.applyIn(
        runner,
        incoming,
        {
          kind: 'index',
          userId,
          fileName: `Sozialindex „${definition.name}“`,
          fileHash: createHash('sha256').update(description).digest('hex'),
          rows: incoming.length,
          options: { index: definition.key, indicators: derived.map((d) => d.key), periods: computation.preview.periods },
        },
        { replaceIndicatorIds: [...ids.values()] },
      );
      const savedId = await this.repository.saveDefinition(
        runner,
        id,
        {
          key: definition.key,
          name: definition.name,
          description: definition.description,
          nameEn: definition.nameEn || null,
          descriptionEn: definition.descriptionEn || null,
          level: definition.level,
          topicKey: definition.topic,
          isPublic: definition.public,
          components: computation.components.map(({ indicator, weight, direction }) => ({ indicator, weight, direction })),
          dynamicsFrom: definition.dynamics?.from ?? null,
          dynamicsTo: definition.dynamics?.to ?? null,
          statusThresholds: definition.statusThresholds,
          dynamicsThresholds: definition.dynamicsThresholds,
          importId,
        },
        userId,
      );
      return { result: savedId, commit: true };
    });
    const row = (await this.repository.find(savedId))!;
    return this.summary(row, new Map(computation.components.map((c) => [c.indicator, c.name])));
  }

  /** Reads the component values and computes; pure apart from the reads. */
  private async compute(definition: IndexDefinition): Promise<Computation> {
    const found = await this.repository.components(definition.components.map((c) => c.indicator));
    const byKey = new Map(found.map((i) => [i.key, i]));
    const problems: FieldProblem[] = [];
    const components = definition.components.flatMap((c, i) => {
      const indicator = byKey.get(c.indicator);
      const field = `components.${i}`;
      if (!indicator)
        problems.push({
          field: `${field}.indicator`,
          message: bilingual(`Indikator ‚${c.indicator}‘ gibt es nicht.`, `There is no indicator ‘${c.indicator}’.`),
        });
      else if (indicator.kind === 'index')
        problems.push({
          field: `${field}.indicator`,
          message: bilingual(`‚${indicator.name}‘ ist selbst ein Index.`, `‘${indicator.nameEn ?? indicator.name}’ is an index itself.`),
        });
      else if (indicator.retired)
        problems.push({
          field: `${field}.indicator`,
          message: bilingual(`‚${indicator.name}‘ ist stillgelegt.`, `‘${indicator.nameEn ?? indicator.name}’ is retired.`),
        });
      else {
        const direction = c.direction ?? directionOf(indicator);
        if (!direction) {
          problems.push({
            field: `${field}.direction`,
            message: bilingual(
              `Für ‚${indicator.name}‘ bitte angeben, ob ein höherer Wert mehr oder weniger Benachteiligung bedeutet.`,
              `For ‘${indicator.nameEn ?? indicator.name}’, please say whether a higher value means more or less disadvantage.`,
            ),
          });
        } else
          return [
            {
              indicator: c.indicator,
              weight: c.weight,
              direction,
              name: indicator.name,
              nameEn: indicator.nameEn ?? indicator.name,
              id: indicator.id,
            },
          ];
      }
      return [];
    });
    if (!(await this.repository.topicExists(definition.topic)))
      problems.push({ field: 'topic', message: bilingual(`Thema ‚${definition.topic}‘ gibt es nicht.`, `There is no topic ‘${definition.topic}’.`) });
    if (problems.length) {
      throw RequestError.invalid(problems);
    }

    const areas = await this.repository.areas(definition.level);
    const values = await this.repository.values(
      components.map((c) => c.id),
      areas.map((a) => a.id),
    );
    const areaKeyById = new Map(areas.map((a) => [a.id, a.key]));
    // indicator key → period → area key → value
    const table = new Map<string, Map<string, Map<string, number>>>();
    const keyById = new Map(components.map((c) => [c.id, c.indicator]));
    for (const v of values) {
      const key = keyById.get(v.indicatorId)!;
      const periods = table.get(key) ?? new Map<string, Map<string, number>>();
      const cells = periods.get(v.period) ?? new Map<string, number>();
      cells.set(areaKeyById.get(v.areaId)!, v.value!);
      periods.set(v.period, cells);
      table.set(key, periods);
    }
    const areaKeys = areas.map((a) => a.key);
    const sign = (c: { direction: string }) => (c.direction === 'higher_is_worse' ? 1 : -1) as 1 | -1;
    const allPeriods = [...new Set(values.map((v) => v.period))].sort();
    const warnings: Bilingual[] = [];
    const status = new Map<string, Map<string, { value: number; cls: number }>>();
    const areaName = new Map(areas.map((a) => [a.key, a.name]));
    let lastIncomplete: { period: string; areas: string[] } | null = null;

    for (const period of allPeriods) {
      const result = compositeIndex(
        components.map((c) => ({ key: c.indicator, weight: c.weight, sign: sign(c), values: table.get(c.indicator)?.get(period) ?? new Map() })),
        areaKeys,
      );
      if (result.index.size === 0) continue;
      status.set(period, new Map([...result.index].map(([area, v]) => [area, { value: v, cls: assignIndexClass(v, definition.statusThresholds) }])));
      lastIncomplete = { period, areas: result.incomplete };
    }
    if (status.size === 0) {
      warnings.push(
        bilingual(
          'Es gibt keinen Zeitraum, in dem mindestens drei Gebiete Werte für alle gewählten Indikatoren haben.',
          'There is no period in which at least three areas have values for all chosen indicators.',
        ),
      );
    } else if (lastIncomplete && lastIncomplete.areas.length) {
      const names = lastIncomplete.areas.map((a) => areaName.get(a) ?? a).join(', ');
      warnings.push(
        bilingual(
          `${lastIncomplete.period}: ohne Indexwert, weil Werte fehlen: ${names}.`,
          `${lastIncomplete.period}: no index value, because values are missing: ${names}.`,
        ),
      );
    }

    let dynamics: Computation['dynamics'] = null;
    if (definition.dynamics) {
      const { from, to } = definition.dynamics;
      const result = dynamicsIndex(
        components.map((c) => ({
          key: c.indicator,
          weight: c.weight,
          sign: sign(c),
          from: table.get(c.indicator)?.get(from) ?? new Map(),
          to: table.get(c.indicator)?.get(to) ?? new Map(),
        })),
        areaKeys,
      );
      if (result.index.size === 0)
        warnings.push(
          bilingual(
            `Für den Dynamikindex ${from}–${to} fehlen Werte; er wird nicht berechnet.`,
            `Values for the dynamics index ${from}–${to} are missing; it is not computed.`,
          ),
        );
      else {
        dynamics = new Map([...result.index].map(([area, v]) => [area, { value: v, cls: assignIndexClass(v, definition.dynamicsThresholds) }]));
        if (result.incomplete.length) {
          const names = result.incomplete.map((a) => areaName.get(a) ?? a).join(', ');
          warnings.push(
            bilingual(
              `Dynamik ${from}–${to}: ohne Wert, weil Werte fehlen: ${names}.`,
              `Dynamics ${from}–${to}: no value, because values are missing: ${names}.`,
            ),
          );
        }
      }
    }

    const periods = [...status.keys()];
    const period = periods.at(-1) ?? null;
    const latest = period ? status.get(period)! : new Map();
    const rows: IndexPreviewRow[] = areas.map((a) => ({
      areaKey: a.key,
      areaName: a.name,
      status: latest.get(a.key) ? round(latest.get(a.key)!.value, 4) : null,
      statusClass: latest.get(a.key)?.cls ?? null,
      dynamics: dynamics?.get(a.key) ? round(dynamics.get(a.key)!.value, 4) : null,
      dynamicsClass: dynamics?.get(a.key)?.cls ?? null,
    }));
    return {
      preview: { periods, period, rows },
      warnings,
      status,
      dynamics,
      components: components.map(({ indicator, weight, direction, name, nameEn }) => ({ indicator, weight, direction, name, nameEn })),
      areas,
    };
  }

  private derivedIndicators(definition: IndexDefinition, computation: Computation): DerivedIndicator[] {
    const keys = derivedIndicatorKeys(definition.key, true);
    const worse = (c: { direction: string }) => c.direction === 'higher_is_worse';
    const partsDe = computation.components.map((c) => `${c.name} (Gewicht ${c.weight}, ${worse(c) ? 'höher = ungünstiger' : 'höher = günstiger'})`);
    const partsEn = computation.components.map(
      (c) => `${c.nameEn} (weight ${c.weight}, ${worse(c) ? 'higher = less favourable' : 'higher = more favourable'})`,
    );
    const source = `Berechnet in Lagebild aus: ${partsDe.join('; ')}.`;
    const sourceEn = `Computed in Lagebild from: ${partsEn.join('; ')}.`;
    const method =
      'Jeder Indikator wird je Zeitraum über alle Gebiete z-standardisiert, nach Richtung gepolt, gewichtet gemittelt und erneut standardisiert (Mittel 0, Standardabweichung 1). Höhere Werte bedeuten mehr Benachteiligung.';
    const methodEn =
      'Each indicator is z-standardised per period across all areas, oriented by its direction, averaged with its weight and standardised again (mean 0, standard deviation 1). Higher values mean more disadvantage.';
    const t = definition.statusThresholds;
    const d = definition.dynamicsThresholds;
    const classList = (names: string[]) => names.map((n, i) => `${i + 1} = ${n}`).join(', ');
    // The description is the steward's own text; English pages get its English version where one was written.
    const intro = definition.description ? `${definition.description} ` : '';
    const descriptionEn = definition.descriptionEn || definition.description;
    const introEn = descriptionEn ? `${descriptionEn} ` : '';
    const nameEn = definition.nameEn || definition.name;
    const noDynamics = !definition.dynamics || !computation.dynamics;
    const common = { source, sourceEn };
    return [
      {
        ...common,
        key: keys.status,
        name: `${definition.name} – Statusindex`,
        nameEn: `${nameEn} – status index`,
        definition: `${intro}${method}`,
        definitionEn: `${introEn}${methodEn}`,
        unit: 'z-Wert',
        decimals: 2,
        retired: false,
      },
      {
        ...common,
        key: keys.statusClass,
        name: `${definition.name} – Statusklasse`,
        nameEn: `${nameEn} – status class`,
        definition: `${intro}Klassen des Statusindex: ${classList(STATUS_CLASS_NAMES.de)} (Grenzen ${t.join(' / ')} Standardabweichungen).`,
        definitionEn: `${introEn}Classes of the status index: ${classList(STATUS_CLASS_NAMES.en)} (limits ${t.join(' / ')} standard deviations).`,
        unit: 'Klasse',
        decimals: 0,
        retired: false,
      },
      {
        ...common,
        key: keys.dynamics!,
        name: `${definition.name} – Dynamikindex${definition.dynamics ? ` ${definition.dynamics.from}–${definition.dynamics.to}` : ''}`,
        nameEn: `${nameEn} – dynamics index${definition.dynamics ? ` ${definition.dynamics.from}–${definition.dynamics.to}` : ''}`,
        definition: `${intro}Veränderung der Indikatoren zwischen zwei Zeiträumen, standardisiert wie der Statusindex. ${method}`,
        definitionEn: `${introEn}Change of the indicators between two periods, standardised like the status index. ${methodEn}`,
        unit: 'z-Wert',
        decimals: 2,
        retired: noDynamics,
      },
      {
        ...common,
        key: keys.dynamicsClass!,
        name: `${definition.name} – Dynamikklasse`,
        nameEn: `${nameEn} – dynamics class`,
        definition: `${intro}Klassen des Dynamikindex: ${classList(DYNAMICS_CLASS_NAMES.de)} (Grenzen ${d.join(' / ')} Standardabweichungen).`,
        definitionEn: `${introEn}Classes of the dynamics index: ${classList(DYNAMICS_CLASS_NAMES.en)} (limits ${d.join(' / ')} standard deviations).`,
        unit: 'Klasse',
        decimals: 0,
        retired: noDynamics,
      },
    ];
  }

  private async summary(row: IndexRow, names: Map<string, string>): Promise<IndexSummary> {
    const keys = derivedIndicatorKeys(row.key, row.dynamicsFrom !== null);
    const periods = (await this.repository.periodsOf(keys.status)).map((p) => p.period);
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      description: row.description,
      nameEn: row.nameEn,
      descriptionEn: row.descriptionEn,
      level: row.level,
      topic: row.topicKey,
      public: row.isPublic,
      components: row.components.map((c) => ({ ...c, name: names.get(c.indicator) ?? c.indicator })),
      dynamics: row.dynamicsFrom && row.dynamicsTo ? { from: row.dynamicsFrom, to: row.dynamicsTo } : null,
      statusThresholds: row.statusThresholds,
      dynamicsThresholds: row.dynamicsThresholds,
      indicators: keys,
      periods,
      computedAt: row.computedAt?.toISOString() ?? null,
      importId: row.importId,
    };
  }
}

function directionOf(indicator: ComponentIndicator): StoredIndexComponent['direction'] | null {
  const sign = signFromPolarity(indicator.polarity);
  return sign === 1 ? 'higher_is_worse' : sign === -1 ? 'higher_is_better' : null;
}

function toDefinition(row: IndexRow): IndexDefinition {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    nameEn: row.nameEn ?? '',
    descriptionEn: row.descriptionEn ?? '',
    level: row.level,
    topic: row.topicKey,
    public: row.isPublic,
    components: row.components,
    dynamics: row.dynamicsFrom && row.dynamicsTo ? { from: row.dynamicsFrom, to: row.dynamicsTo } : null,
    statusThresholds: row.statusThresholds,
    dynamicsThresholds: row.dynamicsThresholds,
  };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
