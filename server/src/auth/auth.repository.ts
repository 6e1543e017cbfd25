import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { AuthSessionEntity } from './entities/auth-session.entity.js';
import { UserEntity } from './entities/user.entity.js';

export interface UserWithDepartment extends UserEntity {
  departmentCode: string | null;
}

@Injectable()
export class AuthRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
  ) {}

  /** The user with the password hash, which is otherwise never selected. */
  findUserForLogin(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }

  async findUserWithDepartment(id: string): Promise<UserWithDepartment | null> {
    const user = await this.users.findOne({ where: { id }, relations: { department: true } });
    if (!user) return null;
    return Object.assign(user, { departmentCode: user.department?.code ?? null });
  }

  createSession(userId: string, tokenHash: Buffer, expiresAt: Date): Promise<AuthSessionEntity> {
    const now = new Date();
    return this.sessions.save(this.sessions.create({ userId, tokenHash, expiresAt, lastUsedAt: now }));
  }

  /** The live session for a token hash, with its (enabled) user. */
  async findSession(tokenHash: Buffer, now: Date): Promise<(AuthSessionEntity & { user: UserEntity }) | null> {
    const session = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.tokenHash = :tokenHash', { tokenHash })
      .andWhere('s.expiresAt > :now', { now })
      .andWhere('u.disabledAt IS NULL')
      .getOne();
    return (session as (AuthSessionEntity & { user: UserEntity }) | null) ?? null;
  }

  /** Sliding expiry, written at most once a minute per session to keep reads cheap. */
  async touchSession(id: string, now: Date, expiresAt: Date): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: now, expiresAt })
      .where('id = :id AND last_used_at < :threshold', { id, threshold: new Date(now.getTime() - 60_000) })
      .execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(now) });
  }
}
