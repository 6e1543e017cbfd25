import { z } from '../schemas/zod.js';
import { HexColorSchema } from './canvas.js';

/**
 * Awareness state of one client (y-protocols awareness, relayed and never stored). The server
 * overwrites `user.id` and `user.name` with the authenticated account, so a presence list
 * never shows a name someone typed in; `user.color` is chosen by the client.
 */
export const PresenceUserSchema = z.object({
  id: z.uuid(),
  name: z.string().max(200),
  color: HexColorSchema,
});
export type PresenceUser = z.infer<typeof PresenceUserSchema>;

export const PresenceStateSchema = z.object({
  user: PresenceUserSchema,
  /** Pointer on the map, WGS84. */
  cursor: z
    .object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
    .nullable()
    .optional(),
});
export type PresenceState = z.infer<typeof PresenceStateSchema>;

/** Largest awareness update the server relays (all states in one message). */
export const MAX_AWARENESS_UPDATE_BYTES = 32 * 1024;
