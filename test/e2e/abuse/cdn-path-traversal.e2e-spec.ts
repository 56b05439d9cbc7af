import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Scope } from '../../../src/modules/security/index.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { rawRequest, upload, waitSettled, type AssetBody } from '../../support/cdn/cdn-client.js';
import { sampleScript } from '../../support/cdn/cdn-fixtures.js';
import { bearer, issueApiKey } from '../../support/principals.js';

/** Upload names that try to climb out of the storage directory or hide what they are. */
const HOSTILE_NAMES = ['../../../../etc/cron.d/evil.js', '..\\..\\..\\windows\\system32\\evil.js', '%2e%2e%2f%2e%2e%2fevil.js', '....//....//evil.js', '/absolute/evil.js'];

/** /cdn/ paths that try to read a file outside the assets (the repository's package.json) in every spelling. */
const HOSTILE_PATHS = [
  '/cdn/latest/../../package.json',
  '/cdn/latest/..%2f..%2fpackage.json',
  '/cdn/latest/%2e%2e%2f%2e%2e%2fpackage.json',
  '/cdn/latest/%252e%252e%252fpackage.json',
  '/cdn/latest/..%5c..%5cpackage.json',
  '/cdn/latest/..\\..\\package.json',
  '/cdn/..%2fpackage.json',
  '/cdn/%2e%2e/package.json',
  '/cdn/latest/app.js%00.png',
  '/cdn/latest/%00',
  '/cdn/latest/.',
  '/cdn/latest/..',
];

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => resolve(entry.parentPath, entry.name));
}

/**
 * Abuse case: path traversal through CDN asset names. Uploaded names are reduced to their last segment of safe
 * characters, so nothing is stored outside the storage directory; /cdn/ paths that are not `<hash|latest>/<name>`
 * in that character set never reach storage and answer a 4xx problem.
 */
describe('abuse: traversal in CDN names', () => {
  let target: AbuseApp;
  let writer: Record<string, string>;
  let storageRoot: string;
  let packageJson: string;

  beforeAll(async () => {
    storageRoot = join(tmpdir(), `bulwark-abuse-cdn-${process.pid}-${Date.now()}`);
    target = await startAbuseApp({ CDN_LOCAL_DIR: storageRoot, RATE_LIMIT_ANONYMOUS: '100000' });
    writer = bearer(await issueApiKey(target.app, { scopes: [Scope.CDN_WRITE, Scope.CDN_READ] }));
    packageJson = await readFile('package.json', 'utf8');
    const created = await upload(target.app, writer, { name: 'app.js', body: sampleScript(), contentType: 'text/javascript' });
    expect(created.status).toBe(201);
    await waitSettled(target.app, writer, (created.body as AssetBody).id);
  });

  afterAll(async () => {
    await target.close();
    await rm(storageRoot, { recursive: true, force: true });
  });

  it('serves an uploaded asset by its alias (the legitimate form)', async () => {
    const response = await rawRequest(target.app, '/cdn/latest/app.js');
    expect(response.status).toBe(200);
    expect(response.body.toString('utf8')).toContain('cdnMarker');
  });

  it.each(HOSTILE_NAMES)('stores an upload named %j under a sanitised name inside the storage directory', async (name) => {
    const response = await upload(target.app, writer, { name, body: sampleScript(name.length.toString()), contentType: 'text/javascript' });
    expect(response.status).toBe(201);
    const stored = (response.body as AssetBody).name;
    expect(stored).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
    expect(stored).not.toContain('..');
    for (const file of await filesUnder(storageRoot)) {
      expect(file.startsWith(`${resolve(storageRoot)}/`)).toBe(true);
    }
  });

  it('refuses a name with nothing usable left, or a NUL inside, with 400', async () => {
    for (const name of ['..', '../..', '\\..\\', '\u0000', 'evil.js\u0000.png']) {
      const response = await upload(target.app, writer, { name, body: sampleScript(), contentType: 'text/javascript' });
      expectProblem(response, 400);
      expect([name, response.body.code]).toEqual([name, expect.stringMatching(/^CDN\.(INVALID_NAME|MALFORMED_MULTIPART)$/)]);
    }
  });

  it.each(HOSTILE_PATHS)('answers GET %s with a 4xx problem and never a file', async (path) => {
    const response = await rawRequest(target.app, path);
    expect([path, response.status >= 400 && response.status < 500]).toEqual([path, true]);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.toString('utf8')).not.toContain(packageJson.slice(0, 40));
  });
});
