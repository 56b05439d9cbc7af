import type { INestApplication } from '@nestjs/common';

import { ApiKeyService } from '../../src/modules/security/api-keys/api-key.service.js';
import { Scope, Tier } from '../../src/modules/security/index.js';

export interface IssueApiKeyOptions {
  scopes?: Scope[];
  tier?: Tier;
  expiresAt?: Date;
  name?: string;
}

/** A real API key created through the app's own service; send it as `Authorization: Bearer <key>`. */
export async function issueApiKey(app: INestApplication, options: IssueApiKeyOptions = {}): Promise<string> {
  const { key } = await app.get(ApiKeyService).create({
    name: options.name ?? 'test-key',
    owner: 'tests',
    tier: options.tier ?? Tier.FREE,
    scopes: options.scopes ?? [],
    expiresAt: options.expiresAt,
    createdBy: 'system:tests',
  });
  return key;
}

/** An API key with every permission. */
export function issueAdminKey(app: INestApplication): Promise<string> {
  return issueApiKey(app, { scopes: [Scope.SECURITY_ADMIN], tier: Tier.ENTERPRISE, name: 'test-admin' });
}

export const bearer = (key: string): { Authorization: string } => ({ Authorization: `Bearer ${key}` });
