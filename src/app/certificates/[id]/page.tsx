// The public page of a certificate: anyone with its link (an employer, a university) sees
// whether it is valid, and what it certifies. No sign-in; the id is 128 random bits.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { certificateLines } from '@/server/services/certificates/certificate-pdf';
import { findPublicCertificate } from '@/server/services/certificates/certificates';
import { systemContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const certificate = await findPublicCertificate(systemContext(), (await params).id);
  return { title: certificate ? `Certificate: ${certificate.holderName}` : 'Certificate not found', robots: { index: false } };
}

export default async function CertificatePage({ params }: Props) {
  const certificate = await findPublicCertificate(systemContext(), (await params).id);
  if (!certificate) notFound();
  const lines = certificateLines(certificate);
  const revoked = certificate.revokedAt !== null;
  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-2xl">
        <p className="text-[0.95rem] font-medium uppercase tracking-wide text-muted">Certificate check</p>
        <div className="mt-4">
          {revoked ? (
            <Alert tone="error" role="alert" title="This certificate was revoked">
              Revoked on {day.format(certificate.revokedAt!)}
              {certificate.revokedReason ? `: ${certificate.revokedReason.replace(/[.!?]*$/, '.')}` : '.'} It no longer certifies anything.
            </Alert>
          ) : (
            <Alert tone="success" role="status" title="This certificate is valid">
              Issued by Fellowship on {day.format(certificate.issuedAt)}, and not revoked.
            </Alert>
          )}
        </div>
        <section aria-labelledby="certificate-title" className={`mt-6 rounded-xl border-2 bg-surface p-6 text-center sm:p-10 ${revoked ? 'border-line opacity-70' : 'border-accent'}`}>
          <h1 id="certificate-title" className="text-xl font-bold tracking-wide text-accent-strong uppercase">
            {lines.title}
          </h1>
          <p className="mt-4 text-muted">{lines.lead}</p>
          <p className="mt-2 text-3xl font-bold break-words">{certificate.holderName}</p>
          <p className="mt-4 text-muted">{lines.action}</p>
          <p className="mt-2 text-xl font-semibold">{certificate.programme}</p>
          <p className="mt-1">{certificate.cohortName}</p>
          <p className="mt-3 text-[0.95rem] text-muted">{lines.detail}</p>
        </section>
        <dl className="mt-6 grid gap-1 text-[0.95rem] sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium">Certificate</dt>
          <dd className="font-mono break-all text-muted">{certificate.id}</dd>
          <dt className="font-medium">Issued</dt>
          <dd className="text-muted">{day.format(certificate.issuedAt)}</dd>
        </dl>
        {revoked ? null : (
          <p className="mt-6">
            <a href={`/certificates/${certificate.id}/pdf`} className={buttonClasses('secondary')} download>
              Download the PDF
            </a>
          </p>
        )}
      </div>
    </Container>
  );
}
