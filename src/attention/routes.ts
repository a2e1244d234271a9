// The attention API: the watchlist for the caller's scope (the shapes and route are in contract.ts).
import { newRouter } from '../http.ts';
import { schoolsNeedingAttention } from './attention.ts';
import { attentionRoute } from './contract.ts';

export const attentionRoutes = newRouter().openapi(attentionRoute, async (c) =>
  c.json(await schoolsNeedingAttention(c.var.context, c.req.valid('query')), 200),
);
