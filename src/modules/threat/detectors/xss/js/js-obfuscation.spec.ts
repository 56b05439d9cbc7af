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
    '{{x=767015343;y=50986827;a=x.toString(36)+y.toString(36);b={};a.sub.call.call(b[a].getOwnPropertyDescriptor(b[a].getPrototypeOf(a.sub),a).value,0,toString()[a].fromCharCode(112,114))()}}',
  ])('flags %j', (input) => {
    expect(findAngularEscape(input)).not.toBeNull();
  });

  it.each(['{{ user.name }}', 'Hello {{name}}, welcome!', '{{7*7}}', '{{ constructor }} without a call', '{{ String.fromCharCode }}'])('leaves %j alone', (input) => {
    expect(findAngularEscape(input)).toBeNull();
  });
});
