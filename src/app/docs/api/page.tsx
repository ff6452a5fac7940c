import type { Metadata } from 'next';
import { Container } from '@/components/ui/container';
import { ApiReference } from '@/features/api-docs/api-reference';
import { buildOpenApiDocument } from '@/server/api/v1/openapi';

export const metadata: Metadata = { title: 'API reference' };

/** /docs/api: the /api/v1 reference, rendered from the OpenAPI document. Public. */
export default function ApiDocsPage() {
  return (
    <Container className="py-10 sm:py-14">
      <ApiReference document={buildOpenApiDocument()} />
    </Container>
  );
}
