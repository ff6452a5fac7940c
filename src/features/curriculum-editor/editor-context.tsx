'use client';

// What every part of the editor shares: the curriculum's slug, the polite announcer for
// screen readers, the undo toast, and a way to move focus once React has rendered a change.
import { createContext, useContext } from 'react';
import type { EditorActions } from './use-editor-actions';

export type Toast = {
  message: string;
  tone: 'info' | 'error';
  /** Brings back what was deleted; absent for a message without an action. */
  undo?: () => Promise<void>;
  /** Where focus goes when the toast is dismissed without undoing. */
  focusAfterDismiss?: string | null;
};

export type EditorContextValue = {
  slug: string;
  announce: (message: string) => void;
  actions: EditorActions;
  /** Shows a toast (replacing the one before); an undo toast takes focus. */
  showToast: (toast: Toast) => void;
  /** Focuses the element with this id (or the first that exists) after the next render. */
  focusSoon: (...ids: (string | null | undefined)[]) => void;
};

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor must be used inside <CurriculumEditor>');
  return value;
}

/** DOM ids of the editor's controls, in one place so that focus can be sent to them. */
export const domId = {
  weekTitle: (id: string) => `week-${id}-title`,
  weekToggle: (id: string) => `week-${id}-toggle`,
  sectionTitle: (id: string) => `section-${id}-title`,
  itemTitle: (id: string) => `item-${id}-title`,
  itemUrl: (id: string) => `item-${id}-url`,
  goalText: (id: string) => `goal-${id}-text`,
  promptText: (id: string) => `prompt-${id}-text`,
  moveUp: (id: string) => `${id}-move-up`,
  moveDown: (id: string) => `${id}-move-down`,
  addWeek: () => 'add-week',
  addSection: (weekId: string) => `week-${weekId}-add-section`,
  addItem: (sectionId: string) => `section-${sectionId}-add-item`,
  addGoal: (weekId: string) => `week-${weekId}-add-goal`,
  addPrompt: (weekId: string) => `week-${weekId}-add-prompt`,
};
