import { CollabProvider, createCollabSocket, type CollabProviderError, type CollabSocket, type CollabStatus } from '@lagebild/shared/collab-client';
import { CollabErrorCode, validationLanguage, type PresenceUser, type WorkspaceRole } from '@lagebild/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import * as Y from 'yjs';

export interface UseCollabDocOptions {
  /** The document (`workspace/<id>/canvas`, …); it is reopened when this changes, closed when null. */
  docId: MaybeRefOrGetter<string | null>;
  /** Keeps a copy in IndexedDB under this key, so offline edits survive a reload. Off when null. */
  persistKey?: MaybeRefOrGetter<string | null>;
  /** Who we are in the presence list (the server overwrites id and name with the account). */
  user?: MaybeRefOrGetter<PresenceUser | null>;
  /** Server origin; the page's own origin by default (the session cookie authenticates). */
  url?: string;
}

export interface UseCollabDocReturn {
  /** The shared Y.Doc; never deep-reactive. */
  doc: ShallowRef<Y.Doc | null>;
  awareness: ShallowRef<Awareness | null>;
  status: Ref<CollabStatus | 'idle'>;
  synced: Ref<boolean>;
  role: Ref<WorkspaceRole | null>;
  readOnly: Ref<boolean>;
  /** Local changes the server has not confirmed as stored yet. */
  unsynced: Ref<boolean>;
  error: ShallowRef<CollabProviderError | null>;
}

/** How long to wait for IndexedDB before going online without it (it can hang in private windows). */
const INDEXEDDB_TIMEOUT_MS = 1_500;

/**
 * Refusals after which the offline copy must not stay on the device: the membership ended or
 * the document is gone, so a member who lost access (e.g. on a shared office computer) would
 * otherwise keep a readable copy of a workspace they may no longer see. An ended session
 * (UNAUTHENTICATED) is not one of them: after logging in again, offline edits are still wanted.
 * The provider reports passing trouble (timeouts, UNAVAILABLE, RATE_LIMITED) without 'denied'.
 */
const COPY_ENDING_CODES: readonly string[] = [CollabErrorCode.Forbidden, CollabErrorCode.NotFound];

/** Whether a refusal with this code ends the offline copy (see COPY_ENDING_CODES). */
export const endsLocalCopy = (code: string): boolean => COPY_ENDING_CODES.includes(code);

/**
 * Deletes the offline copy kept under a persist key, if there is one. IndexedDB runs the
 * deletion only once every connection to the database is closed; y-indexeddb closes its own
 * when asked to, also in other tabs. A failure is only logged: the page has nothing to offer.
 */
export function discardLocalCopy(persistKey: string): void {
  if (typeof indexedDB === 'undefined') return;
  const request = indexedDB.deleteDatabase(persistKey);
  request.onerror = () => console.warn('could not delete the offline copy', request.error);
}

/**
 * A Yjs document kept in step with the server over /collab (VueUse style: options object,
 * shallowRefs for the external objects, everything closed when the scope ends).
 */
export function useCollabDoc(options: UseCollabDocOptions): UseCollabDocReturn {
  const doc = shallowRef<Y.Doc | null>(null);
  const awareness = shallowRef<Awareness | null>(null);
  const status = ref<CollabStatus | 'idle'>('idle');
  const synced = ref(false);
  const role = ref<WorkspaceRole | null>(null);
  const readOnly = ref(true);
  const unsynced = ref(false);
  const error = shallowRef<CollabProviderError | null>(null);

  let close: (() => void) | null = null;
  let generation = 0;

  async function open(docId: string, persistKey: string | null): Promise<void> {
    const mine = ++generation;
    const ydoc = new Y.Doc();
    let persistence: IndexeddbPersistence | null = null;
    if (persistKey && typeof indexedDB !== 'undefined') {
      persistence = new IndexeddbPersistence(persistKey, ydoc);
      await Promise.race([persistence.whenSynced, new Promise((resolve) => setTimeout(resolve, INDEXEDDB_TIMEOUT_MS))]);
    }
    if (mine !== generation) {
      persistence?.destroy();
      ydoc.destroy();
      return;
    }
    // The server's refusals in the UI's language, the same one the API is asked for.
    const socket: CollabSocket = createCollabSocket({ url: options.url ?? window.location.origin, language: validationLanguage });
    const provider = new CollabProvider({ socket, doc: ydoc, docId, language: validationLanguage });
    const refresh = () => {
      status.value = provider.status;
      synced.value = provider.synced;
      role.value = provider.role;
      readOnly.value = provider.readOnly;
      unsynced.value = provider.unsynced;
    };
    provider.on('status', refresh);
    provider.on('synced', refresh);
    provider.on('role', refresh);
    provider.on('saved', () => {
      // Everything is stored now, so an earlier refusal (a full document, say) no longer holds.
      if (provider.status !== 'denied') error.value = null;
      refresh();
    });
    provider.on('error', (e) => {
      error.value = e;
      refresh();
      if (provider.status === 'denied' && endsLocalCopy(e.code)) endForGood();
    });
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) queueMicrotask(refresh);
    };
    ydoc.on('update', onUpdate);
    const stopUser = watch(
      () => toValue(options.user),
      (user) => provider.awareness.setLocalStateField('user', user ?? null),
      { immediate: true },
    );

    doc.value = ydoc;
    awareness.value = provider.awareness;
    error.value = null;
    refresh();

    let closed = false;
    const teardown = () => {
      if (closed) return;
      closed = true;
      stopUser();
      ydoc.off('update', onUpdate);
      provider.destroy();
      socket.disconnect();
      persistence?.destroy();
      ydoc.destroy();
      doc.value = null;
      awareness.value = null;
    };
    // Everything that could still write to the copy (a late server update through the
    // persistence, a reconnect that rejoins) is shut before the copy is deleted. The status and
    // the error stay, so the page can still say why the document is gone.
    const endForGood = () => {
      teardown();
      if (persistKey) discardLocalCopy(persistKey);
    };
    close = () => {
      teardown();
      status.value = 'idle';
      synced.value = false;
    };
  }

  // Compared source by source: a getter returning a new array would reopen whenever anything
  // it reads is replaced (e.g. the same account set again), recreating a copy just deleted.
  watch(
    [() => toValue(options.docId), () => toValue(options.persistKey) ?? null],
    ([docId, persistKey]) => {
      close?.();
      close = null;
      generation++;
      if (docId) void open(docId, persistKey);
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    generation++;
    close?.();
    close = null;
  });

  return { doc, awareness, status, synced, role, readOnly, unsynced, error };
}
