import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIpBlocks1795364951725 implements MigrationInterface {
  name = 'CreateIpBlocks1795364951725';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."ip_block_source" AS ENUM('manual', 'auto')`);
    await queryRunner.query(`CREATE TABLE "ip_blocks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cidr" cidr NOT NULL, "reason" character varying(500) NOT NULL, "source" "public"."ip_block_source" NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_ip_blocks_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_ip_blocks_created_at_id" ON "ip_blocks"  ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_ip_blocks_created_at_id"`);
    await queryRunner.query(`DROP TABLE "ip_blocks"`);
    await queryRunner.query(`DROP TYPE "public"."ip_block_source"`);
  }
}
