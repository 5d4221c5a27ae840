// Ordering of OpenClaw versions (YYYY.M.D, optional "-N" and "-beta.N").
export { VERSION_RE } from '../../shared/rollout';

function parts(v: string): number[] {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-(\d+))?(?:-beta\.(\d+))?$/.exec(v);
  if (!m) return [];
  // A beta sorts before its release: the release gets +Infinity in the beta slot.
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), m[5] === undefined ? Infinity : Number(m[5])];
}

/** <0, 0, >0 like a comparator; unparseable versions compare as equal (callers check VERSION_RE first). */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa.length || !pb.length) return 0;
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  return 0;
}
