import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAssets1795389927439 implements MigrationInterface {
  name = 'CreateAssets1795389927439';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "asset_variants" ("content_hash" character(64) NOT NULL, "kind" character varying(8) NOT NULL, "variant" character varying(32) NOT NULL, "encoding" character varying(8) NOT NULL, "content_type" character varying(100) NOT NULL, "width" integer, "height" integer, "bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_asset_variants_content_hash_kind_variant_encoding" PRIMARY KEY ("content_hash", "kind", "variant", "encoding"))`);
    await queryRunner.query(`CREATE TABLE "assets" ("id" uuid NOT NULL, "name" character varying(128) NOT NULL, "content_hash" character(64) NOT NULL, "kind" character varying(8) NOT NULL, "content_type" character varying(100) NOT NULL, "original_bytes" integer NOT NULL, "optimized_bytes" integer, "status" character varying(16) NOT NULL, "failure_reason" character varying(500), "tags" text array NOT NULL DEFAULT '{}', "job_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_assets_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_assets_created_at_id" ON "assets"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_assets_name_created_at" ON "assets"  ("name", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_assets_content_hash_name" ON "assets"  ("content_hash", "name") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_assets_content_hash_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assets_name_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assets_created_at_id"`);
    await queryRunner.query(`DROP TABLE "assets"`);
    await queryRunner.query(`DROP TABLE "asset_variants"`);
  }
}
