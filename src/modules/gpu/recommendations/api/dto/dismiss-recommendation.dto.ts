import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class DismissRecommendationDto {
  @ApiProperty({ maxLength: 500, example: 'Reserved for the nightly batch; idle by design during the day.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
