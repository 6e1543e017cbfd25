import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateUserRequestSchema, type CreateUserRequest, type User } from '@lagebild/shared';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<User[]> {
    return this.users.list(actor);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body({ schema: CreateUserRequestSchema }) body: CreateUserRequest): Promise<User> {
    return this.users.create(actor, body);
  }
}
