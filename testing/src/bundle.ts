// Bundles a Worker entry with esbuild the way wrangler would: ESM, workerd
// built-ins (cloudflare:*) left external, workspace packages resolved through
// their package.json exports (so @sidekick/relay comes from relay/dist).
import { build } from 'esbuild';

const cache = new Map<string, Promise<string>>();

async function bundleOnce(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*'],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

/** The bundled module text of `entry` (an absolute path), built once per process. */
export function bundleWorkerModule(entry: string): Promise<string> {
  let text = cache.get(entry);
  if (!text) {
    text = bundleOnce(entry);
    cache.set(entry, text);
  }
  return text;
}
