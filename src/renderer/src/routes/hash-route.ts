// Hash routes: "#/fleet", "#/alerts", "#/servers/<id>". The access token also rides in the hash on
// first load ("#token=…"); the bridge takes it out before any route is read, so the two never meet.
import { useSyncExternalStore } from 'react';

export interface Route {
  /** The first path segment ("fleet", "servers"); "" for none. */
  name: string;
  /** The rest, decoded ("servers/<id>" → ["<id>"]). */
  params: string[];
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (!path || path.includes('token=')) return { name: '', params: [] };
  const [name = '', ...rest] = path.split('/').filter(Boolean);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { name: decode(name), params: rest.map(decode) };
}

export const hrefFor = (...segments: string[]): string => `#/${segments.map(encodeURIComponent).join('/')}`;

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current route; re-renders on every hash change (links, back/forward, typed URLs). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseHash(hash);
}
