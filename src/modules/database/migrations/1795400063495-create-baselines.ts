import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBaselines1795400063495 implements MigrationInterface {
  name = 'CreateBaselines1795400063495';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "baselines" ("id" uuid NOT NULL, "name" character varying(100), "window" character varying(4) NOT NULL, "routes" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "activated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_baselines_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_baselines_activated_at_id" ON "baselines"  ("activated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_baselines_created_at_id" ON "baselines"  ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_baselines_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_baselines_activated_at_id"`);
    await queryRunner.query(`DROP TABLE "baselines"`);
  }
}
