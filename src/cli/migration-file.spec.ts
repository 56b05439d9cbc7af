import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

import { registerMigration, renderMigration } from './migration-file.js';

const EMPTY_INDEX = `import type { SchemaClass } from '../data-source-options.js';

/**
 * Every migration, oldest first.
 */
export const MIGRATIONS: SchemaClass[] = [];
`;

describe('renderMigration', () => {
  const diff = {
    up: ['CREATE TABLE "user" ("id" uuid NOT NULL)', 'CREATE INDEX "ix_user_id" ON "user" ("id")'],
    down: ['DROP TABLE "user"', 'DROP INDEX "ix_user_id"'],
  };

  it('declares a class named <Name><timestamp> with that name', () => {
    const source = renderMigration('AddUsers', 1767225600000, diff);

    expect(source).toContain('export class AddUsers1767225600000 implements MigrationInterface {');
    expect(source).toContain("name = 'AddUsers1767225600000';");
    expect(source).toMatch(/^import type \{ MigrationInterface, QueryRunner \} from 'typeorm';\n/);
  });

  it('runs the up queries in order', () => {
    const source = renderMigration('AddUsers', 1, diff);
    const up = source.slice(source.indexOf('async up('), source.indexOf('async down('));

    expect(up.indexOf('CREATE TABLE')).toBeGreaterThan(-1);
    expect(up.indexOf('CREATE TABLE')).toBeLessThan(up.indexOf('CREATE INDEX'));
    expect(up).not.toContain('DROP');
  });

  it('runs the down queries in reverse order', () => {
    const source = renderMigration('AddUsers', 1, diff);
    const down = source.slice(source.indexOf('async down('));

    expect(down.indexOf('DROP INDEX')).toBeGreaterThan(-1);
    expect(down.indexOf('DROP INDEX')).toBeLessThan(down.indexOf('DROP TABLE'));
    expect(down).not.toContain('CREATE');
  });

  it('does not reorder the caller’s down list', () => {
    const down = ['first', 'second'];

    renderMigration('X', 1, { up: [], down });

    expect(down).toEqual(['first', 'second']);
  });

  it('quotes each query as a template literal', () => {
    const source = renderMigration('AddUsers', 1, { up: ['SELECT 1'], down: [] });

    expect(source).toContain('    await queryRunner.query(`SELECT 1`);');
  });

  it.each([
    ['a backtick', "COMMENT ON TABLE \"user\" IS 'use `id`'"],
    ['an interpolation', "COMMENT ON TABLE \"user\" IS '${process.exit(1)}'"],
    ['a backslash', "SELECT E'a\\\\nb', '\\`', '\\${z}'"],
    ['everything at once', "SELECT '`${x}` \\ ${y}'"],
  ])('escapes %s so the generated code yields the query unchanged', (_label, query) => {
    const source = renderMigration('Escape', 1, { up: [query], down: [] });
    const literal = /await queryRunner\.query\((`(?:[^`\\]|\\.)*`)\);/s.exec(source)?.[1];

    expect(literal).toBeDefined();
    expect(literal).not.toMatch(/(^|[^\\])(\\\\)*\$\{/);
    // Evaluate the literal alone: an unescaped `${` would throw (x is undefined) or run code.
    expect(runInNewContext(literal!, {})).toBe(query);
  });
});

describe('registerMigration', () => {
  it('imports the class after the SchemaClass import and lists it', () => {
    const index = registerMigration(EMPTY_INDEX, 'AddUsers1767225600000', '1767225600000-AddUsers');

    expect(index).toContain(
      "import type { SchemaClass } from '../data-source-options.js';\nimport { AddUsers1767225600000 } from './1767225600000-AddUsers.js';\n",
    );
    expect(index).toContain('export const MIGRATIONS: SchemaClass[] = [AddUsers1767225600000];');
  });

  it('appends after existing entries, keeping them and their imports', () => {
    const once = registerMigration(EMPTY_INDEX, 'Init1', '1-Init');

    const twice = registerMigration(once, 'AddUsers2', '2-AddUsers');

    expect(twice).toContain("import { Init1 } from './1-Init.js';");
    expect(twice).toContain("import { AddUsers2 } from './2-AddUsers.js';");
    expect(twice).toContain('export const MIGRATIONS: SchemaClass[] = [Init1, AddUsers2];');
  });

  it('handles a list written over several lines with a trailing comma', () => {
    const index = EMPTY_INDEX.replace('= [];', '= [\n  Init1,\n  AddUsers2,\n];');

    expect(registerMigration(index, 'AddKeys3', '3-AddKeys')).toContain('export const MIGRATIONS: SchemaClass[] = [Init1, AddUsers2, AddKeys3];');
  });

  it('keeps the rest of the file', () => {
    const index = registerMigration(EMPTY_INDEX, 'Init1', '1-Init');

    expect(index).toContain(' * Every migration, oldest first.\n');
    expect(index.endsWith('];\n')).toBe(true);
  });

  it('registers the committed index’s format', () => {
    const committed = readFileSync(new URL('../modules/database/migrations/index.ts', import.meta.url), 'utf8');

    const index = registerMigration(committed, 'AddUsers9', '9-AddUsers');

    expect(index).toContain("import { AddUsers9 } from './9-AddUsers.js';");
    expect(index).toMatch(/export const MIGRATIONS: SchemaClass\[\] = \[(?:[\w\s,]+, )?AddUsers9\];/);
  });
});
