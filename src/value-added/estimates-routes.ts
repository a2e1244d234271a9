// The estimates API: schools', areas' and the authority's estimates and targets, and one school's
// pupils' (JSON, or the workbook for heads). The shapes and routes are in estimates-contract.ts.
import { newRouter } from '../http.ts';
import { cohortEstimates, pupilEstimates } from './estimates.ts';
import { estimatesRoute, pupilEstimatesRoute } from './estimates-contract.ts';
import { pupilEstimatesWorkbook } from './estimates-workbook.ts';

export const estimatesRoutes = newRouter()
  .openapi(estimatesRoute, async (c) => {
    const { stage, year, percentile, org_unit } = c.req.valid('query');
    return c.json(
      await cohortEstimates(c.var.context, { stage, academicYear: year, percentile, orgUnit: org_unit }),
      200,
    );
  })
  .openapi(pupilEstimatesRoute, async (c) => {
    const { code } = c.req.valid('param');
    const { stage, year, percentile, format } = c.req.valid('query');
    const result = await pupilEstimates(
      c.var.context,
      code,
      { stage, academicYear: year, percentile },
      { format },
    );
    if (format === 'json') return c.json(result, 200);
    return c.body(new Uint8Array(await pupilEstimatesWorkbook(result, c.var.context.today)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="pupil-estimates-${code}-${stage}-${year}-p${percentile}.xlsx"`,
    });
  });
