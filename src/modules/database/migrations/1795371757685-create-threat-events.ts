import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateThreatEvents1795371757685 implements MigrationInterface {
  name = 'CreateThreatEvents1795371757685';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "threat_events" ("id" uuid NOT NULL, "ip" character varying(64) NOT NULL, "method" character varying(16) NOT NULL, "route" character varying(300) NOT NULL, "action" character varying(16) NOT NULL, "classes" text array NOT NULL, "score" integer NOT NULL, "matches" jsonb NOT NULL, "count" integer NOT NULL, "principal" character varying(200), "request_id" character varying(128), "first_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_threat_events_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_threat_events_ip_first_seen_at" ON "threat_events"  ("ip", "first_seen_at") `);
    await queryRunner.query(`CREATE INDEX "ix_threat_events_first_seen_at_id" ON "threat_events"  ("first_seen_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_threat_events_first_seen_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_threat_events_ip_first_seen_at"`);
    await queryRunner.query(`DROP TABLE "threat_events"`);
  }
}
