import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1795364912447 implements MigrationInterface {
  name = 'CreateApiKeys1795364912447';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."api_key_tier" AS ENUM('free', 'pro', 'enterprise')`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "public_id" character varying(16) NOT NULL, "secret_hash" bytea NOT NULL, "name" character varying(100) NOT NULL, "owner" character varying(200) NOT NULL, "tier" "public"."api_key_tier" NOT NULL, "scopes" text array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "rotated_at" TIMESTAMP WITH TIME ZONE, "valid_until" TIMESTAMP WITH TIME ZONE, "replaced_by_id" uuid, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_api_keys_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_api_keys_public_id" ON "api_keys"  ("public_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_api_keys_public_id"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TYPE "public"."api_key_tier"`);
  }
}
