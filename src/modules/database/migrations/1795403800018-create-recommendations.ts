import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRecommendations1795403800018 implements MigrationInterface {
  name = 'CreateRecommendations1795403800018';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "recommendations" ("id" uuid NOT NULL, "device_id" character varying(100) NOT NULL, "rule" character varying(32) NOT NULL, "severity" character varying(8) NOT NULL, "status" character varying(9) NOT NULL, "title" character varying(200) NOT NULL, "detail" text NOT NULL, "evidence" jsonb NOT NULL, "first_seen" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_seen" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "dismissed_at" TIMESTAMP(3) WITH TIME ZONE, "dismissed_by" character varying(100), "dismiss_reason" character varying(500), CONSTRAINT "pk_recommendations_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recommendations_status_first_seen" ON "recommendations"  ("status", "first_seen") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendations_first_seen_id" ON "recommendations"  ("first_seen", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendations_device_id_rule_unresolved" ON "recommendations"  ("device_id", "rule") WHERE "status" <> 'resolved'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_recommendations_device_id_rule_unresolved"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendations_first_seen_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendations_status_first_seen"`);
    await queryRunner.query(`DROP TABLE "recommendations"`);
  }
}
