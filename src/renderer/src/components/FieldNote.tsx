// The note under a form field: its validation error (announced) or, without one, its hint.
export function FieldNote({ id, error, hint }: { id: string; error?: string | null; hint?: string | null }) {
  if (error) {
    return (
      <span id={id} className="field-error" role="alert">
        {error}
      </span>
    );
  }
  return hint ? (
    <span id={id} className="field-hint">
      {hint}
    </span>
  ) : null;
}
