/** The message beside an input, tied to it with aria-describedby through `id`. */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined | null }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-[0.9rem] font-medium text-danger">
      {messages.join(' ')}
    </p>
  );
}
