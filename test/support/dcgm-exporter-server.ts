import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { readGpuFixture } from './gpu-fixtures.js';

type Mode = 'serve' | 'fail' | 'stall';

/** A local dcgm-exporter stand-in on loopback serving the recorded scrape at /metrics; can fail or stall. */
export class DcgmExporterServer {
  scrapes = 0;
  private mode: Mode = 'serve';
  private readonly server: Server;

  private constructor(private readonly body: string) {
    this.server = createServer((req, res) => {
      this.scrapes += 1;
      if (this.mode === 'stall') {
        return;
      }
      if (this.mode === 'fail' || req.url !== '/metrics') {
        res.writeHead(this.mode === 'fail' ? 503 : 404).end('unavailable');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(this.body);
    });
  }

  static async start(body = readGpuFixture('dcgm/dcgm-exporter.txt')): Promise<DcgmExporterServer> {
    const exporter = new DcgmExporterServer(body);
    exporter.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => exporter.server.once('listening', resolve));
    return exporter;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/metrics`;
  }

  answer(mode: Mode): void {
    this.mode = mode;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
