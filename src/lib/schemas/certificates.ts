// Inputs of the certificate procedures: issuing (in bulk to everyone who qualifies, or by hand
// to named people), revoking with a reason, and a person's name as it goes on certificates.
import { z } from 'zod';

const id = z.string().trim().min(1, 'Name one.').max(64, 'That is not an id.');

export const issueCertificatesInput = z.object({
  /** Null: everyone who meets the completion rule (and every facilitator) without one yet. Named: these people, by hand. */
  membershipIds: z.array(id).max(2000, 'At most 2,000 at once.').nullable(),
  /** Email each person their certificate through the notification queue. */
  notify: z.boolean().default(true),
});

export const revokeCertificateInput = z.object({
  certificateId: id,
  reason: z.string().trim().min(1, 'Say why, for the verification page.').max(500, 'Keep the reason under 500 characters.'),
});

export const certificateIdInput = z.object({ certificateId: id });

export const certificateNameInput = z.object({
  /** Empty: the account's name. */
  certificateName: z.string().trim().max(120, 'Keep the name under 120 characters.'),
});

export type IssueCertificatesInput = z.input<typeof issueCertificatesInput>;
export type RevokeCertificateInput = z.infer<typeof revokeCertificateInput>;
