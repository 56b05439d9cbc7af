import { fernetTokenLength } from './fernet-token.js';

/** Largest plaintext the HTTP API encrypts, in bytes after decoding; secrets, not files. */
export const MAX_PLAINTEXT_BYTES = 64 * 1024;
/** Length of the token for the largest plaintext: decrypt accepts everything encrypt can produce, nothing longer. */
export const MAX_TOKEN_LENGTH = fernetTokenLength(MAX_PLAINTEXT_BYTES);
/** Longest TTL a decrypt request may ask for (ten years), so the number stays an ordinary integer. */
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;
