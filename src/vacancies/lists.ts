// The vacancy register's fixed vocabularies: shared by the schema, the contract and the web (a lists.ts imports nothing).
export const vacancyPosts = ['headteacher', 'deputy_headteacher'] as const;
export const vacancyReasons = ['retirement', 'resignation', 'promotion', 'long_absence', 'other'] as const;
export const roundOutcomes = ['open', 'appointed', 'not_appointed'] as const;
export const vacancyStatuses = ['open', 'filled', 'withdrawn'] as const;
