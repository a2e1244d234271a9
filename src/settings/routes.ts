// The settings HTTP API: the routes of settings/contract.ts handed to the terminology.
import { newRouter } from '../http.ts';
import { getTermsRoute, setTermsRoute } from './contract.ts';
import { getTerms, setTerms } from './terminology.ts';

export const settingsRoutes = newRouter()
  // The words are no one's to check: every signed-in caller (and the session answer) reads them.
  .openapi(getTermsRoute, async (c) => c.json(await getTerms(c.var.context.db), 200))
  .openapi(setTermsRoute, async (c) => c.json(await setTerms(c.var.context, c.req.valid('json')), 200));
