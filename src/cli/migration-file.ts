import type { SchemaDiff } from '../modules/database/index.js';

function quote(sql: string): string {
  return `\`${sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;
}

/** Source of a TypeORM migration class for `diff`, named `<Name><timestamp>` as TypeORM expects. */
export function renderMigration(name: string, timestamp: number, diff: SchemaDiff): string {
  const className = `${name}${timestamp}`;
  const lines = (queries: string[]): string => queries.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...diff.down].reverse())}
  }
}
`;
}

/** The migrations index with `className` imported from `file` and appended to the list. */
export function registerMigration(index: string, className: string, file: string): string {
  const importLine = `import { ${className} } from './${file}.js';\n`;
  const withImport = index.replace(/(import type \{ SchemaClass \} from '\.\.\/data-source-options\.js';\n)/, `$1${importLine}`);
  return withImport.replace(/export const MIGRATIONS: SchemaClass\[\] = \[([^\]]*)\];/, (_match, list: string) => {
    const entries = list.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    return `export const MIGRATIONS: SchemaClass[] = [${[...entries, className].join(', ')}];`;
  });
}
