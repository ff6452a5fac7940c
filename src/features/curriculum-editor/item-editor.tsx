'use client';

// One reading: title, link, minutes, kind, optional, note, and the section it sits in.
import { textFormat, EditableCheckbox, EditableField, EditableSelect } from './editable-field';
import { domId, useEditor } from './editor-context';
import { findItem, findSection, insertAt, mapItem, mapSection, moveItemTo, without, type EditorItem, type EditorSection } from './editor-tree';
import { exerciseSlugFormat, minutesFormat, urlFormat } from './field-formats';
import { DeleteButton, DragHandle, MoveButtons, SortableRow } from './sortable-list';

export type SectionChoice = { id: string; label: string; group: string };

const ITEM_KIND_OPTIONS = [
  { value: 'READING', label: 'Reading' },
  { value: 'VIDEO', label: 'Video' },
  { value: 'NOTEBOOK', label: 'Notebook' },
  { value: 'EXERCISE', label: 'Exercise' },
] as const;

type ItemPatch = Partial<Pick<EditorItem, 'title' | 'url' | 'minutes' | 'optional' | 'note' | 'kind' | 'exerciseSlug' | 'primaryMetric' | 'higherIsBetter' | 'buildsOn'>>;

export function readingName(item: Pick<EditorItem, 'title'>): string {
  return item.title.trim() ? `reading “${item.title.trim()}”` : 'untitled reading';
}

export function useItemActions() {
  const { slug, actions, announce, showToast, focusSoon } = useEditor();
  const { api, run } = actions;

  async function save(item: EditorItem, patch: ItemPatch, field: keyof ItemPatch) {
    const before = { [field]: item[field] } as ItemPatch;
    await run({
      field,
      optimistic: (data) => mapItem(data, item.id, (current) => ({ ...current, ...patch, ...(patch.minutes !== undefined ? { minutesText: null } : {}) })),
      rollback: (data) => mapItem(data, item.id, (current) => ({ ...current, ...before })),
      call: () => api.updateItem.mutate({ curriculum: slug, itemId: item.id, ...patch }),
    });
  }

  async function move(item: EditorItem, toSectionId: string, toIndex: number, focus?: 'up' | 'down' | 'title') {
    const name = readingName(item);
    try {
      await run({
        optimistic: (data) => moveItemTo(data, item.id, toSectionId, toIndex),
        call: () => api.moveItem.mutate({ curriculum: slug, itemId: item.id, toSectionId, toPosition: toIndex + 1 }),
      });
      const found = findItem(actions.current()!, item.id);
      announce(`Moved ${name} to position ${toIndex + 1} of ${found?.section.items.length ?? toIndex + 1}${found ? ` in ${found.section.title}` : ''}.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not move ${name}: ${(error as Error).message}` });
    }
    if (focus === 'up') focusSoon(domId.moveUp(item.id), domId.moveDown(item.id));
    else if (focus === 'down') focusSoon(domId.moveDown(item.id), domId.moveUp(item.id));
    else if (focus === 'title') focusSoon(domId.itemTitle(item.id));
  }

  async function remove(item: EditorItem, section: EditorSection) {
    const name = readingName(item);
    const index = section.items.findIndex((entry) => entry.id === item.id);
    const neighbour = section.items[index + 1] ?? section.items[index - 1];
    const focusAfter = neighbour ? domId.itemTitle(neighbour.id) : domId.addItem(section.id);
    const deleting = run({
      optimistic: (data) => mapSection(data, section.id, (current) => ({ ...current, items: without(current.items, item.id) })),
      call: () => api.deleteItem.mutate({ curriculum: slug, itemId: item.id }),
    });
    showToast({
      tone: 'info',
      message: `Deleted ${name}.`,
      focusAfterDismiss: focusAfter,
      undo: async () => {
        const { deleted } = await deleting;
        await run({
          optimistic: (data) => mapSection(data, deleted.sectionId, (current) => ({ ...current, items: insertAt(current.items, deleted.item) })),
          call: () => api.restoreItem.mutate({ curriculum: slug, sectionId: deleted.sectionId, item: deleted.item }),
        });
        announce(`Restored ${name}.`);
        focusSoon(domId.itemTitle(item.id));
      },
    });
    try {
      await deleting;
      announce(`Deleted ${name}. Undo is available.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not delete ${name}: ${(error as Error).message}` });
      focusSoon(domId.itemTitle(item.id));
    }
  }

  async function add(section: EditorSection) {
    try {
      const { item } = await run({
        call: () => api.addItem.mutate({ curriculum: slug, sectionId: section.id }),
        apply: (data, result) => mapSection(data, section.id, (current) => ({ ...current, items: insertAt(current.items, result.item) })),
      });
      announce(`Added a reading to ${section.title}. Type its title.`);
      focusSoon(domId.itemTitle(item.id));
    } catch (error) {
      showToast({ tone: 'error', message: `Could not add a reading: ${(error as Error).message}` });
    }
  }

  return { save, move, remove, add };
}

export function ItemEditor({
  item,
  index,
  section,
  where,
  sectionChoices,
}: {
  item: EditorItem;
  index: number;
  section: EditorSection;
  /** "Core Readings, Week 3": where the reading is, for its fields' accessible names. */
  where: string;
  sectionChoices: SectionChoice[];
}) {
  const { save, move, remove } = useItemActions();
  const { actions } = useEditor();
  const name = readingName(item);
  const context = `of reading ${index + 1} in ${where}`;
  const groups = [...new Set(sectionChoices.map((choice) => choice.group))];

  return (
    <SortableRow id={item.id} className="rounded-lg border border-line bg-surface p-2 sm:p-3">
      {({ attributes }) => (
        // Phones: handle and buttons on top, fields below; wider screens: handle, fields, buttons.
        <div className="grid grid-cols-[auto_1fr_auto] items-start gap-x-2 gap-y-1">
          <DragHandle {...attributes} label={`Drag to reorder ${name}`} />
          <p aria-hidden="true" className="col-start-2 row-start-1 self-center text-[0.85rem] font-medium text-muted sm:hidden">
            Reading {index + 1}
          </p>
          <div className="col-span-3 row-start-2 grid min-w-0 grid-cols-2 gap-x-3 gap-y-2 sm:col-span-1 sm:col-start-2 sm:row-start-1 sm:grid-cols-12">
            <EditableField
              id={domId.itemTitle(item.id)}
              label="Title"
              context={context}
              value={item.title}
              format={textFormat({ required: 'Give the reading a title.' })}
              className="col-span-2 sm:col-span-6"
              onSave={(value) => save(item, { title: String(value) }, 'title')}
            />
            <EditableField
              id={domId.itemUrl(item.id)}
              label="Link"
              context={context}
              value={item.url}
              format={urlFormat}
              type="url"
              inputMode="url"
              placeholder="https://"
              className="col-span-2 sm:col-span-6"
              onSave={(value) => save(item, { url: value as string | null }, 'url')}
            />
            <EditableField
              id={`item-${item.id}-minutes`}
              label="Minutes"
              context={context}
              value={item.minutes}
              format={minutesFormat}
              type="number"
              inputMode="numeric"
              placeholder="—"
              className="sm:col-span-2"
              onSave={(value) => save(item, { minutes: value as number | null }, 'minutes')}
            />
            <EditableSelect
              id={`item-${item.id}-kind`}
              label="Kind"
              context={context}
              value={item.kind}
              options={ITEM_KIND_OPTIONS}
              className="sm:col-span-3"
              onSave={(kind) => save(item, { kind }, 'kind')}
            />
            <EditableCheckbox
              id={`item-${item.id}-optional`}
              label="Optional"
              context={`(reading ${index + 1} in ${where})`}
              checked={item.optional}
              className="sm:col-span-2"
              onSave={(optional) => save(item, { optional }, 'optional')}
            />
            <div className="sm:col-span-5">
              <label htmlFor={`item-${item.id}-section`} className="block min-h-5 text-[0.85rem] font-medium text-muted">
                Section<span className="sr-only"> {context}</span>
              </label>
              <select
                id={`item-${item.id}-section`}
                value={section.id}
                className="block min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-text"
                onChange={(event) => {
                  // To the end of the chosen section.
                  const target = findSection(actions.current()!, event.target.value);
                  void move(item, event.target.value, target?.section.items.length ?? 0, 'title');
                }}
              >
                {groups.map((group) => (
                  <optgroup key={group} label={group}>
                    {sectionChoices
                      .filter((choice) => choice.group === group)
                      .map((choice) => (
                        <option key={choice.id} value={choice.id}>
                          {choice.label}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <EditableField
              id={`item-${item.id}-note`}
              label="Note"
              context={context}
              value={item.note}
              placeholder="e.g. (if unfamiliar), Chapters 1 and 2"
              className="col-span-2 sm:col-span-12"
              onSave={(value) => save(item, { note: value as string | null }, 'note')}
            />
            {item.kind === 'EXERCISE' ? <ExerciseSettings item={item} context={context} save={save} /> : null}
          </div>
          <div className="col-start-3 row-start-1 flex gap-1 sm:flex-col">
            <MoveButtons id={item.id} name={name} index={index} count={section.items.length} onMove={(to, direction) => void move(item, section.id, to, direction)} />
            <DeleteButton label={`Delete ${name}`} onClick={() => void remove(item, section)} />
          </div>
        </div>
      )}
    </SortableRow>
  );
}

/**
 * An exercise's settings for training runs: the name jobs send, the metric that ranks runs and
 * its direction, and the readings it builds on (the prep sheet says who ran it without them).
 */
function ExerciseSettings({
  item,
  context,
  save,
}: {
  item: EditorItem;
  context: string;
  save: (item: EditorItem, patch: ItemPatch, field: keyof ItemPatch) => Promise<void>;
}) {
  const { actions } = useEditor();
  const readings = (actions.current()?.weeks ?? []).flatMap((week) =>
    week.sections.flatMap((section) =>
      section.items
        .filter((candidate) => candidate.kind !== 'EXERCISE')
        .map((candidate) => ({ key: candidate.url ?? candidate.title, title: candidate.title, week: week.label ?? (week.number !== null ? `Week ${week.number}` : week.title) })),
    ),
  );
  const chosen = new Set(item.buildsOn);
  return (
    <fieldset className="col-span-2 grid gap-x-3 gap-y-2 rounded-lg border border-dashed border-line p-3 sm:col-span-12 sm:grid-cols-12">
      <legend className="px-1 text-[0.85rem] font-medium text-muted">Training runs</legend>
      <EditableField
        id={`item-${item.id}-exercise-slug`}
        label="Exercise name (jobs send it)"
        context={context}
        value={item.exerciseSlug}
        format={exerciseSlugFormat}
        placeholder="e.g. vae"
        className="sm:col-span-4"
        onSave={(value) => save(item, { exerciseSlug: value as string | null }, 'exerciseSlug')}
      />
      <EditableField
        id={`item-${item.id}-metric`}
        label="Metric that ranks runs"
        context={context}
        value={item.primaryMetric}
        placeholder="e.g. elbo"
        className="sm:col-span-4"
        onSave={(value) => save(item, { primaryMetric: value as string | null }, 'primaryMetric')}
      />
      <EditableCheckbox
        id={`item-${item.id}-higher`}
        label="Higher is better"
        context={context}
        checked={item.higherIsBetter !== false}
        className="sm:col-span-4"
        onSave={(higherIsBetter) => save(item, { higherIsBetter }, 'higherIsBetter')}
      />
      <details className="sm:col-span-12">
        <summary className="cursor-pointer text-[0.95rem]">
          Builds on {chosen.size ? `${chosen.size} ${chosen.size === 1 ? 'reading' : 'readings'}` : 'no reading yet'}
        </summary>
        <ul className="mt-2 grid max-h-64 gap-1 overflow-y-auto">
          {readings.map((reading) => (
            <li key={reading.key}>
              <label className="inline-flex min-h-9 items-center gap-2 text-[0.95rem]">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={chosen.has(reading.key)}
                  onChange={(event) => {
                    const next = event.target.checked ? [...item.buildsOn, reading.key] : item.buildsOn.filter((key) => key !== reading.key);
                    void save(item, { buildsOn: next }, 'buildsOn');
                  }}
                />
                <span>
                  {reading.title} <span className="text-muted">({reading.week})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}
