import { z } from './zod.js';

export const CreateUserRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(10, { error: 'Das Passwort muss mindestens 10 Zeichen lang sein.' }).max(1024),
  isAdmin: z.boolean().default(false),
  departmentCode: z.string().max(20).nullable().default(null),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;
