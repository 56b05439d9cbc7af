import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { createValidationPipe } from './validation-pipe.js';

class OwnerDto {
  @IsEmail()
  email!: string;
}

class TagDto {
  @IsString()
  @IsNotEmpty()
  name!: string;
}

class CreateWidgetDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  quantity!: number;

  @ValidateNested()
  @Type(() => OwnerDto)
  owner!: OwnerDto;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags?: TagDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: CreateWidgetDto, data: '' };

const validInput = (): Record<string, unknown> => ({ name: 'gear', quantity: '3', owner: { email: 'ops@example.com' } });

async function rejectionOf(value: unknown): Promise<CommonException> {
  try {
    await createValidationPipe().transform(value, body);
  } catch (error) {
    if (error instanceof CommonException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the pipe to reject');
}

describe('createValidationPipe', () => {
  describe('transform', () => {
    it('turns valid input into an instance of the DTO, converting types', async () => {
      const result: unknown = await createValidationPipe().transform({ ...validInput(), tags: [{ name: 'blue' }] }, body);

      expect(result).toBeInstanceOf(CreateWidgetDto);
      const widget = result as CreateWidgetDto;
      expect(widget.quantity).toBe(3);
      expect(widget.owner).toBeInstanceOf(OwnerDto);
      expect(widget.tags?.[0]).toBeInstanceOf(TagDto);
    });

    it('rejects an unknown property with COMMON.VALIDATION_FAILED naming it', async () => {
      const error = await rejectionOf({ ...validInput(), isAdmin: true });

      expect(error.code).toBe(CommonExceptionCode.VALIDATION_FAILED);
      expect(error.status).toBe(400);
      expect(error.errors).toEqual([{ field: 'isAdmin', message: expect.stringContaining('isAdmin') }]);
      expect(error.detail).toBe('Invalid request: isAdmin.');
    });

    it('rejects an unknown property inside a nested object with a dotted path', async () => {
      const error = await rejectionOf({ ...validInput(), owner: { email: 'ops@example.com', role: 'admin' } });

      expect(error.errors).toEqual([{ field: 'owner.role', message: expect.stringContaining('role') }]);
    });

    it('names nested fields with dotted paths', async () => {
      const error = await rejectionOf({ ...validInput(), owner: { email: 'not-an-email' } });

      expect(error.errors).toEqual([{ field: 'owner.email', message: expect.stringContaining('email') }]);
      expect(error.detail).toBe('Invalid request: owner.email.');
    });

    it('names array elements by index', async () => {
      const error = await rejectionOf({ ...validInput(), tags: [{ name: 'ok' }, { name: '' }] });

      expect(error.errors?.map((e) => e.field)).toEqual(['tags.1.name']);
    });

    it('reports every failed constraint of every field, listing each field once in the detail', async () => {
      const error = await rejectionOf({ quantity: 'many', owner: { email: 'x' } });

      const fields = error.errors?.map((e) => e.field) ?? [];
      expect(new Set(fields)).toEqual(new Set(['name', 'quantity', 'owner.email']));
      expect(fields.filter((field) => field === 'name').length).toBeGreaterThan(1);
      expect(error.detail).toBe(`Invalid request: ${[...new Set(fields)].join(', ')}.`);
    });

    it('rejects a body that is not an object', async () => {
      const error = await rejectionOf('just a string');

      expect(error.code).toBe(CommonExceptionCode.VALIDATION_FAILED);
    });
  });
});
