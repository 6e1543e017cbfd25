import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue';

export interface UsePlaybackOptions {
  /** Moves one step on; returns false at the end, which stops the playback. */
  step: () => boolean | Promise<boolean>;
  /** Milliseconds between steps. */
  interval?: number;
}

export interface UsePlaybackReturn {
  playing: Ref<boolean>;
  play(): void;
  stop(): void;
  toggle(): void;
}

/**
 * Steps through periods on a timer ("play" on the period slider). Each step waits for the
 * previous one (its data may still be loading), so a slow network never skips a period.
 * Stops itself at the end and when the owning component goes away.
 */
export function usePlayback(options: UsePlaybackOptions): UsePlaybackReturn {
  const interval = options.interval ?? 1200;
  const playing = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(): void {
    timer = setTimeout(async () => {
      timer = null;
      if (!playing.value) return;
      const more = await options.step();
      if (!more) stop();
      else if (playing.value) schedule();
    }, interval);
  }

  function play(): void {
    if (playing.value) return;
    playing.value = true;
    schedule();
  }

  function stop(): void {
    playing.value = false;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  if (getCurrentScope()) onScopeDispose(stop);
  return { playing, play, stop, toggle: () => (playing.value ? stop() : play()) };
}
