import type { PresenceState } from '@lagebild/shared';
import type { Awareness } from 'y-protocols/awareness';
import { computed, onScopeDispose, shallowRef, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { colorForUser, initialsOf, textColorOn } from './colors';

export interface Participant {
  userId: string;
  name: string;
  initials: string;
  color: string;
  textColor: string;
  /** This browser tab, or another tab/device of the same account. */
  isSelf: boolean;
  /** Open tabs or devices of this account. */
  connections: number;
}

export interface UsePresenceOptions {
  awareness: MaybeRefOrGetter<Awareness | null>;
  /** Our own account, to mark it and list it first. */
  selfUserId: MaybeRefOrGetter<string | null>;
}

/** Who is here: one entry per account (several tabs count once), from awareness states. */
export function usePresence(options: UsePresenceOptions): { participants: ComputedRef<Participant[]> } {
  const states = shallowRef<PresenceState[]>([]);
  let stop: (() => void) | null = null;

  watch(
    () => toValue(options.awareness),
    (awareness) => {
      stop?.();
      stop = null;
      if (!awareness) {
        states.value = [];
        return;
      }
      const read = () => {
        states.value = [...awareness.getStates().values()].filter((s): s is PresenceState => !!(s as Partial<PresenceState>)?.user?.id);
      };
      awareness.on('change', read);
      read();
      stop = () => awareness.off('change', read);
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());

  const participants = computed(() => {
    const self = toValue(options.selfUserId);
    const byUser = new Map<string, Participant>();
    for (const { user } of states.value) {
      const known = byUser.get(user.id);
      if (known) {
        known.connections++;
        continue;
      }
      const color = /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : colorForUser(user.id);
      byUser.set(user.id, {
        userId: user.id,
        name: user.name,
        initials: initialsOf(user.name),
        color,
        textColor: textColorOn(color),
        isSelf: user.id === self,
        connections: 1,
      });
    }
    return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'de'));
  });
  return { participants };
}
