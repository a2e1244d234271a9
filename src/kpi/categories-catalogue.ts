// The categories Headway ships with (DHIS2's model, kept simple): a category has options; a category
// combination is an ordered list of categories; an option combination is one option of each, coded by
// joining the options' codes ("FEMALE", "FEMALE_G1"). The migration loads these once (categories an
// authority defines for itself have no import yet: rows in these tables, as the migration writes them).
// An element is kept by category once it is given a combination (`headway element-categories`).

export interface CategorySeed {
  code: string;
  name: string;
  options: { code: string; name: string }[];
}

export const defaultCategories: CategorySeed[] = [
  {
    code: 'sex',
    name: 'Sex',
    options: [
      { code: 'FEMALE', name: 'Female' },
      { code: 'MALE', name: 'Male' },
    ],
  },
  {
    code: 'grade',
    name: 'Grade',
    options: Array.from({ length: 12 }, (_, i) => ({ code: `G${i + 1}`, name: `Grade ${i + 1}` })),
  },
  {
    code: 'disadvantaged',
    name: 'Disadvantaged',
    options: [
      { code: 'DISADVANTAGED', name: 'Disadvantaged' },
      { code: 'NOT_DISADVANTAGED', name: 'Not disadvantaged' },
    ],
  },
];

export const defaultCombos: { code: string; name: string; categories: string[] }[] = [
  { code: 'sex', name: 'Sex', categories: ['sex'] },
  { code: 'grade', name: 'Grade', categories: ['grade'] },
  { code: 'sex_grade', name: 'Sex and grade', categories: ['sex', 'grade'] },
  { code: 'disadvantaged', name: 'Disadvantaged', categories: ['disadvantaged'] },
];
