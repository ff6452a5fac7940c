'use client';

// The curriculum editor: the whole curriculum as an outline that saves as it is edited.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button-styles';
import { useTRPC } from '@/trpc/react';
import { CurriculumFields } from './curriculum-fields';
import { domId, EditorContext, type EditorContextValue, type Toast } from './editor-context';
import { weekLabel, type EditorData } from './editor-tree';
import type { SectionChoice } from './item-editor';
import { SortableList } from './sortable-list';
import { LinkCheck } from './link-check';
import { UndoToast } from './undo-toast';
import { useEditorActions } from './use-editor-actions';
import { useWeekActions, WeekEditor, weekName } from './week-editor';

function focusSoon(...ids: (string | null | undefined)[]) {
  let tries = 0;
  const attempt = () => {
    for (const id of ids) {
      const element = id ? document.getElementById(id) : null;
      if (element && !(element as HTMLButtonElement).disabled && !element.closest('[hidden]')) {
        element.focus();
        return;
      }
    }
    tries += 1;
    if (tries < 20) setTimeout(attempt, 50);
  };
  setTimeout(attempt, 0);
}

/** `badge` sits beside the title; `children` (the page's notes) between the title and the outline. */
export function CurriculumEditor({ initial, badge, children }: { initial: EditorData; badge?: ReactNode; children?: ReactNode }) {
  const trpc = useTRPC();
  const slug = initial.slug;
  const query = useQuery({ ...trpc.curriculumEditor.get.queryOptions({ curriculum: slug }), initialData: initial });
  const data = query.data;
  const actions = useEditorActions(slug);

  const [announcement, setAnnouncement] = useState('');
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = useCallback((message: string) => {
    // Cleared first, so the same words twice are read twice.
    setAnnouncement('');
    if (announceTimer.current) clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => setAnnouncement(message), 60);
  }, []);

  const [toast, setToast] = useState<(Toast & { key: number }) | null>(null);
  const toastKey = useRef(0);
  const showToast = useCallback((next: Toast) => {
    toastKey.current += 1;
    setToast({ ...next, key: toastKey.current });
  }, []);
  const closeToast = useCallback((focusAfter: string | null) => {
    setToast(null);
    if (focusAfter) focusSoon(focusAfter);
  }, []);

  const [closed, setClosed] = useState<Set<string>>(() => new Set());
  const toggle = (weekId: string) =>
    setClosed((current) => {
      const next = new Set(current);
      if (next.has(weekId)) next.delete(weekId);
      else next.add(weekId);
      return next;
    });

  const context: EditorContextValue = useMemo(
    () => ({ slug, announce, actions, showToast, focusSoon }),
    [slug, announce, actions, showToast],
  );

  return (
    <EditorContext.Provider value={context}>
      <header className="mt-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-3xl font-bold tracking-tight break-words">Edit {data.title || 'curriculum'}</h1>
          {badge}
        </div>
      </header>
      {children}
      <EditorBody data={data} closed={closed} toggle={toggle} setClosed={setClosed} />
      <UndoToast toast={toast} onClose={closeToast} />
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>
    </EditorContext.Provider>
  );
}

function EditorBody({
  data,
  closed,
  toggle,
  setClosed,
}: {
  data: EditorData;
  closed: Set<string>;
  toggle: (weekId: string) => void;
  setClosed: (closed: Set<string>) => void;
}) {
  const weeks = useWeekActions(data);
  const sectionChoices: SectionChoice[] = data.weeks.flatMap((week) =>
    week.sections.map((section) => ({ id: section.id, label: section.title || 'Untitled section', group: weekName(week) })),
  );

  return (
    <div className="mt-8 grid gap-8">
      <section aria-labelledby="curriculum-details-heading">
        <h2 id="curriculum-details-heading" className="mb-3 text-xl font-semibold">
          Curriculum
        </h2>
        <CurriculumFields data={data} />
      </section>

      <LinkCheck
        data={data}
        reveal={(weekId) => {
          if (!closed.has(weekId)) return;
          const open = new Set(closed);
          open.delete(weekId);
          setClosed(open);
        }}
      />

      <section aria-labelledby="weeks-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="weeks-heading" className="text-xl font-semibold">
            Weeks
          </h2>
          {data.weeks.length > 0 ? (
            <div className="flex gap-2">
              <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setClosed(new Set())}>
                Expand all
              </button>
              <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setClosed(new Set(data.weeks.map((week) => week.id)))}>
                Collapse all
              </button>
            </div>
          ) : null}
        </div>
        {data.weeks.length === 0 ? (
          <p className="rounded-xl border border-dashed border-line bg-surface px-5 py-6 text-muted">
            No weeks yet. Add the first week, then its sections and readings.
          </p>
        ) : (
          <SortableList
            ids={data.weeks.map((week) => week.id)}
            nameOf={(id) => {
              const week = data.weeks.find((entry) => entry.id === id);
              return week ? weekName(week) : 'week';
            }}
            listLabel="the weeks"
            onMove={(id, toIndex) => {
              const week = data.weeks.find((entry) => entry.id === id);
              if (week) void weeks.move(week, toIndex);
            }}
            className="grid gap-4"
          >
            {data.weeks.map((week, index) => (
              <WeekEditor
                key={week.id}
                week={week}
                index={index}
                count={data.weeks.length}
                open={!closed.has(week.id)}
                onToggle={() => toggle(week.id)}
                sectionChoices={sectionChoices}
                actions={weeks}
              />
            ))}
          </SortableList>
        )}
        <button id={domId.addWeek()} type="button" className={buttonClasses('secondary', 'md', 'mt-4')} onClick={() => void weeks.add()}>
          <span aria-hidden="true">+</span> Add week
        </button>
        {data.weeks.length > 0 ? (
          <p className="mt-2 text-[0.85rem] text-muted">
            New weeks go after {weekLabel(data.weeks.at(-1)!)}. Drag a week’s handle, or use its arrow buttons, to move it.
          </p>
        ) : null}
      </section>
    </div>
  );
}
