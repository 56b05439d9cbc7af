import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { whileStorageAnswers } from './storage-unavailable.util.js';

describe(whileStorageAnswers.name, () => {
  it('passes results through', async () => {
    await expect(whileStorageAnswers(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it('turns an unreachable store into a retryable 503', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), { code: 'ECONNREFUSED' });
    await expect(whileStorageAnswers(() => Promise.reject(down))).rejects.toMatchObject({ code: CdnExceptionCode.STORAGE_UNAVAILABLE, status: 503, headers: { 'Retry-After': '5' }, cause: down });
  });

  it('keeps the module\'s own errors as they are', async () => {
    const refused = new CdnException(CdnExceptionCode.TYPE_MISMATCH, 'no');
    await expect(whileStorageAnswers(() => Promise.reject(refused))).rejects.toBe(refused);
  });
});
