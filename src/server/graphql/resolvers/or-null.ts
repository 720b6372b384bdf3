// A lookup that is not there answers null in GraphQL, as REST answers 404: an unknown name and
// another project's name look the same, so a query cannot learn what exists elsewhere.
import { StewardError } from '../../../errors/index.js';

export async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof StewardError && error.status === 404) return null;
    throw error;
  }
}
