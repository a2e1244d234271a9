// Brings a database's schema up to date; run at start-up and by `headway migrate`.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as registry from './migrations/0001_registry.ts';
import * as kpi from './migrations/0002_kpi.ts';
import * as access from './migrations/0003_access.ts';
import * as valueAdded from './migrations/0004_value_added.ts';
import * as meetings from './migrations/0005_meetings.ts';
import * as brokering from './migrations/0006_brokering.ts';
import * as groupGrants from './migrations/0007_group_grants.ts';
import * as dataVersion from './migrations/0008_data_version.ts';
import * as elementTotals from './migrations/0009_element_totals.ts';
import * as inspectionFrameworks from './migrations/0010_inspection_frameworks.ts';
import * as figuresAgree from './migrations/0012_figures_agree.ts';
import * as valueAddedByStage from './migrations/0013_value_added_by_stage.ts';
import * as dayLogs from './migrations/0014_day_logs.ts';
import * as elementRanges from './migrations/0015_element_ranges.ts';
import * as accountsAndAuditSearch from './migrations/0019_accounts_and_audit_search.ts';
import * as reminders from './migrations/0020_reminders.ts';
import * as strategies from './migrations/0021_strategies.ts';
import * as strategyHistory from './migrations/0022_strategy_history.ts';
import * as strategyCycle from './migrations/0023_strategy_cycle.ts';
import * as visits from './migrations/0025_visits.ts';
import * as leaderRoles from './migrations/0027_leader_roles.ts';
import * as evidenceFiles from './migrations/0028_strategy_evidence_files.ts';
import * as norming from './migrations/0029_norming.ts';
import * as reforms from './migrations/0031_reforms.ts';
import * as vacancies from './migrations/0032_vacancies.ts';
import * as programmes from './migrations/0033_programmes.ts';
import * as catalogueRules from './migrations/0034_catalogue_rules.ts';
import * as skills from './migrations/0035_skills.ts';
import * as governance from './migrations/0036_governance.ts';
import * as recruitment from './migrations/0037_recruitment.ts';
import * as staffingNorms from './migrations/0039_staffing_norms.ts';
import * as teacherPlans from './migrations/0040_teacher_plans.ts';
import * as declaredStrengths from './migrations/0041_declared_strengths.ts';
import * as specialists from './migrations/0042_specialists.ts';
import * as stages from './migrations/0043_stages.ts';
import * as giving from './migrations/0044_giving.ts';
import * as categories from './migrations/0045_categories.ts';
import * as dhis2 from './migrations/0046_dhis2.ts';
import * as classNorms from './migrations/0047_class_norms.ts';
import * as parityDirection from './migrations/0048_parity_direction.ts';
import type { Db } from './types.ts';

// Listed by hand, in order: no folder scanning, so the whole schema history is on one screen.
export const migrations: Record<string, Migration> = {
  '0001_registry': registry,
  '0002_kpi': kpi,
  '0003_access': access,
  '0004_value_added': valueAdded,
  '0005_meetings': meetings,
  '0006_brokering': brokering,
  '0007_group_grants': groupGrants,
  '0008_data_version': dataVersion,
  '0009_element_totals': elementTotals,
  '0010_inspection_frameworks': inspectionFrameworks,
  '0012_figures_agree': figuresAgree,
  '0013_value_added_by_stage': valueAddedByStage,
  '0014_day_logs': dayLogs,
  '0015_element_ranges': elementRanges,
  '0019_accounts_and_audit_search': accountsAndAuditSearch,
  '0020_reminders': reminders,
  '0021_strategies': strategies,
  '0022_strategy_history': strategyHistory,
  '0023_strategy_cycle': strategyCycle,
  '0025_visits': visits,
  '0027_leader_roles': leaderRoles,
  '0028_strategy_evidence_files': evidenceFiles,
  '0029_norming': norming,
  '0031_reforms': reforms,
  '0032_vacancies': vacancies,
  '0033_programmes': programmes,
  '0034_catalogue_rules': catalogueRules,
  '0035_skills': skills,
  '0036_governance': governance,
  '0037_recruitment': recruitment,
  '0039_staffing_norms': staffingNorms,
  '0040_teacher_plans': teacherPlans,
  '0041_declared_strengths': declaredStrengths,
  '0042_specialists': specialists,
  '0043_stages': stages,
  '0044_giving': giving,
  '0045_categories': categories,
  '0046_dhis2': dhis2,
  '0047_class_norms': classNorms,
  '0048_parity_direction': parityDirection,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
