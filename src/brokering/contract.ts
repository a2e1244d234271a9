// The brokering API's shared vocabulary (the kinds of need, the rules that find them, the statuses of
// needs and deployments) and its settings, with their routes. Needs, proposals and deployments have
// their own contracts beside this one. Zod only: the tables, the domain and the web take these from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse } from '../contract.ts';

/** What a school needs, named by the kind of support that meets it. */
export const needKinds = [
  'headship_cover',
  'mentor',
  'nle',
  'lle',
  'practice',
  'professional_partner',
  'npqh_internship',
  'leadership_placement',
] as const;
export type NeedKind = (typeof needKinds)[number];

/** The rules that find needs; `manual` is a need raised by hand. */
export const needRules = [
  'headship_vacant',
  'head_absent',
  'first_year_head',
  'inspection_category',
  'emerging_from_category',
  'at_risk',
  'new_head_challenging',
  'leadership_weak_twice',
  'red_indicator',
  'va_below',
  'npqh_candidate',
  'placement_requested',
  /** A sustaining or leading school's yearly peer review (its stage raises it: src/stages/). */
  'peer_review',
  'manual',
] as const;
export type NeedRule = (typeof needRules)[number];

export const needStatuses = ['open', 'supported', 'closed', 'lapsed', 'withdrawn'] as const;
export type NeedStatus = (typeof needStatuses)[number];

export const deploymentStatuses = ['active', 'finished', 'ended_early'] as const;
/** What a logged day was spent on. */
export const dayActivities = ['visit', 'coaching', 'meeting', 'remote', 'training', 'other'] as const;
export type DayActivity = (typeof dayActivities)[number];
export type DeploymentStatus = (typeof deploymentStatuses)[number];

const perKind = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(needKinds.map((k) => [k, value])) as Record<NeedKind, T>);

export const BrokeringSettings = z.object({
  /** How much each part of fit counts; fit is their weighted mean, between 0 and 1. */
  weights: z.object({
    phase: z.number().min(0),
    strength: z.number().min(0),
    distance: z.number().min(0),
    track_record: z.number().min(0),
  }),
  /** Days a need of each kind is expected to take (a deployment agrees this many). */
  days: perKind(z.number().positive().max(200)),
  /** Weeks a deployment of each kind runs for. */
  weeks: perKind(z.number().int().positive().max(104)),
  /** Days funded for a head with no designation who hosts practice sharing (a designation recorded
   * without days gets its role's funded days from the catalogue). */
  default_days_per_year: z.number().positive().max(200),
  /** Schools a leader supports at once. */
  max_schools: z.number().int().positive().max(20),
  /** Furthest a leader travels (km); null for no limit. Distance still counts in fit. */
  max_km: z.number().positive().nullable(),
  /** Distance at which the distance part of fit reaches 0. */
  distance_scale_km: z.number().positive(),
  /** When true nobody supports a school in their own trust. */
  exclude_own_trust: z.boolean(),
  /** Headship of a school for less than this many years counts as a new head. */
  new_head_years: z.number().positive(),
  /** Indicators whose change a deployment's impact is measured on (beside the need's own). */
  impact_indicators: z.array(z.string()),
  /** Seconds a match may take before it reports the best found and the proven gap. */
  time_limit_seconds: z.number().positive().max(600),
  /** HiGHS stops once the relative gap to its bound is below this. */
  mip_gap: z.number().min(0).max(0.5),
});
export type BrokeringSettings = z.infer<typeof BrokeringSettings>;

export const BrokeringSettingsChange = BrokeringSettings.partial();
export type BrokeringSettingsChange = z.infer<typeof BrokeringSettingsChange>;

export const brokeringSettingsRoute = createRoute({
  method: 'get',
  path: '/brokering/settings',
  tags: ['brokering'],
  summary: 'Fit weights, days per need, eligibility limits, solver limits',
  responses: { 200: jsonResponse(BrokeringSettings, 'The settings') },
});

export const changeBrokeringSettingsRoute = createRoute({
  method: 'put',
  path: '/brokering/settings',
  tags: ['brokering'],
  summary: 'Change some brokering settings (a whole-authority broker)',
  request: { body: jsonBody(BrokeringSettingsChange) },
  responses: {
    200: jsonResponse(BrokeringSettings, 'The settings now'),
    403: errorResponse('Not allowed'),
  },
});
