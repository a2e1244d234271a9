// Installs the offline worker (built into /sw.js by vite.config.ts): from the next visit on, the app
// and the visit form open with no connection. Nothing to do where the browser has no service workers.
export function registerOfflineWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
