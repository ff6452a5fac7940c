import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/render-markdown';

/** Every start tag in the HTML, with its attributes. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)].map((match) => match[0]);
}

describe('renderMarkdown', () => {
  it('renders prose, lists, tables and code', () => {
    const html = renderMarkdown('Some **bold** text.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code`');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<code>code</code>');
  });

  it('shows raw HTML as text and never as markup', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\nInline <b onclick="x()">bold</b>.');
    expect(tags(html).join(' ')).not.toMatch(/<script|<img|onerror|onclick|<b\b/i);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });

  it('keeps http(s) and mailto links, with rel="noopener noreferrer", and turns others into text', () => {
    const html = renderMarkdown(
      '[safe](https://example.com/a) [mail](mailto:tutor@example.org) [js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [data](data:text/html,x) [rel](/relative) [vb](vbscript:x)',
    );
    const anchors = tags(html).filter((tag) => tag.startsWith('<a'));
    expect(anchors).toEqual([
      '<a href="https://example.com/a" rel="noopener noreferrer" target="_blank">',
      '<a href="mailto:tutor@example.org" rel="noopener noreferrer">',
    ]);
    expect(html).not.toMatch(/javascript:|data:|vbscript:/i);
    expect(html).toContain('js');
    expect(html).toContain('rel');
  });

  it('turns images into links to them, so nothing loads from another site', () => {
    const html = renderMarkdown('![A diagram](https://example.com/a.png) ![x](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toContain('<a href="https://example.com/a.png" rel="noopener noreferrer" target="_blank">Image: A diagram</a>');
    expect(html).not.toContain('javascript:');
  });

  it('moves headings under the page’s own and prefixes ids', () => {
    const html = renderMarkdown('# Top\n\n## Below\n\nA note[^1].\n\n[^1]: The footnote.', { headingLevel: 4, idPrefix: 'week-2-notes' });
    expect(html).toContain('<h4>Top</h4>');
    expect(html).toContain('<h5>Below</h5>');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^week-2-notes-/);
  });

  it('returns nothing for empty notes', () => {
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown('   \n')).toBe('');
  });
});
