import type { AuditRecordEvent } from '../security.events.js';
import type { AuditDraft } from './audit-record.js';
import type { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import type { AuditWriter } from './audit-writer.js';

/** Stands in for the writer: keeps what it is given. */
class RecordingWriter {
  readonly drafts: AuditDraft[] = [];
  readonly invalid: unknown[] = [];

  record(draft: AuditDraft): void {
    this.drafts.push(draft);
  }

  discardInvalid(action: unknown): void {
    this.invalid.push(action);
  }
}

describe(AuditService.name, () => {
  let writer: RecordingWriter;
  let service: AuditService;

  beforeEach(() => {
    writer = new RecordingWriter();
    service = new AuditService({} as AuditRepository, writer as unknown as AuditWriter);
  });

  describe('record', () => {
    it('hands the writer a storable draft of the event', () => {
      service.record({ action: 'auth.login', outcome: 'failure', actorType: 'anonymous', ip: '203.0.113.5', metadata: { password: 'x' } });

      expect(writer.drafts).toEqual([
        expect.objectContaining({ action: 'auth.login', outcome: 'failure', ip: '203.0.113.5', metadata: { password: '[REDACTED]' }, ingestedBy: 'internal' }),
      ]);
    });

    it.each<[string, unknown]>([
      ['an event without an action', { outcome: 'success', actorType: 'system' }],
      ['an action that is not a string', { action: 42, outcome: 'success', actorType: 'system' }],
      ['no event at all', undefined],
    ])('never throws at the producer for %s: it counts the event as invalid instead', (_case, event) => {
      expect(() => service.record(event as AuditRecordEvent)).not.toThrow();

      expect(writer.drafts).toEqual([]);
      expect(writer.invalid).toHaveLength(1);
    });
  });
});
