import { minifyCss } from './minify-css.js';

const STYLESHEET = `
/* layout */
.card   {
  margin: 0px 0px 0px 0px;
  color:  #ff0000;
}

@media (min-width: 600px) {
  .card { padding: 16px; }
}
`;

describe('minifyCss', () => {
  it('returns a smaller stylesheet that keeps every rule', async () => {
    const minified = (await minifyCss(Buffer.from(STYLESHEET))).toString();
    expect(minified.length).toBeLessThan(STYLESHEET.length);
    expect(minified).toContain('.card{margin:0;color:red}');
    expect(minified).toContain('@media(min-width:600px){.card{padding:16px}}');
    expect(minified).not.toContain('layout');
  });

  it('recovers from broken CSS the way a browser does instead of refusing it', async () => {
    const minified = (await minifyCss('.a { color: red; }}\n.b { *zoom: 1; margin: 0 }\n.c { color: blue;\n')).toString();
    expect(minified).toContain('.a{color:red}');
    expect(minified).toContain('.c{color:#00f}');
  });
});
