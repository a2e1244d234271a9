// The programmes' fixed vocabulary: participants' statuses, the placements a programme's candidates need,
// placements' statuses and each participant's outcome. Imports nothing (the CLI and the web read it).

export const participantStatuses = ['enrolled', 'completed', 'withdrawn'] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

/** The placements a programme's candidates need: the catalogue's NPQH host and associate head roles meet them. */
export const placementKinds = ['npqh_internship', 'leadership_placement'] as const;
export type PlacementKind = (typeof placementKinds)[number];

export const placementStatuses = ['agreed', 'finished', 'cancelled'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/**
 * A participant's outcome, read from posts: promoted (took up a deputy or headship post above the one
 * held at entry, from the cohort's start to N years after completing); waiting (completed, the N years
 * not yet over); not promoted (the N years over without one); not yet completed; withdrawn; and not
 * applicable (a head at entry: there is no higher post to take up).
 */
export const outcomes = [
  'promoted',
  'waiting',
  'not_promoted',
  'in_progress',
  'withdrawn',
  'not_applicable',
] as const;
export type Outcome = (typeof outcomes)[number];
