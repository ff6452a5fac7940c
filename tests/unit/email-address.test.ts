import { describe, expect, it } from 'vitest';
import { normaliseEmailAddress } from '@/server/auth/email-address';

describe('normaliseEmailAddress', () => {
  it('spells one inbox one way: NFKC, trimmed, lower case', () => {
    expect(normaliseEmailAddress('  Fellow5@Example.COM ')).toBe('fellow5@example.com');
    // Full-width letters and digits fold to ASCII under NFKC, as next-auth folds them.
    expect(normaliseEmailAddress('ｆｅｌｌｏｗ５@example.com')).toBe('fellow5@example.com');
    expect(normaliseEmailAddress('ada+fellowship@mail.example.org')).toBe('ada+fellowship@mail.example.org');
  });

  it('keeps an internationalised domain in the ASCII form mail servers route', () => {
    expect(normaliseEmailAddress('ada@bücher.example')).toBe('ada@xn--bcher-kva.example');
  });

  it.each([
    ['fellow5@example.com,0', 'a comma in the domain (next-auth drops what follows it)'],
    ['fellow5@example.com,evil.org', 'a second domain'],
    ['fellow5@@example.com', 'two @'],
    ['fellow5@example', 'a domain without a dot'],
    ['"fellow 5"@example.com', 'a quoted local part'],
    ['fellow 5@example.com', 'a space'],
    ['fellow5@example.com\r\nBcc: x@y.org', 'a line break'],
    ['fellow5\u0000@example.com', 'a control character'],
    ['.fellow5@example.com', 'a leading dot'],
    ['fel..low5@example.com', 'two dots in a row'],
    ['fellow5@-example.com', 'a label starting with a hyphen'],
    ['fellow5@exa_mple.com', 'an underscore in the domain'],
    ['@example.com', 'no local part'],
    [`${'a'.repeat(65)}@example.com`, 'a local part over 64 characters'],
    [`a@${'b'.repeat(250)}.com`, 'an address over 254 characters'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (raw) => {
    expect(normaliseEmailAddress(raw)).toBeNull();
  });
});
