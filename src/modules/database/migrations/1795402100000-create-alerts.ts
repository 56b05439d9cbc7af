import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAlerts1795402100000 implements MigrationInterface {
  name = 'CreateAlerts1795402100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_rules" ("id" uuid NOT NULL, "name" character varying(128) NOT NULL, "signal" character varying(48) NOT NULL, "aggregation" character varying(8) NOT NULL, "window" character varying(4) NOT NULL, "route" character varying(256), "method" character varying(8), "metric" character varying(200), "metric_labels" jsonb NOT NULL DEFAULT '{}', "comparator" character varying(2) NOT NULL, "threshold" double precision NOT NULL, "for_ms" integer NOT NULL, "severity" character varying(8) NOT NULL, "labels" jsonb NOT NULL DEFAULT '{}', "annotations" jsonb NOT NULL DEFAULT '{}', "channel_ids" uuid array NOT NULL DEFAULT '{}', "repeat_interval_ms" integer, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "uq_alert_rules_name" UNIQUE ("name"), CONSTRAINT "pk_alert_rules_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_alert_rules_created_at_id" ON "alert_rules"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "alerts" ("id" uuid NOT NULL, "rule_id" uuid NOT NULL, "fingerprint" character varying(16) NOT NULL, "state" character varying(8) NOT NULL, "value" double precision, "active_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "last_evaluated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_notified_at" TIMESTAMP(3) WITH TIME ZONE, "deliveries" jsonb NOT NULL DEFAULT '{}', "labels" jsonb NOT NULL, "annotations" jsonb NOT NULL, CONSTRAINT "pk_alerts_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_alerts_state_active_at" ON "alerts"  ("state", "active_at") `);
    await queryRunner.query(`CREATE INDEX "ix_alerts_active_at_id" ON "alerts"  ("active_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_alerts_rule_id_state" ON "alerts"  ("rule_id", "state") `);
    await queryRunner.query(`CREATE TABLE "notification_channels" ("id" uuid NOT NULL, "name" character varying(128) NOT NULL, "kind" character varying(16) NOT NULL, "secret" text NOT NULL, "description" character varying(300) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "uq_notification_channels_name" UNIQUE ("name"), CONSTRAINT "pk_notification_channels_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_channels_created_at_id" ON "notification_channels"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "silences" ("id" uuid NOT NULL, "matchers" jsonb NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_by" character varying(200) NOT NULL, "comment" character varying(1000) NOT NULL DEFAULT '', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_silences_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_silences_ends_at" ON "silences"  ("ends_at") `);
    await queryRunner.query(`CREATE INDEX "ix_silences_created_at_id" ON "silences"  ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_silences_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_silences_ends_at"`);
    await queryRunner.query(`DROP TABLE "silences"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_channels_created_at_id"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_rule_id_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_active_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_state_active_at"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alert_rules_created_at_id"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
  }
}
