/**
 * Named versions (/api/collab/versions): full state copies; restoring adds one new update that
 * members see live, and never rewrites the log. Authorization and bad input included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canvasDocId, type DocVersionSummary } from '@lagebild/shared';
import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../seeds/index.js';
import { startTestApp, tableCounts, type DemoUserKey, type TestApp } from '../helpers/app.js';
import { CANVAS, reloadFromPostgres, syncedClient, waitFor, type ProviderClient } from './helpers.js';

let t: TestApp;
let live: ProviderClient;
const OTHER_WORKSPACE = '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a9902';
let otherVersionId: string;

beforeAll(async () => {
  t = await startTestApp();
  live = await syncedClient(t.baseUrl, await t.login('editor'));
  // A version in a workspace the demo users are not members of.
  await t.dataSource.query(`INSERT INTO workspace (id, name) VALUES ($1, 'Fremd')`, [OTHER_WORKSPACE]);
  await t.dataSource.query(`INSERT INTO collab_doc (id, workspace_id, kind) VALUES ($1, $2, 'canvas')`, [
    canvasDocId(OTHER_WORKSPACE),
    OTHER_WORKSPACE,
  ]);
  otherVersionId = (
    await t.dataSource.query(`INSERT INTO doc_version (doc_id, name, state) VALUES ($1, 'geheim', '\\x0000') RETURNING id`, [
      canvasDocId(OTHER_WORKSPACE),
    ])
  )[0].id;
});
afterAll(async () => {
  live.close();
  await t.close();
});

async function api<T>(user: DemoUserKey | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (user) headers.authorization = `Bearer ${await t.login(user)}`;
  const response = await fetch(`${t.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

const annotations = () => live.doc.getMap<unknown>('annotations');
const logSeqs = async (): Promise<string[]> =>
  (await t.dataSource.query(`SELECT seq FROM doc_update WHERE doc_id = $1 ORDER BY seq`, [CANVAS])).map((r: { seq: string }) => r.seq);

describe('named versions', () => {
  it('saves a version, and restoring it appends one update that brings the content back, live', async () => {
    annotations().set('kita-brauck', 'geplant');
    annotations().set('jugendtreff', 'offen');
    await waitFor(() => !live.provider.unsynced, 'the edits to be stored');

    const created = await api<DocVersionSummary>('editor', 'POST', '/collab/versions', { docId: CANVAS, name: '  Sitzung 12.03.  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      docId: CANVAS,
      name: 'Sitzung 12.03.',
      createdBy: { id: DEMO_USERS.editor.id, name: DEMO_USERS.editor.displayName },
      sizeBytes: expect.any(Number),
    });
    const listed = await api<DocVersionSummary[]>('viewer', 'GET', `/collab/versions?docId=${encodeURIComponent(CANVAS)}`);
    expect(listed.body.map((v) => v.id)).toEqual([created.body.id]);

    annotations().delete('kita-brauck');
    annotations().set('jugendtreff', 'geschlossen');
    annotations().set('neu', 1);
    await waitFor(() => !live.provider.unsynced, 'the later edits to be stored');
    const history = await logSeqs();

    const restored = await api<{ restored: boolean }>('coordinator', 'POST', `/collab/versions/${created.body.id}/restore`);
    expect(restored).toEqual({ status: 200, body: { restored: true } });
    // The live member sees the restore without reloading.
    await waitFor(() => annotations().get('kita-brauck') === 'geplant' && !annotations().has('neu'), 'the restore to arrive live');
    expect(annotations().toJSON()).toEqual({ 'kita-brauck': 'geplant', jugendtreff: 'offen' });
    // History is untouched: the old rows are all still there, plus exactly one new update.
    const after = await logSeqs();
    expect(after.slice(0, history.length)).toEqual(history);
    expect(after).toHaveLength(history.length + 1);
    expect((await reloadFromPostgres(t.database.url, CANVAS)).getMap('annotations').toJSON()).toEqual({
      'kita-brauck': 'geplant',
      jugendtreff: 'offen',
    });

    // Restoring again changes nothing and appends nothing.
    expect((await api('coordinator', 'POST', `/collab/versions/${created.body.id}/restore`)).body).toEqual({ restored: false });
    expect(await logSeqs()).toEqual(after);
  });

  it('lets only coordinators and editors create and restore, and writes nothing otherwise', async () => {
    const [version] = (await api<DocVersionSummary[]>('viewer', 'GET', `/collab/versions?docId=${encodeURIComponent(CANVAS)}`)).body;
    await t.login('commenter'); // the login itself writes a session row
    const before = await tableCounts(t.dataSource);
    for (const user of ['viewer', 'commenter'] as const) {
      const create = await api<{ code: string; message: string }>(user, 'POST', '/collab/versions', { docId: CANVAS, name: 'Versuch' });
      expect(create.status).toBe(403);
      expect(create.body.code).toBe('ROLE_REQUIRED');
      const restore = await api<{ code: string }>(user, 'POST', `/collab/versions/${version!.id}/restore`);
      expect(restore.status).toBe(403);
    }
    const anonymous = await api<{ code: string }>(null, 'POST', '/collab/versions', { docId: CANVAS, name: 'x' });
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it("answers unknown and other workspaces' versions and docs without revealing them", async () => {
    const before = await tableCounts(t.dataSource);
    expect(await api('coordinator', 'POST', `/collab/versions/${randomUUID()}/restore`)).toMatchObject({
      status: 404,
      body: { code: 'VERSION_NOT_FOUND', message: 'Diese Version gibt es nicht.' },
    });
    expect(await api('coordinator', 'POST', `/collab/versions/${otherVersionId}/restore`)).toMatchObject({
      status: 404,
      body: { code: 'VERSION_NOT_FOUND' },
    });
    expect(await api('coordinator', 'GET', `/collab/versions?docId=${encodeURIComponent(canvasDocId(OTHER_WORKSPACE))}`)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await api('coordinator', 'POST', '/collab/versions', { docId: canvasDocId(OTHER_WORKSPACE), name: 'x' })).toMatchObject({ status: 403 });
    expect(await api('coordinator', 'POST', '/collab/versions', { docId: `session/${randomUUID()}/minutes`, name: 'x' })).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('rejects malformed requests with the fields named', async () => {
    const before = await tableCounts(t.dataSource);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/collab/versions', { docId: CANVAS, name: '' }, 'name'],
      ['POST', '/collab/versions', { docId: CANVAS, name: 'x'.repeat(121) }, 'name'],
      ['POST', '/collab/versions', { docId: CANVAS, name: 'ok', extra: true }, '(body)'],
      ['POST', '/collab/versions', { docId: 'workspace/1/canvas', name: 'ok' }, 'docId'],
      ['POST', '/collab/versions', { docId: 42, name: ['x'] }, 'docId'],
      ['POST', '/collab/versions/not-a-uuid/restore', undefined, ''],
      ['GET', '/collab/versions', undefined, 'docId'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await api<{ code: string; message: string; errors: { field: string }[] }>('coordinator', method, path, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toMatch(/^Ungültige Eingabe/);
      if (field) expect(response.body.errors.map((e) => e.field)).toContain(field);
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });
});
