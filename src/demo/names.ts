// Word lists from which the demo builds place, school and person names that read like real ones.
import type { Random } from './random.ts';

const placeStarts = [
  'Ash', 'Oak', 'Elm', 'Brook', 'Mill', 'Thorn', 'Holly', 'Fern', 'Bracken', 'Castle', 'Church', 'Kings',
  'Queens', 'Marsh', 'Moor', 'Heath', 'West', 'East', 'North', 'South', 'Stone', 'Red', 'Green', 'White',
  'Wood', 'Hill', 'Long', 'High', 'Rose', 'Birch', 'Willow', 'Hazel', 'Lark', 'Swan', 'Fox', 'Hart', 'Cran',
  'Bram', 'Wel', 'Har', 'Ken', 'Lin', 'Sel', 'Brad', 'Thurl', 'Ald', 'Bur', 'Cal', 'Dun', 'Ever',
];
const placeEnds = [
  'by', 'field', 'ley', 'ton', 'wood', 'bridge', 'ford', 'worth', 'gate', 'dale', 'hurst', 'combe', 'stead',
  'well', 'moor', 'thorpe', 'wick', 'side', 'brook', 'cote', 'ham', 'minster', 'holme', 'leigh',
];
const saints = ['Mary', 'John', 'Peter', 'Paul', 'Andrew', 'Michael', 'Margaret', 'Anne', 'Joseph', 'Bede', 'Hilda', 'Chad', 'Aidan', 'Oswald', 'Thomas', 'Luke', 'Mark', 'Patrick', 'Bernadette', 'Helen'];
const givenNames = [
  'Amina', 'James', 'Grace', 'Thomas', 'Sarah', 'Oliver', 'Fatima', 'David', 'Emily', 'Daniel', 'Chloe', 'Samuel',
  'Priya', 'Michael', 'Hannah', 'Joseph', 'Aisha', 'Robert', 'Lucy', 'Adebayo', 'Rachel', 'Mohammed', 'Helen',
  'Peter', 'Claire', 'Kwame', 'Joanne', 'Andrew', 'Ngozi', 'Mark', 'Sophie', 'Ibrahim', 'Laura', 'Richard',
  'Zainab', 'Paul', 'Catherine', 'Tunde', 'Rebecca', 'Simon', 'Funmi', 'Gareth', 'Mei', 'Stephen', 'Yasmin',
  'Anthony', 'Bola', 'Elizabeth', 'Chukwuemeka', 'Victoria', 'Hassan', 'Nicola', 'Emeka', 'Louise', 'Ravi',
];
const familyNames = [
  'Okafor', 'Whitfield', 'Mensah', 'Hargreaves', 'Smith', 'Patel', 'Jones', 'Adeyemi', 'Taylor', 'Khan', 'Brown',
  'Williams', 'Okonkwo', 'Wilson', 'Ahmed', 'Thompson', 'Evans', 'Bello', 'Walker', 'Hughes', 'Ali', 'Roberts',
  'Eze', 'Wright', 'Clarke', 'Hussain', 'Green', 'Ibrahim', 'Hall', 'Lewis', 'Chen', 'Wood', 'Nwosu', 'Harris',
  'Begum', 'Martin', 'Jackson', 'Adebayo', 'Turner', 'Shah', 'Cooper', 'Afolabi', 'Hill', 'Ward', 'Singh',
  'Morris', 'Owusu', 'Baker', 'Moore', 'Obi', 'Kelly', 'Barker', 'Yusuf', 'Dixon', 'Fletcher', 'Lawal',
];

/** Distinct place names, in a random but seeded order. */
export function placeNames(random: Random): string[] {
  const all = placeStarts.flatMap((start) => placeEnds.map((end) => (start.endsWith(end[0] ?? '') ? start + end.slice(1) : start + end)));
  return random.shuffle([...new Set(all)]);
}

export function personName(random: Random): { given: string; family: string } {
  return { given: random.pick(givenNames), family: random.pick(familyNames) };
}

export function schoolName(random: Random, place: string, phase: string): { name: string; type: string } {
  const saint = random.pick(saints);
  if (phase === 'primary') {
    return random.pick([
      { name: `${place} Primary School`, type: 'community' },
      { name: `${place} Community Primary School`, type: 'community' },
      { name: `${place} Infant and Junior School`, type: 'community' },
      { name: `St ${saint}'s Church of England Primary School`, type: 'voluntary aided' },
      { name: `St ${saint}'s Catholic Primary School`, type: 'voluntary aided' },
      { name: `${place} Church of England Primary School`, type: 'voluntary controlled' },
      { name: `${place} Primary Academy`, type: 'academy' },
      { name: `${place} Junior School`, type: 'foundation' },
    ]);
  }
  if (phase === 'secondary') {
    return random.pick([
      { name: `${place} High School`, type: 'community' },
      { name: `${place} Academy`, type: 'academy' },
      { name: `${place} School`, type: 'foundation' },
      { name: `St ${saint}'s Catholic High School`, type: 'voluntary aided' },
      { name: `${place} Community College`, type: 'community' },
    ]);
  }
  return random.pick([
    { name: `${place} Special School`, type: 'community special' },
    { name: `${place} School`, type: 'community special' },
    { name: `${place} Academy`, type: 'academy special' },
  ]);
}

export function trustName(random: Random, place: string): string {
  return random.pick([`${place} Learning Trust`, `${place} Multi-Academy Trust`, `${place} Schools Partnership`, `${place} Education Trust`]);
}
