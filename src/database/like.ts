/** A case-folded `%…%` LIKE pattern with the wildcards of the input escaped (use with ESCAPE '\'). */
export const likePattern = (text: string): string => `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
