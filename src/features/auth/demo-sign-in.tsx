import { buttonClasses } from '@/components/ui/button-styles';

const DEMO_ROLES = [
  { role: 'admin', label: 'Enter as the demo admin', hint: 'Runs the Demo cohort: people, groups and invitations.' },
  { role: 'facilitator', label: 'Enter as a demo facilitator', hint: 'Leads Group A and sees its fellows.' },
  { role: 'fellow', label: 'Enter as a demo fellow', hint: 'A fellow in Group A, doing this week’s readings.' },
] as const;

/** Plain forms: demo sign-in works before any script has loaded. */
export function DemoSignIn() {
  return (
    <section aria-labelledby="demo-heading" className="rounded-xl border border-warning/40 bg-warning-soft p-5">
      <h2 id="demo-heading" className="text-lg font-semibold">
        Look around as a demo person
      </h2>
      <p className="mt-1 text-[0.95rem]">
        This site runs in demo mode, so anyone can enter as one of the demo people without an email address. Everyone
        who does sees the same demo data: do not type anything private.
      </p>
      <ul className="mt-4 grid gap-3">
        {DEMO_ROLES.map(({ role, label, hint }) => (
          <li key={role}>
            <form method="post" action="/api/auth/demo">
              <input type="hidden" name="role" value={role} />
              <button type="submit" className={buttonClasses('secondary', 'md', 'w-full')} aria-describedby={`demo-${role}-hint`}>
                {label}
              </button>
            </form>
            <p id={`demo-${role}-hint`} className="mt-1 text-[0.9rem] text-muted">
              {hint}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
