import { scanHtml } from './html-tokenizer.js';
import { callsSomething, declaredInScript, jsxBinding, namedInProse } from './script-lookalikes.js';

const firstTag = (input: string) => {
  const tag = scanHtml(input, 'data').tags[0];
  if (tag === undefined) {
    throw new Error(`no tag in ${input}`);
  }
  return tag;
};

describe('script look-alikes', () => {
  it.each(['the <script> tag is dangerous', 'via `<script>`', 'browsers which do not recognize `<script>` tags'])('reads %j as a tag named in prose', (input) => {
    expect(namedInProse(firstTag(input), input)).toBe(true);
  });

  it.each(['<script>alert(1)', '<script>alert</script>', '<script src=x> tag is here', '`<script>`;alert(1)//', '<script>x'])('reads %j as markup', (input) => {
    expect(namedInProse(firstTag(input), input)).toBe(false);
  });

  it('finds a handler-named variable opening a statement, not one after a quote', () => {
    expect(declaredInScript('var onExit = x', 4)).toBe(true);
    expect(declaredInScript('a; const onX = y', 9)).toBe(true);
    expect(declaredInScript('" var onfocus=alert(1)', 6)).toBe(false);
    expect(declaredInScript('xvar onX = y', 5)).toBe(false);
  });

  it('tells calls from declarations and JSX bindings', () => {
    expect(callsSomething('alert(1)')).toBe(true);
    expect(callsSomething('(alert)(1)')).toBe(true);
    expect(callsSomething('()')).toBe(false);
    expect(jsxBinding('{handleClick}')).toBe(true);
    expect(jsxBinding('{alert(1)}')).toBe(false);
  });
});
