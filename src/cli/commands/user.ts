import { createUser } from '@/server/services/users/create-user';
import { defineCommand, UsageError, withSystem } from '../command';

export const userCreate = defineCommand<{ email: string; isAdmin: boolean }>({
  name: 'user create',
  synopsis: ['user create --email E --name N [--admin]'],
  summary: ['Create a user'],
  options: { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' } },
  run: ({ values }) => {
    if (typeof values.email !== 'string' || typeof values.name !== 'string') {
      throw new UsageError('user create needs --email and --name');
    }
    const input = { email: values.email, name: values.name, isAdmin: values.admin === true };
    return withSystem((ctx) => createUser(ctx, input));
  },
  print: (user) => `Created ${user.isAdmin ? 'admin ' : ''}${user.email}`,
});
