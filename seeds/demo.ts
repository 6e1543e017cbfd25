import type { WorkspaceRole } from '@lagebild/shared';

/** Fixed ids that tests import; they never change between runs or machines. */
export const DEMO_WORKSPACE = {
  id: '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a1001',
  name: 'Strategiegruppe Integrierte Sozialplanung',
  description: 'Strategiegruppe der Stadt Gladbeck (Demo): Sozialamt, Bildung, Jugend und Familie, Integration, Jobcenter und Statistikstelle.',
} as const;

/** For the demo only; printed in the README. */
export const DEMO_PASSWORD = 'lagebild-demo';

export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  role: WorkspaceRole | null;
  isAdmin: boolean;
  departmentCode: string | null;
}

export const DEMO_USERS = {
  coordinator: {
    id: '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a2001',
    email: 'koordination@gladbeck.example',
    displayName: 'Katrin Kowalski (Koordination Sozialplanung)',
    role: 'coordinator',
    isAdmin: false,
    departmentCode: '50',
  },
  editor: {
    id: '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a2002',
    email: 'planung@gladbeck.example',
    displayName: 'Paul Peters (Sozialplanung)',
    role: 'editor',
    isAdmin: false,
    departmentCode: '12',
  },
  commenter: {
    id: '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a2003',
    email: 'amtsleitung@gladbeck.example',
    displayName: 'Andrea Albers (Amtsleitung Jugend und Familie)',
    role: 'commenter',
    isAdmin: false,
    departmentCode: '51',
  },
  viewer: {
    id: '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a2004',
    email: 'gast@gladbeck.example',
    displayName: 'Gerd Gast',
    role: 'viewer',
    isAdmin: false,
    departmentCode: null,
  },
  admin: {
    id: '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a2005',
    email: 'admin@gladbeck.example',
    displayName: 'Administration',
    role: null,
    isAdmin: true,
    departmentCode: null,
  },
} as const satisfies Record<string, DemoUser>;
