import { quotedExecutionRule } from './quoted-execution.rule.js';

describe('quotedExecutionRule (cmdi-017)', () => {
  it.each(["%x('ls -al /')", '%x{id}', 'qx(cat /etc/passwd)', 'print qx/whoami/'])('finds the command quoted for execution in %j', (input) => {
    expect(quotedExecutionRule.find(input)).not.toBeNull();
  });

  it.each(['printf("%x(%d)", value, count)', 'faqx(id) and %X(ls)', 'qx(Hello)', '%x'])('leaves %j alone', (input) => {
    expect(quotedExecutionRule.find(input)).toBeNull();
  });
});
