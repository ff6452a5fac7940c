// Markdown kept from imported syllabi (week notes, part notes, a curriculum's introduction)
// → HTML that is safe to put in a page. The notes come from files anyone may have written, so
// nothing in them may run script or load anything from elsewhere:
//
// - raw HTML is never interpreted: it is shown as the text it is ("<script>…</script>");
// - the HTML is sanitised with GitHub's schema (rehype-sanitize's default), so no `<script>`,
//   no `on*=` handlers, no `style`;
// - only absolute http(s) and mailto links (and footnotes' own #anchors) stay links, with
//   rel="noopener noreferrer"; `javascript:`, `data:` or relative links become their text;
// - images become links to the image (the page's CSP loads no image from another site);
// - headings move down so the notes' own headings sit under the page's, in order.
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Parent as MdastParent, Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { findMarkdownHazard, MARKDOWN_LIMITS } from '@/lib/markdown-limits';
import { toSafeLinkUrl } from '@/lib/safe-url';

export type RenderMarkdownOptions = {
  /** The level the notes' highest heading becomes (the page's own headings sit above it). */
  headingLevel?: number;
  /** Prefix of the ids the notes may carry (footnotes), unique on the page. */
  idPrefix?: string;
};

const schema: SanitizeSchema = {
  ...defaultSchema,
  // Ids are prefixed once, by remark-rehype (see below), so footnote links keep working.
  clobberPrefix: '',
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
};

/** mdast: raw HTML becomes visible text, never markup. */
function remarkHtmlAsText() {
  return (tree: MdastRoot) => {
    const walk = (parent: MdastParent) => {
      parent.children = parent.children.map((child): MdastContent => {
        if (child.type === 'html') {
          const text = { type: 'text' as const, value: child.value };
          // Block-level HTML sits where a paragraph could: wrap it in one.
          const flow = parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem';
          return flow ? { type: 'paragraph', children: [text] } : text;
        }
        if ('children' in child) walk(child as MdastParent);
        return child;
      }) as MdastParent['children'];
    };
    walk(tree);
  };
}

function isElement(node: HastContent | ElementContent, tagName?: string): node is Element {
  return node.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

function visitElements(node: HastRoot | Element, visit: (element: Element) => void) {
  for (const child of node.children) {
    if (isElement(child)) {
      visit(child);
      visitElements(child, visit);
    }
  }
}

/** hast, before sanitising: shift headings, images into links, task boxes into text, ids prefixed. */
function rehypeShape(headingLevel: number, idPrefix: string) {
  const prefixed = (value: string) => (value.startsWith(idPrefix) ? value : `${idPrefix}${value}`);
  return (tree: HastRoot) => {
    let highest = 7;
    visitElements(tree, (element) => {
      const level = /^h([1-6])$/.exec(element.tagName)?.[1];
      if (level) highest = Math.min(highest, Number(level));
    });
    const shift = highest <= 6 ? headingLevel - highest : 0;
    visitElements(tree, (element) => {
      const level = /^h([1-6])$/.exec(element.tagName)?.[1];
      if (level) element.tagName = `h${Math.min(6, Math.max(1, Number(level) + shift))}`;
      if (element.tagName === 'img') {
        const src = element.properties.src;
        const alt = typeof element.properties.alt === 'string' && element.properties.alt.trim() ? element.properties.alt.trim() : null;
        element.tagName = 'a';
        element.properties = { href: typeof src === 'string' ? src : undefined };
        element.children = [{ type: 'text', value: alt ? `Image: ${alt}` : 'Image' }];
      }
      // A task list's checkbox would be a form control without a label: show its state as text.
      if (element.tagName === 'input') {
        element.tagName = 'span';
        element.children = [{ type: 'text', value: element.properties.checked ? '☑' : '☐' }];
        element.properties = {};
      }
      // GFM footnotes name a fixed "footnote-label": give it the note's prefix too, so two
      // notes on one page never share an id.
      if (typeof element.properties.id === 'string') element.properties.id = prefixed(element.properties.id);
      const describedBy = element.properties.ariaDescribedBy;
      if (Array.isArray(describedBy)) element.properties.ariaDescribedBy = describedBy.map((id) => prefixed(String(id)));
    });
  };
}

/** hast, after sanitising: links that are not http(s)/mailto/#anchor become their text. */
function rehypeHardenLinks() {
  const harden = (children: HastContent[]): HastContent[] =>
    children.flatMap((child): HastContent[] => {
      if (!isElement(child)) return [child];
      child.children = harden(child.children) as ElementContent[];
      if (child.tagName !== 'a') return [child];
      const href = child.properties.href;
      if (typeof href === 'string' && href.startsWith('#') && href.length > 1) return [child];
      const safe = toSafeLinkUrl(href);
      if (!safe) return child.children;
      child.properties = { ...child.properties, href: safe, rel: ['noopener', 'noreferrer'] };
      if (!safe.startsWith('mailto:')) child.properties.target = '_blank';
      return [child];
    });
  return (tree: HastRoot) => {
    tree.children = harden(tree.children);
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The text as it is, escaped, its paragraphs and line breaks kept: for notes too costly or too broken to parse. */
export function plainTextHtml(text: string): string {
  const escape = (value: string) => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p class="whitespace-pre-wrap">${escape(paragraph)}</p>`)
    .join('\n');
}

/**
 * Markdown → sanitised HTML, or '' for empty input. Text past the limits of lib/markdown-limits
 * (stored before they existed, or written straight to the database) and text the pipeline
 * fails on are shown as plain text: a page always renders.
 */
export function renderMarkdown(markdown: string | null | undefined, options: RenderMarkdownOptions = {}): string {
  if (!markdown || markdown.trim() === '') return '';
  if (markdown.length > MARKDOWN_LIMITS.maxNoteChars || findMarkdownHazard(markdown)) return plainTextHtml(markdown);
  try {
    return renderParsed(markdown, options);
  } catch {
    return plainTextHtml(markdown);
  }
}

function renderParsed(markdown: string, options: RenderMarkdownOptions): string {
  const headingLevel = Math.min(6, Math.max(1, options.headingLevel ?? 3));
  const idPrefix = `${options.idPrefix ?? 'notes'}-`;
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkHtmlAsText)
    .use(remarkRehype, { clobberPrefix: idPrefix })
    .use(rehypeShape, headingLevel, idPrefix)
    .use(rehypeSanitize, schema)
    .use(rehypeHardenLinks)
    .use(rehypeStringify)
    .processSync(markdown);
  return String(file);
}
