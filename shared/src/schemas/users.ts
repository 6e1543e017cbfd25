import { z } from './zod.js';
import { validationMessage } from '../domain/validation-language.js';

export const CreateUserRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  displayName: z.string().trim().min(1).max(120),
  password: z
    .string()
    .min(10, { error: validationMessage('Das Passwort muss mindestens 10 Zeichen lang sein.', 'The password must be at least 10 characters long.') })
    .max(1024),
  isAdmin: z.boolean().default(false),
  departmentCode: z.string().max(20).nullable().default(null),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;
