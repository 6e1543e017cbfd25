import { describe, expect, it } from '@jest/globals';
import { startTestApp } from '../helpers/app.js';
import { screenshot, useBrowserApp } from '../helpers/browser.js';

// A server with 4 MB of heap for imports: a 300 KB file would need about 5 MB.
const session = useBrowserApp({ user: 'coordinator' }, () => startTestApp({ importMemoryBytes: 4 * 1024 * 1024 }));

function largeCsv(): Buffer {
  const lines = ['Gebiet;Jahr;Indikator;Wert'];
  for (let i = 0; lines.join('\n').length < 300 * 1024; i++) lines.push(`Brauck;${2030 + (i % 20)};population;${1000 + i}`);
  return Buffer.from(lines.join('\n'));
}

describe('import page on a server with little memory', () => {
  it('says why a file is refused and what to do, and the page stays usable', async () => {
    const { page, errors } = await session.open('/stewardship/imports');
    await page.getByTestId('import-page').waitFor();
    await page.getByTestId('import-file').setInputFiles({ name: 'werte-gross.csv', mimeType: 'text/csv', buffer: largeCsv() });
    const error = page.getByTestId('import-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(
      /Zum Einlesen dieser Datei bräuchte der Server etwa \d+ MB Arbeitsspeicher; für Importe hat er 4 MB\. Bitte die Datei aufteilen/,
    );
    await screenshot(page, 'imports-too-large-for-server-de');

    // A file that fits goes on to the mapping as usual.
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'werte.csv', mimeType: 'text/csv', buffer: Buffer.from('Gebiet;Jahr;Indikator;Wert\nBrauck;2031;population;12\n') });
    await page.getByTestId('value-mapping').waitFor();
    await expect(error.count()).resolves.toBe(0);
    expect(errors.filter((e) => !/status of 413/.test(e))).toEqual([]);
  });
});
