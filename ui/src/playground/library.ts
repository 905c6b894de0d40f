// The project's own `sidekick` package, bundled into the build from python/src
// (never installed from the internet).
import type { SourceFile } from './engine';

const modules = import.meta.glob<string>('../../../python/src/sidekick/**/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const SIDEKICK_LIBRARY: readonly SourceFile[] = Object.entries(modules).map(([key, text]) => ({
  path: key.slice(key.indexOf('/python/src/') + '/python/src/'.length),
  text,
}));
