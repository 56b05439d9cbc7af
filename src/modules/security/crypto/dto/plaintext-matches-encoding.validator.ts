import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

import { MAX_PLAINTEXT_BYTES } from '../crypto.constants.js';
import { PLAINTEXT_ENCODINGS, plaintextBytes, type PlaintextEncoding } from '../plaintext-encoding.util.js';

/** The request's encoding; `undefined` when it is invalid, which the `encoding` field reports on its own. */
function encodingOf(args: ValidationArguments): PlaintextEncoding | undefined {
  const encoding = (args.object as { encoding?: unknown }).encoding ?? 'utf8';
  return PLAINTEXT_ENCODINGS.find((known) => known === encoding);
}

/** `plaintext` is valid in the request's `encoding` and at most {@link MAX_PLAINTEXT_BYTES} once decoded. */
@ValidatorConstraint({ name: 'plaintextMatchesEncoding' })
export class PlaintextMatchesEncoding implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const encoding = encodingOf(args);
    if (encoding === undefined) {
      return true;
    }
    const bytes = typeof value === 'string' ? plaintextBytes(value, encoding) : undefined;
    return bytes !== undefined && bytes.length <= MAX_PLAINTEXT_BYTES;
  }

  defaultMessage(args: ValidationArguments): string {
    const form = encodingOf(args) === 'base64' ? 'padded standard base64 (RFC 4648)' : 'well-formed Unicode text';
    return `plaintext must be ${form} of at most ${MAX_PLAINTEXT_BYTES} bytes`;
  }
}
