// Notes kept from an imported syllabus, already rendered to sanitised HTML on the server
// (src/lib/render-markdown.ts): no script, no handlers, only http(s)/mailto links.

const NOTES_CLASSES = [
  'max-w-[72ch] break-words',
  '[&_p]:mt-3 [&_p:first-child]:mt-0',
  '[&_ul]:mt-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:mt-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:mt-1',
  '[&_h2]:mt-6 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-5 [&_h3]:text-lg [&_h3]:font-semibold',
  '[&_h4]:mt-4 [&_h4]:font-semibold [&_h5]:mt-4 [&_h5]:font-semibold [&_h6]:mt-4 [&_h6]:font-semibold',
  '[&_blockquote]:mt-3 [&_blockquote]:border-l-4 [&_blockquote]:border-line [&_blockquote]:pl-4 [&_blockquote]:text-muted',
  '[&_code]:rounded [&_code]:bg-surface-muted [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em]',
  '[&_pre]:mt-3 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-surface-muted [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0',
  '[&_table]:mt-3 [&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:border-line [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-line [&_th]:px-2 [&_th]:py-1 [&_th]:text-left',
  '[&_hr]:my-6 [&_hr]:border-line [&_section.footnotes]:mt-6 [&_section.footnotes]:text-sm',
].join(' ');

export function MarkdownNotes({ html, className = '' }: { html: string; className?: string }) {
  if (!html) return null;
  // Sanitised by renderMarkdown (rehype-sanitize with GitHub's schema) before it was cached.
  return <div className={`syllabus-notes ${NOTES_CLASSES} ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
