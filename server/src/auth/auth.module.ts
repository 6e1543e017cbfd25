import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { AuthSessionEntity } from './entities/auth-session.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AuthSessionEntity])],
  controllers: [AuthController],
  providers: [AuthService, AuthRepository, PasswordHasher, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, PasswordHasher],
})
export class AuthModule {}
