import { buildMlpModel, encodeOnnx, testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { binaryBody } from '../support/binary-body.js';
import { bearer, issueApiKey } from '../support/principals.js';

interface ModelBody {
  id: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  irVersion: number;
  parameters: number;
  report?: { parameters: { total: number }; flags: { weightsInConstants: boolean; weightsInSubgraphs: boolean }; inputs: unknown[] };
}

const MAX_BYTES = 3_000_000;
const vadDist = dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));

/** A POST whose body goes out in 64 KiB chunks with no Content-Length (Transfer-Encoding: chunked). */
function postChunked(app: INestApplication, path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    call.on('error', reject);
    pipeline(Readable.from(Array.from({ length: Math.ceil(body.length / 65_536) }, (_, index) => body.subarray(index * 65_536, (index + 1) * 65_536))), call).catch(() => undefined);
  });
}

async function storedFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort();
}

describe('GPU models: upload, inspect, download, delete; memory estimates', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  let modelsDir: string;
  const mlp = encodeOnnx(buildMlpModel({ widths: [4, 8, 2] }));
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const upload = (auth: Record<string, string>, body: Buffer, name = 'mlp.onnx'): request.Test =>
    http().post('/v1/models').query({ name }).set(auth).set('Content-Type', 'application/octet-stream').send(body);

  beforeAll(async () => {
    db = await testDatabase();
    modelsDir = mkdtempSync(join(tmpdir(), 'bulwark-models-'));
    app = await bootApp({ DATABASE_URL: db.url, GPU_MODELS_DIR: modelsDir, GPU_MODEL_MAX_BYTES: String(MAX_BYTES) });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.GPU_WRITE, Scope.GPU_READ], name: 'gpu writer' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], name: 'gpu reader' }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /v1/models', () => {
    it('stores an MLP built in the test and answers 201 with its report', async () => {
      const response = await upload(writer, mlp).expect(201);
      const body = response.body as ModelBody;
      expect(body).toMatchObject({ name: 'mlp.onnx', sizeBytes: mlp.length, irVersion: 8, parameters: 58 });
      expect(response.headers.location).toBe(`/v1/models/${body.id}`);
      expect(body.report).toMatchObject({
        opsets: [{ domain: 'ai.onnx', version: 17 }],
        inputs: [{ name: 'input', dtype: 'float32', shape: ['batch', 4] }],
        parameters: { initializers: 58, constants: 0, total: 58 },
        bytesByDtype: { float32: 232 },
        ops: { 'ai.onnx::MatMul': 2, 'ai.onnx::Add': 2, 'ai.onnx::Relu': 1 },
      });
      expect(await storedFiles(modelsDir)).toEqual([join(modelsDir, body.sha256.slice(0, 2), `${body.sha256}.onnx`)]);
    });

    it('answers the same bytes again with the same artifact (200), stored once, whatever the name', async () => {
      const first = (await upload(writer, mlp).expect((response) => expect([200, 201]).toContain(response.status))).body as ModelBody;
      const before = await storedFiles(modelsDir);
      const again = await upload(writer, mlp, 'another-name.onnx').expect(200);
      expect((again.body as ModelBody).id).toBe(first.id);
      expect(await storedFiles(modelsDir)).toEqual(before);
    });

    it('inspects the Silero VAD v5 model and flags its weights held in Constant nodes inside subgraphs', async () => {
      const response = await upload(writer, readFileSync(join(vadDist, 'silero_vad_v5.onnx')), 'silero_vad_v5.onnx').expect(201);
      expect((response.body as ModelBody).report?.flags).toMatchObject({ weightsInConstants: true, weightsInSubgraphs: true });
    });

    const dangling = (): Buffer => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.node![0]!.input = ['input', 'missing_weight'];
      return encodeOnnx(model);
    };
    const unknownOp = (): Buffer => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.node![0]!.opType = 'NoSuchOperator';
      return encodeOnnx(model);
    };
    const external = (): Buffer => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.initializer![0] = { name: 'w0', dims: [2, 2], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: 'w0.bin' }] };
      return encodeOnnx(model);
    };
    const noOpset = (): Buffer => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.opsetImport = [];
      return encodeOnnx(model);
    };

    it.each([
      ['bytes that are not protobuf', (): Buffer => Buffer.from('this is not a model at all, just text\u0000\u00ff'), /Not an ONNX model/],
      ['an empty body', (): Buffer => Buffer.alloc(0), /empty/],
      ['a graph with a dangling input', dangling, /missing_weight/],
      ['a model without opsets', noOpset, /opset_import/],
      ['weights in external data', external, /external data/],
      ['an operator onnxruntime does not know', unknownOp, /onnxruntime cannot load the model: .*NoSuchOperator/],
    ])('refuses %s with 422 GPU.INVALID_MODEL, storing nothing', async (_label, body, detail) => {
      const before = await storedFiles(modelsDir);
      const response = await upload(writer, body(), 'bad.onnx').expect(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'GPU.INVALID_MODEL', detail: expect.stringMatching(detail) });
      expect(await storedFiles(modelsDir)).toEqual(before);
    });

    it('refuses a model over GPU_MODEL_MAX_BYTES with 413, declared or streamed', async () => {
      const big = encodeOnnx(buildMlpModel({ widths: [1024, 1024] }));
      expect(big.length).toBeGreaterThan(MAX_BYTES);
      const declared = await upload(writer, big, 'big.onnx').expect(413);
      expect(declared.body).toMatchObject({ code: 'GPU.MODEL_TOO_LARGE' });
      // Chunked: no Content-Length, so the cap is enforced on the bytes as they arrive.
      const streamed = await postChunked(app, `/v1/models?name=big.onnx`, writer, big);
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body)).toMatchObject({ code: 'GPU.MODEL_TOO_LARGE' });
    });

    it('needs a name, an octet-stream body and gpu:write', async () => {
      await http().post('/v1/models').set(writer).set('Content-Type', 'application/octet-stream').send(mlp).expect(400);
      await http().post('/v1/models?name=x.onnx').set(writer).send({ model: 'x' }).expect(415);
      await upload(reader, mlp).expect(403);
      await http().post('/v1/models?name=x.onnx').set('Content-Type', 'application/octet-stream').send(mlp).expect(401);
    });
  });

  describe('GET, download and DELETE /v1/models', () => {
    it('lists newest first with a cursor, without reports', async () => {
      const other = encodeOnnx(buildMlpModel({ widths: [3, 3], seed: 99 }));
      const created = (await upload(writer, other, 'other.onnx').expect(201)).body as ModelBody;
      const first = await http().get('/v1/models?limit=1').set(reader).expect(200);
      const page = first.body as { items: ModelBody[]; nextCursor: string | null };
      expect(page.items.map((item) => item.id)).toEqual([created.id]);
      expect(page.items[0]).not.toHaveProperty('report');
      const next = await http().get('/v1/models').query({ limit: 100, cursor: page.nextCursor }).set(reader).expect(200);
      expect((next.body as { items: ModelBody[] }).items.map((item) => item.name)).toContain('mlp.onnx');
    });

    it('gets one model with its report and downloads its exact bytes', async () => {
      const created = (await upload(writer, mlp).expect(200)).body as ModelBody;
      const detail = await http().get(`/v1/models/${created.id}`).set(reader).expect(200);
      expect((detail.body as ModelBody).report?.parameters.total).toBe(58);
      const download = await http()
        .get(`/v1/models/${created.id}/download`)
        .set(reader)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(download.headers).toMatchObject({ 'content-type': 'application/octet-stream', etag: `"${created.sha256}"`, 'content-disposition': 'attachment; filename="mlp.onnx"' });
      expect(Buffer.compare(download.body as Buffer, mlp)).toBe(0);
    });

    it('deletes a model and its bytes, then answers 404', async () => {
      const doomed = encodeOnnx(buildMlpModel({ widths: [2, 3], seed: 5 }));
      const created = (await upload(writer, doomed, 'doomed.onnx').expect(201)).body as ModelBody;
      await http().delete(`/v1/models/${created.id}`).set(reader).expect(403);
      await http().delete(`/v1/models/${created.id}`).set(writer).expect(204);
      expect((await storedFiles(modelsDir)).some((path) => path.includes(created.sha256))).toBe(false);
      const missing = await http().get(`/v1/models/${created.id}`).set(reader).expect(404);
      expect(missing.body).toMatchObject({ code: 'GPU.MODEL_NOT_FOUND' });
      await http().get(`/v1/models/${created.id}/download`).set(reader).expect(404);
      await http().delete(`/v1/models/${created.id}`).set(writer).expect(404);
    });

    it('needs gpu:read to look', async () => {
      await http().get('/v1/models').expect(401);
      await http().get('/v1/models').set(bearer(await issueApiKey(app, { scopes: [Scope.GPU_WRITE] }))).expect(403);
    });
  });

  describe('POST /v1/gpu/estimates/memory', () => {
    const llama7b = { layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 32, headDim: 128, vocabSize: 32_000, intermediateSize: 11_008 };
    const estimate = (body: object, auth = reader): request.Test => http().post('/v1/gpu/estimates/memory').set(auth).send(body);

    it('estimates Llama-2-7B at 2,048 tokens in fp16: 6.74e9 parameters, 1 GiB of KV cache', async () => {
      const response = await estimate({ ...llama7b, dtype: 'fp16', batch: 1, seqLen: 2048, device: { memoryTotalBytes: 25_769_803_776, memoryUsedBytes: 1_073_741_824 } }).expect(200);
      expect(response.body).toMatchObject({
        parameters: 6_738_415_616,
        parameterSource: 'config',
        parameterFormula: expect.stringContaining('kvHeads'),
        weights: { bytes: 13_476_831_232, byDtype: { fp32: 26_953_662_464, int4: 3_369_207_808 } },
        kvCache: { bytes: 1_073_741_824 },
        training: null,
        fits: { fits: true, device: { freeBytes: 24_696_061_952 } },
      });
    });

    it('prices Adam training of a given parameter count at 16 B/param', async () => {
      const response = await estimate({ parameters: 1_000_000_000, dtype: 'fp32', training: true, optimizer: 'adam' }).expect(200);
      expect(response.body).toMatchObject({ training: { bytesPerParameter: 16, total: 16e9 }, totalBytes: 16e9, kvCache: null, fits: null });
    });

    it('estimates an uploaded model from its report', async () => {
      const created = (await upload(writer, mlp).expect(200)).body as ModelBody;
      const response = await estimate({ modelId: created.id }).expect(200);
      expect(response.body).toMatchObject({ parameters: 58, parameterSource: 'model', dtype: 'fp32', weights: { bytes: 232 } });
    });

    it('answers 400 GPU.INVALID_ESTIMATE with every problem in errors[]', async () => {
      const response = await estimate({ layers: 32, dtype: 'int4', training: true, batch: 0, surprise: 1 }).expect(400);
      expect(response.body).toMatchObject({ code: 'GPU.INVALID_ESTIMATE' });
      const fields = (response.body as { errors: { field: string }[] }).errors.map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['batch', 'surprise']));
      const crossed = await estimate({ layers: 32, dtype: 'int4', training: true }).expect(400);
      expect((crossed.body as { errors: { field: string }[] }).errors.map((error) => error.field)).toEqual(expect.arrayContaining(['hiddenSize', 'heads', 'vocabSize', 'seqLen', 'dtype']));
      await estimate({}).expect(400);
    });

    it('answers 404 for an unknown model or device', async () => {
      await estimate({ modelId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      const device = await estimate({ parameters: 10, dtype: 'fp16', deviceId: 'GPU-unknown' }).expect(404);
      expect(device.body).toMatchObject({ code: 'GPU.DEVICE_NOT_FOUND' });
    });

    it('needs gpu:read', async () => {
      await http().post('/v1/gpu/estimates/memory').send({ parameters: 10, dtype: 'fp16' }).expect(401);
      await estimate({ parameters: 10, dtype: 'fp16' }, bearer(await issueApiKey(app, { scopes: [] }))).expect(403);
    });
  });
});
