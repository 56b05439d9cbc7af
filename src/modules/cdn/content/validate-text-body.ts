// svgo's browser build: the same optimize, bundled into one ESM file, which Jest's ESM loader can run (the Node entry
// point's module graph fails to load there with "Unexpected token 'export'").
import { type CustomPlugin, optimize } from 'svgo/browser';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import type { AssetKind } from './asset-kind.js';

const TEXT_KINDS = new Set<AssetKind>(['js', 'mjs', 'css', 'svg', 'json', 'txt']);
// Elements that run script or embed HTML in an SVG document served from our origin.
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);
const ACTIVE_URL = /^(?:javascript|vbscript):|^data:(?:text\/html|image\/svg\+xml|application\/xhtml)/u;

/**
 * The checks that need the whole body, after `detectAssetKind` has looked at its head: text kinds must be UTF-8
 * throughout (no NUL), JSON must parse, and an SVG must be inert. Active SVG content is refused rather than stripped:
 * an SVG served from our origin that runs script is stored XSS, and silently serving something other than what was
 * uploaded would hide the problem from the uploader. Throws CdnException INVALID_CONTENT (422).
 */
export function validateTextBody(kind: AssetKind, body: Buffer): void {
  if (!TEXT_KINDS.has(kind)) {
    return;
  }
  const text = decodeUtf8(body);
  if (kind === 'json') {
    parseJson(text);
  } else if (kind === 'svg') {
    checkSvgIsInert(text);
  }
}

function decodeUtf8(body: Buffer): string {
  try {
    if (body.includes(0)) {
      throw new Error('NUL byte');
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw invalid('The file is not UTF-8 text.');
  }
}

function parseJson(text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    throw invalid(`The JSON does not parse: ${(error as Error).message}`);
  }
}

function checkSvgIsInert(text: string): void {
  // Entity declarations are how "billion laughs" expands a few bytes into gigabytes; real SVGs do not need them.
  if (text.includes('<!ENTITY')) {
    throw invalid('The SVG declares XML entities.');
  }
  const problems: string[] = [];
  try {
    optimize(text, { plugins: [inertCheck(problems)] });
  } catch (error) {
    throw invalid(`The SVG does not parse: ${firstLine(error)}`);
  }
  if (problems.length > 0) {
    throw invalid(`The SVG has active content (${problems.slice(0, 3).join(', ')}); scripts are not served.`);
  }
}

/** An svgo plugin that changes nothing and lists what could run script; svgo's parser has decoded entities by then. */
function inertCheck(problems: string[]): CustomPlugin {
  return {
    name: 'bulwarkInertCheck',
    fn: () => ({
      element: {
        enter: (node) => {
          if (ACTIVE_ELEMENTS.has(node.name.toLowerCase())) {
            problems.push(`<${node.name}>`);
          }
          for (const [name, value] of Object.entries(node.attributes)) {
            if (/^on/iu.test(name.replace(/^.*:/u, ''))) {
              problems.push(`${name} handler`);
            } else if (ACTIVE_URL.test(normaliseUrl(value))) {
              problems.push(`${name}="${value.slice(0, 20)}"`);
            }
          }
        },
      },
    }),
  };
}

/** What a browser would see as the URL scheme: case and the whitespace and control characters it skips dropped. */
function normaliseUrl(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u0020\u007F]+/gu, '').toLowerCase();
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function invalid(detail: string): CdnException {
  return new CdnException(CdnExceptionCode.INVALID_CONTENT, detail);
}
