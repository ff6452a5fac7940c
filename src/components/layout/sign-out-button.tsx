'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button-styles';

export function SignOutButton({ variant = 'secondary', size = 'sm' }: { variant?: 'secondary' | 'quiet'; size?: 'sm' | 'md' }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={buttonClasses(variant, size)}
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOut({ callbackUrl: '/' }).catch(() => setPending(false));
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
