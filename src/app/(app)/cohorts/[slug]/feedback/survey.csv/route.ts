// GET /cohorts/<cohort>/feedback/survey.csv: every answer to the end-of-course survey (one row
// per fellow), for the cohort's admins. Anyone else gets a plain 404.
import { cohortCsvRoute } from '@/server/http/cohort-csv-route';
import { exportSurveyCsv } from '@/server/services/feedback/survey';

export const dynamic = 'force-dynamic';

export const GET = cohortCsvRoute({ permission: 'feedback.view', filename: 'survey.csv', build: exportSurveyCsv });
