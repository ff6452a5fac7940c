// The demo people: one admin, two facilitators, twelve fellows. Shared by the seeding and the
// demo sign-in route (which must not import the seeding itself).

export type DemoUser = { email: string; name: string; isAdmin: boolean };

export const ADMIN: DemoUser = { email: 'admin@example.com', name: 'Ada Admin', isAdmin: true };

export const FACILITATORS: DemoUser[] = [
  { email: 'facilitator1@example.com', name: 'Farah Rahman', isAdmin: false },
  { email: 'facilitator2@example.com', name: 'Theo Brooks', isAdmin: false },
];

const FELLOW_NAMES = [
  'Priya Raman',
  'Marcus Chen',
  'Sofia Alvarez',
  'Jamal Okafor',
  'Emily Nguyen',
  'Daniel Kim',
  'Hannah Schmidt',
  'Omar Haddad',
  'Grace Liu',
  'Lucas Moreau',
  'Aisha Bello',
  'Noah Patel',
];

export const FELLOWS: DemoUser[] = FELLOW_NAMES.map((name, index) => ({
  email: `fellow${index + 1}@example.com`,
  name,
  isAdmin: false,
}));

export const DEMO_EMAILS = {
  admin: ADMIN.email,
  facilitators: FACILITATORS.map((user) => user.email),
  fellows: FELLOWS.map((user) => user.email),
} as const;
