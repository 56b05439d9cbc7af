import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from './free-port.js';
import { startNodeServer } from './loopback-process.js';

/** Azurite's documented development account (public, the same in every Azurite). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const AZURITE_BLOB = resolve('node_modules/azurite/dist/src/blob/main.js');

export interface AzuriteServer {
  connectionString: string;
  stop(): Promise<void>;
}

/** Azure's own storage emulator (npm `azurite`), blob service only, as a child process on loopback, in memory. */
export async function startAzurite(): Promise<AzuriteServer> {
  const port = await freePort();
  // In memory (Azurite refuses --location with it); the temp cwd catches anything it still writes.
  const location = await mkdtemp(join(tmpdir(), 'bulwark-azurite-'));
  const args = ['--blobHost', '127.0.0.1', '--blobPort', String(port)];
  const flags = ['--silent', '--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--loose', '--disableTelemetry'];
  const server = await startNodeServer(AZURITE_BLOB, [...args, ...flags], port, 'azurite-blob', { cwd: location }).catch(async (error: unknown) => {
    await rm(location, { force: true, recursive: true });
    throw error;
  });
  const connectionString = [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
  ].join(';');
  return {
    connectionString,
    async stop() {
      await server.stop();
      await rm(location, { force: true, recursive: true });
    },
  };
}
