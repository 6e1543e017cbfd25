import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AwarenessRelay } from './awareness-relay.js';
import { CollabSocketServer } from './collab-socket.server.js';
import { CollabController } from './collab.controller.js';
import { CollabGateway } from './collab.gateway.js';
import { CollabService } from './collab.service.js';
import { DocCompactor } from './doc-compactor.js';
import { DocResolver } from './doc-resolver.js';
import { DocStore } from './doc-store.js';
import { DocUpdatePipeline } from './doc-update-pipeline.js';
import { DocVersionsService } from './doc-versions.service.js';
import { DocWorker } from './doc-worker.js';
import { EntityEvents } from './entity-events.js';

/**
 * The live sync engine: Socket.IO /collab, the Yjs document store in Postgres, awareness and
 * live entity events. Global, so every feature can inject EntityEvents (to announce changes)
 * and DocResolver (to register the owner lookup of its document kind) without importing it.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [CollabController],
  providers: [
    CollabSocketServer,
    CollabGateway,
    CollabService,
    DocVersionsService,
    DocStore,
    DocCompactor,
    DocUpdatePipeline,
    DocResolver,
    AwarenessRelay,
    EntityEvents,
    DocWorker,
  ],
  exports: [EntityEvents, DocResolver],
})
export class CollabModule {}
