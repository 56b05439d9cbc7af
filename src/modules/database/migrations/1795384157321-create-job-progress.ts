import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateJobProgress1795384157321 implements MigrationInterface {
  name = 'CreateJobProgress1795384157321';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "job_progress" ("job_id" uuid NOT NULL, "queue" character varying(100) NOT NULL, "percent" smallint NOT NULL, "message" character varying(500), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_job_progress_job_id" PRIMARY KEY ("job_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_progress"`);
  }
}
