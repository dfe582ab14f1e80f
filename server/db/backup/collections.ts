import type { mongo } from 'mongoose';

/** Every collection of the database (views and the server's own `system.` collections aside), by name. */
export async function collectionNames(db: mongo.Db): Promise<string[]> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  return collections
    .filter((collection) => collection.type !== 'view' && !collection.name.startsWith('system.'))
    .map((collection) => collection.name)
    .sort();
}
