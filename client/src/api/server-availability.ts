import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref } from 'vue';
import type { ApiError, RetryNotice } from './http';

interface WaitingRead {
  /** Date.now() of its next try. */
  nextTryAt: number;
  wake(): void;
}

// One state for the whole app: any page's reads may be waiting for the same outage.
const waitingReads = shallowRef<ReadonlySet<WaitingRead>>(new Set());
const lastError = shallowRef<ApiError | null>(null);

function setWaiting(update: (next: Set<WaitingRead>) => void): void {
  const next = new Set(waitingReads.value);
  update(next);
  waitingReads.value = next;
}

/**
 * The app's wait between tries of a read: while any read waits, the app shows one notice
 * instead of each page failing on its own, and `retryNow` cuts every wait short.
 */
export function waitWithNotice(notice: RetryNotice): Promise<void> {
  return new Promise<void>((resolve) => {
    const read: WaitingRead = { nextTryAt: Date.now() + notice.waitMs, wake: () => done() };
    const timer = setTimeout(() => done(), notice.waitMs);
    function done(): void {
      clearTimeout(timer);
      setWaiting((next) => next.delete(read));
      resolve();
    }
    lastError.value = notice.error;
    setWaiting((next) => next.add(read));
  });
}

/** Tries every waiting read at once (the person says the server should be back). */
export function retryNow(): void {
  for (const read of waitingReads.value) read.wake();
}

export interface ServerAvailability {
  /** Some read is waiting to be tried again. */
  unavailable: ComputedRef<boolean>;
  /** What the server (or the network) said, for the notice. */
  error: Ref<ApiError | null>;
  /** Whole seconds until the next try, counting down. */
  secondsToNextTry: ComputedRef<number>;
  retryNow: () => void;
}

export function useServerAvailability(): ServerAvailability {
  const now = ref(Date.now());
  const unavailable = computed(() => waitingReads.value.size > 0);
  let ticker: ReturnType<typeof setInterval> | null = null;
  const stopTicking = () => {
    if (ticker) clearInterval(ticker);
    ticker = null;
  };
  watch(
    unavailable,
    (waiting) => {
      now.value = Date.now();
      if (waiting && !ticker) ticker = setInterval(() => (now.value = Date.now()), 500);
      if (!waiting) stopTicking();
    },
    { immediate: true },
  );
  onScopeDispose(stopTicking);
  const secondsToNextTry = computed(() => {
    const next = Math.min(...[...waitingReads.value].map((read) => read.nextTryAt));
    return Number.isFinite(next) ? Math.max(0, Math.ceil((next - now.value) / 1000)) : 0;
  });
  return { unavailable, error: lastError, secondsToNextTry, retryNow };
}
