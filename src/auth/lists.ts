// Access's fixed vocabulary, plain constants with no imports: the contract makes its enums from them,
// and the CLI's help names them without loading zod (every command's start would pay for it).
export const roles = [
  'admin',
  'director',
  'area_lead',
  'headteacher',
  'system_leader',
  'analyst',
  'viewer',
] as const;
