import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The repository root, found by walking up to the workspace root's package.json.
 * The same code runs from `server/src` under jest and from `server/dist/server/src`
 * when built, so relative hops would be wrong in one of them.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; workspaces?: unknown };
      if (pkg.name === 'lagebild' && pkg.workspaces) return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Lagebild project root not found');
    dir = parent;
  }
}
