// GET /cohorts/<cohort>/applications/export.csv: every application with its answers, scores and
// comments, for the cohort's admins. Anyone else gets a plain 404.
import { cohortCsvRoute } from '@/server/http/cohort-csv-route';
import { exportApplicationsCsv } from '@/server/services/applications/review';

export const dynamic = 'force-dynamic';

export const GET = cohortCsvRoute({ permission: 'applications.manage', filename: 'applications.csv', build: exportApplicationsCsv });
