import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseCompile } from '@intlify/message-compiler';
import type { Plugin } from 'vite';

const MODULE_ID = 'virtual:lagebild-messages';
const RESOLVED_ID = `\0${MODULE_ID}`;

/**
 * The UI messages, compiled at build time. Each feature keeps its messages in
 * `locales/<lang>/<feature>.json`; this module merges them into one tree per language and
 * turns every message into the syntax tree vue-i18n would otherwise build in the browser
 * on first use. The app then runs vue-i18n without its message compiler: a smaller first
 * download, no compiling while the first page renders, and a message with a syntax error
 * fails the build instead of showing up garbled.
 */
export function precompiledMessages(localesDir: string): Plugin {
  return {
    name: 'lagebild:precompiled-messages',
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const languages: Record<string, Record<string, unknown>> = {};
      for (const language of readdirSync(localesDir).sort()) {
        const merged: Record<string, unknown> = {};
        for (const file of readdirSync(join(localesDir, language))
          .filter((name) => name.endsWith('.json'))
          .sort()) {
          const path = join(localesDir, language, file);
          this.addWatchFile(path);
          const content = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
          Object.assign(
            merged,
            compileTree(content, (message, key) => `${path}: ${key}: ${message}`),
          );
        }
        languages[language] = merged;
      }
      // A JSON string parses faster than the same object as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(languages))});`;
    },
  };
}

function compileTree(node: Record<string, unknown>, describe: (message: string, key: string) => string, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[key] = compileMessage(value, (message) => describe(message, path));
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = compileTree(value as Record<string, unknown>, describe, path);
    else throw new Error(describe('only strings and nested objects are messages', path));
  }
  return out;
}

function compileMessage(source: string, describe: (message: string) => string): unknown {
  const errors: string[] = [];
  const { ast } = baseCompile(source, {
    jit: true,
    minify: true,
    location: false,
    onError: (error) => errors.push(error.message),
  });
  if (errors.length) throw new Error(describe(errors.join('; ')));
  return ast;
}
