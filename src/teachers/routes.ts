// Teachers where the pupils are: the routes of teachers/contract.ts, one line each; the verbs check
// permission and scope.
import { newRouter } from '../http.ts';
import { gapsRoute, normsRoute, randomnessRoute, scatterRoute, setNormsRoute } from './contract.ts';
import { teacherGaps } from './gaps.ts';
import { setNorms, viewNorms } from './norms.ts';
import { teacherRandomness, teacherScatter } from './randomness.ts';

export const teachersRoutes = newRouter()
  .openapi(normsRoute, async (c) => c.json(await viewNorms(c.var.context), 200))
  .openapi(setNormsRoute, async (c) => c.json(await setNorms(c.var.context, c.req.valid('json')), 200))
  .openapi(gapsRoute, async (c) => c.json(await teacherGaps(c.var.context, c.req.valid('query')), 200))
  .openapi(randomnessRoute, async (c) =>
    c.json(await teacherRandomness(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(scatterRoute, async (c) => c.json(await teacherScatter(c.var.context, c.req.valid('query')), 200));
