'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FeedbackRegion, type Feedback } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { inputClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { displayName } from '@/lib/format';
import { Table } from '@/components/ui/table';

type Member = RouterOutputs['members']['list'][number];
type Group = RouterOutputs['members']['groups'][number];

const ROLE_LABELS = { FELLOW: 'Fellow', FACILITATOR: 'Facilitator' } as const;


export function MembersTable({
  cohort,
  initialMembers,
  groups,
  canManage,
}: {
  cohort: string;
  initialMembers: Member[];
  groups: Group[];
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.members.list.queryKey({ cohort });
  const members = useQuery({ ...trpc.members.list.queryOptions({ cohort }), initialData: initialMembers });
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  async function snapshot() {
    await queryClient.cancelQueries({ queryKey: listKey });
    return { previous: queryClient.getQueryData<Member[]>(listKey) };
  }
  function patch(membershipId: string, change: (member: Member) => Member | null) {
    queryClient.setQueryData<Member[]>(listKey, (rows) =>
      rows?.flatMap((row) => {
        if (row.id !== membershipId) return [row];
        const next = change(row);
        return next ? [next] : [];
      }),
    );
  }
  const rollback = (context: { previous?: Member[] } | undefined) => {
    if (context?.previous) queryClient.setQueryData(listKey, context.previous);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
  const nameOf = (membershipId: string) => {
    const member = queryClient.getQueryData<Member[]>(listKey)?.find((row) => row.id === membershipId);
    return member ? displayName(member.user) : 'This member';
  };
  const groupById = new Map(groups.map((group) => [group.id, group]));

  const moveToGroup = useMutation(
    trpc.members.moveToGroup.mutationOptions({
      onMutate: async (input) => {
        const context = await snapshot();
        const picked = input.groupIds.flatMap((id) => {
          const group = groupById.get(id);
          return group ? [{ id: group.id, name: group.name }] : [];
        });
        patch(input.membershipId, (member) =>
          member.role === 'FELLOW' ? { ...member, group: picked[0] ?? null } : { ...member, ledGroups: picked },
        );
        return context;
      },
      onError: (error, _input, context) => {
        rollback(context);
        setFeedback({ tone: 'error', text: errorMessage(error) });
      },
      onSuccess: (_result, input) => setFeedback({ tone: 'success', text: `${nameOf(input.membershipId)}: groups updated.` }),
      onSettled: refresh,
    }),
  );

  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onMutate: async (input) => {
        const context = await snapshot();
        patch(input.membershipId, (member) => ({ ...member, role: input.role }));
        return context;
      },
      onError: (error, _input, context) => {
        rollback(context);
        setFeedback({ tone: 'error', text: errorMessage(error) });
      },
      onSuccess: (_result, input) =>
        setFeedback({ tone: 'success', text: `${nameOf(input.membershipId)} is now a ${ROLE_LABELS[input.role].toLowerCase()}.` }),
      onSettled: refresh,
    }),
  );

  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onMutate: async (input) => {
        const context = await snapshot();
        const name = nameOf(input.membershipId);
        patch(input.membershipId, () => null);
        return { ...context, name };
      },
      onError: (error, _input, context) => {
        rollback(context);
        setFeedback({ tone: 'error', text: errorMessage(error) });
      },
      onSuccess: (_result, _input, context) =>
        setFeedback({ tone: 'success', text: `${context?.name ?? 'The member'} was removed from the cohort. Their account stays.` }),
      onSettled: refresh,
    }),
  );

  const rows = members.data ?? [];
  if (rows.length === 0) {
    return (
      <EmptyState title={canManage ? 'Nobody is in this cohort yet' : 'Nobody is in your group yet'}>
        {canManage
          ? 'Invite fellows and facilitators below; they join when they first sign in.'
          : 'An admin adds fellows to your group; they appear here when they join.'}
      </EmptyState>
    );
  }

  return (
    <div>
      <FeedbackRegion feedback={feedback} />
      <Table caption="Members of this cohort" minWidth="44rem" density="roomy" stickyFirstColumn columns={['Name', 'Role', 'Group', canManage && 'Actions']}>
        {rows.map((member) => {
          const name = displayName(member.user);
          return (
            <tr key={member.id}>
              <th scope="row" className="text-left font-normal">
                <span className="block font-semibold">{member.user.name ?? <span className="text-muted">No name yet</span>}</span>
                <span className="block break-all text-muted">{member.user.email}</span>
              </th>
              <td>
                <Badge tone={member.role === 'FACILITATOR' ? 'accent' : 'neutral'}>{ROLE_LABELS[member.role]}</Badge>
              </td>
              <td>
                {canManage ? (
                  member.role === 'FELLOW' ? (
                    <FellowGroupSelect
                      member={member}
                      groups={groups}
                      onChange={(groupId) => moveToGroup.mutate({ cohort, membershipId: member.id, groupIds: groupId ? [groupId] : [] })}
                    />
                  ) : (
                    <LedGroupsPicker
                      member={member}
                      groups={groups}
                      onChange={(groupIds) => moveToGroup.mutate({ cohort, membershipId: member.id, groupIds })}
                    />
                  )
                ) : (
                  <GroupNames member={member} />
                )}
              </td>
              {canManage ? (
                <td>
                  <div className="flex flex-wrap gap-2">
                    <ConfirmButton
                      variant="primary"
                      question={
                        member.role === 'FELLOW'
                          ? `Make ${name} a facilitator${member.group ? ` of ${member.group.name}` : ''}?`
                          : `Make ${name} a fellow${member.ledGroups[0] ? ` in ${member.ledGroups[0].name}` : ''}?`
                      }
                      confirmLabel="Change role"
                      pending={changeRole.isPending && changeRole.variables?.membershipId === member.id}
                      onConfirm={() =>
                        changeRole.mutate({
                          cohort,
                          membershipId: member.id,
                          role: member.role === 'FELLOW' ? 'FACILITATOR' : 'FELLOW',
                        })
                      }
                    >
                      {member.role === 'FELLOW' ? 'Make facilitator' : 'Make fellow'}
                      <span className="sr-only"> ({name})</span>
                    </ConfirmButton>
                    <ConfirmButton
                      question={`Remove ${name} from this cohort?`}
                      confirmLabel="Remove"
                      pending={remove.isPending && remove.variables?.membershipId === member.id}
                      onConfirm={() => remove.mutate({ cohort, membershipId: member.id })}
                    >
                      Remove<span className="sr-only"> {name}</span>
                    </ConfirmButton>
                  </div>
                </td>
              ) : null}
            </tr>
          );
        })}
      </Table>
    </div>
  );
}

function GroupNames({ member }: { member: Member }) {
  const names = member.role === 'FELLOW' ? (member.group ? [member.group.name] : []) : member.ledGroups.map((group) => group.name);
  if (names.length === 0) return <span className="text-muted">{member.role === 'FELLOW' ? 'No group yet' : 'Leads no group'}</span>;
  return <span>{member.role === 'FACILITATOR' ? `Leads ${names.join(', ')}` : names[0]}</span>;
}

function FellowGroupSelect({ member, groups, onChange }: { member: Member; groups: Group[]; onChange: (groupId: string | null) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Group of {displayName(member.user)}
      </label>
      <select
        id={id}
        value={member.group?.id ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        className={`${inputClasses} w-auto min-w-[10rem] py-1.5`}
      >
        <option value="">No group yet</option>
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** Checkboxes for the groups a facilitator leads, inside a disclosure so the row stays short. */
function LedGroupsPicker({ member, groups, onChange }: { member: Member; groups: Group[]; onChange: (groupIds: string[]) => void }) {
  const led = new Set(member.ledGroups.map((group) => group.id));
  const summary = member.ledGroups.length ? `Leads ${member.ledGroups.map((group) => group.name).join(', ')}` : 'Leads no group';
  return (
    <details className="group">
      <summary className="cursor-pointer rounded-md py-1">
        {summary}
        <span className="sr-only">: change the groups {displayName(member.user)} leads</span>
        <span aria-hidden="true" className="ml-1 inline-block text-muted transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <fieldset className="mt-2 space-y-1">
        <legend className="sr-only">Groups {displayName(member.user)} leads</legend>
        {groups.length === 0 ? <p className="text-muted">This cohort has no groups yet.</p> : null}
        {groups.map((group) => (
          <label key={group.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4 accent-[var(--accent)]"
              checked={led.has(group.id)}
              onChange={(event) => {
                const next = new Set(led);
                if (event.target.checked) next.add(group.id);
                else next.delete(group.id);
                onChange([...next]);
              }}
            />
            {group.name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
