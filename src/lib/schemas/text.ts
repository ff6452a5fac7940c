// One rule for text a person types on one line (names, titles, locations, tags): control
// characters go. A bare CR or LF in a meeting's location once split fellows' .ics files and
// added an attendee; the same characters split CSV rows, email headers and log lines. They
// are removed where the input is parsed, so no writer downstream needs to remember.
import { z } from 'zod';

/** C0 and C1 controls (tab, CR, LF among them), DEL, and Unicode's line and paragraph separators. */
const LINE_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** The text with each run of control characters made one space. */
export function toSingleLine(value: string): string {
  return value.replace(LINE_BREAKERS, ' ');
}

/** A one-line string: control characters become spaces, then the ends are trimmed. Chain `.min` / `.max` after it. */
export function singleLine() {
  return z.string().overwrite(toSingleLine).trim();
}
