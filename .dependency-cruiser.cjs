// The import rules of Headway's layers (docs/architecture.md explains them). `npm run lint:deps`
// checks them and CI runs it: a change that breaks one fails the build.
const capabilities =
  '(attention|auth|brokering|dashboards|dhis2|exchange|giving|governance|inspections|kpi|meetings|norming|programmes|projection|reforms|registry|reports|settings|skills|specialists|stages|strategies|strengths|teachers|vacancies|value-added|visits)';
const test = '\\.test\\.ts$|^src/[a-z0-9/-]*/test-[a-z0-9-]+\\.ts$|^src/[a-z0-9/-]*/testing\\.ts$|^test/|^bench/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules are one: split what they share into a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contracts-are-zod-only',
      severity: 'error',
      comment:
        'A contract (src/<capability>/contract.ts) is the API as zod schemas: the browser imports its types, ' +
        'so it imports only zod, other contracts and its lists (lists.ts), never server or database code.',
      from: { path: '^src/[a-z0-9/-]*contract\\.ts$' },
      to: {
        pathNot: [
          '^src/[a-z0-9/-]*contract\\.ts$',
          '^src/[a-z0-9-]+/lists\\.ts$',
          '^node_modules/(zod|@hono/zod-openapi)/',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'lists-are-plain-constants',
      severity: 'error',
      comment:
        "A capability's lists.ts (roles, kinds, statuses) is what the CLI's help names: it imports nothing, " +
        'so defining the commands never loads zod or a domain module.',
      from: { path: '^src/[a-z0-9-]+/lists\\.ts$' },
      to: {},
    },
    {
      name: 'web-takes-only-contracts',
      severity: 'error',
      comment:
        'The web app restates no API shape and bundles no server code: from src/ it imports only ' +
        'contracts, and only their types (test/web-imports.test.ts checks the `import type`, which this ' +
        "tool's TypeScript reader cannot tell apart).",
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/[a-z0-9/-]*contract\\.ts$' },
    },
    {
      name: 'edges-are-not-imported',
      severity: 'error',
      comment: 'The server, the CLI and their entry points compose capabilities; nothing builds on them.',
      from: { pathNot: `^src/(server|cli|serve|capabilities)\\.ts$|${test}` },
      to: { path: '^src/(server|cli|serve)\\.ts$' },
    },
    {
      name: 'routes-are-mounted-only-by-the-server',
      severity: 'error',
      comment:
        "A capability's routes are wired into the app by server.ts (or mounted by its own routes.ts): " +
        'shapes another module needs come from the contract, logic from the domain modules.',
      from: { path: '^src/([a-z0-9-]+)/', pathNot: test },
      to: { path: '^src/[a-z0-9-]+/[a-z0-9-]*routes\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'routes-are-mounted-only-by-the-server-2',
      severity: 'error',
      comment: 'Outside the capabilities, only server.ts mounts routes.',
      from: { path: '^src/[a-z0-9-]+\\.ts$', pathNot: `^src/server\\.ts$|${test}` },
      to: { path: '^src/[a-z0-9-]+/[a-z0-9-]*routes\\.ts$' },
    },
    {
      name: 'commands-are-registered-only-by-the-cli',
      severity: 'error',
      from: { pathNot: `^src/cli\\.ts$|${test}` },
      to: { path: '^src/[a-z0-9-]+/commands\\.ts$' },
    },
    {
      name: 'domain-is-not-http',
      severity: 'error',
      comment:
        'Domain modules take a Context and return data; only routes, the middleware and the server know ' +
        'about HTTP.',
      from: {
        path: `^src/${capabilities}/`,
        pathNot: `[a-z0-9-]*routes\\.ts$|^src/auth/middleware\\.ts$|${test}`,
      },
      to: { path: ['^src/http\\.ts$', '^node_modules/hono/', '^node_modules/@hono/node-server/'] },
    },
    {
      name: 'demo-is-a-leaf',
      severity: 'error',
      comment: 'The demo authority is built from the capabilities; no capability depends on it.',
      from: { pathNot: `^src/(demo/|serve\\.ts$|cli\\.ts$)|${test}` },
      to: { path: '^src/demo/' },
    },
    {
      name: 'database-layer-knows-no-capability',
      severity: 'error',
      comment:
        "The connection, migrations runner, caches and upserts serve every capability. Only the tables' " +
        'type (db/types.ts, the union of every capability\'s schema.ts) and the migrations, which seed the ' +
        'catalogues, name capabilities.',
      from: { path: '^src/db/', pathNot: `^src/db/types\\.ts$|^src/db/migrations/|${test}` },
      to: { path: `^src/${capabilities}/` },
    },
    {
      name: 'tabular-knows-no-capability',
      severity: 'error',
      comment:
        'Reading and writing tables, and the import runner, serve every capability and know none but auth ' +
        '(the caller and the audit log, under everything).',
      from: { path: '^src/tabular/', pathNot: test },
      to: { path: `^src/${capabilities}/`, pathNot: '^src/auth/(actor|audit)\\.ts$' },
    },
    {
      name: 'kpi-knows-no-later-capability',
      severity: 'error',
      comment:
        'The KPI engine is under meetings, brokering, value added and the dashboards: computed elements ' +
        'are registered with it by their capability (src/capabilities.ts), never imported by it.',
      from: { path: '^src/kpi/', pathNot: `[a-z0-9-]*routes\\.ts$|^src/kpi/commands\\.ts$|${test}` },
      to: { path: '^src/(attention|meetings|brokering|inspections|value-added|dashboards|reports|exchange|strategies|visits|programmes|reforms|governance)/' },
    },
    {
      name: 'registry-knows-no-later-capability',
      severity: 'error',
      comment: 'Every capability reads the registry; the registry reads none of them.',
      from: { path: '^src/registry/', pathNot: `[a-z0-9-]*routes\\.ts$|^src/registry/commands\\.ts$|${test}` },
      to: { path: '^src/(attention|kpi|meetings|brokering|inspections|value-added|dashboards|reports|exchange|strategies|visits|programmes|reforms|governance)/' },
    },
    {
      name: 'inspections-knows-no-brokering',
      severity: 'error',
      comment:
        "Brokering's rules read the inspections (their outcome in the legacy grades' words, outcome.ts); " +
        'the inspections never read brokering.',
      from: { path: '^src/inspections/', pathNot: test },
      to: { path: '^src/(brokering|dashboards|reports|exchange)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|web/dist|node_modules)/' },
    // A worktree that links node_modules from elsewhere still names packages node_modules/...
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
