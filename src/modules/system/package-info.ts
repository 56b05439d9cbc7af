import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
}

/** Bulwark's package.json, found by walking up from this file (same answer from src/ under tests and from dist/). */
export function readPackageInfo(from = dirname(fileURLToPath(import.meta.url))): PackageInfo {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as Partial<PackageInfo>;
      if (parsed.name === 'bulwark') {
        return { name: parsed.name, version: parsed.version ?? '0.0.0' };
      }
    }
  }
  return { name: 'bulwark', version: '0.0.0' };
}
