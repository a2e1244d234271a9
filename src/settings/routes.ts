// The settings HTTP API: the routes of settings/contract.ts handed to the terminology.
import { newRouter } from '../http.ts';
import { getTermsRoute, setTermsRoute } from './contract.ts';
import { getTerms, setTerms } from './terminology.ts';

export const settingsRoutes = newRouter()
  // Anyone signed in reads the words (the session answer carries them too): there is no caller to check.
  .openapi(getTermsRoute, async (c) => c.json(await getTerms(c.var.context.db), 200))
  .openapi(setTermsRoute, async (c) => c.json(await setTerms(c.var.context, c.req.valid('json')), 200));
