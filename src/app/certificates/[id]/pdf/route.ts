// GET /certificates/<id>/pdf: the certificate's PDF, for its holder and anyone they share the
// link with. A revoked certificate's PDF is gone (410), so an old copy of the link proves nothing.
import { systemContext } from '@/server/services/context';
import { findCertificatePdf } from '@/server/services/certificates/certificates';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const found = await findCertificatePdf(systemContext(), id);
  if (found === 'not-found') return text(404, 'No certificate has this id.\n');
  if (found === 'revoked') return text(410, 'This certificate was revoked. Its page says why.\n');
  const filename = `certificate-${found.holderName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'fellowship'}.pdf`;
  return new Response(new Uint8Array(found.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function text(status: number, body: string) {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
