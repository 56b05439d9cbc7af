/**
 * Field numbers the onnx-proto schema (ONNX 1.10, IR 8) knows, per message, with the message type of each
 * sub-message field. protobufjs silently skips anything else while decoding, so a model written by a newer ONNX
 * (metadata_props on nodes, overloads on functions, ...) would lose those fields on a decode/encode round trip:
 * scanning the wire format for numbers outside this table is how a pass refuses such a model instead.
 */
const KNOWN_FIELDS: Record<string, Record<number, string | null>> = {
  AttributeProto: { 1: null, 2: null, 3: null, 4: null, 5: 'TensorProto', 6: 'GraphProto', 7: null, 8: null, 9: null, 10: 'TensorProto', 11: 'GraphProto', 13: null, 14: 'TypeProto', 15: 'TypeProto', 20: null, 21: null, 22: 'SparseTensorProto', 23: 'SparseTensorProto' },
  Dimension: { 1: null, 2: null, 3: null },
  FunctionProto: { 1: null, 4: null, 5: null, 6: null, 7: 'NodeProto', 8: null, 9: 'OperatorSetIdProto', 10: null },
  GraphProto: { 1: 'NodeProto', 2: null, 5: 'TensorProto', 10: null, 11: 'ValueInfoProto', 12: 'ValueInfoProto', 13: 'ValueInfoProto', 14: 'TensorAnnotation', 15: 'SparseTensorProto' },
  MapType: { 1: null, 2: 'TypeProto' },
  ModelProto: { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: 'GraphProto', 8: 'OperatorSetIdProto', 14: 'StringStringEntryProto', 20: 'TrainingInfoProto', 25: 'FunctionProto' },
  NodeProto: { 1: null, 2: null, 3: null, 4: null, 5: 'AttributeProto', 6: null, 7: null },
  OperatorSetIdProto: { 1: null, 2: null },
  OptionalType: { 1: 'TypeProto' },
  Segment: { 1: null, 2: null },
  SequenceType: { 1: 'TypeProto' },
  SparseTensorProto: { 1: 'TensorProto', 2: 'TensorProto', 3: null },
  SparseTensorType: { 1: null, 2: 'TensorShapeProto' },
  StringStringEntryProto: { 1: null, 2: null },
  TensorAnnotation: { 1: null, 2: 'StringStringEntryProto' },
  TensorProto: { 1: null, 2: null, 3: 'Segment', 4: null, 5: null, 6: null, 7: null, 8: null, 9: null, 10: null, 11: null, 12: null, 13: 'StringStringEntryProto', 14: null },
  TensorShapeProto: { 1: 'Dimension' },
  TensorType: { 1: null, 2: 'TensorShapeProto' },
  TrainingInfoProto: { 1: 'GraphProto', 2: 'GraphProto', 3: 'StringStringEntryProto', 4: 'StringStringEntryProto' },
  TypeProto: { 1: 'TensorType', 4: 'SequenceType', 5: 'MapType', 6: null, 8: 'SparseTensorType', 9: 'OptionalType' },
  ValueInfoProto: { 1: null, 2: 'TypeProto', 3: null },
};

const MAX_REPORTED = 10;

class WireReader {
  constructor(
    private readonly bytes: Uint8Array,
    public position: number,
  ) {}

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.position++];
      if (byte === undefined) {
        throw new RangeError('truncated varint');
      }
      // Field keys and lengths fit 2^53; shifting past 28 bits must use multiplication to stay exact.
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        return result;
      }
      shift += 7;
    }
  }
}

/**
 * Paths (`ModelProto.graph.node.field#9`) of fields the schema does not know, at most ten; empty when a decode and
 * re-encode would keep everything. Malformed wire data is reported as one entry rather than thrown.
 */
export function findUnknownFields(bytes: Uint8Array): string[] {
  const found: string[] = [];
  try {
    scanMessage(bytes, 0, bytes.length, 'ModelProto', 'ModelProto', found);
  } catch (error) {
    found.push(`malformed protobuf: ${error instanceof Error ? error.message : String(error)}`);
  }
  return found.slice(0, MAX_REPORTED);
}

function scanMessage(bytes: Uint8Array, start: number, end: number, type: string, path: string, found: string[]): void {
  const known = KNOWN_FIELDS[type] ?? {};
  const reader = new WireReader(bytes, start);
  while (reader.position < end && found.length < MAX_REPORTED) {
    const key = reader.varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (!(field in known)) {
      found.push(`${path}.field#${field}`);
    }
    const child = known[field] ?? null;
    switch (wireType) {
      case 0:
        reader.varint();
        break;
      case 1:
        reader.position += 8;
        break;
      case 5:
        reader.position += 4;
        break;
      case 2: {
        const length = reader.varint();
        if (reader.position + length > end) {
          throw new RangeError(`field runs past the end of ${path}`);
        }
        if (child !== null && field in known) {
          scanMessage(bytes, reader.position, reader.position + length, child, `${path}.${child}`, found);
        }
        reader.position += length;
        break;
      }
      default:
        throw new RangeError(`unsupported wire type ${wireType} in ${path}`);
    }
    if (reader.position > end) {
      throw new RangeError(`field runs past the end of ${path}`);
    }
  }
}
