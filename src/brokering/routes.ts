// The brokering API's handlers: needs (list, raise, withdraw, reopen, refresh), the pool, proposals and the
// broker's decisions on them, deployments (list, one, log days, end), impact, the brokering
// settings and the role catalogue. The shapes are in the contracts; role and scope are checked in the domain verbs.
import { newRouter } from '../http.ts';
import { sheetContentType } from '../kpi/analytics-sheet.ts';
import { swapAlternatives } from './alternatives.ts';
import { bulkDecide } from './bulk-decisions.ts';
import { brokeringSettingsRoute, changeBrokeringSettingsRoute } from './contract.ts';
import {
  correctDayRoute,
  deploymentRoute,
  endDeploymentRoute,
  impactRoute,
  listDeploymentsRoute,
  logDaysRoute,
  removeDayRoute,
} from './deployment-contract.ts';
import {
  correctDay,
  deploymentById,
  endDeployment,
  listDeployments,
  logDays,
  removeDay,
} from './deployments.ts';
import { impactSummary } from './impact.ts';
import {
  listNeedsRoute,
  raiseNeedRoute,
  refreshNeedsRoute,
  reopenNeedRoute,
  withdrawNeedRoute,
} from './need-contract.ts';
import { writeNeeds } from './need-export.ts';
import { listNeedsPage } from './need-list.ts';
import { raiseNeed, reopenNeed, withdrawNeed } from './needs.ts';
import {
  alternativesRoute,
  bulkDecideRoute,
  decideRoute,
  listLeadersRoute,
  proposalJobRoute,
  proposalRoute,
  proposeRoute,
  startProposalJobRoute,
} from './proposal-contract.ts';
import { proposalJob, startProposalJob } from './proposal-jobs.ts';
import { decide, listLeaders, proposalById, propose, refreshNeedsNow } from './proposals.ts';
import { changeRoleRoute, listRolesRoute } from './role-contract.ts';
import { changeRole, listRoles } from './roles.ts';
import { changeBrokeringSettings, viewBrokeringSettings } from './settings.ts';
import { proposalShortfall } from './shortfall.ts';
import { shortfallRoute } from './shortfall-contract.ts';

export const brokeringRoutes = newRouter()
  .openapi(listNeedsRoute, async (c) => {
    const { context } = c.var;
    const q = c.req.valid('query');
    if (q.format === 'json') return c.json(await listNeedsPage(context, q), 200);
    const { needs } = await listNeedsPage(context, { ...q, page: 1, page_size: undefined });
    return c.body(new Uint8Array(await writeNeeds(needs, q.format)), 200, {
      'content-type': sheetContentType[q.format],
      'content-disposition': `attachment; filename="support-needs-${context.today}.${q.format}"`,
    });
  })
  .openapi(raiseNeedRoute, async (c) => c.json(await raiseNeed(c.var.context, c.req.valid('json')), 201))
  .openapi(withdrawNeedRoute, async (c) =>
    c.json(await withdrawNeed(c.var.context, c.req.valid('param').id, c.req.valid('json').reason), 200),
  )
  .openapi(reopenNeedRoute, async (c) =>
    c.json(await reopenNeed(c.var.context, c.req.valid('param').id, c.req.valid('json').reason), 200),
  )
  .openapi(refreshNeedsRoute, async (c) =>
    c.json(await refreshNeedsNow(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(listLeadersRoute, async (c) =>
    c.json({ leaders: await listLeaders(c.var.context, c.req.valid('query')) }, 200),
  )
  .openapi(proposeRoute, async (c) => c.json(await propose(c.var.context, c.req.valid('json')), 201))
  .openapi(proposalRoute, async (c) =>
    c.json(await proposalById(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(shortfallRoute, async (c) =>
    c.json(await proposalShortfall(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(decideRoute, async (c) =>
    c.json(await decide(c.var.context, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(bulkDecideRoute, async (c) =>
    c.json(await bulkDecide(c.var.context, c.req.valid('param').id, c.req.valid('json')), 202),
  )
  .openapi(alternativesRoute, async (c) => {
    const { id, need } = c.req.valid('param');
    return c.json(await swapAlternatives(c.var.context, id, need), 200);
  })
  .openapi(startProposalJobRoute, async (c) =>
    c.json(startProposalJob(c.var.context, c.req.valid('json')), 202),
  )
  .openapi(proposalJobRoute, async (c) => c.json(proposalJob(c.var.context, c.req.valid('param').job), 200))
  .openapi(listDeploymentsRoute, async (c) =>
    c.json({ deployments: await listDeployments(c.var.context, c.req.valid('query')) }, 200),
  )
  .openapi(deploymentRoute, async (c) =>
    c.json(await deploymentById(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(logDaysRoute, async (c) =>
    c.json(await logDays(c.var.context, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(correctDayRoute, async (c) => {
    const { id, day } = c.req.valid('param');
    return c.json(await correctDay(c.var.context, id, day, c.req.valid('json')), 200);
  })
  .openapi(removeDayRoute, async (c) => {
    const { id, day } = c.req.valid('param');
    return c.json(await removeDay(c.var.context, id, day, c.req.valid('query').reason), 200);
  })
  .openapi(endDeploymentRoute, async (c) =>
    c.json(await endDeployment(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(impactRoute, async (c) => c.json(await impactSummary(c.var.context), 200))
  .openapi(brokeringSettingsRoute, async (c) => c.json(await viewBrokeringSettings(c.var.context), 200))
  .openapi(changeBrokeringSettingsRoute, async (c) =>
    c.json(await changeBrokeringSettings(c.var.context, c.req.valid('json')), 200),
  )
  .openapi(listRolesRoute, async (c) => c.json(await listRoles(c.var.context), 200))
  .openapi(changeRoleRoute, async (c) =>
    c.json(await changeRole(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  );
