import type { Plugin } from 'vite';

/**
 * Writes `.vite/preload.json`: for each named page module, the script files it needs at once (its
 * chunk and that chunk's static imports). The server adds them as modulepreload links to the
 * index.html of a navigation it knows will open that page, so they download alongside the app's
 * own files instead of after the app has started and asked for them.
 */
export function pagePreloads(pages: Record<string, string>): Plugin {
  return {
    name: 'daka:page-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const out: Record<string, string[]> = {};
      for (const [name, module] of Object.entries(pages)) {
        const home = chunks.find((c) => c.moduleIds.some((id) => id.replace(/\\/g, '/').endsWith(module)));
        if (!home) throw new Error(`page-preloads: no chunk holds ${module}`);
        const files: string[] = [];
        const visit = (file: string) => {
          if (files.includes(file)) return;
          files.push(file);
          for (const dep of chunks.find((c) => c.fileName === file)?.imports ?? []) visit(dep);
        };
        visit(home.fileName);
        out[name] = files;
      }
      this.emitFile({ type: 'asset', fileName: '.vite/preload.json', source: JSON.stringify(out, null, 2) });
    },
  };
}
