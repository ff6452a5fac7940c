// Unknown /api/v1 paths answer JSON, like the rest of the API, rather than the HTML 404 page.
import { errorJson } from '@/server/api/rest';

function answerNotFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorJson('NOT_FOUND', `There is no API endpoint at ${request.method} ${pathname}.`);
}

export {
  answerNotFound as GET,
  answerNotFound as POST,
  answerNotFound as PUT,
  answerNotFound as PATCH,
  answerNotFound as DELETE,
};
