import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The dashboard's static files (dashboard/assets/), read once. They sit beside the sources, not in
 * dist/: found by walking up from this module to the package root (dashboard/… under tsx,
 * dist/dashboard/… when built).
 */
export function readAsset(name: string): Buffer {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'dashboard', 'assets', name);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return readFileSync(candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the dashboard asset ${name}`);
    dir = parent;
  }
}
