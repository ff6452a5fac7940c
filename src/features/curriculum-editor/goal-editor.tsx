'use client';

// A week's learning goals: text and category, reordered like the rest.
import { buttonClasses } from '@/components/ui/button-styles';
import { EditableField, EditableSelect, textFormat } from './editable-field';
import { domId, useEditor } from './editor-context';
import { insertAt, mapGoal, mapWeek, moveTo, without, type EditorGoal, type EditorWeek } from './editor-tree';
import { DeleteButton, DragHandle, MoveButtons, SortableList, SortableRow } from './sortable-list';

const CATEGORY_OPTIONS = [
  { value: 'GENERAL', label: 'General' },
  { value: 'THEORETICAL', label: 'Theoretical' },
  { value: 'PRACTICAL', label: 'Practical' },
] as const;

function goalName(goal: Pick<EditorGoal, 'text'>): string {
  const text = goal.text.trim();
  if (!text) return 'untitled learning goal';
  return `learning goal “${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

function useGoalActions(week: EditorWeek) {
  const { slug, actions, announce, showToast, focusSoon } = useEditor();
  const { api, run } = actions;

  async function save(goal: EditorGoal, patch: Partial<Pick<EditorGoal, 'text' | 'category'>>, field: 'text' | 'category') {
    const before = { [field]: goal[field] };
    await run({
      field,
      optimistic: (data) => mapGoal(data, goal.id, (current) => ({ ...current, ...patch })),
      rollback: (data) => mapGoal(data, goal.id, (current) => ({ ...current, ...before })),
      call: () => api.updateGoal.mutate({ curriculum: slug, goalId: goal.id, ...patch }),
    });
  }

  async function move(goal: EditorGoal, toIndex: number, focus?: 'up' | 'down') {
    try {
      await run({
        optimistic: (data) => mapWeek(data, week.id, (current) => ({ ...current, goals: moveTo(current.goals, goal.id, toIndex) })),
        call: () => api.moveGoal.mutate({ curriculum: slug, goalId: goal.id, toPosition: toIndex + 1 }),
      });
      announce(`Moved ${goalName(goal)} to position ${toIndex + 1} of ${week.goals.length}.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not move ${goalName(goal)}: ${(error as Error).message}` });
    }
    if (focus === 'up') focusSoon(domId.moveUp(goal.id), domId.moveDown(goal.id));
    if (focus === 'down') focusSoon(domId.moveDown(goal.id), domId.moveUp(goal.id));
  }

  async function remove(goal: EditorGoal) {
    const index = week.goals.findIndex((entry) => entry.id === goal.id);
    const neighbour = week.goals[index + 1] ?? week.goals[index - 1];
    const deleting = run({
      optimistic: (data) => mapWeek(data, week.id, (current) => ({ ...current, goals: without(current.goals, goal.id) })),
      call: () => api.deleteGoal.mutate({ curriculum: slug, goalId: goal.id }),
    });
    showToast({
      tone: 'info',
      message: `Deleted ${goalName(goal)}.`,
      focusAfterDismiss: neighbour ? domId.goalText(neighbour.id) : domId.addGoal(week.id),
      undo: async () => {
        const { deleted } = await deleting;
        await run({
          optimistic: (data) => mapWeek(data, deleted.weekId, (current) => ({ ...current, goals: insertAt(current.goals, deleted.goal) })),
          call: () => api.restoreGoal.mutate({ curriculum: slug, weekId: deleted.weekId, goal: deleted.goal }),
        });
        announce(`Restored ${goalName(goal)}.`);
        focusSoon(domId.goalText(goal.id));
      },
    });
    try {
      await deleting;
      announce(`Deleted ${goalName(goal)}. Undo is available.`);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not delete ${goalName(goal)}: ${(error as Error).message}` });
    }
  }

  async function add() {
    try {
      const { goal } = await run({
        call: () => api.addGoal.mutate({ curriculum: slug, weekId: week.id }),
        apply: (data, result) => mapWeek(data, week.id, (current) => ({ ...current, goals: insertAt(current.goals, result.goal) })),
      });
      announce('Added a learning goal. Type its text.');
      focusSoon(domId.goalText(goal.id));
    } catch (error) {
      showToast({ tone: 'error', message: `Could not add a learning goal: ${(error as Error).message}` });
    }
  }

  return { save, move, remove, add };
}

export function GoalsEditor({ week, weekName }: { week: EditorWeek; weekName: string }) {
  const { save, move, remove, add } = useGoalActions(week);
  return (
    <div>
      {week.goals.length === 0 ? (
        <p className="text-[0.95rem] text-muted">No learning goals yet: add what fellows should be able to do after this week.</p>
      ) : (
        <SortableList
          ids={week.goals.map((goal) => goal.id)}
          nameOf={(id) => goalName(week.goals.find((goal) => goal.id === id) ?? { text: '' })}
          listLabel={`the learning goals of ${weekName}`}
          onMove={(id, toIndex) => {
            const goal = week.goals.find((entry) => entry.id === id);
            if (goal) void move(goal, toIndex);
          }}
          className="grid gap-2"
        >
          {week.goals.map((goal, index) => {
            const context = `of learning goal ${index + 1} in ${weekName}`;
            return (
              <SortableRow key={goal.id} id={goal.id} className="rounded-lg border border-line bg-surface p-2">
                {({ attributes }) => (
                  <div className="grid grid-cols-[auto_1fr_auto] items-start gap-x-2 gap-y-1">
                    <DragHandle {...attributes} label={`Drag to reorder ${goalName(goal)}`} />
                    <div className="col-span-3 row-start-2 grid min-w-0 gap-x-3 gap-y-2 sm:col-span-1 sm:col-start-2 sm:row-start-1 sm:grid-cols-[1fr_11rem]">
                      <EditableField
                        id={domId.goalText(goal.id)}
                        label="Goal"
                        context={context}
                        value={goal.text}
                        format={textFormat({ required: 'Write the goal, or delete it.' })}
                        onSave={(value) => save(goal, { text: String(value) }, 'text')}
                      />
                      <EditableSelect
                        id={`goal-${goal.id}-category`}
                        label="Category"
                        context={context}
                        value={goal.category}
                        options={CATEGORY_OPTIONS}
                        onSave={(category) => save(goal, { category }, 'category')}
                      />
                    </div>
                    <div className="col-start-3 row-start-1 flex gap-1">
                      <MoveButtons
                        id={goal.id}
                        name={goalName(goal)}
                        index={index}
                        count={week.goals.length}
                        onMove={(to, direction) => void move(goal, to, direction)}
                      />
                      <DeleteButton label={`Delete ${goalName(goal)}`} onClick={() => void remove(goal)} />
                    </div>
                  </div>
                )}
              </SortableRow>
            );
          })}
        </SortableList>
      )}
      <button id={domId.addGoal(week.id)} type="button" className={buttonClasses('quiet', 'sm', 'mt-2')} onClick={() => void add()}>
        <span aria-hidden="true">+</span> Add learning goal<span className="sr-only"> to {weekName}</span>
      </button>
    </div>
  );
}
