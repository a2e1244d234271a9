// The challenges API's handlers (the routes and shapes are in challenge-contract.ts): the log as JSON
// or a spreadsheet, one challenge, the workflow, recurring links, the board and categories. Scope is
// checked in the domain verbs.
import { newRouter } from '../http.ts';
import { challengeAgeing, challengeMeasures } from './board.ts';
import { listCategories, saveCategory } from './categories.ts';
import {
  addChallengeNoteRoute,
  challengeAgeingRoute,
  challengeMeasuresRoute,
  challengeRoute,
  deleteChallengeRoute,
  editChallengeRoute,
  linkChallengesRoute,
  listCategoriesRoute,
  listChallengesRoute,
  moveChallengeRoute,
  raiseChallengeRoute,
  recurringProblemsRoute,
  retitleRecurringRoute,
  saveCategoryRoute,
  unlinkChallengeRoute,
} from './challenge-contract.ts';
import {
  addChallengeNote,
  challengeDetail,
  deleteChallenge,
  editChallenge,
  listChallenges,
  moveChallenge,
  raiseChallenge,
} from './challenges.ts';
import { spreadsheetType, writeChallenges } from './export.ts';
import { linkChallenges, recurringProblems, retitleRecurring, unlinkChallenge } from './recurring.ts';

export const challengeRoutes = newRouter()
  .openapi(listChallengesRoute, async (c) => {
    const { context } = c.var;
    const q = c.req.valid('query');
    const challenges = await listChallenges(context, {
      area: q.area,
      category: q.category,
      status: q.status,
      owner: q.owner,
      overdue: q.overdue === 'true' ? true : undefined,
      recurring: q.recurring,
      meeting: q.meeting,
      search: q.q,
    });
    if (q.format === 'json') return c.json({ challenges }, 200);
    return c.body(new Uint8Array(await writeChallenges(challenges, q.format)), 200, {
      'content-type': spreadsheetType[q.format],
      'content-disposition': `attachment; filename="challenges-${context.today}.${q.format}"`,
    });
  })
  .openapi(recurringProblemsRoute, async (c) =>
    c.json({ problems: await recurringProblems(c.var.context) }, 200),
  )
  .openapi(retitleRecurringRoute, async (c) => {
    await retitleRecurring(c.var.context, c.req.valid('param').id, c.req.valid('json').title);
    return c.body(null, 204);
  })
  .openapi(challengeMeasuresRoute, async (c) =>
    c.json(await challengeMeasures(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(challengeAgeingRoute, async (c) =>
    c.json(await challengeAgeing(c.var.context, c.req.valid('query').by), 200),
  )
  .openapi(raiseChallengeRoute, async (c) =>
    c.json({ id: await raiseChallenge(c.var.context, c.req.valid('json')) }, 201),
  )
  .openapi(challengeRoute, async (c) =>
    c.json(await challengeDetail(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(editChallengeRoute, async (c) => {
    const { id } = c.req.valid('param');
    await editChallenge(c.var.context, id, c.req.valid('json'));
    return c.json(await challengeDetail(c.var.context, id), 200);
  })
  .openapi(deleteChallengeRoute, async (c) => {
    await deleteChallenge(c.var.context, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(moveChallengeRoute, async (c) => {
    const { id } = c.req.valid('param');
    await moveChallenge(c.var.context, id, c.req.valid('json'));
    return c.json(await challengeDetail(c.var.context, id), 200);
  })
  .openapi(addChallengeNoteRoute, async (c) => {
    const { id } = c.req.valid('param');
    await addChallengeNote(c.var.context, id, c.req.valid('json'));
    return c.json(await challengeDetail(c.var.context, id), 200);
  })
  .openapi(linkChallengesRoute, async (c) => {
    const body = c.req.valid('json');
    const recurring = await linkChallenges(
      c.var.context,
      c.req.valid('param').id,
      body.challenge,
      body.title,
    );
    return c.json({ recurring }, 200);
  })
  .openapi(unlinkChallengeRoute, async (c) => {
    await unlinkChallenge(c.var.context, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(listCategoriesRoute, async (c) => c.json({ categories: await listCategories(c.var.context) }, 200))
  .openapi(saveCategoryRoute, async (c) => {
    await saveCategory(c.var.context, { code: c.req.valid('param').code, ...c.req.valid('json') });
    return c.body(null, 204);
  });
