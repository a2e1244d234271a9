// The projection's pipeline groups in words, in the order the page lists them (the API's order).
export const groupLabels = {
  associate_head: 'Associate heads',
  npqh: 'NPQH holders',
  deputy_head: 'Deputy heads',
  aspiring: 'Aspiring leaders',
  assistant_head: 'Assistant heads',
} as const;
