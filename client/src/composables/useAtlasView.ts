import { computed, getCurrentScope, onScopeDispose, shallowRef, watch, type ComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { parseAtlasView, serializeAtlasView, type AtlasQueryInput, type AtlasView } from '@lagebild/shared';

export interface UseAtlasViewReturn {
  view: ComputedRef<AtlasView>;
  /** URL parameters that were present but unusable (fallen back to their defaults). */
  invalid: ComputedRef<string[]>;
  /**
   * Changes the view. The URL is the record of the view (a reload, a shared link and the
   * back button restore it), but it follows a moment later: the new view applies at once
   * and the router navigation runs after the next frame, so a switch of indicator or period
   * recolours the map without waiting for the router. `push` adds a history entry (a new
   * indicator); camera moves and animation steps replace the current one.
   */
  update(patch: Partial<AtlasView>, options?: { push?: boolean }): Promise<void>;
  /** The link of the current view, for sharing. */
  href: ComputedRef<string>;
}

export function useAtlasView(): UseAtlasViewReturn {
  const route = useRoute();
  const router = useRouter();
  const parsed = computed(() => parseAtlasView(route.query as AtlasQueryInput));
  /** A view that is already shown but not yet in the URL. */
  const pending = shallowRef<AtlasView | null>(null);
  const view = computed(() => pending.value ?? parsed.value.view);
  let navigations = 0;
  let queued: { view: AtlasView; push: boolean; done: Promise<void>; resolve: () => void } | null = null;
  let frame = 0;
  let disposed = false;

  function navigate(): void {
    frame = 0;
    if (disposed) return;
    const job = queued;
    queued = null;
    if (!job) return;
    navigations++;
    const location = { path: route.path, query: serializeAtlasView(job.view), hash: route.hash };
    (job.push ? router.push(location) : router.replace(location))
      .catch(() => undefined)
      .finally(() => {
        navigations--;
        // Newer changes may be waiting; only the last one clears the pending view.
        if (navigations === 0 && !queued && pending.value === job.view) pending.value = null;
        job.resolve();
      });
  }

  function update(patch: Partial<AtlasView>, options: { push?: boolean } = {}): Promise<void> {
    const next = { ...view.value, ...patch };
    pending.value = next;
    const push = (queued?.push ?? false) || options.push === true;
    const previous = queued;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    queued = { view: next, push, done, resolve };
    previous?.resolve();
    // After the frame that shows the change (rAF callbacks run in order, deck.gl's first).
    if (!frame) frame = requestAnimationFrame(() => setTimeout(navigate, 0));
    return done;
  }

  // Navigation we did not start (back button, a link) replaces whatever was pending.
  watch(
    () => route.fullPath,
    () => {
      if (navigations === 0 && !queued) pending.value = null;
    },
  );
  if (getCurrentScope())
    onScopeDispose(() => {
      disposed = true;
      if (frame) cancelAnimationFrame(frame);
    });

  const href = computed(() =>
    new URL(router.resolve({ path: route.path, query: serializeAtlasView(view.value) }).href, window.location.origin).toString(),
  );

  return { view, invalid: computed(() => parsed.value.invalid), update, href };
}
