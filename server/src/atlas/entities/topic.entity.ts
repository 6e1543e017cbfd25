import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'topic' })
export class TopicEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ name: 'name_de', type: 'text' })
  nameDe!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;
}
