// The fields a week holds of its own (not its sections, items or goals), spelled once: the
// importer writes them, the template-changes merge copies them, the parser's output carries them.

type WeekFieldName = 'number' | 'span' | 'label' | 'title' | 'part' | 'partNotes' | 'notes' | 'promptsTitle';

export function weekFieldsOf<W extends Record<WeekFieldName, unknown>>(week: W): Pick<W, WeekFieldName> {
  return {
    number: week.number,
    span: week.span,
    label: week.label,
    title: week.title,
    part: week.part,
    partNotes: week.partNotes,
    notes: week.notes,
    promptsTitle: week.promptsTitle,
  };
}
