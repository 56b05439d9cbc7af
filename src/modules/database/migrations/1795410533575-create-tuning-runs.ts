import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTuningRuns1795410533575 implements MigrationInterface {
  name = 'CreateTuningRuns1795410533575';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "gpu_tuning_runs" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "model_id" uuid NOT NULL, "job_id" uuid, "status" character varying(16) NOT NULL, "request" jsonb NOT NULL, "result" jsonb, "error" character varying(1000), "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "pk_gpu_tuning_runs_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_gpu_tuning_runs_model_id_created_at_id" ON "gpu_tuning_runs"  ("model_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_gpu_tuning_runs_created_at_id" ON "gpu_tuning_runs"  ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_tuning_runs_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_tuning_runs_model_id_created_at_id"`);
    await queryRunner.query(`DROP TABLE "gpu_tuning_runs"`);
  }
}
