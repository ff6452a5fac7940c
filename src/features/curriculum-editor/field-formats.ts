// How the editor's fields turn what was typed into what is saved, with the same limits as
// the server's schemas (src/lib/schemas/curriculum-editor.ts), so most mistakes are caught
// before a request.
import { EXERCISE_SLUG_MESSAGE, MAX_ITEM_MINUTES, URL_MESSAGE } from '@/lib/schemas/curriculum-editor';
import { importableUrl } from '@/lib/syllabus/syllabus-text';
import type { FieldFormat } from './editable-field';

const show = (value: string | number | null) => (value === null ? '' : String(value));

export const urlFormat: FieldFormat = {
  show,
  parse: (draft) => {
    if (draft.trim() === '') return { ok: true, value: null };
    const url = importableUrl(draft);
    return url ? { ok: true, value: url } : { ok: false, message: URL_MESSAGE };
  },
};

export const exerciseSlugFormat: FieldFormat = {
  show,
  parse: (draft) => {
    const text = draft.trim();
    if (text === '') return { ok: true, value: null };
    return /^[a-z0-9][a-z0-9-]{0,39}$/.test(text) ? { ok: true, value: text } : { ok: false, message: EXERCISE_SLUG_MESSAGE };
  },
};

function wholeNumber(options: { min: number; max: number; optional: boolean; message: string }): FieldFormat {
  return {
    show,
    parse: (draft) => {
      const text = draft.trim();
      if (text === '') return options.optional ? { ok: true, value: null } : { ok: false, message: options.message };
      if (!/^\d+$/.test(text)) return { ok: false, message: options.message };
      const value = Number(text);
      if (value < options.min || value > options.max) return { ok: false, message: options.message };
      return { ok: true, value };
    },
  };
}

export const minutesFormat = wholeNumber({
  min: 0,
  max: MAX_ITEM_MINUTES,
  optional: true,
  message: `Enter whole minutes from 0 to ${MAX_ITEM_MINUTES}, or leave it empty.`,
});

export const weekNumberFormat = wholeNumber({ min: 0, max: 1000, optional: true, message: 'Enter a whole number, or leave it empty for an unnumbered unit.' });

export const spanFormat = wholeNumber({ min: 1, max: 52, optional: false, message: 'Enter how many calendar weeks this unit takes, from 1 to 52.' });
