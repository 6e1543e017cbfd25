import { Injectable } from '@nestjs/common';
import {
  indicatorDraftProblems,
  type CatalogueIndicator,
  type CreateIndicatorRequest,
  type StewardshipCapabilities,
  type UpdateIndicatorRequest,
} from '@lagebild/shared';
import type { Actor } from '../common/auth/actor.js';
import { RequestError, type FieldProblem } from '../common/errors/domain-error.js';
import { bilingual } from '../common/http/request-language.js';
import { CatalogueError } from './catalogue.error.js';
import { CatalogueRepository, type CatalogueRow, type IndicatorColumns } from './catalogue.repository.js';
import { StewardshipAccess, type StewardScope } from './stewardship-access.js';

/**
 * Indicator catalogue editing for stewards: create, edit and retire indicators with all
 * their metadata. Keys never change (imports and links refer to them), and an indicator
 * that has values keeps its kind, because its values only make sense as what they are.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    private readonly repository: CatalogueRepository,
  ) {}

  capabilities(actor: Actor): Promise<StewardshipCapabilities> {
    return this.stewardship.capabilities(actor);
  }

  async list(actor: Actor): Promise<CatalogueIndicator[]> {
    const scope = await this.stewardship.requireValueSteward(actor);
    return (await this.repository.list()).map((row) => toDto(row, scope, this.stewardship));
  }

  async create(actor: Actor, request: CreateIndicatorRequest): Promise<CatalogueIndicator> {
    const scope = await this.stewardship.requireValueSteward(actor);
    const columns = await this.columns(request, request);
    if (!this.stewardship.mayEdit(scope, { departmentId: columns.department_id ?? null })) {
      throw RequestError.forbidden(
        bilingual(
          'Sie können nur Indikatoren Ihres eigenen Amtes anlegen. Bitte Ihr Amt als zuständig eintragen.',
          'You can only create indicators of your own department. Please enter your department as responsible.',
        ),
      );
    }
    const inserted = await this.repository.insert(request.key, columns);
    if (!inserted)
      throw new CatalogueError(
        'INDICATOR_KEY_TAKEN',
        bilingual(
          `Den Schlüssel ‚${request.key}‘ gibt es schon. Bitte einen anderen wählen.`,
          `The key ‘${request.key}’ is already taken. Please choose another.`,
        ),
      );
    return toDto((await this.repository.get(request.key))!, scope, this.stewardship);
  }

  async update(actor: Actor, key: string, request: UpdateIndicatorRequest): Promise<CatalogueIndicator> {
    const scope = await this.stewardship.requireValueSteward(actor);
    const stored = await this.repository.find(key);
    if (!stored) throw new CatalogueError('INDICATOR_NOT_FOUND', bilingual(`Indikator ‚${key}‘ gibt es nicht.`, `There is no indicator ‘${key}’.`));
    this.stewardship.requireIndicators(scope, [stored]);
    if (stored.kind === 'index' && request.kind !== undefined) {
      throw new CatalogueError(
        'KIND_LOCKED',
        bilingual(
          `‚${stored.name}‘ ist ein berechneter Index; seine Art lässt sich nicht ändern.`,
          `‘${stored.name}’ is a computed index; its kind cannot be changed.`,
        ),
      );
    }
    if (request.kind !== undefined && request.kind !== stored.kind && stored.valueCount > 0) {
      throw new CatalogueError(
        'KIND_LOCKED',
        bilingual(
          `‚${stored.name}‘ hat schon ${stored.valueCount} Werte; die Art (Anzahl/Quote) lässt sich nicht mehr ändern.`,
          `‘${stored.name}’ already has ${stored.valueCount} values; its kind (count/rate) can no longer be changed.`,
        ),
      );
    }
    // Rules between fields hold for the indicator as it will be, not just for the patch.
    const merged = {
      kind: request.kind ?? stored.kind,
      numeratorLabel: request.numeratorLabel !== undefined ? request.numeratorLabel : stored.numeratorLabel,
      denominatorLabel: request.denominatorLabel !== undefined ? request.denominatorLabel : stored.denominatorLabel,
      numeratorIndicator: request.numeratorIndicator !== undefined ? request.numeratorIndicator : stored.numeratorIndicator,
      denominatorIndicator: request.denominatorIndicator !== undefined ? request.denominatorIndicator : stored.denominatorIndicator,
      rateFactor: request.rateFactor !== undefined ? request.rateFactor : stored.rateFactor,
    };
    const columns = await this.columns(request, merged, key);
    if (columns.department_id !== undefined && !this.stewardship.mayEdit(scope, { departmentId: columns.department_id })) {
      throw RequestError.forbidden(
        bilingual(
          'Sie können einen Indikator nicht an ein anderes Amt abgeben; das kann die Koordination.',
          'You cannot hand an indicator over to another department; the coordination can.',
        ),
      );
    }
    await this.repository.update(stored.id, columns);
    return toDto((await this.repository.get(key))!, scope, this.stewardship);
  }

  /** Resolves references (topic, department, numerator/denominator) and checks the rules between fields. */
  private async columns(
    request: Partial<CreateIndicatorRequest> & { retired?: boolean },
    draft: Parameters<typeof indicatorDraftProblems>[0],
    ownKey?: string,
  ): Promise<IndicatorColumns> {
    const problems: FieldProblem[] = indicatorDraftProblems(draft, ownKey ?? request.key);
    const columns: IndicatorColumns = {};
    if (request.topic !== undefined) {
      const id = await this.repository.topicId(request.topic);
      if (!id)
        problems.push({ field: 'topic', message: bilingual(`Thema ‚${request.topic}‘ gibt es nicht.`, `There is no topic ‘${request.topic}’.`) });
      else columns.topic_id = id;
    }
    if (request.department !== undefined) {
      if (request.department === null) columns.department_id = null;
      else {
        const id = await this.repository.departmentId(request.department);
        if (!id)
          problems.push({
            field: 'department',
            message: bilingual(`Amt ‚${request.department}‘ gibt es nicht.`, `There is no department ‘${request.department}’.`),
          });
        else columns.department_id = id;
      }
    }
    for (const field of ['numeratorIndicator', 'denominatorIndicator'] as const) {
      const value = request[field];
      if (value === undefined) continue;
      const column = field === 'numeratorIndicator' ? 'numerator_indicator_id' : 'denominator_indicator_id';
      if (value === null) {
        columns[column] = null;
        continue;
      }
      const ref = await this.repository.indicatorRef(value);
      if (!ref) problems.push({ field, message: bilingual(`Indikator ‚${value}‘ gibt es nicht.`, `There is no indicator ‘${value}’.`) });
      else if (ref.kind !== 'count') {
        problems.push({
          field,
          message: bilingual(
            `‚${value}‘ ist keine Anzahl; Zähler und Nenner müssen Anzahlen sein.`,
            `‘${value}’ is not a count; numerator and denominator must be counts.`,
          ),
        });
      } else columns[column] = ref.id;
    }
    if (problems.length) {
      throw RequestError.invalid(problems);
    }
    const simple: [keyof typeof request, keyof IndicatorColumns][] = [
      ['name', 'name'],
      ['nameEn', 'name_en'],
      ['definition', 'definition'],
      ['definitionEn', 'definition_en'],
      ['unit', 'unit'],
      ['source', 'source'],
      ['sourceEn', 'source_en'],
      ['polarity', 'polarity'],
      ['decimals', 'decimals'],
      ['updateCycle', 'update_cycle'],
      ['lastUpdate', 'last_update'],
      ['kind', 'kind'],
      ['numeratorLabel', 'numerator_label'],
      ['denominatorLabel', 'denominator_label'],
      ['numeratorLabelEn', 'numerator_label_en'],
      ['denominatorLabelEn', 'denominator_label_en'],
      ['rateFactor', 'rate_factor'],
      ['suppressionThreshold', 'suppression_threshold'],
      ['public', 'is_public'],
    ];
    for (const [field, column] of simple) {
      if (request[field] !== undefined) (columns as Record<string, unknown>)[column] = request[field];
    }
    if (request.retired !== undefined) columns.retired_at = request.retired ? 'now' : null;
    return columns;
  }
}

function toDto(row: CatalogueRow, scope: StewardScope, stewardship: StewardshipAccess): CatalogueIndicator {
  const { id: _id, departmentId, ...rest } = row;
  return { ...rest, editable: stewardship.mayEdit(scope, { departmentId }) };
}
