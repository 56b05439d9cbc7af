import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from './free-port.js';
import { startNodeServer } from './loopback-process.js';

const S3RVER = resolve('node_modules/s3rver/bin/s3rver.js');

/** s3rver's fixed credentials: it checks signatures, so the client must sign with these. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3rverServer {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server (npm `s3rver`) as a child process on loopback, storing in a temp directory. It needs
 * OpenSSL's legacy provider: its ListObjectsV2 continuation tokens are DES-encrypted, which OpenSSL 3 disables.
 */
export async function startS3rver(): Promise<S3rverServer> {
  const port = await freePort();
  const directory = await mkdtemp(join(tmpdir(), 'bulwark-s3rver-'));
  const args = ['--address', '127.0.0.1', '--port', String(port), '--directory', directory, '--silent'];
  const server = await startNodeServer(S3RVER, args, port, 's3rver', { nodeFlags: ['--openssl-legacy-provider'] }).catch(async (error: unknown) => {
    await rm(directory, { force: true, recursive: true });
    throw error;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.stop();
      await rm(directory, { force: true, recursive: true });
    },
  };
}
