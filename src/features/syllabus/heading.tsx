import { createElement, type ReactNode } from 'react';
import type { HeadingLevel } from './types';

/** h2…h6 by number, so nested parts, weeks, groups and sections keep their headings in order. */
export function Heading({
  level,
  id,
  className,
  label,
  children,
}: {
  level: number;
  id?: string;
  className?: string;
  /** The accessible name, where the visible text is laid out in pieces. */
  label?: string;
  children: ReactNode;
}) {
  const clamped = Math.min(6, Math.max(2, level)) as HeadingLevel;
  // Only the props that are set: the page's React payload would carry the others as "$undefined".
  const props: Record<string, string> = {};
  if (id) props.id = id;
  if (className) props.className = className;
  if (label) props['aria-label'] = label;
  return createElement(`h${clamped}`, props, children);
}
