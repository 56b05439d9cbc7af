import { braceExpansionRule } from './brace-expansion.rule.js';

describe('braceExpansionRule (cmdi-008)', () => {
  it.each([';{cat,/etc/passwd}', '{,ifconfig}', ';{cat,/e*?/p*d}', ";{\\c''\\a\"\"\\t,/\\e''*?/\\p*\\d}", ";{\\c''\\a\"\"t,/e''*?/?a?s??}"])('finds %j', (input) => {
    expect(braceExpansionRule.find(input)).not.toBeNull();
  });

  it.each(['{a,b}', 'const {x, y} = z', '{"name": "cat"}', 'files {*.ts,*.js}'])('leaves %j alone', (input) => {
    expect(braceExpansionRule.find(input)).toBeNull();
  });
});
