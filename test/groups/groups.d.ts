// Types of what the group files use from groups.js (plain JavaScript: jest.config.js reads it too).
/** The file URLs a group file (test/groups/<kind>.<n>.group.ts) imports, on the database its project set up. */
export declare function membersOf(groupFileUrl: string): string[];
