import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LoginResponse, User, WorkspaceSummary } from '@lagebild/shared';
import { hasCsrfCookie, onSessionEnded, useApi } from '../api/http';

export const useAuthStore = defineStore('auth', () => {
  const api = useApi();
  const user = shallowRef<User | null>(null);
  const workspaces = shallowRef<WorkspaceSummary[]>([]);
  /** True once the session has been checked at start-up, logged in or not. */
  const ready = ref(false);

  const loggedIn = computed(() => user.value !== null);
  /** Set when the server ended a session this tab still showed as logged in. */
  const sessionEnded = ref(false);

  /** The server no longer knows this tab's session (a 401 from the API, a refused socket). */
  function endSession(): void {
    if (!user.value) return;
    user.value = null;
    workspaces.value = [];
    sessionEnded.value = true;
  }
  onSessionEnded(endSession);

  async function loadWorkspaces(): Promise<void> {
    workspaces.value = user.value ? await api.get<WorkspaceSummary[]>('/workspaces') : [];
  }

  /** Picks up a session from the cookie, so logging in through the API also logs in the browser. */
  async function restore(): Promise<void> {
    // Login sets the readable CSRF cookie together with the session cookie, and logout clears
    // both: without it there is no usable session, and an anonymous visitor (the public atlas,
    // an embedded map) does not wait for a request to learn that.
    if (!hasCsrfCookie()) {
      user.value = null;
      workspaces.value = [];
      ready.value = true;
      return;
    }
    try {
      user.value = (await api.get<{ user: User | null }>('/auth/session')).user;
      await loadWorkspaces();
    } finally {
      ready.value = true;
    }
  }

  async function login(email: string, password: string): Promise<void> {
    const response = await api.post<LoginResponse>('/auth/login', { email, password });
    user.value = response.user;
    sessionEnded.value = false;
    await loadWorkspaces();
  }

  async function logout(): Promise<void> {
    try {
      await api.post('/auth/logout');
    } finally {
      user.value = null;
      workspaces.value = [];
      // Logging out of a session the server had already ended is no news to the user.
      sessionEnded.value = false;
    }
  }

  return { user, workspaces, ready, loggedIn, sessionEnded, restore, login, logout, loadWorkspaces, endSession };
});
