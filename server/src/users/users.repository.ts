import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { User } from '@lagebild/shared';
import type { Repository } from 'typeorm';
import { DepartmentEntity } from '../atlas/entities/department.entity.js';
import { UserEntity } from '../auth/entities/user.entity.js';

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  isAdmin: boolean;
  departmentId: string | null;
}

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
  ) {}

  async list(): Promise<User[]> {
    const rows = await this.users.find({ relations: { department: true }, order: { displayName: 'ASC' } });
    return rows.map(toUser);
  }

  emailTaken(email: string): Promise<boolean> {
    return this.users.existsBy({ email });
  }

  async departmentId(code: string): Promise<string | null> {
    return (await this.departments.findOneBy({ code }))?.id ?? null;
  }

  async create(user: NewUser): Promise<User> {
    const saved = await this.users.save(this.users.create(user));
    const reloaded = await this.users.findOneOrFail({ where: { id: saved.id }, relations: { department: true } });
    return toUser(reloaded);
  }
}

function toUser(u: UserEntity): User {
  return { id: u.id, email: u.email, displayName: u.displayName, isAdmin: u.isAdmin, departmentCode: u.department?.code ?? null };
}
