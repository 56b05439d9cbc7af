import type { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Agent } from 'node:http';
import request from 'supertest';

/**
 * A loopback address of this run's own (Linux routes all of 127/8 to lo), outside 127.0.0.0/16, so a test can
 * play a client at an address other than the 127.0.0.1 its trusted proxy or its admin calls come from.
 */
export function freshLoopback(): string {
  return `127.${randomInt(1, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** Requests that leave from one local address; `close` frees the sockets. */
export class LoopbackClients {
  private readonly agents: Agent[] = [];

  constructor(private readonly app: INestApplication) {}

  from(address: string): { get: (path: string) => request.Test; post: (path: string) => request.Test } {
    const agent = new Agent({ localAddress: address });
    this.agents.push(agent);
    const server = this.app.getHttpServer();
    return {
      get: (path) => request(server).get(path).agent(agent),
      post: (path) => request(server).post(path).agent(agent),
    };
  }

  close(): void {
    for (const agent of this.agents) {
      agent.destroy();
    }
  }
}
