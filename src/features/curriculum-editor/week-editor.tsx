'use client';

// One week (or multi-week unit): its fields, sections with readings, and learning goals,
// behind a disclosure button so a long syllabus stays scannable.
import { buttonClasses } from '@/components/ui/button-styles';
import { formatMinutes } from '@/lib/format';
import { sumReadingTime } from '@/lib/reading-time';
import { EditableField, textFormat } from './editable-field';
import { domId, useEditor } from './editor-context';
import { insertAt, mapWeek, moveTo, weekLabel, without, type EditorData, type EditorWeek } from './editor-tree';
import { spanFormat, weekNumberFormat } from './field-formats';
import { GoalsEditor } from './goal-editor';
import { PromptsEditor } from './prompt-editor';
import type { SectionChoice } from './item-editor';
import { SectionEditor, sectionName, useSectionActions } from './section-editor';
import { DeleteButton, DragHandle, MoveButtons, SortableList, SortableRow } from './sortable-list';

export function weekName(week: Pick<EditorWeek, 'number' | 'span' | 'label' | 'title'>): string {
  const label = weekLabel(week);
  return week.title.trim() ? `${label}: ${week.title.trim()}` : label;
}

type WeekPatch = Partial<Pick<EditorWeek, 'title' | 'label' | 'number' | 'span' | 'part' | 'notes'>>;

export function useWeekActions(data: EditorData) {
  const { slug, actions, announce, showToast, focusSoon } = useEditor();
  const { api, run } = actions;

  async function save(week: EditorWeek, patch: WeekPatch, field: keyof WeekPatch) {
    const before = { [field]: week[field] };
    await run({
      field,
      optimistic: (current) => mapWeek(current, week.id, (entry) => ({ ...entry, ...patch })),
      rollback: (current) => mapWeek(current, week.id, (entry) => ({ ...entry, ...before })),
      call: () => api.updateWeek.mutate({ curriculum: slug, weekId: week.id, ...patch }),
    });
  }

  async function move(week: EditorWeek, toIndex: number, focus?: 'up' | 'down') {
    try {
      await run({
        optimistic: (current) => ({ ...current, weeks: moveTo(current.weeks, week.id, toIndex) }),
        call: () => api.moveWeek.mutate({ curriculum: slug, weekId: week.id, toPosition: toIndex + 1 }),
        // Weeks numbered in sequence are renumbered by the server: show its numbers.
        apply: (current, result) => ({
          ...current,
          weeks: current.weeks.map((entry) => {
            const moved = result.weeks.find((row) => row.id === entry.id);
            return moved && moved.number !== entry.number ? { ...entry, number: moved.number, label: null } : entry;
          }),
        }),
      });
      announce(`Moved ${weekName(week)} to position ${toIndex + 1} of ${data.weeks.length}.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not move ${weekName(week)}: ${(error as Error).message}` });
    }
    if (focus === 'up') focusSoon(domId.moveUp(week.id), domId.moveDown(week.id));
    if (focus === 'down') focusSoon(domId.moveDown(week.id), domId.moveUp(week.id));
  }

  async function remove(week: EditorWeek) {
    const index = data.weeks.findIndex((entry) => entry.id === week.id);
    const neighbour = data.weeks[index + 1] ?? data.weeks[index - 1];
    const deleting = run({
      optimistic: (current) => ({ ...current, weeks: without(current.weeks, week.id) }),
      call: () => api.deleteWeek.mutate({ curriculum: slug, weekId: week.id }),
    });
    showToast({
      tone: 'info',
      message: `Deleted ${weekName(week)} with its sections, readings and goals.`,
      focusAfterDismiss: neighbour ? domId.weekToggle(neighbour.id) : domId.addWeek(),
      undo: async () => {
        const { deleted } = await deleting;
        await run({
          optimistic: (current) => ({ ...current, weeks: insertAt(current.weeks, deleted.week) }),
          call: () => api.restoreWeek.mutate({ curriculum: slug, week: deleted.week }),
        });
        announce(`Restored ${weekName(week)}.`);
        focusSoon(domId.weekToggle(week.id));
      },
    });
    try {
      await deleting;
      announce(`Deleted ${weekName(week)}. Undo is available.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not delete ${weekName(week)}: ${(error as Error).message}` });
    }
  }

  async function add() {
    try {
      const { week } = await run({
        call: () => api.addWeek.mutate({ curriculum: slug }),
        apply: (current, result) => ({ ...current, weeks: insertAt(current.weeks, result.week) }),
      });
      announce(`Added ${weekName(week)}. Type its title.`);
      focusSoon(domId.weekTitle(week.id));
      return week.id;
    } catch (error) {
      showToast({ tone: 'error', message: `Could not add a week: ${(error as Error).message}` });
      return null;
    }
  }

  return { save, move, remove, add };
}

export function WeekEditor({
  week,
  index,
  count,
  open,
  onToggle,
  sectionChoices,
  actions,
}: {
  week: EditorWeek;
  index: number;
  count: number;
  open: boolean;
  onToggle: () => void;
  sectionChoices: SectionChoice[];
  actions: ReturnType<typeof useWeekActions>;
}) {
  const sections = useSectionActions(week);
  const name = weekName(week);
  const context = `of ${weekLabel(week)}`;
  const time = sumReadingTime(week.sections);
  const readings = week.sections.reduce((sum, section) => sum + section.items.length, 0);
  const regionId = `week-${week.id}-content`;

  return (
    <SortableRow id={week.id} className="rounded-2xl border border-line bg-surface shadow-sm">
      {({ attributes }) => (
        <section aria-labelledby={domId.weekToggle(week.id)}>
          {/* Phones: handle and buttons on top, the title below; wider screens: one row. */}
          <div className="grid grid-cols-[auto_1fr_auto] items-start gap-x-2 gap-y-1 p-2 sm:p-3">
            <DragHandle {...attributes} label={`Drag to reorder ${name}`} />
            <p aria-hidden="true" className="col-start-2 row-start-1 self-center text-[0.85rem] font-medium text-muted sm:hidden">
              {weekLabel(week)}
            </p>
            <div className="col-span-3 row-start-2 min-w-0 sm:col-span-1 sm:col-start-2 sm:row-start-1">
              <h2 className="text-lg font-semibold">
                <button
                  id={domId.weekToggle(week.id)}
                  type="button"
                  aria-expanded={open}
                  aria-controls={regionId}
                  aria-describedby={`week-${week.id}-summary`}
                  onClick={onToggle}
                  className="flex min-h-11 w-full items-start gap-2 rounded-lg px-1 py-1.5 text-left hover:bg-surface-muted"
                >
                  <span aria-hidden="true" className={`inline-block w-4 shrink-0 text-muted transition-transform ${open ? 'rotate-90' : ''}`}>
                    ▸
                  </span>
                  <span className="min-w-0 break-words">{name}</span>
                </button>
              </h2>
              <p id={`week-${week.id}-summary`} className="pl-7 text-[0.85rem] text-muted">
                {week.sections.length} {week.sections.length === 1 ? 'section' : 'sections'} · {readings}{' '}
                {readings === 1 ? 'reading' : 'readings'} · {formatMinutes(time.requiredMinutes)} core
                {week.part ? ` · ${week.part}` : ''}
              </p>
            </div>
            <div className="col-start-3 row-start-1 flex shrink-0 gap-1">
              <MoveButtons id={week.id} name={name} index={index} count={count} onMove={(to, direction) => void actions.move(week, to, direction)} />
              <DeleteButton label={`Delete ${name}`} onClick={() => void actions.remove(week)} />
            </div>
          </div>

          <div id={regionId} hidden={!open} className="border-t border-line px-3 pt-4 pb-5 sm:px-5">
            <div className="grid grid-cols-2 gap-x-3 gap-y-2 sm:grid-cols-12">
              <EditableField
                id={domId.weekTitle(week.id)}
                label="Week title"
                context={context}
                value={week.title}
                format={textFormat({ required: 'Give the week a title.' })}
                className="col-span-2 sm:col-span-6"
                onSave={(value) => actions.save(week, { title: String(value) }, 'title')}
              />
              <EditableField
                id={`week-${week.id}-number`}
                label="Number"
                context={context}
                value={week.number}
                format={weekNumberFormat}
                type="number"
                inputMode="numeric"
                className="sm:col-span-2"
                onSave={(value) => actions.save(week, { number: value as number | null }, 'number')}
              />
              <EditableField
                id={`week-${week.id}-span`}
                label="Weeks it takes"
                context={context}
                value={week.span}
                format={spanFormat}
                type="number"
                inputMode="numeric"
                className="sm:col-span-2"
                onSave={(value) => actions.save(week, { span: value as number }, 'span')}
              />
              <EditableField
                id={`week-${week.id}-label`}
                label="Label"
                context={context}
                value={week.label}
                placeholder={weekLabel({ ...week, label: null })}
                className="sm:col-span-2"
                onSave={(value) => actions.save(week, { label: value as string | null }, 'label')}
              />
              <EditableField
                id={`week-${week.id}-part`}
                label="Part"
                context={context}
                value={week.part}
                placeholder="Optional, e.g. Part 1: Foundations"
                className="col-span-2 sm:col-span-12"
                onSave={(value) => actions.save(week, { part: value as string | null }, 'part')}
              />
              <EditableField
                id={`week-${week.id}-notes`}
                label="Notes (markdown)"
                context={context}
                value={week.notes}
                multiline
                rows={week.notes && week.notes.length > 200 ? 6 : 3}
                className="col-span-2 sm:col-span-12"
                inputClassName="font-mono text-[0.9rem]"
                onSave={(value) => actions.save(week, { notes: value as string | null }, 'notes')}
              />
            </div>

            <h3 className="mt-6 mb-2 text-base font-semibold">Sections and readings</h3>
            {week.sections.length === 0 ? (
              <p className="text-[0.95rem] text-muted">No sections yet: add one, then its readings.</p>
            ) : (
              <SortableList
                ids={week.sections.map((section) => section.id)}
                nameOf={(id) => sectionName(week.sections.find((section) => section.id === id) ?? { title: '' })}
                listLabel={`the sections of ${name}`}
                onMove={(id, toIndex) => {
                  const section = week.sections.find((entry) => entry.id === id);
                  if (section) void sections.move(section, toIndex);
                }}
                className="grid gap-3"
              >
                {week.sections.map((section, sectionIndex) => (
                  <SectionEditor
                    key={section.id}
                    section={section}
                    index={sectionIndex}
                    week={week}
                    weekShortName={weekLabel(week)}
                    sectionChoices={sectionChoices}
                    actions={sections}
                  />
                ))}
              </SortableList>
            )}
            <button id={domId.addSection(week.id)} type="button" className={buttonClasses('secondary', 'sm', 'mt-3')} onClick={() => void sections.add()}>
              <span aria-hidden="true">+</span> Add section<span className="sr-only"> to {name}</span>
            </button>

            <h3 className="mt-6 mb-2 text-base font-semibold">Learning goals</h3>
            <GoalsEditor week={week} weekName={name} />
            <h3 className="mt-6 mb-2 text-base font-semibold">Discussion prompts</h3>
            <PromptsEditor week={week} weekName={name} />
          </div>
        </section>
      )}
    </SortableRow>
  );
}
