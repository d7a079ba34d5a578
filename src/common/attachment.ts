/** A Content-Disposition that downloads under this file name, any characters (RFC 5987: encodeURIComponent leaves ' ( ) * ! as they are, which the header may not hold). */
export const attachment = (name: string): string => `attachment; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
