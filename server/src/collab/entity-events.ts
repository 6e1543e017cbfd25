import { Injectable } from '@nestjs/common';
import { CollabEvent, EntityChangedSchema, workspaceRoom, type EntityChanged } from '@lagebild/shared';
import { CollabSocketServer } from './collab-socket.server.js';

/**
 * Live entity events: other features call `emit` after a relational change has been committed
 * (a measure created, a comment resolved, …). Members of the workspace with an open document or
 * a `workspace:join` receive `entity:changed {workspaceId, type, id, action}` on every server
 * instance; the event names what changed, and clients reload it through the API, which applies
 * their permissions. Fire-and-forget: a client that was offline reloads on reconnect anyway.
 */
@Injectable()
export class EntityEvents {
  constructor(private readonly server: CollabSocketServer) {}

  emit(change: EntityChanged): void {
    const event = EntityChangedSchema.parse(change);
    this.server.emitToRoom(workspaceRoom(event.workspaceId), CollabEvent.EntityChanged, event);
  }
}
