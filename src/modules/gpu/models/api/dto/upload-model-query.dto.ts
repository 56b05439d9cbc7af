import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class UploadModelQueryDto {
  @ApiProperty({ description: 'A name for the model (letters, digits, ".", "_", "-"; 1-128).', example: 'mlp.onnx' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, { message: 'name is 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  name!: string;
}
