import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';

import { AppModule } from '../app.module.js';
import { generateApiKey } from '../modules/security/api-keys/api-key-format.js';
import { ApiKeyService } from '../modules/security/api-keys/api-key.service.js';
import { ApiKeyResponseDto } from '../modules/security/api-keys/dto/api-key-response.dto.js';
import { ALL_SCOPES, Scope, Tier } from '../modules/security/index.js';
import { StderrLogger } from './stderr-logger.js';

const USAGE = `usage: npm run cli -- keys <command>
  create --name <name> --owner <owner> --scopes <scope,scope> [--tier free|pro|enterprise] [--expires <ISO date>]
  list [--limit <n>] [--cursor <cursor>]
  rotate <id>
  revoke <id>
  new-secret          print a fresh well-formed key (for BOOTSTRAP_ADMIN_KEY); touches nothing`;

/** The whole app without its HTTP listener: the same services, config, database and Redis as the server. */
async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: new StderrLogger(['warn', 'error', 'fatal']) });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function parseScopes(value: string | undefined): Scope[] {
  const scopes = (value ?? '').split(',').map((scope) => scope.trim()).filter((scope) => scope.length > 0);
  const unknown = scopes.filter((scope) => !ALL_SCOPES.includes(scope as Scope));
  if (unknown.length > 0) {
    throw new Error(`unknown scopes: ${unknown.join(', ')} (known: ${ALL_SCOPES.join(', ')})`);
  }
  return scopes as Scope[];
}

function parseTier(value: string | undefined): Tier {
  const tier = (value ?? Tier.FREE) as Tier;
  if (!Object.values(Tier).includes(tier)) {
    throw new Error(`unknown tier ${tier} (known: ${Object.values(Tier).join(', ')})`);
  }
  return tier;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `npm run cli -- keys …`: operators manage API keys with the service the API uses. */
export async function keysCommand([sub, ...args]: string[]): Promise<void> {
  switch (sub) {
    case 'new-secret':
      process.stdout.write(`${generateApiKey().key}\n`);
      return;
    case 'create': {
      const { values } = parseArgs({ args, options: { name: { type: 'string' }, owner: { type: 'string' }, scopes: { type: 'string' }, tier: { type: 'string' }, expires: { type: 'string' } } });
      if (!values.name || !values.owner) {
        throw new Error(USAGE);
      }
      const input = {
        name: values.name,
        owner: values.owner,
        scopes: parseScopes(values.scopes),
        tier: parseTier(values.tier),
        expiresAt: values.expires ? new Date(values.expires) : undefined,
        createdBy: 'system:cli',
      };
      if (input.expiresAt && Number.isNaN(input.expiresAt.getTime())) {
        throw new Error(`--expires ${values.expires} is not a date`);
      }
      const { record, key } = await withApp((app) => app.get(ApiKeyService).create(input));
      print({ ...ApiKeyResponseDto.from(record), key });
      new Logger('cli').warn('the key above is shown once: store it now');
      return;
    }
    case 'list': {
      const { values } = parseArgs({ args, options: { limit: { type: 'string' }, cursor: { type: 'string' } } });
      const page = await withApp((app) => app.get(ApiKeyService).list(Number(values.limit ?? 50), values.cursor));
      print({ items: page.items.map((record) => ApiKeyResponseDto.from(record)), nextCursor: page.nextCursor });
      return;
    }
    case 'rotate':
    case 'revoke': {
      const id = args[0];
      if (!id) {
        throw new Error(USAGE);
      }
      if (sub === 'rotate') {
        const { record, key } = await withApp((app) => app.get(ApiKeyService).rotate(id, 'system:cli'));
        print({ ...ApiKeyResponseDto.from(record), key });
      } else {
        print(ApiKeyResponseDto.from(await withApp((app) => app.get(ApiKeyService).revoke(id, 'system:cli'))));
      }
      return;
    }
    default:
      throw new Error(USAGE);
  }
}
