import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/**
 * Most visits start on a map: a shared atlas link, an embedded map, a workspace. Vite's
 * own preloading starts the map code only once the app has booted and its router has
 * resolved the page, so the first coloured frame waits for a second download round after
 * the first. This adds `modulepreload` links for the map page and the map component (with
 * every chunk they import) to index.html, so the browser fetches and parses them while
 * the app boots. Nothing is evaluated early: the links only fill the module cache.
 */
export function preloadMapRoute(facadeModules: readonly string[]): Plugin {
  let base = '/';
  return {
    name: 'lagebild:preload-map-route',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const wanted = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (wanted.has(fileName) || !chunk || chunk.type !== 'chunk') return;
          wanted.add(fileName);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach(visit);
        };
        for (const chunk of chunksOf(bundle, facadeModules)) visit(chunk.fileName);
        // What index.html loads anyway needs no second link.
        const notInHtml = (fileName: string) => !html.includes(`${base}${fileName}`);
        const link = (rel: string, fileName: string, as?: string): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel, ...(as ? { as } : {}), crossorigin: true, href: `${base}${fileName}` },
          injectTo: 'head',
        });
        return [
          ...[...wanted].filter(notInHtml).map((fileName) => link('modulepreload', fileName)),
          // The page's dynamic import waits for its stylesheets too; they come from the cache then.
          ...[...styles].filter(notInHtml).map((fileName) => link('preload', fileName, 'style')),
        ];
      },
    },
  };
}

function chunksOf(bundle: OutputBundle, facadeModules: readonly string[]): OutputChunk[] {
  const found = Object.values(bundle).filter(
    (file): file is OutputChunk =>
      file.type === 'chunk' && !!file.facadeModuleId && facadeModules.some((suffix) => file.facadeModuleId!.endsWith(suffix)),
  );
  const missing = facadeModules.filter((suffix) => !found.some((chunk) => chunk.facadeModuleId!.endsWith(suffix)));
  // A renamed page must not silently turn the preload off.
  if (missing.length) throw new Error(`preload-map-route: no chunk for ${missing.join(', ')}`);
  return found;
}
