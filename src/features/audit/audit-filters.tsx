// The audit log's filters: a plain GET form, so the filtered view lives in the address.
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { AUDIT_ACTIONS } from '@/lib/audit-actions';

type Value = { cohort?: string; action?: string; since?: string; until?: string };

export function AuditFilters({ cohorts, value, error, csvHref }: { cohorts: { slug: string; name: string }[]; value: Value; error: string | null; csvHref: string }) {
  return (
    <form method="get" className="grid grid-cols-1 gap-4 rounded-xl border border-line bg-surface p-5 sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <label htmlFor="audit-cohort" className="block font-medium">
          Cohort
        </label>
        <select id="audit-cohort" name="cohort" defaultValue={value.cohort ?? ''} className={`mt-1 ${inputClasses}`}>
          <option value="">All cohorts</option>
          {cohorts.map((cohort) => (
            <option key={cohort.slug} value={cohort.slug}>
              {cohort.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-action" className="block font-medium">
          Kind of change
        </label>
        <select id="audit-action" name="action" defaultValue={value.action ?? ''} className={`mt-1 ${inputClasses}`}>
          <option value="">All changes</option>
          {Object.entries(AUDIT_ACTIONS).map(([action, label]) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-since" className="block font-medium">
          From
        </label>
        <input id="audit-since" name="since" type="date" defaultValue={value.since ?? ''} className={`mt-1 ${inputClasses}`} />
      </div>
      <div>
        <label htmlFor="audit-until" className="block font-medium">
          To
        </label>
        <input id="audit-until" name="until" type="date" defaultValue={value.until ?? ''} className={`mt-1 ${inputClasses}`} />
      </div>
      {error ? (
        <div className="sm:col-span-2 lg:col-span-4">
          <Alert tone="error">These filters could not be read ({error}); showing everything instead.</Alert>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClasses('primary')}>
          Show
        </button>
        <a href="/admin/audit" className={buttonClasses('quiet')}>
          Clear filters
        </a>
        <a href={csvHref} download className={buttonClasses('secondary')}>
          Download CSV
        </a>
      </div>
    </form>
  );
}
