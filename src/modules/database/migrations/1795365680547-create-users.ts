import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1795365680547 implements MigrationInterface {
  name = 'CreateUsers1795365680547';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('admin', 'operator', 'viewer')`);
    await queryRunner.query(`CREATE TYPE "public"."user_tier" AS ENUM('free', 'pro', 'enterprise')`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "role" "public"."user_role" NOT NULL, "tier" "public"."user_tier" NOT NULL, "password_hash" text NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_users_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_users_email" ON "users"  ("email") `);
    await queryRunner.query(`CREATE INDEX "ix_users_created_at_id" ON "users"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "refresh_token_families" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_refresh_token_families_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_families_user_id" ON "refresh_token_families"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_refresh_tokens_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family_id" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_refresh_tokens_token_hash" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "refresh_token_families" ADD CONSTRAINT "fk_refresh_token_families_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_family_id" FOREIGN KEY ("family_id") REFERENCES "refresh_token_families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_family_id"`);
    await queryRunner.query(`ALTER TABLE "refresh_token_families" DROP CONSTRAINT "fk_refresh_token_families_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family_id"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_families_user_id"`);
    await queryRunner.query(`DROP TABLE "refresh_token_families"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_tier"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
  }
}
