import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StewardshipCapabilities, WorkspaceRole } from '@lagebild/shared';
import type { DataSource } from 'typeorm';
import type { Actor, AuthenticatedUser } from '../common/auth/actor.js';
import { RequestError } from '../common/errors/domain-error.js';
import { bilingual, quote, type ApiLanguage } from '../common/http/request-language.js';
import { AccessService } from '../workspaces/access.service.js';

/** Who may steward what, derived once per request from the user and their memberships. */
export interface StewardScope {
  user: AuthenticatedUser;
  /** Admins and coordinators (of any workspace) steward every indicator, boundaries and indices. */
  all: boolean;
  /** Editors steward the indicators of their own department. */
  departmentId: string | null;
}

export interface OwnedIndicator {
  key: string;
  name: string;
  nameEn?: string | null;
  departmentId: string | null;
}

const COORDINATOR_ONLY = {
  boundaries: bilingual('Gebietsgrenzen importieren darf nur die Koordination.', 'Only the coordination may import boundaries.'),
  index: bilingual('Sozialindizes bearbeiten darf nur die Koordination.', 'Only the coordination may edit social indices.'),
  rollback: bilingual('Diesen Import zurücknehmen darf nur die Koordination.', 'Only the coordination may roll back this import.'),
} as const;

/**
 * The one place that answers "may this person steward that":
 * - value imports and catalogue edits: coordinators (any workspace), admins, and editors
 *   for indicators their department owns (user.departmentId = indicator.departmentId);
 * - boundary imports and composite indices: coordinators and admins.
 * Every stewardship service calls it before anything else.
 */
@Injectable()
export class StewardshipAccess {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async scope(actor: Actor): Promise<StewardScope & { roles: WorkspaceRole[] }> {
    const user = this.access.requireUser(actor);
    const rows: { role: WorkspaceRole }[] = await this.db.query(`SELECT DISTINCT role FROM membership WHERE user_id = $1`, [user.id]);
    const roles = rows.map((r) => r.role);
    const all = user.isAdmin || roles.includes('coordinator');
    const departmentId = roles.includes('editor') ? user.departmentId : null;
    return { user, all, departmentId, roles };
  }

  /** May import values or edit the catalogue at all (for every indicator or their department's). */
  async requireValueSteward(actor: Actor): Promise<StewardScope> {
    const scope = await this.scope(actor);
    if (!scope.all && !scope.departmentId) {
      throw RequestError.forbidden(
        bilingual(
          'Werte importieren und Indikatoren pflegen dürfen die Koordination und die Bearbeitung des zuständigen Amtes.',
          'Only the coordination and the editors of the responsible department may import values and maintain indicators.',
        ),
      );
    }
    return scope;
  }

  /** Boundaries and composite indices concern the whole atlas: coordinators and admins only. */
  async requireCoordinator(actor: Actor, what: 'boundaries' | 'index' | 'rollback' = 'boundaries'): Promise<StewardScope> {
    const scope = await this.scope(actor);
    if (!scope.all) {
      throw RequestError.forbidden(COORDINATOR_ONLY[what]);
    }
    return scope;
  }

  mayEdit(scope: StewardScope, indicator: { departmentId: string | null }): boolean {
    return scope.all || (scope.departmentId !== null && indicator.departmentId === scope.departmentId);
  }

  /** Refuses with the names of every indicator the person may not steward. */
  requireIndicators(scope: StewardScope, indicators: readonly OwnedIndicator[]): void {
    const foreign = indicators.filter((i) => !this.mayEdit(scope, i));
    if (foreign.length === 0) return;
    const names = (language: ApiLanguage) => foreign.map((i) => quote[language](language === 'en' ? (i.nameEn ?? i.name) : i.name)).join(', ');
    throw RequestError.forbidden(
      bilingual(
        `Sie dürfen nur Indikatoren Ihres Amtes pflegen. Nicht erlaubt: ${names('de')}. Bitte die Koordination oder das zuständige Amt um den Import bitten.`,
        `You may only maintain your own department's indicators. Not allowed: ${names('en')}. Please ask the coordination or the responsible department to import them.`,
      ),
    );
  }

  async capabilities(actor: Actor): Promise<StewardshipCapabilities> {
    const scope = await this.scope(actor);
    const [department] = scope.user.departmentId
      ? await this.db.query(`SELECT code, name FROM department WHERE id = $1`, [scope.user.departmentId])
      : [undefined];
    return {
      valueImport: scope.all || scope.departmentId !== null,
      allIndicators: scope.all,
      department: department ? { code: department.code, name: department.name } : null,
      boundaryImport: scope.all,
      compositeIndex: scope.all,
    };
  }
}
