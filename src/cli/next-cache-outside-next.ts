// Stands in for `next/cache` in the bundled CLI (npm run build:cli): outside a Next server
// there is no cache to fill or expire. invalidateCurriculum() treats the throw as "no cache
// here", as it does under tsx; cached loaders simply run.
export function revalidateTag(): never {
  throw new Error('There is no Next cache outside the app server.');
}

export function revalidatePath(): never {
  throw new Error('There is no Next cache outside the app server.');
}

export function unstable_cache<T extends (...args: never[]) => unknown>(load: T): T {
  return load;
}
