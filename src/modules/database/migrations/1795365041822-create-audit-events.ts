import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEvents1795365041822 implements MigrationInterface {
  name = 'CreateAuditEvents1795365041822';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_events" ("sequence" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "action" text NOT NULL, "outcome" text NOT NULL, "actor_type" text NOT NULL, "actor_id" text, "ip" text, "target_type" text, "target_id" text, "metadata" jsonb NOT NULL, "request_id" text, "idempotency_key" text NOT NULL, "ingested_by" text NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "pk_audit_events_sequence" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_action_sequence" ON "audit_events"  ("action", "sequence") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor_id_sequence" ON "audit_events"  ("actor_id", "sequence") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_audit_events_ingested_by_idempotency_key" ON "audit_events"  ("ingested_by", "idempotency_key") `);
    // Hand-written: the audit log is append-only in the database too, not only in the code that writes it.
    await queryRunner.query(`CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_ingested_by_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_actor_id_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_action_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
