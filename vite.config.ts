import { createHash } from 'node:crypto';
import fs from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes the service worker (web/worker/service-worker.js) into the build with the list of files
 * this build made, so what it caches is exactly what is served, and a version that changes with them.
 */
function offlineWorker(): Plugin {
  return {
    name: 'headway-offline-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = [
        '/manifest.webmanifest',
        '/icons/headway-192.png',
        '/icons/headway-512.png',
        '/icons/headway.svg',
      ];
      const built = Object.keys(bundle)
        .filter((name) => name !== 'index.html')
        .map((name) => `/${name}`)
        .sort();
      const shell = ['/index.html', ...built, ...publicFiles];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = fs
        .readFileSync('web/worker/service-worker.js', 'utf8')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__SHELL__', JSON.stringify(shell));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [react(), offlineWorker()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
