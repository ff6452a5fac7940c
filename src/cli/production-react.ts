// Imported first by `npm start`'s launcher and the CLI: outside Next nothing sets NODE_ENV, and
// React then loads its development build, which renders emails several times slower (its JSX
// checks showed as the worker's largest cost). Tests and `npm run dev` keep what they set.
const env = process.env as Record<string, string | undefined>;
env.NODE_ENV ??= 'production';
