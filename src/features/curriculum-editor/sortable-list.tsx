'use client';

// Reordering by drag and by keyboard (dnd-kit): a handle on each row that a pointer drags,
// or that Space picks up, the arrow keys move and Space drops (Escape cancels), with
// announcements that name the row. Rows also have explicit "Move up / Move down" buttons
// (see MoveButtons) for anyone who prefers them.
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type Modifier,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useId, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button-styles';

const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

export function SortableList({
  ids,
  nameOf,
  listLabel,
  onMove,
  children,
  as: Tag = 'ol',
  className = '',
}: {
  ids: string[];
  /** The row's name in announcements ("reading “Attention Is All You Need”"). */
  nameOf: (id: string) => string;
  /** What the list holds, for announcements ("readings of Core Readings"). */
  listLabel: string;
  onMove: (id: string, toIndex: number) => void;
  children: ReactNode;
  as?: 'ol' | 'ul';
  className?: string;
}) {
  const dndId = useId();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const positionOf = (id: UniqueIdentifier | undefined) => (id === undefined ? -1 : ids.indexOf(String(id)) + 1);
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(String(active.id))}, position ${positionOf(active.id)} of ${ids.length} in ${listLabel}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(String(active.id))} is over position ${positionOf(over.id)} of ${ids.length}.` : `${nameOf(String(active.id))} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${nameOf(String(active.id))} at position ${positionOf(over.id)} of ${ids.length}.` : `Dropped ${nameOf(String(active.id))}.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(String(active.id))} was cancelled; it is back at position ${positionOf(active.id)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const toIndex = ids.indexOf(String(over.id));
    if (toIndex !== -1) onMove(String(active.id), toIndex);
  }

  return (
    <DndContext
      id={dndId}
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={[verticalOnly]}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To reorder, press Space or Enter to pick this up, the up and down arrow keys to move it, Space or Enter to drop it, or Escape to cancel.',
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <Tag role="list" className={className}>
          {children}
        </Tag>
      </SortableContext>
    </DndContext>
  );
}

export type DragHandleProps = HTMLAttributes<HTMLButtonElement> & { label: string };

/** A row of a SortableList; `children` gets the props for its drag handle. */
export function SortableRow({
  id,
  className = '',
  children,
}: {
  id: string;
  className?: string;
  children: (handle: { attributes: HTMLAttributes<HTMLButtonElement>; isDragging: boolean }) => ReactNode;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    position: 'relative',
    zIndex: isDragging ? 10 : undefined,
  };
  return (
    <li ref={setNodeRef} style={style} className={`${className} ${isDragging ? 'shadow-lg ring-2 ring-accent' : ''}`}>
      {children({ attributes: { ...attributes, ...listeners } as HTMLAttributes<HTMLButtonElement>, isDragging })}
    </li>
  );
}

export function DragHandle({ label, ...props }: DragHandleProps) {
  return (
    <button
      type="button"
      {...props}
      aria-label={label}
      className="inline-flex size-11 shrink-0 cursor-grab touch-none items-center justify-center rounded-lg text-muted hover:bg-surface-muted hover:text-text active:cursor-grabbing"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="currentColor">
        <circle cx="5" cy="3" r="1.4" />
        <circle cx="11" cy="3" r="1.4" />
        <circle cx="5" cy="8" r="1.4" />
        <circle cx="11" cy="8" r="1.4" />
        <circle cx="5" cy="13" r="1.4" />
        <circle cx="11" cy="13" r="1.4" />
      </svg>
    </button>
  );
}

/** "Move up" / "Move down" for one row; the ends of the list disable one of them. */
export function MoveButtons({
  id,
  name,
  index,
  count,
  onMove,
}: {
  id: string;
  name: string;
  index: number;
  count: number;
  onMove: (toIndex: number, direction: 'up' | 'down') => void;
}) {
  const small = buttonClasses('secondary', 'sm', 'size-9 !px-0');
  return (
    <>
      <button
        id={`${id}-move-up`}
        type="button"
        className={small}
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(index - 1, 'up')}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        id={`${id}-move-down`}
        type="button"
        className={small}
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(index + 1, 'down')}
      >
        <span aria-hidden="true">↓</span>
      </button>
    </>
  );
}

export function DeleteButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className={buttonClasses('secondary', 'sm', 'size-9 !px-0 hover:!bg-danger-soft hover:!text-danger')} aria-label={label} title="Delete" onClick={onClick}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
        <path d="M2.5 4h11M6.5 4V2.5h3V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5" />
      </svg>
    </button>
  );
}
