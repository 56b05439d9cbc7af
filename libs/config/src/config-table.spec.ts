import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describeEnvironment, renderConfigMarkdown, renderEnvExample } from './config-table.js';
import { envVarOptions } from './env-var.decorator.js';

const SENSITIVE = ['DATABASE_URL', 'DATABASE_REPLICA_URLS', 'DATABASE_EMBEDDED_PASSWORD', 'REDIS_URL', 'BOOTSTRAP_ADMIN_KEY', 'API_KEY_PEPPER', 'JWT_SECRET', 'CDN_S3_ACCESS_KEY_ID', 'CDN_S3_SECRET_ACCESS_KEY', 'CDN_AZURE_CONNECTION_STRING', 'CDN_CLOUDFLARE_API_TOKEN', 'CDN_CLOUDFRONT_ACCESS_KEY_ID', 'CDN_CLOUDFRONT_SECRET_ACCESS_KEY', 'MONITORING_SMTP_URL', 'ENCRYPTION_KEYS'];

function repoFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../${name}`, import.meta.url)), 'utf8');
}

describe('describeEnvironment', () => {
  it('lists every declared variable in declaration order with its default', () => {
    const described = describeEnvironment();

    expect(described.map((v) => v.name)).toEqual([...envVarOptions().keys()]);
    expect(described.find((v) => v.name === 'PORT')).toMatchObject({ group: 'server', defaultValue: 3000 });
    expect(described.find((v) => v.name === 'DATABASE_URL')).toMatchObject({ sensitive: true, defaultValue: undefined });
  });

  it('marks exactly the credentials as sensitive', () => {
    expect(
      describeEnvironment()
        .filter((v) => v.sensitive === true)
        .map((v) => v.name),
    ).toEqual(SENSITIVE);
  });
});

describe('renderEnvExample', () => {
  it('lists every declared variable, commented out', () => {
    const lines = renderEnvExample().split('\n');

    for (const name of envVarOptions().keys()) {
      expect(lines.filter((line) => line.startsWith(`#${name}=`))).toHaveLength(1);
    }
  });

  it('leaves sensitive variables blank and marks them', () => {
    const example = renderEnvExample();

    for (const name of SENSITIVE) {
      expect(example).toMatch(new RegExp(`\\(sensitive\\)\\n#${name}=\\n`));
    }
  });

  it('shows each other variable at its default', () => {
    const example = renderEnvExample();

    expect(example).toContain('\n#PORT=3000\n');
    expect(example).toContain('\n#LOG_REQUESTS=true\n');
    expect(example).toContain('\n#DATA_DIR=./.data\n');
    expect(example).toContain('\n#HTTP_CORS_ORIGINS=\n');
  });

  it('puts each variable under its group heading, each group once', () => {
    const headings = renderEnvExample()
      .split('\n')
      .filter((line) => line.startsWith('# --- '));

    expect(headings).toEqual([
      '# --- server ---',
      '# --- logging ---',
      '# --- database ---',
      '# --- redis ---',
      '# --- http ---',
      '# --- auth ---',
      '# --- rate-limit ---',
      '# --- ip-blocking ---',
      '# --- audit ---',
      '# --- threat ---',
      '# --- cache ---',
      '# --- cdn ---',
      '# --- monitoring ---',
      '# --- gpu ---',
      '# --- crypto ---',
      '# --- shutdown ---',
    ]);
  });

  it('ends with exactly one newline', () => {
    expect(renderEnvExample()).toMatch(/[^\n]\n$/);
  });

  it('matches the committed .env.example (run `npm run config:docs` after changing the schema)', () => {
    expect(repoFile('.env.example')).toBe(renderEnvExample());
  });
});

describe('renderConfigMarkdown', () => {
  it('has one table row per declared variable', () => {
    const rows = renderConfigMarkdown().split('\n').slice(2);

    expect(rows.map((row) => /^\| `([A-Z0-9_]+)` \|/.exec(row)?.[1])).toEqual([...envVarOptions().keys()]);
  });

  it('shows defaults as code, a dash for none, and flags sensitive variables', () => {
    const markdown = renderConfigMarkdown();

    expect(markdown).toContain('| `PORT` | server | `3000` |  | TCP port of the HTTP server. |');
    expect(markdown).toMatch(/\| `DATABASE_URL` \| database \| — \| yes \| /);
    expect(markdown).toMatch(/\| `HTTP_CORS_ORIGINS` \| http \| — \| {2}\| /);
  });

  it('matches the README table between the config-table markers (run `npm run config:docs` after changing the schema)', () => {
    const match = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(repoFile('README.md'));

    expect(match?.[1]).toBe(renderConfigMarkdown());
  });
});
