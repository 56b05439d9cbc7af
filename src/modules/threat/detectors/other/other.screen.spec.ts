import fc from 'fast-check';

import { corpusForms, ruleScreenMisses, stringsOf } from '../../testing/screen-soundness.js';
import { OTHER_RULES } from './other.detector.js';
import { OTHER_SCREENS } from './other.screen.js';

const UNITS = [
  '$', '{', '}', '{{', '}}', '[[', ']]', '<%', '%>', '@(', '<', '>', '#', '_', '__', 'constructor', 'prototype', 'jndi:', '${', 'ldap:',
  '\r', '\n', '\u560a', '\u560d', 'http/', 'HTTP/1.1', 'GET ', 'Location:', 'Set-Cookie:', ' ', ':', '/', '//', '?', '\\', '.', '127', '0',
  '1', '7*7', 'localhost', '[::1]', 'gopher:', '169.254.169.254', 'x', '=', "'", '"', '(', ')', ';', '|', '&', 'php', '<?php',
  'java.lang.', 'O:4:"', ':{', '%00', 'include', 'data:', '@', 'ne', 'where', 'http:', 'https://', 'a.php', 'uid', '*',
  'Runtime', 'getRuntime()', 'rO0AB', 'ACED0005', '"@type"', '["', 'javax.', 'com.sun.', 'unix:', 'system', 'base64_decode', 'chr',
  'allow_url_include', 'php://', 'PHAR://', '<!ENTITY', '<!DOCTYPE', 'xi:include', '__proto__', 'child_process', '${script:', '${env:',
  '\u0130', '\u212a', '10.1', '0x7f000001', '#@', 'dict:', 'metadata.google.internal', '[php]', '<?', 'mainModule',
];

describe('other screens', () => {
  it('never turn away a corpus or fixture form that an other rule matches', () => {
    expect(corpusForms().flatMap((form) => ruleScreenMisses(OTHER_RULES, OTHER_SCREENS, form))).toEqual([]);
  });

  it('never turn away a generated injection-like string that an other rule matches', () => {
    fc.assert(
      fc.property(fc.oneof(stringsOf(UNITS), fc.string()), (form) => {
        expect(ruleScreenMisses(OTHER_RULES, OTHER_SCREENS, form)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it('let a prototype step split by quotes through (`constructor pro\'totype`)', () => {
    expect(ruleScreenMisses(OTHER_RULES, OTHER_SCREENS, "constructor pro'totype")).toEqual([]);
  });

  it.each(['2', '-createdAt', 'blue running shoes', '8f14e45f-ceea-467f-a0e6-2f6b3a1d1c0e'])('let no screened rule run on %j', (form) => {
    expect(Object.entries(OTHER_SCREENS).filter(([, screen]) => screen(form, 4))).toEqual([]);
  });
});
