/** The slice of an OpenAPI 3.1 schema object the fuzzer reads (what @nestjs/swagger emits for Bulwark's DTOs). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface RawOperation {
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, `{param}` placeholders included. */
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: { mediaType: string; schema: JsonSchema };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Replaces every `$ref` (and a lone `allOf` wrapper) with the schema it names, so generators see plain schemas. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema | undefined, depth = 0): JsonSchema {
  if (!schema || depth > 20) {
    return {};
  }
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(document, document.components?.schemas?.[name], depth + 1);
  }
  const resolved: JsonSchema = { ...schema };
  if (schema.properties) {
    resolved.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(document, value, depth + 1)]));
  }
  if (schema.items) {
    resolved.items = resolveSchema(document, schema.items, depth + 1);
  }
  if (typeof schema.additionalProperties === 'object') {
    resolved.additionalProperties = resolveSchema(document, schema.additionalProperties, depth + 1);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (schema[key]) {
      resolved[key] = schema[key].map((part) => resolveSchema(document, part, depth + 1));
    }
  }
  return resolved;
}

function toParameter(document: OpenApiDocument, raw: RawParameter): Parameter {
  return { name: raw.name, required: raw.required === true, schema: resolveSchema(document, raw.schema) };
}

/** Every operation of the document, with parameters and the first request body media type resolved. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      if (!HTTP_METHODS.has(method)) {
        continue;
      }
      const parameters = raw.parameters ?? [];
      const [mediaType, content] = Object.entries(raw.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        method: method.toUpperCase(),
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => toParameter(document, p)),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => toParameter(document, p)),
        body: mediaType ? { mediaType, schema: resolveSchema(document, content?.schema) } : undefined,
      });
    }
  }
  return operations;
}

export const operationName = (operation: Pick<Operation, 'method' | 'template'>): string => `${operation.method} ${operation.template}`;
