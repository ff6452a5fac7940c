import packageJson from '../../package.json';

/** The running release, as package.json names it. */
export const APP_VERSION: string = packageJson.version;
