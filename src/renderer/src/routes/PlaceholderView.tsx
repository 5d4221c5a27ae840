// A view that another part of the work will fill. It says so plainly instead of pretending.
export function PlaceholderView({ title, what }: { title: string; what: string }) {
  return (
    <section className="view placeholder" aria-label={title} data-testid="placeholder-view">
      <h2>{title}</h2>
      <p>
        <strong>Not available yet.</strong> {what}
      </p>
    </section>
  );
}
