import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGpuStore1795403453447 implements MigrationInterface {
  name = 'CreateGpuStore1795403453447';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "gpu_devices" ("id" uuid NOT NULL, "uuid" character varying(100) NOT NULL, "host" character varying(255) NOT NULL, "index" integer NOT NULL, "name" character varying(255) NOT NULL, "pci_bus_id" character varying(32), "driver_version" character varying(64), "memory_total_bytes" bigint, "power_limit_watts" real, "mig_enabled" boolean NOT NULL DEFAULT false, "parent_uuid" character varying(100), "first_seen" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_seen" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_gpu_devices_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_gpu_devices_uuid" ON "gpu_devices"  ("uuid") `);
    await queryRunner.query(`CREATE INDEX "ix_gpu_devices_host_index" ON "gpu_devices"  ("host", "index") `);
    await queryRunner.query(`CREATE TABLE "gpu_events" ("id" uuid NOT NULL, "device_id" uuid NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "kind" character varying(16) NOT NULL, "code" character varying(64) NOT NULL, "detail" text NOT NULL, CONSTRAINT "pk_gpu_events_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_gpu_events_device_id_kind_code_at" ON "gpu_events"  ("device_id", "kind", "code", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_gpu_events_device_id_at" ON "gpu_events"  ("device_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_gpu_events_at_id" ON "gpu_events"  ("at", "id") `);
    await queryRunner.query(`CREATE TABLE "gpu_processes" ("device_id" uuid NOT NULL, "pid" integer NOT NULL, "process_name" character varying(255) NOT NULL, "used_memory_bytes" bigint, "seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_gpu_processes_device_id_pid" PRIMARY KEY ("device_id", "pid"))`);
    await queryRunner.query(`CREATE TABLE "gpu_samples_1m" ("device_id" uuid NOT NULL, "minute" TIMESTAMP WITH TIME ZONE NOT NULL, "samples" integer NOT NULL, "util_min" real, "util_avg" real, "util_max" real, "util_p95" real, "memory_used_ratio_avg" real, "memory_used_ratio_max" real, "power_avg" real, "power_max" real, "temperature_max" real, "throttle_samples" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_gpu_samples_1m_device_id_minute" PRIMARY KEY ("device_id", "minute"))`);
    await queryRunner.query(`CREATE INDEX "ix_gpu_samples_1m_minute" ON "gpu_samples_1m"  ("minute") `);
    await queryRunner.query(`CREATE TABLE "gpu_samples" ("device_id" uuid NOT NULL, "sampled_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "utilization_ratio" real, "memory_utilization_ratio" real, "memory_used_bytes" bigint, "memory_total_bytes" bigint, "power_watts" real, "temperature_celsius" real, "sm_clock_mhz" integer, "mem_clock_mhz" integer, "throttle_reasons" text array NOT NULL DEFAULT '{}', CONSTRAINT "pk_gpu_samples_device_id_sampled_at" PRIMARY KEY ("device_id", "sampled_at"))`);
    await queryRunner.query(`CREATE INDEX "ix_gpu_samples_sampled_at" ON "gpu_samples"  ("sampled_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_samples_sampled_at"`);
    await queryRunner.query(`DROP TABLE "gpu_samples"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_samples_1m_minute"`);
    await queryRunner.query(`DROP TABLE "gpu_samples_1m"`);
    await queryRunner.query(`DROP TABLE "gpu_processes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_events_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_events_device_id_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_events_device_id_kind_code_at"`);
    await queryRunner.query(`DROP TABLE "gpu_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_devices_host_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gpu_devices_uuid"`);
    await queryRunner.query(`DROP TABLE "gpu_devices"`);
  }
}
