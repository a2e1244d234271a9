// Strengths: the routes of strengths/contract.ts, one line each; the verbs check permission and scope.
import { newRouter } from '../http.ts';
import {
  decideDeclaredRoute,
  declaredRoute,
  declareRoute,
  practiceAreasRoute,
  strengthsRoute,
} from './contract.ts';
import { decideDeclared, declareStrength, listDeclared } from './declared.ts';
import { practiceAreaMapping } from './practice-areas.ts';
import { listStrengths } from './strengths.ts';

export const strengthRoutes = newRouter()
  .openapi(strengthsRoute, async (c) => c.json(await listStrengths(c.var.context, c.req.valid('query')), 200))
  .openapi(practiceAreasRoute, async (c) => c.json(practiceAreaMapping(), 200))
  .openapi(declaredRoute, async (c) => c.json(await listDeclared(c.var.context, c.req.valid('query')), 200))
  .openapi(declareRoute, async (c) => c.json(await declareStrength(c.var.context, c.req.valid('json')), 201))
  .openapi(decideDeclaredRoute, async (c) =>
    c.json(await decideDeclared(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  );
