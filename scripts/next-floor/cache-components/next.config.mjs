// bench:floor's second fixture: Next with cacheComponents (partial prerendering).
const config = { cacheComponents: true };
export default config;
