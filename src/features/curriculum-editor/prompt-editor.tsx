'use client';

// A week's discussion prompts and reflection tasks: text and kind, reordered like the rest.
// Deleting one deletes fellows' answers to it; undo brings the prompt back, not the answers.
import { buttonClasses } from '@/components/ui/button-styles';
import { EditableField, EditableSelect, textFormat } from './editable-field';
import { domId, useEditor } from './editor-context';
import { insertAt, mapPrompt, mapWeek, moveTo, without, type EditorPrompt, type EditorWeek } from './editor-tree';
import { DeleteButton, DragHandle, MoveButtons, SortableList, SortableRow } from './sortable-list';

const KIND_OPTIONS = [
  { value: 'DISCUSSION', label: 'Discussion question' },
  { value: 'REFLECTION', label: 'Reflection task' },
] as const;

function promptName(prompt: Pick<EditorPrompt, 'text'>): string {
  const text = prompt.text.trim();
  if (!text) return 'empty prompt';
  return `prompt “${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

function usePromptActions(week: EditorWeek) {
  const { slug, actions, announce, showToast, focusSoon } = useEditor();
  const { api, run } = actions;

  async function save(prompt: EditorPrompt, patch: Partial<Pick<EditorPrompt, 'text' | 'kind'>>, field: 'text' | 'kind') {
    const before = { [field]: prompt[field] };
    await run({
      field,
      optimistic: (data) => mapPrompt(data, prompt.id, (current) => ({ ...current, ...patch })),
      rollback: (data) => mapPrompt(data, prompt.id, (current) => ({ ...current, ...before })),
      call: () => api.updatePrompt.mutate({ curriculum: slug, promptId: prompt.id, ...patch }),
    });
  }

  async function move(prompt: EditorPrompt, toIndex: number, focus?: 'up' | 'down') {
    try {
      await run({
        optimistic: (data) => mapWeek(data, week.id, (current) => ({ ...current, prompts: moveTo(current.prompts, prompt.id, toIndex) })),
        call: () => api.movePrompt.mutate({ curriculum: slug, promptId: prompt.id, toPosition: toIndex + 1 }),
      });
      announce(`Moved ${promptName(prompt)} to position ${toIndex + 1} of ${week.prompts.length}.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not move ${promptName(prompt)}: ${(error as Error).message}` });
    }
    if (focus === 'up') focusSoon(domId.moveUp(prompt.id), domId.moveDown(prompt.id));
    if (focus === 'down') focusSoon(domId.moveDown(prompt.id), domId.moveUp(prompt.id));
  }

  async function remove(prompt: EditorPrompt) {
    const index = week.prompts.findIndex((entry) => entry.id === prompt.id);
    const neighbour = week.prompts[index + 1] ?? week.prompts[index - 1];
    const deleting = run({
      optimistic: (data) => mapWeek(data, week.id, (current) => ({ ...current, prompts: without(current.prompts, prompt.id) })),
      call: () => api.deletePrompt.mutate({ curriculum: slug, promptId: prompt.id }),
    });
    showToast({
      tone: 'info',
      message: `Deleted ${promptName(prompt)}.`,
      focusAfterDismiss: neighbour ? domId.promptText(neighbour.id) : domId.addPrompt(week.id),
      undo: async () => {
        const { deleted } = await deleting;
        await run({
          optimistic: (data) => mapWeek(data, deleted.weekId, (current) => ({ ...current, prompts: insertAt(current.prompts, deleted.prompt) })),
          call: () => api.restorePrompt.mutate({ curriculum: slug, weekId: deleted.weekId, prompt: deleted.prompt }),
        });
        announce(`Restored ${promptName(prompt)}.`);
        focusSoon(domId.promptText(prompt.id));
      },
    });
    try {
      await deleting;
      announce(`Deleted ${promptName(prompt)}. Undo is available.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not delete ${promptName(prompt)}: ${(error as Error).message}` });
    }
  }

  async function add() {
    try {
      const { prompt } = await run({
        call: () => api.addPrompt.mutate({ curriculum: slug, weekId: week.id }),
        apply: (data, result) => mapWeek(data, week.id, (current) => ({ ...current, prompts: insertAt(current.prompts, result.prompt) })),
      });
      announce('Added a prompt. Type the question.');
      focusSoon(domId.promptText(prompt.id));
    } catch (error) {
      showToast({ tone: 'error', message: `Could not add a prompt: ${(error as Error).message}` });
    }
  }

  return { save, move, remove, add };
}

export function PromptsEditor({ week, weekName }: { week: EditorWeek; weekName: string }) {
  const { save, move, remove, add } = usePromptActions(week);
  return (
    <div>
      {week.prompts.length === 0 ? (
        <p className="text-[0.95rem] text-muted">No prompts yet: add the questions fellows answer before the meeting.</p>
      ) : (
        <SortableList
          ids={week.prompts.map((prompt) => prompt.id)}
          nameOf={(id) => promptName(week.prompts.find((prompt) => prompt.id === id) ?? { text: '' })}
          listLabel={`the prompts of ${weekName}`}
          onMove={(id, toIndex) => {
            const prompt = week.prompts.find((entry) => entry.id === id);
            if (prompt) void move(prompt, toIndex);
          }}
          className="grid gap-2"
        >
          {week.prompts.map((prompt, index) => {
            const context = `of prompt ${index + 1} in ${weekName}`;
            return (
              <SortableRow key={prompt.id} id={prompt.id} className="rounded-lg border border-line bg-surface p-2">
                {({ attributes }) => (
                  <div className="grid grid-cols-[auto_1fr_auto] items-start gap-x-2 gap-y-1">
                    <DragHandle {...attributes} label={`Drag to reorder ${promptName(prompt)}`} />
                    <div className="col-span-3 row-start-2 grid min-w-0 gap-x-3 gap-y-2 sm:col-span-1 sm:col-start-2 sm:row-start-1 sm:grid-cols-[1fr_11rem]">
                      <EditableField
                        id={domId.promptText(prompt.id)}
                        label="Prompt"
                        context={context}
                        value={prompt.text}
                        format={textFormat({ required: 'Write the prompt, or delete it.' })}
                        onSave={(value) => save(prompt, { text: String(value) }, 'text')}
                      />
                      <EditableSelect
                        id={`prompt-${prompt.id}-kind`}
                        label="Kind"
                        context={context}
                        value={prompt.kind}
                        options={KIND_OPTIONS}
                        onSave={(kind) => save(prompt, { kind }, 'kind')}
                      />
                    </div>
                    <div className="col-start-3 row-start-1 flex gap-1">
                      <MoveButtons
                        id={prompt.id}
                        name={promptName(prompt)}
                        index={index}
                        count={week.prompts.length}
                        onMove={(to, direction) => void move(prompt, to, direction)}
                      />
                      <DeleteButton label={`Delete ${promptName(prompt)}`} onClick={() => void remove(prompt)} />
                    </div>
                  </div>
                )}
              </SortableRow>
            );
          })}
        </SortableList>
      )}
      <button id={domId.addPrompt(week.id)} type="button" className={buttonClasses('quiet', 'sm', 'mt-2')} onClick={() => void add()}>
        <span aria-hidden="true">+</span> Add prompt<span className="sr-only"> to {weekName}</span>
      </button>
    </div>
  );
}
