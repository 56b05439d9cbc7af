import 'reflect-metadata';

import { loadAppConfig, readEnvironment, renderConfigMarkdown, renderEnvExample } from '@app/config';
import { Logger } from '@nestjs/common';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

import { connectWithRetry } from '../modules/database/connect-with-retry.js';
import { DatabaseEndpoint, dataSourceOptions, pendingSchemaChanges, runMigrationsLocked } from '../modules/database/index.js';
import { usersCommand } from '../modules/security/users/users.command.js';
import { SCHEMA } from '../schema.js';
import { keysCommand } from './keys.command.js';
import { StderrLogger } from './stderr-logger.js';
import { registerMigration, renderMigration } from './migration-file.js';

const MIGRATIONS_DIR = 'src/modules/database/migrations';
const README_TABLE = /(<!-- config-table:start -->\n)[\s\S]*?(<!-- config-table:end -->)/;
const logger = new Logger('cli');
Logger.overrideLogger(new StderrLogger());

/** Opens the app's DataSource (embedded server included) without migrating, runs `work`, closes everything. */
async function withDataSource<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadAppConfig({ ...readEnvironment(), DATABASE_MIGRATIONS_RUN: 'false' });
  const endpoint = new DatabaseEndpoint(config);
  try {
    const options = dataSourceOptions(await endpoint.url(), config.database, SCHEMA);
    const dataSource = await connectWithRetry(options, config.database.connectAttempts, logger);
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await endpoint.stop();
  }
}

async function migrationGenerate(name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('usage: migration:generate <PascalCaseName>');
  }
  const diff = await withDataSource(async (dataSource) => {
    await runMigrationsLocked(dataSource, logger);
    return pendingSchemaChanges(dataSource);
  });
  if (diff.up.length === 0) {
    logger.log('entities and migrations agree: nothing to generate');
    return;
  }
  const timestamp = Date.now();
  const file = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
  writeFileSync(join(MIGRATIONS_DIR, `${file}.ts`), renderMigration(name, timestamp, diff));
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  writeFileSync(indexPath, registerMigration(readFileSync(indexPath, 'utf8'), `${name}${timestamp}`, file));
  logger.log(`wrote ${MIGRATIONS_DIR}/${file}.ts (${diff.up.length} statements) and registered it`);
}

function configDocs(): void {
  writeFileSync('.env.example', renderEnvExample());
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', readme.replace(README_TABLE, `$1${renderConfigMarkdown()}\n$2`));
  logger.log('wrote .env.example and the README configuration table');
}

const commands: Record<string, (args: string[]) => Promise<void> | void> = {
  'config:docs': () => configDocs(),
  keys: (args) => keysCommand(args),
  'migration:generate': ([name]) => migrationGenerate(name),
  'migration:run': () => withDataSource((dataSource) => runMigrationsLocked(dataSource, logger)).then(() => undefined),
  'migration:show': () =>
    withDataSource(async (dataSource) => {
      logger.log((await dataSource.showMigrations()) ? 'migrations pending' : 'all migrations applied');
    }),
  users: async (args) => {
    const user = await usersCommand(args, withDataSource);
    logger.log(`created user ${user.id} (${user.email}, ${user.role})`);
  },
};

async function main([command, ...args]: string[]): Promise<void> {
  const run = command ? commands[command] : undefined;
  if (!run) {
    throw new Error(`usage: npm run cli -- <${Object.keys(commands).join('|')}> [args]`);
  }
  await run(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
