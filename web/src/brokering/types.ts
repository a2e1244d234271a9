// The brokering API's shapes as the pages use them (the OpenAPI document has the whole of each).
export interface Need {
  id: number;
  school: string;
  school_name: string;
  area: string | null;
  kind: string;
  rule: string;
  indicator: string | null;
  evidence: string;
  days: number;
  status: string;
  raised_on: string;
  deployment: { id: number; leader: string; leader_name: string; status: string } | null;
}

export interface LeaderFit {
  leader: string;
  leader_name: string;
  fit: number;
}

export interface Pair extends LeaderFit {
  need: number;
  school: string;
  school_name: string;
  kind: string;
  days: number;
  evidence: string;
  km: number | null;
  reasons: string[];
  next_best: (LeaderFit & { why_not: string }) | null;
}

export interface Proposal {
  id: number;
  unit: string;
  created_at: string;
  status: string;
  method: string;
  objective: number;
  bound: number;
  gap: number;
  seconds: number;
  needs: number;
  leaders: number;
  candidates: number;
  pairs: Pair[];
  unmet: { need: number; school: string; school_name: string; kind: string; why: string }[];
}

export interface Deployment {
  id: number;
  need: number;
  school: string;
  school_name: string;
  leader: string;
  leader_name: string;
  role: string;
  evidence: string;
  starts_on: string;
  ends_on: string;
  days_agreed: number;
  days_logged: number;
  status: string;
  outcome_note: string | null;
}

export interface DeploymentDetail extends Deployment {
  days: {
    id: number;
    on_date: string;
    days: number;
    note: string;
    override_reason: string | null;
    logged_by: string;
  }[];
}

export interface ImpactRow {
  key: string;
  name: string;
  deployments: number;
  measured: number;
  improved: number;
  mean_relative: number | null;
}

export interface Impact {
  deployments: {
    deployment: number;
    school: string;
    school_name: string;
    leader_name: string;
    role: string;
    starts_on: string;
    ends_on: string;
    relative: number | null;
    indicators: {
      indicator: string;
      name: string;
      before_period: string;
      after_period: string;
      before: number | null;
      after: number | null;
      change: number | null;
      comparison_change: number | null;
      difference: number | null;
    }[];
  }[];
  by_role: ImpactRow[];
  by_leader: ImpactRow[];
}

export const kindNames: Record<string, string> = {
  headship_cover: 'Headship cover',
  mentor: 'Mentor',
  nle: 'NLE',
  lle: 'LLE',
  practice: 'Practice sharing',
  professional_partner: 'Professional partner',
};

export const signed = (x: number | null, digits = 1) =>
  x === null ? '–' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;
