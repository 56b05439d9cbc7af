import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';

export class IndexAdviceRequestDto {
  @ApiProperty({ type: String, isArray: true, minItems: 1, maxItems: 50, example: ['SELECT * FROM orders WHERE customer_id = $1'], description: 'Single SELECT, UPDATE or DELETE statements, `$n` for parameters; explained, never run.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 10_000, { each: true })
  queries!: string[];
}

export class IndexAdviceDto {
  @ApiProperty({ description: 'HypoPG installed: candidates were verified with hypothetical indexes.' })
  hypopg!: boolean;

  @ApiProperty({ enum: ['pg_stat_statements', 'request', 'none'] })
  source!: string;

  @ApiProperty()
  analyzed!: number;

  @ApiProperty({ description: 'Indexes that cut the statements\' estimated cost by at least 50%, with the statement to create them.', type: 'array', items: { type: 'object' } })
  recommendations!: object[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  candidates!: object[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  skipped!: object[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  unusedIndexes!: object[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  duplicateIndexes!: object[];

  @ApiProperty({ type: 'object', properties: { tables: { type: 'number', nullable: true }, indexes: { type: 'number', nullable: true } } })
  cacheHitRatios!: object;

  @ApiProperty({ type: String, isArray: true })
  notes!: string[];
}
