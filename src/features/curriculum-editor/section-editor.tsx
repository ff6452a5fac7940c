'use client';

// One section of a week ("Core Readings (70 min)") with its readings.
import { buttonClasses } from '@/components/ui/button-styles';
import { formatMinutes } from '@/lib/format';
import { sumSectionMinutes } from '@/lib/reading-time';
import { EditableField, EditableSelect, textFormat } from './editable-field';
import { domId, useEditor } from './editor-context';
import { insertAt, mapSection, mapWeek, moveTo, without, type EditorSection, type EditorWeek } from './editor-tree';
import { ItemEditor, readingName, useItemActions, type SectionChoice } from './item-editor';
import { DeleteButton, DragHandle, MoveButtons, SortableList, SortableRow } from './sortable-list';

const SECTION_KIND_OPTIONS = [
  { value: 'CORE', label: 'Core' },
  { value: 'PRACTICAL', label: 'Practical' },
  { value: 'OPTIONAL', label: 'Optional' },
  { value: 'OTHER', label: 'Other' },
] as const;

export function sectionName(section: Pick<EditorSection, 'title'>): string {
  return section.title.trim() ? `section “${section.title.trim()}”` : 'untitled section';
}

type SectionPatch = Partial<Pick<EditorSection, 'title' | 'kind' | 'statedText' | 'group'>>;

export function useSectionActions(week: EditorWeek) {
  const { slug, actions, announce, showToast, focusSoon } = useEditor();
  const { api, run } = actions;

  async function save(section: EditorSection, patch: SectionPatch, field: keyof SectionPatch) {
    const before = { [field]: section[field], statedMinutes: section.statedMinutes };
    await run({
      field,
      optimistic: (data) => mapSection(data, section.id, (current) => ({ ...current, ...patch })),
      rollback: (data) => mapSection(data, section.id, (current) => ({ ...current, ...before })),
      call: () => api.updateSection.mutate({ curriculum: slug, sectionId: section.id, ...patch }),
      apply: (data, result) => mapSection(data, section.id, (current) => ({ ...current, statedMinutes: result.section.statedMinutes })),
    });
  }

  async function move(section: EditorSection, toIndex: number, focus?: 'up' | 'down') {
    try {
      await run({
        optimistic: (data) => mapWeek(data, week.id, (current) => ({ ...current, sections: moveTo(current.sections, section.id, toIndex) })),
        call: () => api.moveSection.mutate({ curriculum: slug, sectionId: section.id, toPosition: toIndex + 1 }),
      });
      announce(`Moved ${sectionName(section)} to position ${toIndex + 1} of ${week.sections.length}.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not move ${sectionName(section)}: ${(error as Error).message}` });
    }
    if (focus === 'up') focusSoon(domId.moveUp(section.id), domId.moveDown(section.id));
    if (focus === 'down') focusSoon(domId.moveDown(section.id), domId.moveUp(section.id));
  }

  async function remove(section: EditorSection) {
    const index = week.sections.findIndex((entry) => entry.id === section.id);
    const neighbour = week.sections[index + 1] ?? week.sections[index - 1];
    const readings = section.items.length;
    const deleting = run({
      optimistic: (data) => mapWeek(data, week.id, (current) => ({ ...current, sections: without(current.sections, section.id) })),
      call: () => api.deleteSection.mutate({ curriculum: slug, sectionId: section.id }),
    });
    showToast({
      tone: 'info',
      message: `Deleted ${sectionName(section)}${readings ? ` and its ${readings === 1 ? 'reading' : `${readings} readings`}` : ''}.`,
      focusAfterDismiss: neighbour ? domId.sectionTitle(neighbour.id) : domId.addSection(week.id),
      undo: async () => {
        const { deleted } = await deleting;
        await run({
          optimistic: (data) => mapWeek(data, deleted.weekId, (current) => ({ ...current, sections: insertAt(current.sections, deleted.section) })),
          call: () => api.restoreSection.mutate({ curriculum: slug, weekId: deleted.weekId, section: deleted.section }),
        });
        announce(`Restored ${sectionName(section)}.`);
        focusSoon(domId.sectionTitle(section.id));
      },
    });
    try {
      await deleting;
      announce(`Deleted ${sectionName(section)}. Undo is available.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not delete ${sectionName(section)}: ${(error as Error).message}` });
    }
  }

  async function add() {
    try {
      const { section } = await run({
        call: () => api.addSection.mutate({ curriculum: slug, weekId: week.id }),
        apply: (data, result) => mapWeek(data, week.id, (current) => ({ ...current, sections: insertAt(current.sections, result.section) })),
      });
      announce('Added a section. Type its title.');
      focusSoon(domId.sectionTitle(section.id));
    } catch (error) {
      showToast({ tone: 'error', message: `Could not add a section: ${(error as Error).message}` });
    }
  }

  return { save, move, remove, add };
}

export function SectionEditor({
  section,
  index,
  week,
  weekShortName,
  sectionChoices,
  actions,
}: {
  section: EditorSection;
  index: number;
  week: EditorWeek;
  /** "Week 3", to tell fields of one section from another's to screen readers. */
  weekShortName: string;
  sectionChoices: SectionChoice[];
  actions: ReturnType<typeof useSectionActions>;
}) {
  const items = useItemActions();
  const name = sectionName(section);
  const context = `of section ${index + 1} in ${weekShortName}`;
  const computed = sumSectionMinutes(section);
  const disagrees = section.statedMinutes !== null && section.items.length > 0 && computed !== section.statedMinutes;

  return (
    <SortableRow id={section.id} className="rounded-xl border border-line bg-surface-muted/60 p-2 sm:p-4">
      {({ attributes }) => (
        <div>
          <div className="grid grid-cols-[auto_1fr_auto] items-start gap-x-2 gap-y-1">
            <DragHandle {...attributes} label={`Drag to reorder ${name}`} />
            <p aria-hidden="true" className="col-start-2 row-start-1 self-center text-[0.85rem] font-medium text-muted sm:hidden">
              Section {index + 1}
            </p>
            <div className="col-span-3 row-start-2 grid min-w-0 grid-cols-2 gap-x-3 gap-y-2 sm:col-span-1 sm:col-start-2 sm:row-start-1 sm:grid-cols-12">
              <EditableField
                id={domId.sectionTitle(section.id)}
                label="Section title"
                context={context}
                value={section.title}
                format={textFormat({ required: 'Give the section a title.' })}
                className="col-span-2 sm:col-span-6"
                inputClassName="font-semibold"
                onSave={(value) => actions.save(section, { title: String(value) }, 'title')}
              />
              <EditableSelect
                id={`section-${section.id}-kind`}
                label="Kind"
                context={context}
                value={section.kind}
                options={SECTION_KIND_OPTIONS}
                className="sm:col-span-3"
                onSave={(kind) => actions.save(section, { kind }, 'kind')}
              />
              <EditableField
                id={`section-${section.id}-stated`}
                label="Stated time"
                context={context}
                value={section.statedText ?? (section.statedMinutes === null ? null : `${section.statedMinutes} min`)}
                placeholder="e.g. 70 min"
                className="sm:col-span-3"
                onSave={(value) => actions.save(section, { statedText: value as string | null }, 'statedText')}
              />
              <EditableField
                id={`section-${section.id}-group`}
                label="Group heading"
                context={context}
                value={section.group}
                placeholder="Optional, e.g. Core Content: (125 min)"
                className="col-span-2 sm:col-span-12"
                onSave={(value) => actions.save(section, { group: value as string | null }, 'group')}
              />
            </div>
            <div className="col-start-3 row-start-1 flex gap-1 sm:flex-col">
              <MoveButtons id={section.id} name={name} index={index} count={week.sections.length} onMove={(to, direction) => void actions.move(section, to, direction)} />
              <DeleteButton label={`Delete ${name}`} onClick={() => void actions.remove(section)} />
            </div>
          </div>

          <p className="mt-2 text-[0.85rem] text-muted">
            Readings add up to {formatMinutes(computed)}
            {disagrees ? (
              <span className="font-medium text-warning"> · stated {formatMinutes(section.statedMinutes!)}: check the time or the readings</span>
            ) : null}
          </p>

          <div className="mt-2">
            {section.items.length === 0 ? (
              <p className="text-[0.95rem] text-muted">No readings in this section yet.</p>
            ) : (
              <SortableList
                ids={section.items.map((item) => item.id)}
                nameOf={(id) => readingName(section.items.find((item) => item.id === id) ?? { title: '' })}
                listLabel={`the readings of ${section.title}`}
                onMove={(id, toIndex) => {
                  const item = section.items.find((entry) => entry.id === id);
                  if (item) void items.move(item, section.id, toIndex);
                }}
                className="grid gap-2"
              >
                {section.items.map((item, itemIndex) => (
                  <ItemEditor key={item.id} item={item} index={itemIndex} section={section} where={`${section.title}, ${weekShortName}`} sectionChoices={sectionChoices} />
                ))}
              </SortableList>
            )}
            <button id={domId.addItem(section.id)} type="button" className={buttonClasses('quiet', 'sm', 'mt-2')} onClick={() => void items.add(section)}>
              <span aria-hidden="true">+</span> Add reading<span className="sr-only"> to {section.title}</span>
            </button>
          </div>
        </div>
      )}
    </SortableRow>
  );
}
