'use client';

import { buttonClasses } from '@/components/ui/button-styles';

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={`${buttonClasses('secondary')} print:hidden`}>
      Print
    </button>
  );
}
