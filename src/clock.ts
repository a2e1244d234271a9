// The one place that reads the clock: edges (HTTP, CLI) call it and pass the date into domain code.

/** Today's date in the server's time zone, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
