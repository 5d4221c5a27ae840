// Context fill of a session or a server's worst session: the number, a colour, and (when it matters)
// a word, so the meaning never rests on colour alone.
import { formatPercent } from '../format';

export function fillLevel(fill: number | null): { word: string; level: 'ok' | 'high' | 'full' } {
  if (fill === null || fill < 0.7) return { word: '', level: 'ok' };
  if (fill < 0.9) return { word: 'high', level: 'high' };
  return { word: 'near full', level: 'full' };
}

export function ContextFill({ fill }: { fill: number | null }) {
  if (fill === null) return <>—</>;
  const { word, level } = fillLevel(fill);
  return (
    <span className={`fill fill-${level}`} data-level={level}>
      {formatPercent(fill)}
      {word && <span className="fill-word"> {word}</span>}
    </span>
  );
}
