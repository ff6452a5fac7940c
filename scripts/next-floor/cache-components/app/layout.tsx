import type { ReactNode } from 'react';
import { FloorLayout } from '../../shared';

export default function RootLayout({ children }: { children: ReactNode }) {
  return <FloorLayout>{children}</FloorLayout>;
}
