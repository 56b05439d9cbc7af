import { ALIAS_SEGMENT, URL_HASH_CHARS } from '../assets/asset-addresses.js';

/** What a `/cdn/*` path names, once checked: garbage never reaches the database or the cache. */
export interface AssetPath {
  alias: boolean;
  hashPrefix: string | null;
  name: string;
  /** `?w=` when a resized image is asked for. */
  width: number | null;
  /** Normalised form, the resolution cache key: other query parameters do not change the response. */
  key: string;
}

const HASH = new RegExp(`^[0-9a-f]{${URL_HASH_CHARS}}$`);
/** Names are sanitised to this set on upload (sanitizeAssetName), so anything else cannot exist. */
const NAME = /^[A-Za-z0-9._-]{1,128}$/;
const WIDTH = /(?:^|&)w=(\d{1,5})(?:&|$)/;

/** Parses `<hash>/<name>` or `latest/<name>` (after `/cdn/`) with its raw query; null when it cannot name an asset. */
export function parseAssetPath(path: string, query: string): AssetPath | null {
  const slash = path.indexOf('/');
  if (slash < 1 || path.indexOf('/', slash + 1) !== -1) {
    return null;
  }
  const first = path.slice(0, slash);
  const name = path.slice(slash + 1);
  const alias = first === ALIAS_SEGMENT;
  if ((!alias && !HASH.test(first)) || !NAME.test(name)) {
    return null;
  }
  const widthMatch = query === '' ? null : WIDTH.exec(query);
  const width = widthMatch === null ? null : Number(widthMatch[1]);
  if (width === 0) {
    return null;
  }
  return { alias, hashPrefix: alias ? null : first, name, width, key: `${first}/${name}${width === null ? '' : `?w=${width}`}` };
}
