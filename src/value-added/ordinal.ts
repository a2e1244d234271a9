// Percentiles in words: any of 1 to 99 may be asked for, so "the 2nd", "the 23rd", not "the 2th".

const suffixes: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd ... */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${suffixes[n % 10] ?? 'th'}`;
}
