import sharp from 'sharp';

import { CdnExceptionCode } from '../cdn.exception.js';
import { minifySvg } from './minify-svg.js';

const SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generator: a drawing program -->
<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" viewBox="0 0 20 10">
  <metadata>drawn by someone</metadata>
  <g>
    <rect x="0" y="0" width="10" height="10" fill="#ff0000" />
  </g>
  <rect x="10" y="0" width="10" height="10" fill="#0000ff" />
</svg>
`;

describe('minifySvg', () => {
  it('returns a smaller SVG that renders the same pixels', async () => {
    const minified = minifySvg(Buffer.from(SVG));
    expect(minified.length).toBeLessThan(SVG.length);
    expect(minified.toString()).not.toContain('drawn by someone');
    const render = async (svg: Buffer): Promise<Buffer> => sharp(svg).raw().toBuffer();
    expect((await render(minified)).equals(await render(Buffer.from(SVG)))).toBe(true);
  });

  it('refuses an SVG that does not parse with INVALID_CONTENT', () => {
    expect(() => minifySvg('<svg><g></svg>')).toThrow(expect.objectContaining({ code: CdnExceptionCode.INVALID_CONTENT }) as Error);
  });
});
