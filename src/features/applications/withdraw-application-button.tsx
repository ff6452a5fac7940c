'use client';

// The applicant withdraws their application, after confirming once.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { errorMessage } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

export function WithdrawApplicationButton({ applicationId }: { applicationId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const withdraw = useMutation(trpc.applications.withdraw.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="mt-4">
      <ConfirmButton
        confirmLabel="Yes, withdraw it"
        question="Withdraw your application? The organisers will no longer consider it."
        pending={withdraw.isPending}
        variant="secondary"
        size="sm"
        onConfirm={() => withdraw.mutate({ applicationId })}
      >
        Withdraw my application
      </ConfirmButton>
      {withdraw.error ? (
        <p role="alert" className="mt-2 text-danger">
          {errorMessage(withdraw.error)}
        </p>
      ) : null}
    </div>
  );
}
