import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed log-in, counted by LoginThrottle against its address and its account. Shared by
 * every instance, so running several does not multiply the attempts an attacker gets. The key
 * is a hash, not the address or e-mail itself; rows older than the window are deleted.
 */
@Entity({ name: 'login_failure' })
@Index('IDX_login_failure_key_time', ['throttleKey', 'failedAt'])
@Index('IDX_login_failure_time', ['failedAt'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'throttle_key', type: 'bytea' })
  throttleKey!: Buffer;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;
}
