import { describe, expect, it } from '@jest/globals';
import { requestLanguage } from '../common/http/request-language.js';
import { numberText, suggestionList } from './import-language.js';

describe('requestLanguage', () => {
  it('takes the first of German and English the header prefers', () => {
    expect(requestLanguage('en')).toBe('en');
    expect(requestLanguage('en-GB,en;q=0.9,de;q=0.5')).toBe('en');
    expect(requestLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(requestLanguage('fr-FR,en;q=0.7,de;q=0.9')).toBe('de');
    expect(requestLanguage('fr-FR, EN-us;q=0.3')).toBe('en');
  });

  it('falls back to German for no, unknown or malformed preferences', () => {
    for (const header of [undefined, '', '*', 'fr', 'en;q=0', 'en;q=abc', ';;,,', 'english']) expect(requestLanguage(header)).toBe('de');
  });
});

describe('message parts', () => {
  it('lists suggestions with each language’s quotes and conjunction', () => {
    expect(suggestionList(['Mitte I'])).toEqual({ de: '‚Mitte I‘', en: '‘Mitte I’' });
    expect(suggestionList(['Mitte I', 'Mitte II', 'Brauck'])).toEqual({
      de: '‚Mitte I‘, ‚Mitte II‘ oder ‚Brauck‘',
      en: '‘Mitte I’, ‘Mitte II’ or ‘Brauck’',
    });
  });

  it('writes numbers as each language does', () => {
    expect(numberText(1234.5)).toEqual({ de: '1.234,5', en: '1,234.5' });
    expect(numberText(16.6667, 1)).toEqual({ de: '16,7', en: '16.7' });
  });
});
