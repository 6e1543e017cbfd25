import { Injectable } from '@nestjs/common';
import type { CreateUserRequest, User } from '@lagebild/shared';
import { PasswordHasher } from '../auth/password-hasher.js';
import type { Actor } from '../common/auth/actor.js';
import { bilingual } from '../common/http/request-language.js';
import { AccessService } from '../workspaces/access.service.js';
import { UsersError } from './users.error.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(actor: Actor): Promise<User[]> {
    this.access.requireAdmin(actor);
    return this.repository.list();
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<User> {
    this.access.requireAdmin(actor);
    if (await this.repository.emailTaken(request.email))
      throw new UsersError(
        'EMAIL_TAKEN',
        bilingual('Für diese E-Mail-Adresse gibt es bereits ein Konto.', 'There is already an account for this email address.'),
      );
    let departmentId: string | null = null;
    if (request.departmentCode) {
      departmentId = await this.repository.departmentId(request.departmentCode);
      if (!departmentId)
        throw new UsersError(
          'DEPARTMENT_NOT_FOUND',
          bilingual(`Unbekanntes Amt: ${request.departmentCode}`, `Unknown department: ${request.departmentCode}`),
        );
    }
    return this.repository.create({
      email: request.email,
      displayName: request.displayName,
      passwordHash: await this.hasher.hash(request.password),
      isAdmin: request.isAdmin,
      departmentId,
    });
  }
}
