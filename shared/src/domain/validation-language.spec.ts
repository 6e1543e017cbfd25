import { describe, expect, it } from '@jest/globals';
import {
  setValidationLocale,
  validationMessage,
  validationText,
  validationTextIn,
  writeValidationMessagesInBothLanguages,
} from './validation-language.js';

// One file, one module instance: the steps below run in order on the same state.
describe('validation language', () => {
  const nameMissing = validationMessage('Bitte einen Namen angeben.', 'Please give a name.');

  it('writes in the process language, German first (the client)', () => {
    expect(nameMissing()).toBe('Bitte einen Namen angeben.');
    setValidationLocale('en');
    expect(nameMissing()).toBe('Please give a name.');
    setValidationLocale('de');
  });

  it('writes both languages for a server, and the edge picks one', () => {
    writeValidationMessagesInBothLanguages();
    const both = nameMissing();
    expect(validationTextIn(both, 'de')).toBe('Bitte einen Namen angeben.');
    expect(validationTextIn(both, 'en')).toBe('Please give a name.');
    expect(validationTextIn(validationText('Zahl erwartet', 'Expected a number'), 'en')).toBe('Expected a number');
  });

  it('leaves a message in one language as it is', () => {
    expect(validationTextIn('muss eine postgres://-Adresse sein', 'en')).toBe('muss eine postgres://-Adresse sein');
    expect(validationTextIn('', 'de')).toBe('');
  });
});
