// Who is calling: the user and their account, and the teams they belong to (for visibility).
import type { User } from '#server/db/schema.ts';

export type Auth = {
  user: User;
  accountId: number;
  teamIds: number[];
  /** The token this call was made with (a signed-in session or an API token), for signing out. */
  tokenId: number;
};
