// DHIS2's fixed vocabulary, plain constants with no imports: the contract makes its enums from them, and
// the CLI's help names them without loading zod.
export const dhis2MappingKinds = ['org_unit', 'data_element', 'category_option_combo', 'data_set'] as const;
export const idSchemes = ['AUTO', 'UID', 'CODE'] as const;
export const pullStatuses = ['running', 'succeeded', 'partial', 'failed'] as const;
