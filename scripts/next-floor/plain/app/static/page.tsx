// Prerendered at build time: served from the build's output.
export default function StaticPage() {
  return <p>A static page.</p>;
}
