/** Serves the API viewer's files from node_modules/swagger-ui-dist, so /docs needs no CDN. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocsAssetLoader } from './routes/system';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function nodeDocsAssets(): DocsAssetLoader {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, string>();
  return async (name) => {
    const contentType = ASSETS[name];
    if (!contentType) return null;
    let body = cache.get(name);
    if (body === undefined) {
      body = await readFile(join(dir, name), 'utf8');
      cache.set(name, body);
    }
    return { body, contentType };
  };
}
