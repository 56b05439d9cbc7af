import { JSON_TOO_DEEP_MESSAGE, MAX_JSON_DEPTH, rejectDeepJson } from './json-depth.js';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const verify = (text: string): void => rejectDeepJson(undefined, undefined, Buffer.from(text, 'utf8'));

describe(rejectDeepJson.name, () => {
  it('accepts nesting up to the limit', () => {
    expect(() => verify(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => verify(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).not.toThrow();
  });

  it('refuses one level more as a 400 SyntaxError naming the limit', () => {
    let thrown: unknown;
    try {
      verify(`{"a":${nested(MAX_JSON_DEPTH)}}`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SyntaxError);
    expect(thrown).toMatchObject({ status: 400, message: `${JSON_TOO_DEEP_MESSAGE} ${MAX_JSON_DEPTH} levels.` });
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(() => verify(JSON.stringify({ text: '['.repeat(1000), quoted: `"${'{'.repeat(1000)}` }))).not.toThrow();
  });

  it('ends a string at a quote after an escaped backslash, and counts the brackets after it', () => {
    expect(() => verify(`{"path":"C:\\\\","rest":${nested(MAX_JSON_DEPTH + 1)}}`)).toThrow(SyntaxError);
    expect(() => verify(`{"quote":"say \\"[[[[\\"","rest":${nested(MAX_JSON_DEPTH - 1)}}`)).not.toThrow();
  });

  it('counts brackets after multi-byte characters', () => {
    expect(() => verify(`["é😀",${nested(MAX_JSON_DEPTH)}]`)).toThrow(SyntaxError);
  });
});
