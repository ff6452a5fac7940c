// The roster import's input: a CSV of people for one cohort.
import { z } from 'zod';

/** A roster file may be at most this many bytes (the service checks the bytes again). */
export const ROSTER_MAX_BYTES = 1024 * 1024;

export const rosterInput = z.object({
  /** The CSV text. Limited again by bytes in the service; this bounds the request. */
  csv: z.string().max(ROSTER_MAX_BYTES * 2, 'A roster may be at most 1 MB: split it into smaller files.'),
  /** Create the groups the file names that the cohort does not have yet. */
  createMissingGroups: z.boolean().default(false),
  /** Email everyone who joins now (default), or later from the members page. */
  sendEmail: z.boolean().default(true),
});

export type RosterInput = z.input<typeof rosterInput>;
