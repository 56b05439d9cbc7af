import { Injectable } from '@nestjs/common';

import { AUDIT_SCAN_PAGE, GENESIS_HASH } from './audit.constants.js';
import { chainBreakAt, type ChainLink } from './audit-chain.util.js';
import { AuditRepository } from './audit.repository.js';
import type { ChainVerificationDto } from './dto/chain-verification.dto.js';

/** Walks the chain from the first event in pages, recomputing every hash, and stops at the first break. */
@Injectable()
export class AuditVerifier {
  constructor(private readonly repository: AuditRepository) {}

  async verify(pageSize = AUDIT_SCAN_PAGE): Promise<ChainVerificationDto> {
    const lastSequence = await this.repository.lastSequence();
    let previous: ChainLink = { sequence: 0, hash: GENESIS_HASH };
    let checked = 0;
    while (previous.sequence < lastSequence) {
      const rows = await this.repository.findEvents({}, { after: previous.sequence, upTo: lastSequence }, pageSize, 'ASC');
      if (rows.length === 0) {
        // The rows after `previous` up to the recorded end are gone.
        return { valid: false, checked, lastSequence, firstBrokenSequence: previous.sequence + 1, reason: 'missing' };
      }
      for (const row of rows) {
        checked += 1;
        const broken = chainBreakAt(previous, row);
        if (broken) {
          return { valid: false, checked, lastSequence, firstBrokenSequence: broken.sequence, reason: broken.reason };
        }
        previous = row;
      }
    }
    return { valid: true, checked, lastSequence };
  }
}
