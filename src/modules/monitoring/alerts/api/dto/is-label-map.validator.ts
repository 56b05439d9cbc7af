import { ValidateBy, type ValidationOptions } from 'class-validator';

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_ENTRIES = 32;
const MAX_VALUE_LENGTH = 1024;

/** A flat `{ name: string }` map with Prometheus label names (labels, annotations, metric label filters). */
export function IsLabelMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLabelMap',
      validator: {
        validate: (value: unknown): boolean => {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            return false;
          }
          const entries = Object.entries(value);
          return entries.length <= MAX_ENTRIES && entries.every(([name, text]) => LABEL_NAME.test(name) && typeof text === 'string' && text.length <= MAX_VALUE_LENGTH);
        },
        defaultMessage: () => `$property must map at most ${MAX_ENTRIES} label names ([A-Za-z_][A-Za-z0-9_]*) to strings of at most ${MAX_VALUE_LENGTH} characters`,
      },
    },
    options,
  );
}
