// The registry's tables and the shapes of its import rows.
import type { Generated } from 'kysely';
import { z } from 'zod';
import { cells } from '../tabular/cells.ts';
import { type OrgUnitLevel, type Phase, phases } from './contract.ts';

/** Posts that lead a school. A substantive head holds the post; acting and interim heads cover it. */
export const substantiveHeadRoles = ['headteacher', 'executive_headteacher'] as const;
export const coverHeadRoles = ['acting_headteacher', 'interim_headteacher'] as const;
export const headRoles = [...substantiveHeadRoles, ...coverHeadRoles] as const;

export const postRoles = [
  ...headRoles,
  'deputy_headteacher',
  'assistant_headteacher',
  'director',
  'area_lead',
  'chair_of_governors',
  'business_manager',
  'teacher',
] as const;
type PostRole = (typeof postRoles)[number];

export const designationKinds = [
  'nle',
  'lle',
  'sle',
  'mentor',
  'professional_partner',
  'advisory_head',
  'executive_head',
  'interim_head',
  'npqh_host',
  'associate_head',
  'npqh',
  // Specialists as system leaders (issue 24): an outstanding teacher and a support-staff leader.
  'outstanding_teacher',
  'support_staff_leader',
] as const;
export type DesignationKind = (typeof designationKinds)[number];

interface OrgUnitTable {
  id: Generated<number>;
  parent_id: number | null;
  level: OrgUnitLevel;
  code: string;
  name: string;
}

interface OrgGroupTable {
  id: Generated<number>;
  kind: 'trust' | 'federation';
  code: string;
  name: string;
}

interface OrgGroupMemberTable {
  group_id: number;
  org_unit_id: number;
}

interface SchoolTable {
  org_unit_id: number;
  phase: Phase;
  type: string | null;
  urn: string | null;
  opened_on: string | null;
  closed_on: string | null;
  capacity: number | null;
  latitude: number | null;
  longitude: number | null;
}

interface PersonTable {
  id: Generated<number>;
  code: string;
  given_name: string;
  family_name: string;
  email: string | null;
}

interface PostTable {
  id: Generated<number>;
  person_id: number;
  org_unit_id: number;
  role: PostRole;
  starts_on: string;
  ends_on: string | null;
  fte: number | null;
}

interface DesignationTable {
  id: Generated<number>;
  person_id: number;
  kind: DesignationKind;
  starts_on: string;
  ends_on: string | null;
  days_per_year: number | null;
  /** When the accreditation the role requires was recorded (a professional partner's 2 days). */
  accredited_on: string | null;
  /** The specialisms the designation lists (codes of the `specialism` catalogue): what a need may ask for. */
  specialisms: Generated<string[]>;
  /** The school the holder works at and supports from, for one who leads none (a specialist). */
  school_id: number | null;
}

export interface RegistryTables {
  org_unit: OrgUnitTable;
  org_group: OrgGroupTable;
  org_group_member: OrgGroupMemberTable;
  school: SchoolTable;
  person: PersonTable;
  post: PostTable;
  designation: DesignationTable;
}

// Import rows, one shape per kind. Column order here is the order of exports and documentation.

export const orgUnitRow = z.object({
  code: cells.code(),
  name: cells.text(),
  level: cells.oneOf(['authority', 'area', 'cluster'] as const),
  parent_code: cells.optionalCode(),
});

export const schoolRow = z.object({
  code: cells.code(),
  name: cells.text(),
  phase: cells.oneOf(phases, {
    all_thru: 'all_through',
    through: 'all_through',
    ap: 'alternative_provision',
  }),
  type: cells.optionalText(100),
  area_code: cells.code(),
  cluster_code: cells.optionalCode(),
  trust_code: cells.optionalCode(),
  trust_name: cells.optionalText(),
  federation_code: cells.optionalCode(),
  federation_name: cells.optionalText(),
  urn: cells.optionalText(20),
  opened_on: cells.optionalDate(),
  closed_on: cells.optionalDate(),
  capacity: cells.optionalInteger(0, 100_000),
  latitude: cells.optionalNumber(-90, 90),
  longitude: cells.optionalNumber(-180, 180),
});

export const personRow = z.object({
  code: cells.code(),
  given_name: cells.text(100),
  family_name: cells.text(100),
  email: cells.optionalEmail(),
});

export const postRow = z.object({
  person_code: cells.code(),
  org_unit_code: cells.code(),
  role: cells.oneOf(postRoles, {
    head: 'headteacher',
    head_teacher: 'headteacher',
    deputy: 'deputy_headteacher',
  }),
  starts_on: cells.date(),
  ends_on: cells.optionalDate(),
  fte: cells.optionalNumber(0, 1),
});

export const designationRow = z.object({
  person_code: cells.code(),
  kind: cells.oneOf(designationKinds),
  starts_on: cells.date(),
  ends_on: cells.optionalDate(),
  days_per_year: cells.optionalNumber(0, 366),
  accredited_on: cells.optionalDate(),
});

export type OrgUnitRow = z.infer<typeof orgUnitRow>;
export type SchoolRow = z.infer<typeof schoolRow>;
export type PersonRow = z.infer<typeof personRow>;
export type PostRow = z.infer<typeof postRow>;
export type DesignationRow = z.infer<typeof designationRow>;
