import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateModelArtifacts1795403827740 implements MigrationInterface {
  name = 'CreateModelArtifacts1795403827740';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "model_artifacts" ("id" uuid NOT NULL, "name" character varying(128) NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" bigint NOT NULL, "ir_version" integer, "opsets" jsonb NOT NULL, "report" jsonb NOT NULL, "parent_id" uuid, "pass" character varying(64), "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_model_artifacts_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_model_artifacts_upload_sha256" ON "model_artifacts"  ("sha256") WHERE parent_id IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_model_artifacts_sha256" ON "model_artifacts"  ("sha256") `);
    await queryRunner.query(`CREATE INDEX "ix_model_artifacts_parent_id" ON "model_artifacts"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_model_artifacts_created_at_id" ON "model_artifacts"  ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_model_artifacts_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_model_artifacts_parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_model_artifacts_sha256"`);
    await queryRunner.query(`DROP INDEX "public"."uq_model_artifacts_upload_sha256"`);
    await queryRunner.query(`DROP TABLE "model_artifacts"`);
  }
}
