import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

/**
 * Runs a storage call for a request: a store that cannot be reached (S3 or Azure down, a full disk) is a 503 the
 * client may retry, not a 500; a missing object or a bad key stays what it is.
 */
export async function whileStorageAnswers<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CdnException) {
      throw error;
    }
    throw new CdnException(CdnExceptionCode.STORAGE_UNAVAILABLE, 'The asset storage did not answer; try again shortly.', { cause: error, headers: { 'Retry-After': '5' } });
  }
}
