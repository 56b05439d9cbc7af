import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

/** GPU-<uuid>, or MIG-<uuid> / MIG-GPU-<uuid>/<gi>/<ci> for a MIG instance, as nvidia-smi prints them. */
export const GPU_UUID_PATTERN = /^(GPU|MIG)-[0-9A-Za-z][0-9A-Za-z/_-]{0,95}$/;
const GPU_UUID_MESSAGE = 'must be a GPU uuid (GPU-… or MIG-…)';
const THROTTLE_REASON = /^[a-z0-9_]{1,64}$/;

export class GpuDeviceInfoDto {
  @ApiProperty({ example: 'GPU-5c3b1e9a-4a7e-4d1b-9d55-0f8f2a1c7e11' })
  @Matches(GPU_UUID_PATTERN, { message: `uuid ${GPU_UUID_MESSAGE}` })
  uuid!: string;

  @ApiProperty({ example: 'gpu-node-1' })
  @IsString()
  @Length(1, 255)
  host!: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_024)
  index!: number;

  @ApiProperty({ example: 'NVIDIA H100 80GB HBM3' })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '00000000:3B:00.0' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  pciBusId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  driverVersion?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  memoryTotalBytes?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  powerLimitWatts?: number | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  migEnabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(GPU_UUID_PATTERN, { message: `parentUuid ${GPU_UUID_MESSAGE}` })
  parentUuid?: string | null;
}

const ratio = (): PropertyDecorator => applyDecorators(IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1));
const nonNegative = (): PropertyDecorator => applyDecorators(IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0));

/** One reading; a field the source could not read is null (or absent), never 0. */
export class GpuSampleDto {
  @ApiProperty({ example: 'GPU-5c3b1e9a-4a7e-4d1b-9d55-0f8f2a1c7e11' })
  @Matches(GPU_UUID_PATTERN, { message: `uuid ${GPU_UUID_MESSAGE}` })
  uuid!: string;

  @ApiProperty({ example: 'gpu-node-1' })
  @IsString()
  @Length(1, 255)
  host!: string;

  @ApiProperty({ format: 'date-time', description: 'With (uuid) the identity of the sample: sent twice, stored once.' })
  @IsISO8601({ strict: true, strictSeparator: true })
  sampledAt!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  @ratio()
  utilizationRatio?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  @ratio()
  memoryUtilizationRatio?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @nonNegative()
  memoryUsedBytes?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @nonNegative()
  memoryTotalBytes?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @nonNegative()
  powerWatts?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-60)
  @Max(200)
  temperatureCelsius?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @nonNegative()
  smClockMhz?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @nonNegative()
  memoryClockMhz?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['sw_power_cap'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(THROTTLE_REASON, { each: true, message: 'each throttle reason must be a snake_case name' })
  throttleReasons?: string[];
}

/** `POST /v1/gpu/samples`: samples from a host's agent, with the devices they come from when it knows them. */
export class IngestGpuSamplesDto {
  @ApiPropertyOptional({ type: [GpuDeviceInfoDto], maxItems: 1_000 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1_000)
  @ValidateNested({ each: true })
  @Type(() => GpuDeviceInfoDto)
  devices?: GpuDeviceInfoDto[];

  // The 5,000-row cap is enforced by the service as a 413 (too large), not here as a 400 (malformed).
  @ApiProperty({ type: [GpuSampleDto], maxItems: 5_000 })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GpuSampleDto)
  samples!: GpuSampleDto[];
}

export class IngestGpuSamplesResultDto {
  @ApiProperty({ description: 'Samples in the request, all stored durably before this answer (new or already there).' })
  accepted!: number;

  @ApiProperty({ description: 'Samples newly stored.' })
  stored!: number;

  @ApiProperty({ description: 'Samples already stored under the same (uuid, sampledAt): not stored again.' })
  duplicates!: number;
}
