import yazl from 'yazl';

/** The parts in one zip, every entry dated with the capture's time so the same capture always zips the same. */
export async function zipBundle(capturedAt: Date, files: Array<{ name: string; bytes: Buffer }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.bytes, file.name, { mtime: capturedAt, mode: 0o100444 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
