// A cohort's roster from a CSV file: a preview that gives every row its fate (a new account,
// an existing one, or invalid with the reason and line), then an import that writes all of
// it in one transaction, and only when no row is invalid.
//
// People without an account get one at once (a User with their name and email, no sign-in
// yet): the roster is complete the moment it is imported, groups and facilitators can be
// arranged straight away, and each person joins by signing in with that email later.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { displayName, pluralize } from '@/lib/format';
import { AppError } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { parseRosterCsv, type RosterDelimiter, type RosterRole } from './parse-roster';
import type { CohortContext, Db } from '@/server/services/context';
import { rosterInput, type RosterInput } from '@/lib/schemas/roster';
import { recordAudit } from '@/server/services/audit/record-audit';
import { queueRosterWelcomeEmails } from '@/server/services/notifications/invitation-emails';
import { deliverableOnly } from '@/server/services/notifications/recipients';

type Client = PrismaClient | Prisma.TransactionClient;

export type RosterFate = 'new' | 'existing' | 'invalid';
/** What an import would do with the row. */
export type RosterAction = 'create-account' | 'join' | 'update' | 'unchanged' | null;

export type RosterPreviewRow = {
  line: number;
  name: string | null;
  email: string;
  role: RosterRole | null;
  /** The group's name as the cohort spells it (or as the file does, for a group to create). */
  group: string | null;
  fate: RosterFate;
  action: RosterAction;
  /** What happens, or what is wrong, in a sentence. */
  message: string;
};

export type RosterPreview = {
  rows: RosterPreviewRow[];
  counts: { total: number; new: number; existing: number; invalid: number; unchanged: number };
  /** Groups the import would create (with createMissingGroups). */
  groupsToCreate: string[];
  /** Header cells that are none of name, email, role, group. */
  ignoredColumns: string[];
  /** The separator the file was read with. */
  delimiter: RosterDelimiter;
  /** How many of the people joining would get an invitation email (not a disabled account or a bouncing address). */
  invitationEmails: number;
};

const ROLE_WORD: Record<RosterRole, string> = { FELLOW: 'fellow', FACILITATOR: 'facilitator' };

type MemberState = {
  membershipId: string;
  role: RosterRole;
  groupId: string | null;
  ledGroupIds: Set<string>;
};

type PlannedRow = RosterPreviewRow & {
  userId: string | null;
  groupId: string | null;
  member: MemberState | null;
  /** The account has no name yet and the file gives one. */
  setName: boolean;
};

async function planRoster(client: Client, cohortId: string, input: z.output<typeof rosterInput>) {
  const parsed = parseRosterCsv(input.csv);
  const groups = await client.discussionGroup.findMany({ where: { cohortId }, select: { id: true, name: true } });
  const groupByName = new Map(groups.map((group) => [group.name.toLowerCase(), group]));
  const emails = [...new Set(parsed.rows.filter((row) => row.problems.length === 0).map((row) => row.email))];
  const users = await client.user.findMany({
    where: { email: { in: emails } },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      memberships: {
        where: { cohortId },
        select: { id: true, role: true, groupId: true, leadsGroups: { select: { groupId: true } } },
      },
    },
  });
  const userByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]));
  const groupNameById = new Map(groups.map((group) => [group.id, group.name]));
  const groupsToCreate = new Map<string, string>();

  const rows: PlannedRow[] = parsed.rows.map((row) => {
    const problems = [...row.problems];
    const existingGroup = row.group ? groupByName.get(row.group.toLowerCase()) : undefined;
    let groupName: string | null = existingGroup?.name ?? null;
    if (row.group && !existingGroup) {
      if (input.createMissingGroups) {
        const key = row.group.toLowerCase();
        if (!groupsToCreate.has(key)) groupsToCreate.set(key, row.group);
        groupName = groupsToCreate.get(key)!;
      } else {
        problems.push(`No group called "${row.group}" in this cohort: create it first, or choose to create missing groups.`);
      }
    }
    const user = problems.length ? undefined : userByEmail.get(row.email);
    if (!user && problems.length === 0 && row.name === '') problems.push('Name is missing: a new account needs one.');

    const base = {
      line: row.line,
      name: row.name || null,
      email: row.email,
      role: row.role,
      // An unknown group shows as the file spells it, beside the reason it is refused.
      group: groupName ?? (row.group || null),
      userId: user?.id ?? null,
      groupId: existingGroup?.id ?? null,
      member: null,
      setName: false,
    };
    if (problems.length) return { ...base, fate: 'invalid', action: null, message: problems.join(' ') };
    const role = row.role!;
    const inGroup = groupName ? ` in ${groupName}` : '';
    const leading = groupName ? `, leading ${groupName}` : '';
    const joinsAs = role === 'FACILITATOR' ? `a facilitator${leading}` : `a fellow${inGroup}`;
    if (!user) {
      return { ...base, fate: 'new', action: 'create-account', message: `New account: joins as ${joinsAs}.` };
    }
    const setName = !user.name && row.name !== '';
    const disabled = user.disabledAt ? ' (the account is disabled)' : '';
    const membership = user.memberships[0];
    if (!membership) {
      return { ...base, setName, fate: 'existing', action: 'join', message: `Has an account${disabled}: joins as ${joinsAs}.` };
    }
    const member: MemberState = {
      membershipId: membership.id,
      role: membership.role,
      groupId: membership.groupId,
      ledGroupIds: new Set(membership.leadsGroups.map((lead) => lead.groupId)),
    };
    const changes: string[] = [];
    if (membership.role !== role) changes.push(`becomes a ${ROLE_WORD[role]}`);
    if (groupName) {
      const alreadyThere =
        role === 'FELLOW'
          ? membership.role === 'FELLOW' && existingGroup !== undefined && membership.groupId === existingGroup.id
          : membership.role === 'FACILITATOR' && existingGroup !== undefined && member.ledGroupIds.has(existingGroup.id);
      if (!alreadyThere) {
        const from = role === 'FELLOW' && membership.groupId ? ` from ${groupNameById.get(membership.groupId) ?? 'another group'}` : '';
        changes.push(role === 'FELLOW' ? `moves${from} to ${groupName}` : `leads ${groupName}`);
      }
    }
    if (changes.length === 0 && !setName) {
      const where = role === 'FELLOW' && membership.groupId ? ` in ${groupNameById.get(membership.groupId)}` : '';
      return { ...base, member, fate: 'existing', action: 'unchanged', message: `Already a ${ROLE_WORD[role]}${where}: no change.` };
    }
    const what = changes.length ? changes.join(' and ') : 'gets the name from the file';
    return { ...base, member, setName, fate: 'existing', action: 'update', message: `Already a member${disabled}: ${what}.` };
  });

  return { rows, groupsToCreate: [...groupsToCreate.values()], ignoredColumns: parsed.ignoredColumns, delimiter: parsed.delimiter };
}

async function toPreview(db: Db, cohortId: string, plan: Awaited<ReturnType<typeof planRoster>>): Promise<RosterPreview> {
  const rows = plan.rows.map(({ line, name, email, role, group, fate, action, message }) => ({ line, name, email, role, group, fate, action, message }));
  const count = (fate: RosterFate) => rows.filter((row) => row.fate === fate).length;
  return {
    rows,
    counts: {
      total: rows.length,
      new: count('new'),
      existing: count('existing'),
      invalid: count('invalid'),
      unchanged: rows.filter((row) => row.action === 'unchanged').length,
    },
    groupsToCreate: plan.groupsToCreate,
    ignoredColumns: plan.ignoredColumns,
    delimiter: plan.delimiter,
    invitationEmails: (
      await deliverableOnly(db, {
        kind: 'INVITATION',
        cohortId,
        candidates: plan.rows.filter((row) => row.action === 'create-account' || row.action === 'join').map((row) => ({ userId: row.userId ?? null, email: row.email })),
      })
    ).length,
  };
}

/** What importing this CSV would do, row by row. Writes nothing. */
export async function previewRoster(ctx: CohortContext, rawInput: RosterInput): Promise<RosterPreview> {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  return toPreview(db, cohortId, await planRoster(db, cohortId, rosterInput.parse(rawInput)));
}

export type RosterImportResult = {
  preview: RosterPreview;
  accountsCreated: number;
  joined: number;
  updated: number;
  unchanged: number;
  groupsCreated: string[];
  /** Invitation emails queued for the people who joined. */
  emailed: number;
};

/** Imports the roster, all of it or, when any row is invalid, nothing. */
export async function importRoster(ctx: CohortContext, rawInput: RosterInput): Promise<RosterImportResult> {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const input = rosterInput.parse(rawInput);
  try {
    return await db.$transaction(
      async (tx) => {
        await assertCohortWritable(tx, cohortId);
        const plan = await planRoster(tx, cohortId, input);
        const preview = await toPreview(tx as Db, cohortId, plan);
        if (preview.counts.total === 0) {
          throw new AppError('BAD_REQUEST', 'The file has a header but nobody under it: add one line per person.');
        }
        const invalid = plan.rows.filter((row) => row.fate === 'invalid');
        if (invalid.length) {
          const examples = invalid.slice(0, 3).map((row) => `line ${row.line}: ${row.message}`).join(' ');
          throw new AppError(
            'BAD_REQUEST',
            `Nothing was imported: ${pluralize(invalid.length, 'row needs', 'rows need')} fixing. ${examples}${invalid.length > 3 ? ' …' : ''}`,
          );
        }

        // Groups the file names that the cohort lacks.
        const groupIdByName = new Map<string, string>();
        if (plan.groupsToCreate.length) {
          await tx.discussionGroup.createMany({ data: plan.groupsToCreate.map((name) => ({ cohortId, name })) });
        }
        for (const group of await tx.discussionGroup.findMany({ where: { cohortId }, select: { id: true, name: true } })) {
          groupIdByName.set(group.name.toLowerCase(), group.id);
        }
        const groupIdOf = (row: PlannedRow) => (row.group ? (groupIdByName.get(row.group.toLowerCase()) ?? null) : null);

        // Accounts for the people who have none.
        const newRows = plan.rows.filter((row) => row.action === 'create-account');
        if (newRows.length) {
          await tx.user.createMany({ data: newRows.map((row) => ({ email: row.email, name: row.name })) });
        }
        const userIdByEmail = new Map(
          (await tx.user.findMany({ where: { email: { in: newRows.map((row) => row.email) } }, select: { id: true, email: true } })).map(
            (user) => [user.email, user.id],
          ),
        );
        for (const row of plan.rows) {
          if (row.setName && row.userId) await tx.user.update({ where: { id: row.userId }, data: { name: row.name } });
        }

        // Memberships for everyone not yet in the cohort.
        const joining = plan.rows.filter((row) => row.action === 'create-account' || row.action === 'join');
        await tx.membership.createMany({
          data: joining.map((row) => ({
            cohortId,
            userId: row.userId ?? userIdByEmail.get(row.email)!,
            role: row.role!,
            groupId: row.role === 'FELLOW' ? groupIdOf(row) : null,
          })),
        });
        const membershipIdByUser = new Map(
          (
            await tx.membership.findMany({
              where: { cohortId, userId: { in: joining.map((row) => row.userId ?? userIdByEmail.get(row.email)!) } },
              select: { id: true, userId: true },
            })
          ).map((membership) => [membership.userId, membership.id]),
        );
        const leads: { groupId: string; membershipId: string }[] = [];
        for (const row of joining) {
          const groupId = groupIdOf(row);
          if (row.role === 'FACILITATOR' && groupId) {
            leads.push({ groupId, membershipId: membershipIdByUser.get(row.userId ?? userIdByEmail.get(row.email)!)! });
          }
        }

        // Members whose role or group changes, the same way the members page changes them.
        const updating = plan.rows.filter((row) => row.action === 'update' && row.member);
        for (const row of updating) {
          const member = row.member!;
          const groupId = groupIdOf(row);
          if (row.role === 'FELLOW') {
            if (member.role === 'FACILITATOR') await tx.groupFacilitator.deleteMany({ where: { membershipId: member.membershipId } });
            const firstLed = member.role === 'FACILITATOR' ? ([...member.ledGroupIds][0] ?? null) : member.groupId;
            await tx.membership.update({
              where: { id: member.membershipId },
              data: { role: 'FELLOW', groupId: groupId ?? firstLed },
            });
          } else {
            const lead = groupId ?? (member.role === 'FELLOW' ? member.groupId : null);
            if (member.role === 'FELLOW') {
              await tx.membership.update({ where: { id: member.membershipId }, data: { role: 'FACILITATOR', groupId: null } });
            }
            if (lead) leads.push({ groupId: lead, membershipId: member.membershipId });
          }
        }
        if (leads.length) await tx.groupFacilitator.createMany({ data: leads, skipDuplicates: true });
        const emailed = input.sendEmail
          ? await queueRosterWelcomeEmails(tx, { cohortId, membershipIds: [...membershipIdByUser.values()], inviterName: ctx.user ? displayName(ctx.user) : null })
          : 0;

        await recordAudit(tx, ctx, {
          action: 'roster.imported',
          cohortId,
          summary: `Imported a roster of ${pluralize(preview.counts.total, 'row')}: ${joining.length} joined, ${updating.length} updated`,
          after: {
            accountsCreated: newRows.length,
            joined: joining.map((row) => ({ email: row.email, role: row.role, group: row.group })),
            updated: updating.map((row) => ({ email: row.email, role: row.role, group: row.group })),
            groupsCreated: plan.groupsToCreate,
          },
        });
        return {
          preview,
          emailed,
          accountsCreated: newRows.length,
          joined: joining.length,
          updated: updating.length,
          unchanged: preview.counts.unchanged,
          groupsCreated: plan.groupsToCreate,
        };
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', 'Someone changed this cohort’s people while the roster was importing. Preview it again, then import.');
    }
    throw error;
  }
}
