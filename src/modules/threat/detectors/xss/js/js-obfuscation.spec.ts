import { findAngularEscape, findJsFuck } from './js-obfuscation.js';

describe('findJsFuck', () => {
  it.each(['[][(![]+[])[+[]]]', '(![] [])[ ! []]', ' !![]', '[+[]]'])('flags %j', (input) => {
    expect(findJsFuck(input)).not.toBeNull();
  });

  it.each(['![](https://example.com/a.png)', 'arr[0] + arr[1]', '(a) [b] !c', 'f() + []'])('leaves %j alone', (input) => {
    expect(findJsFuck(input)).toBeNull();
  });
});

describe('findAngularEscape', () => {
  it.each([
    "{{constructor.constructor('alert(1)')()}}",
    "{{$on.constructor('alert(1)')()}}",
    "{{'a'.constructor.prototype.charAt=[].join;$eval('x=alert(1)')}}",
  ])('flags %j', (input) => {
    expect(findAngularEscape(input)).not.toBeNull();
  });

  it.each(['{{ user.name }}', 'Hello {{name}}, welcome!', '{{7*7}}', '{{ constructor }} without a call'])('leaves %j alone', (input) => {
    expect(findAngularEscape(input)).toBeNull();
  });
});
