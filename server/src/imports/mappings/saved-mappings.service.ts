import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SavedMapping, SavedMappingRequest } from '@lagebild/shared';
import type { DataSource } from 'typeorm';
import { StewardshipAccess } from '../../catalogue/stewardship-access.js';
import type { Actor } from '../../common/auth/actor.js';
import { RequestError } from '../../common/errors/domain-error.js';
import { bilingual } from '../../common/http/request-language.js';
import { ImportError } from '../imports.error.js';
import { returnedRows } from '../../database/transaction.js';

const SELECT = `
  SELECT m.id, m.name, m.layout, m.mapping, m.sheet, u.display_name AS "createdBy", m.created_by AS "creatorId",
         m.created_at AS "createdAt", m.updated_at AS "updatedAt"
    FROM import_mapping m LEFT JOIN app_user u ON u.id = m.created_by`;

interface Row extends Omit<SavedMapping, 'createdAt' | 'updatedAt'> {
  creatorId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Saved column mappings: shared by all stewards, so next year's file maps in one click. */
@Injectable()
export class SavedMappingsService {
  constructor(
    private readonly stewardship: StewardshipAccess,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(actor: Actor): Promise<SavedMapping[]> {
    await this.stewardship.requireValueSteward(actor);
    const rows: Row[] = await this.db.query(`${SELECT} ORDER BY lower(m.name)`);
    return rows.map(toDto);
  }

  /** Saves under a name; saving again under the same name replaces that mapping. */
  async save(actor: Actor, request: SavedMappingRequest): Promise<SavedMapping> {
    const scope = await this.stewardship.requireValueSteward(actor);
    const [existing]: Row[] = await this.db.query(`${SELECT} WHERE lower(m.name) = lower($1)`, [request.name]);
    if (existing && !scope.all && existing.creatorId !== scope.user.id) {
      throw new ImportError(
        'MAPPING_NAME_TAKEN',
        bilingual(
          `Eine Zuordnung ‚${existing.name}‘ gibt es schon (von ${existing.createdBy ?? 'jemand anderem'}). Bitte einen anderen Namen wählen.`,
          `A mapping ‘${existing.name}’ already exists (by ${existing.createdBy ?? 'someone else'}). Please choose another name.`,
        ),
      );
    }
    const [{ id }] = existing
      ? returnedRows<{ id: string }>(
          await this.db.query(
            `UPDATE import_mapping SET layout = $2, mapping = $3::jsonb, sheet = $4, updated_at = now() WHERE id = $1 RETURNING id`,
            [existing.id, request.layout, JSON.stringify(request.mapping), request.sheet ?? null],
          ),
        )
      : await this.db.query(`INSERT INTO import_mapping (name, layout, mapping, sheet, created_by) VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`, [
          request.name,
          request.layout,
          JSON.stringify(request.mapping),
          request.sheet ?? null,
          scope.user.id,
        ]);
    const [row]: Row[] = await this.db.query(`${SELECT} WHERE m.id = $1`, [id]);
    return toDto(row!);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = await this.stewardship.requireValueSteward(actor);
    const [row]: Row[] = await this.db.query(`${SELECT} WHERE m.id = $1`, [id]);
    if (!row)
      throw new ImportError('MAPPING_NOT_FOUND', bilingual('Diese Zuordnung gibt es nicht (mehr).', 'This mapping does not exist (any more).'));
    if (!scope.all && row.creatorId !== scope.user.id)
      throw RequestError.forbidden(
        bilingual(
          'Nur wer eine Zuordnung angelegt hat, oder die Koordination, kann sie löschen.',
          'Only the person who created a mapping, or the coordination, can delete it.',
        ),
      );
    await this.db.query(`DELETE FROM import_mapping WHERE id = $1`, [id]);
  }
}

function toDto(row: Row): SavedMapping {
  return {
    id: row.id,
    name: row.name,
    layout: row.layout,
    mapping: row.mapping,
    sheet: row.sheet,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
