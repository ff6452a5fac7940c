// bench:floor's first fixture: Next as the app uses it (pages rendered per request).
const config = {};
export default config;
