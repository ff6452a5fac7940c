// Stage 2, inline tokens: the phrasing content of a paragraph, heading or list item as a flat
// list of text, line breaks and whole links (with the reference-style definitions resolved),
// which the item and section rules read.
import type { PhrasingContent } from 'mdast';
import { collapse, importableUrl } from '@/lib/syllabus/syllabus-text';

export type Token =
  | { type: 'text'; text: string; line: number }
  | { type: 'newline'; line: number }
  | { type: 'link'; url: string; importable: string | null; text: string; raw: string; line: number };

export type Line = { line: number; tokens: Token[] };

/** Reads inline content against the source it came from and the page's link definitions. */
export class InlineReader {
  constructor(
    private readonly source: string,
    private readonly definitions: Map<string, string>,
  ) {}


  /** The phrasing content as tokens: text without markup, links kept whole, lines marked. */
  tokens(nodes: PhrasingContent[]): Token[] {
    const out: Token[] = [];
    const pushText = (text: string, line: number) => {
      text.split('\n').forEach((piece, index) => {
        if (index > 0) out.push({ type: 'newline', line: line + index });
        if (piece !== '') out.push({ type: 'text', text: piece, line: line + index });
      });
    };
    const visit = (node: PhrasingContent) => {
      const line = node.position?.start.line ?? 0;
      switch (node.type) {
        case 'text':
          return pushText(node.value, line);
        case 'break':
          return out.push({ type: 'newline', line: line + 1 });
        case 'strong':
        case 'emphasis':
        case 'delete':
          return node.children.forEach(visit);
        case 'link':
          return out.push({
            type: 'link',
            url: node.url,
            importable: importableUrl(node.url),
            text: collapse(this.plain(node.children)),
            raw: this.slice(node),
            line,
          });
        case 'linkReference': {
          const url = this.definitions.get(node.identifier.toLowerCase());
          if (url === undefined) return pushText(this.slice(node), line);
          return out.push({
            type: 'link',
            url,
            importable: importableUrl(url),
            text: collapse(this.plain(node.children)),
            raw: this.slice(node),
            line,
          });
        }
        default:
          // Inline code, HTML, images, footnote references: their markdown, as text.
          return pushText(this.slice(node), line);
      }
    };
    nodes.forEach(visit);
    return out;
  }

  splitLines(nodes: PhrasingContent[]): Line[] {
    const lines: Line[] = [];
    let current: Token[] = [];
    let line = nodes[0]?.position?.start.line ?? 0;
    for (const token of this.tokens(nodes)) {
      if (token.type === 'newline') {
        if (current.length > 0) lines.push({ line, tokens: current });
        current = [];
        line = token.line;
        continue;
      }
      if (current.length === 0) line = token.line;
      current.push(token);
    }
    if (current.length > 0) lines.push({ line, tokens: current });
    return lines;
  }


  /** Plain text of headings and link texts: links as their text. */
  plain(nodes: PhrasingContent[]): string {
    return this.tokens(nodes)
      .map((token) => (token.type === 'newline' ? ' ' : token.text))
      .join('');
  }

  slice(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? '' : this.source.slice(start, end);
  }
}

/** Plain text of tokens; links other than `primary`, and unsafe ones, as their markdown. */
export function textOf(tokens: Token[], primary?: Token): string {
  return tokens
    .map((token) => {
      if (token.type === 'newline') return ' ';
      if (token.type === 'text') return token.text;
      return token === primary ? token.text : token.raw;
    })
    .join('');
}
