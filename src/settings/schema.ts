// Installation settings, one JSON value per key (the terminology, low-attainment thresholds).
import type { ColumnType } from 'kysely';

interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

export interface SettingsTables {
  setting: SettingTable;
}
