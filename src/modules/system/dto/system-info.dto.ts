import { ApiProperty } from '@nestjs/swagger';

export class DatabaseInfoDto {
  @ApiProperty({ enum: ['embedded', 'external'] })
  mode!: 'embedded' | 'external';

  @ApiProperty({ description: 'Connections in the pool now.' })
  poolTotal!: number;

  @ApiProperty()
  poolMax!: number;
}

export class RedisInfoDto {
  @ApiProperty()
  configured!: boolean;

  @ApiProperty({ description: 'Connected and answering commands.' })
  connected!: boolean;

  @ApiProperty({ enum: ['not-configured', 'connecting', 'ready', 'down'] })
  state!: string;
}

export class SystemInfoDto {
  @ApiProperty({ example: 'bulwark' })
  name!: string;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ enum: ['development', 'test', 'production'] })
  environment!: string;

  @ApiProperty({ example: 'v24.11.1' })
  nodeVersion!: string;

  @ApiProperty({ description: 'Seconds since the process started.' })
  uptimeSeconds!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: DatabaseInfoDto })
  database!: DatabaseInfoDto;

  @ApiProperty({ type: RedisInfoDto })
  redis!: RedisInfoDto;
}
