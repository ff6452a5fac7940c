// Small questions about markdown nodes (where they start and end, what links they hold) that
// several stages ask.
import type { List, Paragraph, Root } from 'mdast';
import type { InlineReader } from './tokens';

export function isTocList(node: List): boolean {
  let links = 0;
  let anchors = 0;
  const visit = (children: unknown[]) => {
    for (const child of children as { type: string; url?: string; children?: unknown[] }[]) {
      if (child.type === 'link') {
        links += 1;
        if (child.url?.startsWith('#')) anchors += 1;
      }
      if (child.children) visit(child.children);
    }
  };
  visit(node.children);
  return links > 0 && links === anchors;
}

export function listHasLink(node: List, inline: InlineReader): boolean {
  const visit = (children: unknown[]): boolean =>
    (children as { type: string; children?: unknown[] }[]).some((child) => {
      if (child.type === 'paragraph') {
        return inline.tokens((child as Paragraph).children).some((token) => token.type === 'link' && token.importable);
      }
      return child.children ? visit(child.children) : false;
    });
  return visit(node.children);
}

export function hasLink(tree: Root): boolean {
  const visit = (children: unknown[]): boolean =>
    (children as { type: string; children?: unknown[] }[]).some(
      (child) => child.type === 'link' || child.type === 'linkReference' || (child.children ? visit(child.children) : false),
    );
  return visit(tree.children);
}

export function startLine(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

export function endLine(node: { position?: { end: { line: number } } }): number {
  return node.position?.end.line ?? 1;
}

export function truncate(text: string, length = 80): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
