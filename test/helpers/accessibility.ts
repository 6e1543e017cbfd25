import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG 2.0–2.2 success criteria of levels A and AA that axe-core can check automatically. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * What axe-core finds against WCAG A/AA on the page as it is now (colour contrast, names of
 * controls, landmarks, ARIA use, …), one line per rule with the elements it concerns, so a
 * failing test names what to fix. The engine is evaluated through the DevTools protocol, so
 * the app's Content Security Policy stays as it is.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Once per document: the engine is 1.4 MB, and several states share one page (tabs, forms).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const engine = (window as unknown as { axe: typeof axe }).axe;
    const result = await engine.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, WCAG_AA);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.targets.slice(0, 5).join(', ')}`);
}
