import { describe, expect, it } from 'vitest';
import { isSafeHttpUrl, toSafeHttpUrl } from '@/lib/safe-url';

describe('toSafeHttpUrl', () => {
  it('keeps absolute http and https URLs', () => {
    expect(toSafeHttpUrl('https://intelligence.org/files/IE-EI.pdf')).toBe('https://intelligence.org/files/IE-EI.pdf');
    expect(toSafeHttpUrl('http://example.com/a?b=c#d')).toBe('http://example.com/a?b=c#d');
    expect(toSafeHttpUrl('  https://example.com  ')).toBe('https://example.com/');
    expect(toSafeHttpUrl('HTTPS://Example.COM/Path')).toBe('https://example.com/Path');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'java\tscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/file',
    'mailto:someone@example.com',
  ])('refuses %j', (url) => {
    expect(toSafeHttpUrl(url)).toBeNull();
  });

  it('refuses relative, empty and malformed values', () => {
    for (const value of ['/syllabus/x', 'example.com', '//example.com', '', '   ', 'http://', 'https://', null, undefined]) {
      expect(toSafeHttpUrl(value)).toBeNull();
    }
  });

  it('encodes characters that could break out of an attribute', () => {
    const href = toSafeHttpUrl('https://example.com/"><script>alert(1)</script>');
    expect(href).not.toBeNull();
    expect(href).not.toContain('"');
    expect(href).not.toContain('<');
  });
});

describe('isSafeHttpUrl', () => {
  it('agrees with toSafeHttpUrl', () => {
    expect(isSafeHttpUrl('https://example.com')).toBe(true);
    expect(isSafeHttpUrl('javascript:void(0)')).toBe(false);
  });
});
