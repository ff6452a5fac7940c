// GET /cohorts/<cohort>/feedback/export.csv: every weekly check-in (week, group, facilitators,
// fellow, rating, comment), for the cohort's admins. Anyone else gets a plain 404.
import { cohortCsvRoute } from '@/server/http/cohort-csv-route';
import { exportFeedbackCsv } from '@/server/services/feedback/feedback-results';

export const dynamic = 'force-dynamic';

export const GET = cohortCsvRoute({ permission: 'feedback.view', filename: 'feedback.csv', build: exportFeedbackCsv });
