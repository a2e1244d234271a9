// Reads Headway's settings from the environment once, at the edge; the rest of the code takes them as arguments.
import path from 'node:path';

/** Settings the domain needs, passed in from the edge. */
export interface Settings {
  /** The month (1-12) the academic year starts in. */
  academicYearStart: number;
}

export interface Config extends Settings {
  /** A PostgreSQL server (`postgres://...`); when absent Headway runs its own embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Folder of the embedded PostgreSQL server's data. */
  dataDir: string;
  port: number;
  /** HEADWAY_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated). */
  trustedProxies: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const academicYearStart = Number(env.HEADWAY_ACADEMIC_YEAR_START ?? 9);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HEADWAY_DATA ?? '.headway/data'),
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    trustedProxies: env.HEADWAY_TRUSTED_PROXIES || undefined,
    academicYearStart:
      Number.isInteger(academicYearStart) && academicYearStart >= 1 && academicYearStart <= 12
        ? academicYearStart
        : 9,
  };
}
