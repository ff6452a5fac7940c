import { Container } from '@/components/ui/container';
import { APP_VERSION } from '@/lib/app-version';

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line">
      <Container className="flex flex-wrap justify-between gap-2 py-6 text-sm text-muted">
        <p>Fellowship: readings, meetings and progress for reading-group fellowships.</p>
        <p>Version {APP_VERSION}</p>
      </Container>
    </footer>
  );
}
