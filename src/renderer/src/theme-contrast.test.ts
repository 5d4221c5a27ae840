// WCAG contrast of the status colours in both themes, read from the real stylesheet: text on a filled
// status badge, status colours as text on the panel and page background, accent buttons, muted text.
import { describe, expect, it } from 'vitest';
import css from './styles.css?raw';

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in styles.css`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = block(':root');
const themes = { light, dark: { ...light, ...block(":root[data-theme='dark']") } };
const STATUS = ['up', 'down', 'pending', 'unknown', 'maintenance'];

describe('theme contrast (WCAG AA, 4.5:1 for text)', () => {
  it('computes contrast like WCAG', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [name, t] of Object.entries(themes)) {
    it(`${name}: badge text on every status colour, and status colours as text`, () => {
      for (const s of STATUS) {
        expect(t[s], `--${s} in ${name}`).toMatch(/^#/);
        expect(contrast(t['on-status']!, t[s]!), `badge text on --${s} (${name})`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(t[s]!, t.panel!), `--${s} on the panel (${name})`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(t[s]!, t.bg!), `--${s} on the page (${name})`).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`${name}: buttons, body and muted text`, () => {
      expect(contrast(t['on-accent']!, t.accent!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.accent!, t.panel!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.text!, t.bg!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.muted!, t.panel!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.muted!, t.bg!)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
