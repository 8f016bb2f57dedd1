// Where a student's work on a lesson is kept: idb-keyval's default database and store, one key per
// lesson. The app reads and writes it (saved-work.ts); an exported page's small live script only looks
// whether there is any, to say so before the app loads (ui/export/assets.ts).
export const WORK_DB = { name: "keyval-store", store: "keyval" } as const;
export const workKey = (lesson: string) => `stepbook:work:${lesson}`;
