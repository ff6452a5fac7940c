// `npm run build`: a production build that `npm start` will use without rebuilding.
import { buildApp } from './next-process';

process.exit(await buildApp());
