// Button looks shared by <button>, links styled as buttons and form submits. Every variant
// keeps the global focus ring and a 44 px-ish touch target.

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';
type Size = 'md' | 'sm';

const BASE =
  'inline-flex items-center justify-center gap-2 rounded-lg font-semibold no-underline transition-colors disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-on-accent hover:bg-accent-strong hover:text-on-accent',
  secondary: 'border border-line bg-surface text-text hover:bg-surface-muted hover:text-text',
  danger: 'border border-danger/50 bg-danger-soft text-danger hover:bg-danger hover:text-bg',
  quiet: 'text-accent hover:bg-accent-soft hover:text-accent-strong',
};

const SIZES: Record<Size, string> = {
  md: 'min-h-11 px-4 py-2',
  sm: 'min-h-9 px-3 py-1 text-[0.9rem]',
};

export function buttonClasses(variant: Variant = 'primary', size: Size = 'md', extra = ''): string {
  return `${BASE} ${VARIANTS[variant]} ${SIZES[size]} ${extra}`.trim();
}

export const inputClasses =
  'block w-full rounded-lg border border-line bg-surface px-3 py-2 text-text placeholder:text-muted aria-invalid:border-danger';
