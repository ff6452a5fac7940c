'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button-styles';

const LABELS = { github: 'Continue with GitHub', google: 'Continue with Google' } as const;

export function OAuthSignInButtons({ providers, callbackUrl }: { providers: ('github' | 'google')[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <button
          key={provider}
          type="button"
          className={buttonClasses('secondary', 'md', 'w-full')}
          disabled={pending !== null}
          onClick={() => {
            setPending(provider);
            void signIn(provider, { callbackUrl });
          }}
        >
          {pending === provider ? 'Opening…' : LABELS[provider]}
        </button>
      ))}
    </div>
  );
}
