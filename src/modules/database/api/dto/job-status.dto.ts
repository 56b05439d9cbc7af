import { ApiProperty } from '@nestjs/swagger';

export class JobStatusDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'gpu.optimize' })
  queue!: string;

  @ApiProperty({ enum: ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] })
  state!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  percent!: number;

  @ApiProperty({ type: String, nullable: true })
  message!: string | null;

  @ApiProperty()
  retryCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ description: 'What the job returned, or the error it failed with.' })
  output!: unknown;

  @ApiProperty({ description: 'Completed, failed or cancelled: nothing more will change.' })
  done!: boolean;
}
