// The headway command: every capability's commands, listed in one place.
// Defining the commands loads only what their help needs (commander, option parsers, lists of names);
// each action imports the modules that do the work when it runs, so `headway --help` answers at once
// and `headway kpi` never loads the report or brokering code (see docs/architecture.md).
import './capabilities.ts';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerAttentionCommands } from './attention/commands.ts';
import { registerAccessCommands } from './auth/commands.ts';
import { registerBrokeringCommands } from './brokering/commands.ts';
import { registerShortfallCommand } from './brokering/shortfall-commands.ts';
import { parsePositiveInteger, reportFailure, withDatabase } from './cli-context.ts';
import { readConfig } from './config.ts';
import { registerDemoCommands } from './demo/commands.ts';
import { registerDhis2Commands } from './dhis2/commands.ts';
import { registerExchangeCommands } from './exchange/commands.ts';
import { registerGivingCommands } from './giving/commands.ts';
import { registerGovernanceCommands } from './governance/commands.ts';
import { registerKpiCommands } from './kpi/commands.ts';
import { registerMeetingsCommands } from './meetings/commands.ts';
import { registerNormingCommands } from './norming/commands.ts';
import { registerProgrammeCommands } from './programmes/commands.ts';
import { registerProjectionCommand } from './projection/commands.ts';
import { registerReformCommands } from './reforms/commands.ts';
import { registerReportCommands } from './reports/commands.ts';
import { registerSkillCommands } from './skills/commands.ts';
import { registerSpecialistCommands } from './specialists/commands.ts';
import { registerStageCommands } from './stages/commands.ts';
import { registerStrategyCommands } from './strategies/commands.ts';
import { registerStrengthsCommand } from './strengths/commands.ts';
import { registerTeachersCommand } from './teachers/commands.ts';
import { registerVacancyCommands } from './vacancies/commands.ts';
import { registerValueAddedCommands } from './value-added/commands.ts';
import { registerVisitCommands } from './visits/commands.ts';

export function buildProgram(): Command {
  const program = new Command('headway')
    .description(
      'Headway: KPIs, value added, meetings, support brokering and strategy for systems of schools',
    )
    .showHelpAfterError()
    // `headway va --stage ...`, `headway va model --stage ...` and `headway va estimates --stage ...`
    // each read their own options.
    .enablePositionalOptions()
    .exitOverride();

  program
    .command('serve')
    .description('serve the API and web app (loads the demo authority into an empty database)')
    .option('--port <n>', 'port to listen on (default: PORT or 3000)', parsePositiveInteger('--port'))
    .action(async (options: { port?: number }) => {
      const { startServer, webRoot } = await import('./serve.ts');
      if (!fs.existsSync(path.join(webRoot, 'index.html')))
        console.error(
          'The web app is not built (web/dist is missing), so only the API is served: run `npm run build:web` for the pages (`npm start` builds everything and serves).',
        );
      const config = readConfig();
      await startServer(config, options.port ?? config.port);
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const { migrateToLatest } = await import('./db/migrate.ts');
      const applied = await withDatabase(async ({ db }) => migrateToLatest(db));
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date');
    });

  program
    .command('openapi')
    .description("print the API's OpenAPI document (what GET /api/v1/openapi.json serves)")
    .option('--output <file>', 'write it to this file instead')
    .action(async (options: { output?: string }) => {
      const { apiDocument } = await import('./server.ts');
      const text = `${JSON.stringify(apiDocument(), null, 2)}\n`;
      if (options.output) fs.writeFileSync(options.output, text);
      else process.stdout.write(text);
    });

  registerAccessCommands(program);
  registerDemoCommands(program);
  registerExchangeCommands(program);
  registerKpiCommands(program);
  registerDhis2Commands(program);
  registerMeetingsCommands(program);
  registerBrokeringCommands(program);
  registerShortfallCommand(program);
  registerAttentionCommands(program);
  registerReportCommands(program);
  registerValueAddedCommands(program);
  registerStrategyCommands(program);
  registerNormingCommands(program);
  registerVisitCommands(program);
  registerProgrammeCommands(program);
  registerProjectionCommand(program);
  registerTeachersCommand(program);
  registerStrengthsCommand(program);
  registerVacancyCommands(program);
  registerReformCommands(program);
  registerSkillCommands(program);
  registerGovernanceCommands(program);
  registerStageCommands(program);
  registerGivingCommands(program);
  registerSpecialistCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = await reportFailure(error);
  }
}
