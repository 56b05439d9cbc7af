export enum IpBlockSource {
  MANUAL = 'manual',
  AUTO = 'auto',
}

/** A blocked network as the rest of the module sees it (the repository maps rows to this). */
export interface IpBlock {
  id: string;
  /** Normalised CIDR, e.g. `203.0.113.0/24`, `2001:db8::/32`, `198.51.100.7/32`. */
  cidr: string;
  reason: string;
  source: IpBlockSource;
  expiresAt: Date | null;
  /** `key:<id>`, `user:<id>`, `anonymous` or `system` (automatic blocks). */
  createdBy: string;
  createdAt: Date;
}

export interface NewIpBlock {
  cidr: string;
  reason: string;
  source: IpBlockSource;
  expiresAt: Date | null;
  createdBy: string;
}

export function isActive(block: Pick<IpBlock, 'expiresAt'>, nowMs: number): boolean {
  return block.expiresAt === null || block.expiresAt.getTime() > nowMs;
}
