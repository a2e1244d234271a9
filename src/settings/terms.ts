// The words for the structure an authority may change, and Headway's own. Apart from terminology.ts,
// which keeps them in the database, so the CLI's help can list the keys without loading that layer.
import type { TermsChange } from './contract.ts';

// Exactly the keys the API takes (settings/contract.ts): a term added to one and not the other does not compile.
export const defaultTerms = {
  authority: 'authority',
  area: 'area',
  areas: 'areas',
  area_lead: 'area lead',
  cluster: 'cluster',
  director: 'director',
  headteacher: 'headteacher',
} satisfies Record<keyof TermsChange, string>;
export type Terms = typeof defaultTerms;
export const termKeys = Object.keys(defaultTerms) as (keyof Terms)[];
