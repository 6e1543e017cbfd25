declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** The UI messages per language, compiled at build time (see build/precompiled-messages.ts). */
declare module 'virtual:lagebild-messages' {
  const messages: Record<'de' | 'en', Record<string, unknown>>;
  export default messages;
}
