import { AreaKeySchema, NameMatcher, slugifyKey, type AreaAction, type AreaGeometry, type AreaImportFields, type AreaLevel } from '@lagebild/shared';
import { bilingual, quote, quotedList, suggestionList, type Bilingual, type BilingualProblem } from '../import-language.js';
import type { BoundaryFeature } from './boundary-reader.js';
import { GeometryProblem, pointInGeometry, prepareGeometry, type PreparedGeometry } from './geometry.js';
import type { Projector } from './reprojection.js';

export interface ExistingArea {
  id: string;
  key: string;
  name: string;
  level: AreaLevel;
  parentId: string | null;
  geometry: AreaGeometry | null;
}

export interface PlannedArea {
  feature: number;
  key: string;
  name: string;
  level: AreaLevel;
  parentId: string | null;
  parentKey: string | null;
  prepared: PreparedGeometry;
  action: AreaAction;
  existingId: string | null;
}

const LEVEL_RANK: Record<AreaLevel, number> = { city: 0, district: 1, neighbourhood: 2 };
const LEVEL_NAME: Record<AreaLevel, Bilingual> = {
  city: bilingual('Stadt', 'city'),
  district: bilingual('Stadtbezirk', 'district'),
  neighbourhood: bilingual('Quartier', 'neighbourhood'),
};

/**
 * Plans a boundary import: which feature creates or updates which area (by key, else by
 * name on the same level, so an official file replaces the demo shapes of the same
 * districts), under which parent, with which geometry. Pure, so the dry run and the commit
 * plan alike and every problem reaches the report.
 */
export function planAreas(
  features: readonly BoundaryFeature[],
  fields: Pick<AreaImportFields, 'level' | 'keyProperty' | 'nameProperty' | 'parentKeyProperty'>,
  existing: readonly ExistingArea[],
  project: Projector,
): { areas: PlannedArea[]; problems: BilingualProblem[] } {
  const problems: BilingualProblem[] = [];
  const areas: PlannedArea[] = [];
  const byKey = new Map(existing.map((a) => [a.key, a]));
  const sameLevel = existing.filter((a) => a.level === fields.level);
  const nameMatcher = new NameMatcher(sameLevel, (a) => [a.name]);
  const parents = existing.filter((a) => LEVEL_RANK[a.level] < LEVEL_RANK[fields.level]);
  const parentMatcher = new NameMatcher(parents, (a) => [a.key, a.name]);
  const cities = existing.filter((a) => a.level === 'city');
  const districts = existing.filter((a) => a.level === 'district' && a.geometry);
  const seenKeys = new Map<string, number>();
  const targeted = new Map<string, number>();

  // Property names as chosen, or in another case (Shapefile fields are often upper case).
  const available = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const resolve = (property: string | undefined): string | undefined => {
    if (property === undefined) return undefined;
    const found = available.includes(property) ? property : available.find((p) => p.trim().toLowerCase() === property.trim().toLowerCase());
    if (!found) {
      const present = quotedList(available.slice(0, 30));
      problems.push({
        row: null,
        column: property,
        message: bilingual(
          `Die Eigenschaft ‚${property}‘ kommt in keinem Gebiet vor. Vorhanden: ${present.de || 'keine'}.`,
          `The property ‘${property}’ occurs in no area. Present: ${present.en || 'none'}.`,
        ),
      });
    }
    return found;
  };
  const keyProperty = resolve(fields.keyProperty)!;
  const nameProperty = resolve(fields.nameProperty)!;
  const parentKeyProperty = resolve(fields.parentKeyProperty);
  if (problems.length) return { areas, problems };

  for (const feature of features) {
    const problem = (column: string | null, message: Bilingual) =>
      problems.push({
        row: feature.number,
        column,
        message: bilingual(`Gebiet ${feature.number}: ${message.de}`, `Area ${feature.number}: ${message.en}`),
      });
    const rawKey = text(feature.properties[keyProperty]);
    const name = text(feature.properties[nameProperty]);
    if (!rawKey) {
      problem(keyProperty, bilingual(`Schlüssel (‚${keyProperty}‘) fehlt.`, `Key (‘${keyProperty}’) is missing.`));
      continue;
    }
    if (!name) {
      problem(nameProperty, bilingual(`Name (‚${nameProperty}‘) fehlt.`, `Name (‘${nameProperty}’) is missing.`));
      continue;
    }
    if (name.length > 200) {
      problem(nameProperty, bilingual('Der Name ist länger als 200 Zeichen.', 'The name is longer than 200 characters.'));
      continue;
    }
    const key = slugifyKey(rawKey);
    if (!AreaKeySchema.safeParse(key).success) {
      problem(keyProperty, bilingual(`Aus ‚${rawKey}‘ lässt sich kein Gebietsschlüssel bilden.`, `No area key can be formed from ‘${rawKey}’.`));
      continue;
    }
    const earlier = seenKeys.get(key);
    if (earlier !== undefined) {
      problem(keyProperty, bilingual(`Schlüssel ‚${key}‘ kommt schon in Gebiet ${earlier} vor.`, `Key ‘${key}’ already occurs in area ${earlier}.`));
      continue;
    }
    seenKeys.set(key, feature.number);

    let target = byKey.get(key) ?? null;
    if (!target) {
      const byName = nameMatcher.match(name);
      if (byName.kind === 'exact') target = byName.item;
    }
    if (target && target.level !== fields.level) {
      problem(
        keyProperty,
        bilingual(
          `${quote.de(target.name)} gibt es schon als ${LEVEL_NAME[target.level].de}; hier wird es als ${LEVEL_NAME[fields.level].de} importiert.`,
          `${quote.en(target.name)} already exists as a ${LEVEL_NAME[target.level].en}; here it is imported as a ${LEVEL_NAME[fields.level].en}.`,
        ),
      );
      continue;
    }
    if (target) {
      const previous = targeted.get(target.id);
      if (previous !== undefined) {
        problem(
          nameProperty,
          bilingual(`‚${target.name}‘ wurde schon mit Gebiet ${previous} aktualisiert.`, `‘${target.name}’ was already updated by area ${previous}.`),
        );
        continue;
      }
      targeted.set(target.id, feature.number);
    }

    let prepared: PreparedGeometry;
    try {
      prepared = prepareGeometry(feature.geometry, project);
    } catch (error) {
      if (error instanceof GeometryProblem) {
        problem('geometry', error.text);
        continue;
      }
      throw error;
    }

    let parent: ExistingArea | null;
    if (fields.level === 'city') parent = null;
    else if (parentKeyProperty) {
      const rawParent = text(feature.properties[parentKeyProperty]);
      if (!rawParent) {
        problem(parentKeyProperty, bilingual('Übergeordnetes Gebiet fehlt.', 'Parent area is missing.'));
        continue;
      }
      const match = parentMatcher.match(rawParent);
      const bySlug = parents.find((p) => p.key === slugifyKey(rawParent));
      if (match.kind === 'exact') parent = match.item;
      else if (bySlug) parent = bySlug;
      else {
        const suggestions = match.kind === 'none' && match.suggestions.length ? suggestionList(match.suggestions.map((p) => p.name)) : null;
        problem(
          parentKeyProperty,
          bilingual(
            `Übergeordnetes Gebiet ‚${rawParent}‘ unbekannt${suggestions ? ` – meinten Sie ${suggestions.de}?` : '.'}`,
            `Parent area ‘${rawParent}’ unknown${suggestions ? ` – did you mean ${suggestions.en}?` : '.'}`,
          ),
        );
        continue;
      }
    } else if (fields.level === 'district') {
      if (cities.length !== 1) {
        problem(
          null,
          bilingual(
            'Es gibt keine eindeutige Stadt als übergeordnetes Gebiet; bitte die Eigenschaft mit dem übergeordneten Gebiet wählen.',
            'There is no single city to serve as parent area; please choose the property that holds the parent area.',
          ),
        );
        continue;
      }
      parent = cities[0]!;
    } else {
      // Neighbourhoods without a parent column go to the district that contains their inner point.
      parent = districts.find((d) => pointInGeometry(prepared.centroid, d.geometry!)) ?? null;
      if (!parent) {
        problem(
          null,
          bilingual(
            'Liegt in keinem bekannten Stadtbezirk; bitte die Eigenschaft mit dem übergeordneten Gebiet wählen.',
            'Lies in no known district; please choose the property that holds the parent area.',
          ),
        );
        continue;
      }
    }

    const action: AreaAction = !target
      ? 'created'
      : target.name === name && target.parentId === (parent?.id ?? null) && sameGeometry(target.geometry, prepared.geometry)
        ? 'unchanged'
        : 'updated';
    areas.push({
      feature: feature.number,
      key: target?.key ?? key,
      name,
      level: fields.level,
      parentId: parent?.id ?? null,
      parentKey: parent?.key ?? null,
      prepared,
      action,
      existingId: target?.id ?? null,
    });
  }
  return { areas, problems };
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value).trim();
}

function sameGeometry(a: AreaGeometry | null, b: AreaGeometry): boolean {
  return !!a && a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}
