// The navigation: one link per top-level view, the current one marked for eyes and screen readers.
import { hrefFor } from './hash-route';
import { ROUTES } from './route-table';

export function NavBar({ current }: { current: string }) {
  return (
    <nav className="nav" aria-label="Views">
      {ROUTES.filter((r) => r.nav).map((r) => (
        <a key={r.path} href={hrefFor(r.path)} className={r.path === current ? 'nav-current' : undefined} aria-current={r.path === current ? 'page' : undefined}>
          {r.label}
        </a>
      ))}
    </nav>
  );
}
