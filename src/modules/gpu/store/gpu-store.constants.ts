/** The push ingest route: its body alone may exceed the app-wide JSON limit (5,000 samples are ~2 MB of JSON). */
export const GPU_SAMPLES_ROUTE = '/v1/gpu/samples';
export const GPU_INGEST_BODY_LIMIT_BYTES = 8 * 1_048_576;
