import { AreaEntity } from '../atlas/entities/area.entity.js';
import { DepartmentEntity } from '../atlas/entities/department.entity.js';
import { IndicatorSeriesEntity } from '../atlas/entities/indicator-series.entity.js';
import { IndicatorValueHistoryEntity } from '../atlas/entities/indicator-value-history.entity.js';
import { IndicatorValueEntity } from '../atlas/entities/indicator-value.entity.js';
import { IndicatorEntity } from '../atlas/entities/indicator.entity.js';
import { TopicEntity } from '../atlas/entities/topic.entity.js';
import { AuthSessionEntity } from '../auth/entities/auth-session.entity.js';
import { LoginFailureEntity } from '../auth/entities/login-failure.entity.js';
import { UserEntity } from '../auth/entities/user.entity.js';
import { CollabDocEntity } from '../collab/entities/collab-doc.entity.js';
import { DocSnapshotEntity } from '../collab/entities/doc-snapshot.entity.js';
import { DocUpdateEntity } from '../collab/entities/doc-update.entity.js';
import { DocVersionEntity } from '../collab/entities/doc-version.entity.js';
import { AreaHistoryEntity } from '../imports/entities/area-history.entity.js';
import { ImportBatchEntity } from '../imports/entities/import-batch.entity.js';
import { SavedMappingEntity } from '../imports/mappings/saved-mapping.entity.js';
import { CompositeIndexEntity } from '../indices/composite-index.entity.js';
import { MembershipEntity } from '../workspaces/entities/membership.entity.js';
import { WorkspaceEntity } from '../workspaces/entities/workspace.entity.js';

/**
 * Every entity, listed explicitly: glob loading behaves differently under the compiled
 * build, jest and the migration CLI, while an import list behaves the same everywhere.
 */
export const entities = [
  DepartmentEntity,
  TopicEntity,
  AreaEntity,
  IndicatorEntity,
  IndicatorSeriesEntity,
  IndicatorValueEntity,
  IndicatorValueHistoryEntity,
  ImportBatchEntity,
  AreaHistoryEntity,
  SavedMappingEntity,
  CompositeIndexEntity,
  UserEntity,
  AuthSessionEntity,
  LoginFailureEntity,
  WorkspaceEntity,
  MembershipEntity,
  CollabDocEntity,
  DocUpdateEntity,
  DocSnapshotEntity,
  DocVersionEntity,
];
