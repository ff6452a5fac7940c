'use client';

// The one way the app imports a text file (a roster CSV, a syllabus in markdown): a file or
// pasted text → a dry run that shows what would happen → the import → a summary. Any change to
// the input makes the preview out of date, so what is imported is always what was previewed.
// `usePreviewThenImport` holds that flow; `TextSourceFields` is its file input and textarea.
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { inputClasses } from './button-styles';
import { FieldError } from './field-error';
import { useTextFile } from './use-text-file';

export function usePreviewThenImport<TPreview, TImported, TPreviewInput, TImportInput, TError>(options: {
  maxBytes: number;
  /** The message for a chosen file over `maxBytes`; it is not read. */
  tooLarge: (file: File) => string;
  /** The message for previewing with nothing chosen or pasted. */
  emptyMessage: string;
  preview: UseMutationOptions<TPreview, TError, TPreviewInput>;
  import: UseMutationOptions<TImported, TError, TImportInput>;
  onPreviewed?: (preview: TPreview) => void;
  /** Clears the form's other inputs once the import is stored. */
  onImported?: (imported: TImported) => void;
}) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [imported, setImported] = useState<TImported | null>(null);
  const file = useTextFile({ maxBytes: options.maxBytes, tooLarge: options.tooLarge, onText: setText, onError: setClientError });

  const previewMutation = useMutation({
    ...options.preview,
    onSuccess: (result: TPreview) => {
      setPreview(result);
      options.onPreviewed?.(result);
    },
  });
  const importMutation = useMutation({
    ...options.import,
    onSuccess: (result: TImported) => {
      setImported(result);
      setPreview(null);
      setText('');
      file.clear();
      options.onImported?.(result);
      router.refresh();
    },
  });

  /** Any change to the input makes the preview (and the last summary) out of date. */
  function changed() {
    setPreview(null);
    setImported(null);
    setClientError(null);
    previewMutation.reset();
    importMutation.reset();
  }

  return {
    text,
    preview,
    imported,
    /** A problem found before asking the server: no text, a file too large. */
    clientError,
    file,
    previewMutation,
    importMutation,
    changed,
    async chooseFile(event: ChangeEvent<HTMLInputElement>) {
      changed();
      await file.read(event);
    },
    editText(value: string) {
      changed();
      file.forget();
      setText(value);
    },
    submitPreview(event: FormEvent<HTMLFormElement>, input: TPreviewInput) {
      event.preventDefault();
      changed();
      if (text.trim() === '') {
        setClientError(options.emptyMessage);
        return;
      }
      previewMutation.mutate(input);
    },
    runImport(input: TImportInput) {
      importMutation.mutate(input);
    },
  };
}

type ImportFlow = Pick<ReturnType<typeof usePreviewThenImport>, 'text' | 'file' | 'chooseFile' | 'editText'>;

/** The file input and the textarea it fills, with the errors about the text. */
export function TextSourceFields({
  id,
  flow,
  fileLabel,
  fileHint,
  fileNote,
  accept,
  textLabel,
  placeholder,
  errors,
  disabled,
}: {
  id: string;
  flow: ImportFlow;
  fileLabel: string;
  fileHint: string;
  /** Said in place of the hint once a file is read: which file the text came from. */
  fileNote: (fileName: string) => string;
  accept: string;
  textLabel: string;
  placeholder: string;
  errors: string[] | null;
  disabled?: boolean;
}) {
  return (
    <>
      <div>
        <label htmlFor={`${id}-file`} className="block font-medium">
          {fileLabel}
        </label>
        <input
          key={flow.file.inputKey}
          id={`${id}-file`}
          type="file"
          accept={accept}
          onChange={flow.chooseFile}
          disabled={disabled}
          aria-describedby={`${id}-file-hint`}
          className="mt-1 block w-full text-[0.95rem] file:mr-3 file:min-h-10 file:rounded-lg file:border file:border-line file:bg-surface-muted file:px-3 file:font-semibold file:text-text"
        />
        <p id={`${id}-file-hint`} className="mt-1 text-[0.9rem] text-muted">
          {flow.file.fileName ? fileNote(flow.file.fileName) : fileHint}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-text`} className="block font-medium">
          {textLabel}
        </label>
        <textarea
          id={`${id}-text`}
          rows={8}
          value={flow.text}
          onChange={(event) => flow.editText(event.target.value)}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-text-error` : undefined}
          placeholder={placeholder}
          className={`mt-1 font-mono text-[0.9rem] ${inputClasses}`}
        />
        <FieldError id={`${id}-text-error`} messages={errors} />
      </div>
    </>
  );
}
