// Jest environment for specs that run onnxruntime-node (opt in with a `@jest-environment` docblock). The native
// binding creates its output typed arrays in Node's main realm, while onnxruntime-common, loaded inside Jest's VM
// sandbox, checks `data instanceof Float32Array` against the sandbox's constructors and rejects them. Handing the
// sandbox the main realm's typed-array constructors makes both sides agree; nothing else changes.
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = [
  'Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
];

export default class OnnxruntimeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) {
      this.global[name] = globalThis[name];
    }
  }
}
