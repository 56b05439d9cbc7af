import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One device's statistics over one minute, rolled up from gpu_samples; what dashboards and rules read. */
@Entity('gpu_samples_1m')
@Index(['minute'])
export class GpuSampleMinuteEntity {
  @PrimaryColumn('uuid')
  deviceId!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  minute!: Date;

  @Column({ type: 'integer' })
  samples!: number;

  @Column({ type: 'real', nullable: true })
  utilMin!: number | null;

  @Column({ type: 'real', nullable: true })
  utilAvg!: number | null;

  @Column({ type: 'real', nullable: true })
  utilMax!: number | null;

  @Column({ type: 'real', nullable: true })
  utilP95!: number | null;

  @Column({ type: 'real', nullable: true })
  memoryUsedRatioAvg!: number | null;

  @Column({ type: 'real', nullable: true })
  memoryUsedRatioMax!: number | null;

  @Column({ type: 'real', nullable: true })
  powerAvg!: number | null;

  @Column({ type: 'real', nullable: true })
  powerMax!: number | null;

  @Column({ type: 'real', nullable: true })
  temperatureMax!: number | null;

  /** Throttle reason → samples in the minute with it active. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  throttleSamples!: Record<string, number>;
}
