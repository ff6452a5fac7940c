'use client';

// The curriculum's own fields: title, description, and the introduction notes.
import { EditableField, textFormat } from './editable-field';
import { useEditor } from './editor-context';
import type { EditorData } from './editor-tree';

type CurriculumPatch = Partial<Pick<EditorData, 'title' | 'description' | 'notes'>>;

export function CurriculumFields({ data }: { data: EditorData }) {
  const { slug, actions } = useEditor();

  async function save(patch: CurriculumPatch, field: keyof CurriculumPatch) {
    const before = { [field]: data[field] };
    await actions.run({
      field,
      optimistic: (current) => ({ ...current, ...patch }),
      rollback: (current) => ({ ...current, ...before }),
      call: () => actions.api.updateCurriculum.mutate({ curriculum: slug, ...patch }),
    });
  }

  return (
    <div className="grid gap-3 rounded-2xl border border-line bg-surface p-3 sm:p-5">
      <EditableField
        id="curriculum-title"
        label="Curriculum title"
        value={data.title}
        format={textFormat({ required: 'Give the curriculum a title.' })}
        inputClassName="text-lg font-semibold"
        onSave={(value) => save({ title: String(value) }, 'title')}
      />
      <EditableField
        id="curriculum-description"
        label="Description"
        value={data.description}
        placeholder="One line under the title"
        onSave={(value) => save({ description: value as string | null }, 'description')}
      />
      <EditableField
        id="curriculum-notes"
        label="Introduction (markdown, shown before the first week)"
        value={data.notes}
        multiline
        rows={data.notes && data.notes.length > 200 ? 6 : 3}
        inputClassName="font-mono text-[0.9rem]"
        onSave={(value) => save({ notes: value as string | null }, 'notes')}
      />
    </div>
  );
}
