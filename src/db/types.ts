// The whole schema as Kysely sees it: each capability declares its own tables in its schema.ts.
import type { Kysely } from 'kysely';
import type { AuditTables } from '../auth/schema.ts';
import type { BrokeringTables } from '../brokering/schema.ts';
import type { Dhis2Tables } from '../dhis2/schema.ts';
import type { GovernanceTables } from '../governance/schema.ts';
import type { InspectionTables } from '../inspections/schema.ts';
import type { KpiTables } from '../kpi/schema.ts';
import type { MeetingsTables } from '../meetings/schema.ts';
import type { NormingTables } from '../norming/schema.ts';
import type { ProgrammeTables } from '../programmes/schema.ts';
import type { ReformTables } from '../reforms/schema.ts';
import type { RegistryTables } from '../registry/schema.ts';
import type { SettingsTables } from '../settings/schema.ts';
import type { SkillTables } from '../skills/schema.ts';
import type { SpecialistTables } from '../specialists/schema.ts';
import type { StageTables } from '../stages/schema.ts';
import type { CycleTables } from '../strategies/cycle-schema.ts';
import type { StrategyTables } from '../strategies/schema.ts';
import type { StrengthTables } from '../strengths/schema.ts';
import type { TeacherPlanTables } from '../teachers/plan-schema.ts';
import type { TeachersTables } from '../teachers/schema.ts';
import type { VacancyTables } from '../vacancies/schema.ts';
import type { ValueAddedTables } from '../value-added/schema.ts';
import type { VisitTables } from '../visits/schema.ts';

export type Tables = RegistryTables &
  KpiTables &
  AuditTables &
  SettingsTables &
  ValueAddedTables &
  MeetingsTables &
  BrokeringTables &
  InspectionTables &
  StrategyTables &
  CycleTables &
  VisitTables &
  NormingTables &
  ProgrammeTables &
  VacancyTables &
  ReformTables &
  TeachersTables &
  TeacherPlanTables &
  StageTables &
  SkillTables &
  GovernanceTables &
  SpecialistTables &
  StrengthTables &
  Dhis2Tables;
export type Db = Kysely<Tables>;
