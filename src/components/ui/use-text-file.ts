'use client';

// A file input whose text lands in a textarea beside it (a roster CSV, a syllabus in markdown):
// reads the chosen file, refuses one over `maxBytes` before reading it, remembers its name, and
// empties the input after an import (a new key remounts it).
import { useState, type ChangeEvent } from 'react';

export function useTextFile(options: {
  maxBytes: number;
  /** The message for a file that is too large. */
  tooLarge: (file: File) => string;
  onText: (text: string) => void;
  onError: (message: string) => void;
}) {
  const [fileName, setFileName] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);

  async function read(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > options.maxBytes) {
      setFileName(null);
      options.onError(options.tooLarge(file));
      return;
    }
    setFileName(file.name);
    options.onText(await file.text());
  }

  /** The text was edited by hand: it no longer is the file's. */
  function forget() {
    setFileName(null);
  }

  function clear() {
    setFileName(null);
    setInputKey((key) => key + 1);
  }

  return { fileName, inputKey, read, forget, clear };
}
