import fc from 'fast-check';

import type { JsonSchema } from './openapi-operations.js';

/** Fields whose valid values must stay harmless to the run itself (a block on 127.0.0.1 would end it). */
const SAFE_FIELD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  cidr: fc.constantFrom('203.0.113.0/24', '198.51.100.7', '2001:db8::/32', '192.0.2.0/28'),
};

const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') {
    return fc.uuid();
  }
  if (schema.format === 'date-time') {
    return isoDate;
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 24, 64));
  return fc.string({ minLength, maxLength, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_.@/:') });
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (integer ? -10 : -1000);
  const max = schema.maximum ?? min + 1000;
  const whole = fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) });
  return integer ? whole : fc.oneof(whole, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, SAFE_FIELD_VALUES[key] ?? validValue(value)]));
  const required = (schema.required ?? []).filter((key) => key in model);
  const known = fc.record(model, { requiredKeys: required });
  if (typeof schema.additionalProperties !== 'object') {
    return known;
  }
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }), validValue(schema.additionalProperties), { maxKeys: 3 });
  return fc.tuple(known, extra).map(([own, more]) => ({ ...more, ...own }));
}

/** Values a schema accepts: its examples and enums, or generated ones of its type within its bounds. */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) {
    return fc.oneof(...variants.map((variant) => validValue(variant)));
  }
  if (schema.allOf && schema.allOf.length > 0) {
    return validValue(Object.assign({}, ...schema.allOf, { ...schema, allOf: undefined }) as JsonSchema);
  }
  if (schema.enum && schema.enum.length > 0) {
    return fc.constantFrom(...schema.enum);
  }
  const generated = generatedValue(schema);
  return schema.example === undefined ? generated : fc.oneof({ arbitrary: fc.constant(schema.example), weight: 1 }, { arbitrary: generated, weight: 2 });
}

function generatedValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  switch (typeOf(schema)) {
    case 'string':
      return schema.format === 'binary' ? fc.uint8Array({ maxLength: 256 }) : stringFor(schema);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)) });
    case 'object':
      return schema.properties || typeof schema.additionalProperties === 'object' ? objectFor(schema) : fc.jsonValue({ maxDepth: 2 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Values built from what the schema documents: every property with an example, a default or an enum takes one of
 * those, the rest are generated. Rules across fields (a signal and its aggregation) that no schema states are
 * met far more often by the documented values than by generated ones.
 */
export function exemplarValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (typeOf(schema) !== 'object' || !schema.properties) {
    return validValue(schema);
  }
  const model = Object.fromEntries(
    Object.entries(schema.properties).map(([key, property]) => {
      const documented = SAFE_FIELD_VALUES[key] ?? (property.example !== undefined ? fc.constant(property.example) : property.default !== undefined ? fc.constant(property.default) : undefined);
      return [key, documented ?? (property.enum || (schema.required ?? []).includes(key) ? exemplarValue(property) : fc.constant(undefined))];
    }),
  );
  return fc.record(model).map((value) => Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)));
}
